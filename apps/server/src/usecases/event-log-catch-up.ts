import type { BranchEvent } from '@tellerline/engine';
import type { LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import type { EventLog } from './ports.js';

/** A run of seqs, both ends included. */
export interface SeqRange {
  from: number;
  to: number;
}

/** What catch-up needs of the event log besides {@link EventLog}: where its holes are. */
export interface EventLogGaps {
  /**
   * The branch's seqs up to `toSeq` the log does not hold, oldest first. Seqs at or below the
   * latest checkpoint are never missing (a checkpoint is only written over a gapless log).
   */
  missingSeqs(branchId: string, toSeq: number): Promise<SeqRange[]>;
}

/** The stable code of the db package's `EventSeqConflictError` (this layer must not import it). */
export const EVENT_SEQ_CONFLICT = 'EVENT_SEQ_CONFLICT';

const COPY_BATCH = 500;

/**
 * Copies to PostgreSQL the events Redis committed but PostgreSQL lacks, wherever they are: at
 * start-up (a crash between commit and append) and, while running, after an append failed (a
 * short database outage). Looking for holes, not just at what lies above PostgreSQL's highest
 * seq, matters: commands that succeeded after the failed one are stored above the hole.
 *
 * A branch whose append failed is marked behind and retried with backoff (`firstRetryMs`,
 * doubling up to `maxRetryMs`) until its holes are filled, so the hole closes once the database
 * is back, without a restart. Events the Redis stream no longer holds (trimmed, or a restore
 * dropped them) cannot be copied: they are logged as lost, by seq, and left.
 */
export function createEventLogCatchUp(deps: {
  store: LiveStateStore;
  eventLog: EventLog & EventLogGaps;
  logger: Logger;
  /** How events are appended; the command flow passes its group commit, so one branch's appends stay in seq order. */
  append?: (events: BranchEvent[]) => Promise<void>;
  firstRetryMs?: number;
  maxRetryMs?: number;
}) {
  const { store, eventLog, logger } = deps;
  const append = deps.append ?? ((events: BranchEvent[]) => eventLog.append(events));
  const firstRetryMs = deps.firstRetryMs ?? 1_000;
  const maxRetryMs = deps.maxRetryMs ?? 60_000;

  /** Branches marked behind: up to which seq to check, failed attempts, the pending retry. */
  const behindBranches = new Map<string, { upTo: number; failures: number; timer: NodeJS.Timeout | null }>();
  let stopped = false;

  /**
   * Copies every event up to `upTo` that PostgreSQL lacks and the Redis stream still holds.
   * Throws when the database does (the caller retries); a conflicting event throws too
   * (EVENT_SEQ_CONFLICT: Redis and PostgreSQL disagree on a seq, nothing of that batch stored).
   */
  async function copyMissing(branchId: string, upTo: number): Promise<{ copied: number; lost: SeqRange[] }> {
    const gaps = await eventLog.missingSeqs(branchId, upTo);
    if (gaps.length === 0) return { copied: 0, lost: [] };
    logger.warn({ branchId, missing: describe(gaps), count: count(gaps) }, 'event log gap found: PostgreSQL lacks events Redis committed; copying them');
    let copied = 0;
    const lost: SeqRange[] = [];
    for (const gap of gaps) {
      let from = gap.from;
      while (from <= gap.to) {
        const batch = (await store.readEvents(branchId, from - 1, Math.min(COPY_BATCH, gap.to - from + 1))).filter((e) => e.seq <= gap.to);
        const first = batch[0]?.seq ?? gap.to + 1;
        // The stream starts above `from` (trimmed, or a restore started it afresh).
        if (first > from) lost.push({ from, to: first - 1 });
        if (batch.length === 0) break;
        await append(batch);
        copied += batch.length;
        from = batch.at(-1)!.seq + 1;
      }
    }
    if (copied > 0) logger.info({ branchId, copied, missing: describe(gaps) }, 'event log gap filled from the Redis stream');
    if (lost.length > 0) {
      logger.error(
        { branchId, lost: describe(lost), count: count(lost) },
        'events lost: committed in Redis but in neither PostgreSQL nor the Redis stream any more; rebuilds and the tickets projection lack them',
      );
    }
    return { copied, lost };
  }

  /**
   * An append of events up to `upToSeq` failed: check the branch again soon, and again with
   * backoff until it succeeds. Marking a branch that is already behind only widens the range.
   */
  function behind(branchId: string, upToSeq: number): void {
    if (stopped) return;
    const entry = behindBranches.get(branchId);
    if (entry) {
      entry.upTo = Math.max(entry.upTo, upToSeq);
      return;
    }
    behindBranches.set(branchId, { upTo: upToSeq, failures: 0, timer: null });
    schedule(branchId);
  }

  function schedule(branchId: string): void {
    const entry = behindBranches.get(branchId);
    if (!entry || stopped) return;
    const delay = Math.min(firstRetryMs * 2 ** entry.failures, maxRetryMs);
    entry.timer = setTimeout(() => void retry(branchId), delay);
    entry.timer.unref();
  }

  async function retry(branchId: string): Promise<void> {
    const entry = behindBranches.get(branchId);
    if (!entry || stopped) return;
    entry.timer = null;
    const upTo = entry.upTo;
    try {
      await copyMissing(branchId, upTo);
    } catch (err) {
      entry.failures++;
      const conflict = (err as { code?: unknown }).code === EVENT_SEQ_CONFLICT;
      // A conflict does not go away by itself: an operator must choose between the two histories.
      // Until then the events stay in the Redis stream and this keeps saying so.
      if (conflict) logger.error({ err, branchId }, 'event log conflict: PostgreSQL holds other events at seqs Redis committed; not copied, will retry');
      else logger.warn({ err, branchId, failures: entry.failures }, 'event log still behind; will retry');
      schedule(branchId);
      return;
    }
    // Marked again meanwhile (another append failed): go again, promptly.
    if (entry.upTo !== upTo) {
      entry.failures = 0;
      schedule(branchId);
      return;
    }
    behindBranches.delete(branchId);
  }

  /** Branches waiting for a retry, for tests and diagnostics. */
  function pending(): string[] {
    return [...behindBranches.keys()];
  }

  function stop(): void {
    stopped = true;
    for (const entry of behindBranches.values()) if (entry.timer) clearTimeout(entry.timer);
    behindBranches.clear();
  }

  return { copyMissing, behind, pending, stop };
}

export type EventLogCatchUp = ReturnType<typeof createEventLogCatchUp>;

const count = (ranges: SeqRange[]) => ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
const describe = (ranges: SeqRange[]) => ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
