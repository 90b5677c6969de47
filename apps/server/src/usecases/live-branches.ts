import { executeCommand, type LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import { eachLimited } from './each-limited.js';
import type { BranchDirectory, Clock, EventLog } from './ports.js';

/** Branches prepared at once at start-up: enough to hide round trips, few enough for the pools. */
export const START_CONCURRENCY = 8;

/**
 * Keeps Redis and PostgreSQL in step at start-up and after Redis loses data:
 * - Redis has nothing for a branch: rebuild today's state from PostgreSQL's events (or configure
 *   it afresh from the branch directory when there are none).
 * - Redis is ahead of PostgreSQL (a crash between commit and append): copy the missing events.
 */
export function createLiveBranches(deps: {
  store: LiveStateStore;
  eventLog: EventLog;
  directory: BranchDirectory;
  clock: Clock;
  logger: Logger;
  /**
   * Writes a rebuilt state for a branch that has none (true when written; false when another
   * node got there first). Not `store.commit`: a commit must append new events, a rebuild has none.
   */
}) {
  const { store, eventLog, directory, clock, logger } = deps;

  async function ensure(branchId: string): Promise<'live' | 'rebuilt' | 'configured' | 'unknown'> {
    const state = await store.load(branchId);
    if (state) {
      await catchUp(branchId, state.seq);
      return 'live';
    }
    const rebuilt = await eventLog.rebuildState(branchId);
    if (rebuilt) {
      if (await store.restore(branchId, rebuilt)) logger.warn({ branchId, seq: rebuilt.seq }, 'live state rebuilt from PostgreSQL');
      return 'rebuilt';
    }
    return (await configure(branchId)) ? 'configured' : 'unknown';
  }

  /** (Re)applies the branch's configuration from PostgreSQL to its live state. */
  async function configure(branchId: string): Promise<boolean> {
    const config = await directory.config(branchId);
    if (!config) return false;
    const { events } = await executeCommand(store, branchId, { type: 'configure', config }, () => clock.now());
    await eventLog.append(events);
    return true;
  }

  async function catchUp(branchId: string, liveSeq: number): Promise<void> {
    let from = await eventLog.lastSeq(branchId);
    while (from < liveSeq) {
      const batch = await store.readEvents(branchId, from, 500);
      if (batch.length === 0) break; // trimmed from the stream: nothing more we can copy
      await eventLog.append(batch);
      from = batch[batch.length - 1]!.seq;
    }
  }

  /** Every branch, a few at a time (each is independent: its own keys, its own events). */
  async function ensureAll(): Promise<void> {
    await eachLimited(await directory.list(), START_CONCURRENCY, (b) => ensure(b.id));
  }

  return { ensure, ensureAll, configure };
}

export type LiveBranches = ReturnType<typeof createLiveBranches>;
