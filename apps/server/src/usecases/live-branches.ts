import type { BranchState } from '@tellerline/engine';
import { executeCommand, type LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import { eachLimited } from './each-limited.js';
import { opens } from './reconfigure.js';
import type { EventLogCatchUp, EventLogGaps } from './event-log-catch-up.js';
import type { BranchDirectory, Clock, EventLog } from './ports.js';

/** Branches prepared at once at start-up: enough to hide round trips, few enough for the pools. */
export const START_CONCURRENCY = 8;

/** Rounds of ensure() when other nodes keep moving the branch between our read and our write. */
const ENSURE_ATTEMPTS = 5;

/**
 * Keeps Redis and PostgreSQL in step at start-up and after Redis loses data:
 * - Redis has nothing for a branch: rebuild today's state from PostgreSQL's events (or configure
 *   it afresh from the branch directory when there are none).
 * - Redis is behind PostgreSQL (restored from an older snapshot, lost the tail of its AOF): its
 *   state would number new events with seqs PostgreSQL already holds. PostgreSQL is the system of
 *   record: rebuild from it, as when Redis has nothing.
 * - PostgreSQL lacks events Redis has (a crash between commit and append, an append that failed
 *   while the database was down): copy them, holes below PostgreSQL's highest seq included.
 * Then re-arm the no-show timers of called tickets (BullMQ lives in the same Redis).
 */
export function createLiveBranches(deps: {
  store: LiveStateStore;
  eventLog: EventLog & EventLogGaps;
  directory: BranchDirectory;
  clock: Clock;
  logger: Logger;
  catchUp: EventLogCatchUp;
  /** Re-arms the no-show timers of the state's called tickets (see `rearmNoShows`). */
  rearmNoShows: (state: BranchState) => Promise<unknown>;
}) {
  const { store, eventLog, directory, clock, logger, catchUp, rearmNoShows } = deps;

  async function ensure(branchId: string): Promise<'live' | 'rebuilt' | 'configured' | 'unknown'> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await ensureOnce(branchId);
      if (outcome !== 'moved') return outcome;
      if (attempt >= ENSURE_ATTEMPTS) throw new Error(`branch ${branchId} kept changing while its live state was being checked`);
    }
  }

  /** One round; 'moved' when another node changed the branch between our read and our write. */
  async function ensureOnce(branchId: string): Promise<'live' | 'rebuilt' | 'configured' | 'unknown' | 'moved'> {
    const state = await store.load(branchId);
    if (state) {
      const storedSeq = await eventLog.lastSeq(branchId);
      if (storedSeq > state.seq) return replaceStale(branchId, state, storedSeq);
      await copyMissing(branchId, state.seq);
      await rearmNoShows(state);
      return 'live';
    }
    // The state hash may be gone with its stream left (restore drops that stream): first copy
    // what the stream has that PostgreSQL lacks.
    const storedSeq = await eventLog.lastSeq(branchId);
    const orphaned = (await store.readEvents(branchId, storedSeq, 10_000)).at(-1)?.seq ?? storedSeq;
    await copyMissing(branchId, orphaned);
    const rebuilt = await eventLog.rebuildState(branchId);
    if (rebuilt) {
      if (!(await store.restore(branchId, rebuilt))) return 'moved';
      logger.warn({ branchId, seq: rebuilt.seq }, 'live state rebuilt from PostgreSQL');
      await rearmNoShows(rebuilt);
      return 'rebuilt';
    }
    return (await configure(branchId)) ? 'configured' : 'unknown';
  }

  /**
   * Redis holds an older state than PostgreSQL. First copy what the old stream has that
   * PostgreSQL lacks (holes below the old seq), then put PostgreSQL's state in place, only if
   * the live state is still the one we read (`restore` over `state.seq`).
   */
  async function replaceStale(branchId: string, state: BranchState, storedSeq: number): Promise<'live' | 'rebuilt' | 'moved'> {
    await copyMissing(branchId, state.seq);
    const rebuilt = await eventLog.rebuildState(branchId);
    if (!rebuilt || rebuilt.seq <= state.seq) {
      // PostgreSQL's events do not fold past the live seq (cannot happen with a consistent log):
      // leave the live state alone rather than replace it with something not ahead of it.
      logger.error({ branchId, redisSeq: state.seq, postgresSeq: storedSeq, rebuiltSeq: rebuilt?.seq ?? 0 }, 'Redis is behind PostgreSQL but the rebuild is not ahead of it; live state kept');
      return 'live';
    }
    if (!(await store.restore(branchId, rebuilt, state.seq))) return 'moved';
    logger.warn(
      { branchId, redisSeq: state.seq, postgresSeq: storedSeq },
      'Redis was behind PostgreSQL (restored from an older snapshot?): live state rebuilt from PostgreSQL',
    );
    await rearmNoShows(rebuilt);
    return 'rebuilt';
  }

  /**
   * Start-up catch-up. It does not fail the start: a branch it could not finish is handed to the
   * retries, which keep at it with backoff (and log why).
   */
  async function copyMissing(branchId: string, upTo: number): Promise<void> {
    try {
      await catchUp.copyMissing(branchId, upTo);
    } catch (err) {
      logger.error({ err, branchId }, 'event log catch-up failed at start-up; will retry');
      catchUp.behind(branchId, upTo);
    }
  }

  /**
   * (Re)applies the branch's configuration from PostgreSQL to its live state. False when there is
   * no such branch, or it is not open yet: a branch set up without a service has no live state.
   */
  async function configure(branchId: string): Promise<boolean> {
    const config = await directory.config(branchId);
    if (!config || !(await opens(config, (id) => store.load(id)))) return false;
    const { events } = await executeCommand(store, branchId, { type: 'configure', config }, () => clock.now());
    await eventLog.append(events);
    return true;
  }

  /** Every branch, a few at a time (each is independent: its own keys, its own events). */
  async function ensureAll(): Promise<void> {
    await eachLimited(await directory.list(), START_CONCURRENCY, (b) => ensure(b.id));
  }

  return { ensure, ensureAll, configure };
}

export type LiveBranches = ReturnType<typeof createLiveBranches>;
