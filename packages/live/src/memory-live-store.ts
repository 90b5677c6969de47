import type { BranchEvent, BranchState } from '@tellerline/engine';
import {
  assertClaimOptions,
  assertCommitInput,
  assertRestoreInput,
  type BranchCursors,
  type CommitResult,
  type LiveStateStore,
} from './live-state-store.js';
import { RECEIPT_TTL_SEC, type CommandReceipt, type PendingFollowUp } from './command-receipts.js';

export interface MemoryLiveStoreOptions {
  /** Events kept per branch stream (exactly; Redis trims approximately). Default 10,000. */
  maxLen?: number;
  /** How long a command receipt is kept (seconds). Default {@link RECEIPT_TTL_SEC} (15 min). */
  receiptTtlSec?: number;
  /** The clock receipts expire by (the simulator's may run fast). Default `Date.now`. */
  now?: () => number;
}

interface BranchRecord {
  seq: number;
  /** Serialized like in Redis, so callers never share objects with the store. */
  stateJson: string;
  /**
   * Serialized events with their seqs, oldest first. Gapless, except after a restore over a
   * stale state (the stream is kept, the next commit continues above the restored seq).
   */
  events: { seq: number; json: string }[];
}

interface Waiter {
  branchIds: ReadonlySet<string>;
  wake: () => void;
}

const DEFAULT_LIMIT = 1000;

/**
 * In-process {@link LiveStateStore} with the same semantics as the Redis adapter, for pure tests
 * and the simulator. Single-threaded JavaScript makes each method atomic: nothing awaits between
 * the version check and the write.
 */
export class MemoryLiveStore implements LiveStateStore {
  readonly #branches = new Map<string, BranchRecord>();
  readonly #waiters = new Set<Waiter>();
  readonly #maxLen: number;
  /** Per branch: command id -> receipt JSON and when it expires (ms). */
  readonly #receipts = new Map<string, Map<string, { json: string; expiresAt: number }>>();
  /** Per branch: command id -> follow-up note owed and when recorded or last claimed (ms); insertion order kept. */
  readonly #followUps = new Map<string, Map<string, { note: string; at: number }>>();
  readonly #receiptTtlMs: number;
  readonly #now: () => number;
  #closed = false;

  constructor(options: MemoryLiveStoreOptions = {}) {
    this.#maxLen = options.maxLen ?? 10_000;
    this.#receiptTtlMs = (options.receiptTtlSec ?? RECEIPT_TTL_SEC) * 1000;
    this.#now = options.now ?? Date.now;
  }

  async load(branchId: string): Promise<BranchState | null> {
    const record = this.#branches.get(branchId);
    return record ? (JSON.parse(record.stateJson) as BranchState) : null;
  }

  async commit(
    branchId: string,
    expectedSeq: number,
    state: BranchState,
    events: BranchEvent[],
    receipts: readonly CommandReceipt[] = [],
  ): Promise<CommitResult> {
    assertCommitInput(branchId, expectedSeq, state, events, receipts);
    const record = this.#branches.get(branchId);
    const currentSeq = record?.seq ?? 0;
    if (currentSeq !== expectedSeq) return { ok: false, reason: 'conflict', currentSeq };
    const known = this.#liveReceipts(branchId);
    const repeated = receipts.find((r) => known.has(r.commandId));
    if (repeated) return { ok: false, reason: 'known-command', commandId: repeated.commandId };

    const target = record ?? { seq: 0, stateJson: '', events: [] };
    target.seq = state.seq;
    target.stateJson = JSON.stringify(state);
    for (const event of events) target.events.push({ seq: event.seq, json: JSON.stringify(event) });
    const excess = target.events.length - this.#maxLen;
    if (excess > 0) target.events.splice(0, excess);
    this.#branches.set(branchId, target);
    const expiresAt = this.#now() + this.#receiptTtlMs;
    for (const r of receipts) known.set(r.commandId, { json: JSON.stringify(r), expiresAt });
    if (known.size > 0) this.#receipts.set(branchId, known);
    const owed = this.#followUps.get(branchId) ?? new Map<string, { note: string; at: number }>();
    for (const r of receipts) if (r.followUp !== undefined) owed.set(r.commandId, { note: r.followUp, at: this.#now() });
    if (owed.size > 0) this.#followUps.set(branchId, owed);
    this.#wake(branchId);
    return { ok: true };
  }

  async readReceipts(branchId: string, commandIds: readonly string[]): Promise<Map<string, CommandReceipt>> {
    const known = this.#liveReceipts(branchId);
    const found = new Map<string, CommandReceipt>();
    for (const id of commandIds) {
      const stored = known.get(id);
      if (stored) found.set(id, JSON.parse(stored.json) as CommandReceipt);
    }
    return found;
  }

  async claimFollowUps(branchId: string, opts: { olderThanMs: number; holdMs?: number; limit?: number }): Promise<PendingFollowUp[]> {
    const { olderThanMs, holdMs, limit } = assertClaimOptions(opts);
    const owed = this.#followUps.get(branchId);
    if (!owed || limit === 0) return [];
    const now = this.#now();
    const due = [...owed].filter(([, f]) => f.at <= now - olderThanMs).sort((a, b) => a[1].at - b[1].at).slice(0, limit);
    for (const [, f] of due) f.at = now + holdMs;
    return due.map(([commandId, f]) => ({ commandId, followUp: f.note }));
  }

  async settleFollowUps(branchId: string, commandIds: readonly string[]): Promise<void> {
    const owed = this.#followUps.get(branchId);
    for (const id of commandIds) owed?.delete(id);
  }

  async readEvents(branchId: string, afterSeq: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    return this.#read(branchId, afterSeq, limit);
  }

  async waitEvents(branchId: string, afterSeq: number, blockMs: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    const found = await this.waitEventsMany({ [branchId]: afterSeq }, blockMs, limit);
    return found[branchId] ?? [];
  }

  async waitEventsMany(
    cursors: BranchCursors,
    blockMs: number,
    limitPerBranch = DEFAULT_LIMIT,
  ): Promise<Record<string, BranchEvent[]>> {
    const collect = (): Record<string, BranchEvent[]> => {
      const found: Record<string, BranchEvent[]> = {};
      for (const [branchId, afterSeq] of Object.entries(cursors)) {
        const events = this.#read(branchId, afterSeq, limitPerBranch);
        if (events.length > 0) found[branchId] = events;
      }
      return found;
    };
    const now = collect();
    if (Object.keys(now).length > 0 || blockMs <= 0 || this.#closed) return now;

    await new Promise<void>((resolve) => {
      const waiter: Waiter = {
        branchIds: new Set(Object.keys(cursors)),
        wake: () => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, blockMs);
      this.#waiters.add(waiter);
    });
    return collect();
  }

  async restore(branchId: string, state: BranchState, expectedSeq = 0): Promise<boolean> {
    assertRestoreInput(branchId, state, expectedSeq);
    const record = this.#branches.get(branchId);
    const current = record?.stateJson ? record.seq : 0;
    if (current !== expectedSeq || (expectedSeq === 0 && record?.stateJson)) return false;
    // Over a stale state the stream stays (see the port); an orphaned one goes.
    const events = expectedSeq > 0 && record ? record.events : [];
    this.#branches.set(branchId, { seq: state.seq, stateJson: JSON.stringify(state), events });
    return true;
  }

  async deleteBranch(branchId: string): Promise<void> {
    this.#branches.delete(branchId);
    this.#receipts.delete(branchId);
    this.#followUps.delete(branchId);
  }

  async listBranches(): Promise<string[]> {
    return [...this.#branches.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of [...this.#waiters]) waiter.wake();
  }

  #read(branchId: string, afterSeq: number, limit: number): BranchEvent[] {
    const record = this.#branches.get(branchId);
    if (!record || limit <= 0) return [];
    // Binary search: the first event above afterSeq (events are in seq order).
    let start = 0;
    for (let end = record.events.length; start < end; ) {
      const mid = (start + end) >>> 1;
      if (record.events[mid]!.seq > afterSeq) end = mid;
      else start = mid + 1;
    }
    return record.events.slice(start, start + limit).map((e) => JSON.parse(e.json) as BranchEvent);
  }

  /** A branch's unexpired receipts (expired ones are dropped on the way, as Redis expires keys). */
  #liveReceipts(branchId: string): Map<string, { json: string; expiresAt: number }> {
    const known = this.#receipts.get(branchId) ?? new Map<string, { json: string; expiresAt: number }>();
    const now = this.#now();
    for (const [id, r] of known) if (r.expiresAt <= now) known.delete(id);
    return known;
  }

  #wake(branchId: string): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.branchIds.has(branchId)) waiter.wake();
    }
  }
}
