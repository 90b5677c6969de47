import type { BranchEvent, BranchState } from '@tellerline/engine';
import type { CommandReceipt, PendingFollowUp } from './command-receipts.js';

/**
 * Outcome of {@link LiveStateStore.commit}. A refusal writes nothing: 'conflict' when the version
 * moved, 'known-command' when a receipt with one of the given command ids is already stored.
 */
export type CommitResult =
  | { ok: true }
  | { ok: false; reason: 'conflict'; currentSeq: number }
  | { ok: false; reason: 'known-command'; commandId: string };

/** How long a claimed follow-up is kept from other claimants by default: ample time to finish one. */
export const FOLLOW_UP_HOLD_MS = 60_000;

/** Per-branch read positions for {@link LiveStateStore.waitEventsMany}: branchId -> last seq seen. */
export type BranchCursors = Record<string, number>;

/**
 * Live state of every branch: the current {@link BranchState} plus the branch's event stream.
 *
 * What every adapter guarantees (checked by `test/live-state-store.contract.ts`):
 *
 * - **Versioning.** A branch's version is `state.seq`, the seq of the last event applied; an absent
 *   branch has version 0. Event seqs are per branch, gapless and start at 1.
 * - **Atomic compare-and-set per branch.** {@link commit} checks the version, writes the state and
 *   appends the events as one indivisible step: readers never see the state without its events or
 *   the reverse, and of two commits racing from the same version exactly one succeeds. A conflict
 *   (or a thrown error) leaves state and stream untouched.
 * - **Ordering.** The stream holds events in seq order; reads return them oldest first. Stream ids
 *   are `${seq}-0`, so a consumer can resume from the seq it last saw.
 * - **Bounded history.** The stream keeps at least the most recent `maxLen` events of a branch
 *   (adapter option); older ones may be trimmed. PostgreSQL is the system of record for history.
 * - **Isolation of values.** Adapters store serialized copies (JSON): mutating an object after
 *   `commit` or after `load` does not change what is stored.
 * - **Branches do not share keys**, so branches never contend with each other (and shard in Redis
 *   Cluster by the `{b:<branchId>}` hash tag).
 * - **Command receipts.** A commit may carry receipts of keyed commands (client command ids); they
 *   are written in the same indivisible step as the events, so a command that committed always
 *   has its receipt, even when its answer never reached the client. A receipt is kept for the
 *   adapter's `receiptTtlSec` (default {@link RECEIPT_TTL_SEC}, 15 min) and then forgotten. A commit
 *   carrying a command id that already has a receipt writes nothing ('known-command'), so one id
 *   commits at most once while its receipt is kept, whichever node sends it.
 * - **Follow-ups owed.** A receipt with a follow-up note is also recorded as pending, in the same
 *   step, without the receipt's TTL: {@link claimFollowUps} hands it out (to one claimant at a
 *   time) until {@link settleFollowUps} removes it, so the work a command owes after its commit is
 *   found even when the node that committed it lost the reply or died and nobody retried.
 */
export interface LiveStateStore {
  /** Current state of a branch, or null if the branch has no live state. */
  load(branchId: string): Promise<BranchState | null>;

  /**
   * Atomically: if the stored state's seq equals `expectedSeq` (0 = absent), write `state` and
   * append `events` to the branch stream (ids = `${seq}-0`).
   *
   * Preconditions (a violation throws `RangeError` before anything is written): `events` is not
   * empty, their seqs run gapless from `expectedSeq + 1`, `state.seq` is the last event's seq, and
   * `state.branchId` and every `event.branchId` equal `branchId`.
   *
   * `receipts` (distinct command ids) are stored with the commit, each kept `receiptTtlSec`.
   *
   * @returns `{ ok: true }`, or `{ ok: false, reason: 'conflict', currentSeq }` when the stored
   *   version differs, or `{ ok: false, reason: 'known-command', commandId }` when one of the
   *   receipts' ids is stored already (nothing written either way; reload and retry).
   */
  commit(branchId: string, expectedSeq: number, state: BranchState, events: BranchEvent[], receipts?: readonly CommandReceipt[]): Promise<CommitResult>;

  /**
   * The stored receipts among `commandIds` (absent ones are left out). Read after the state it is
   * checked against: a receipt not seen then can only be committed later, at a higher version.
   */
  readReceipts(branchId: string, commandIds: readonly string[]): Promise<Map<string, CommandReceipt>>;

  /**
   * Pending follow-ups of the branch recorded at least `olderThanMs` ago (by the store's clock,
   * one for every node), oldest first, at most `limit` (default 100). Each one returned is
   * claimed: stamped as if recorded `holdMs` (default {@link FOLLOW_UP_HOLD_MS}) from now, so no
   * caller gets it again before then (a claimant that died leaves it to the next one after).
   * Settled ones are never returned.
   */
  claimFollowUps(branchId: string, opts: { olderThanMs: number; holdMs?: number; limit?: number }): Promise<PendingFollowUp[]>;

  /** Removes these command ids' pending follow-ups (done); unknown ids are ignored. */
  settleFollowUps(branchId: string, commandIds: readonly string[]): Promise<void>;

  /** Events with seq > afterSeq, oldest first, at most `limit` (default 1000). */
  readEvents(branchId: string, afterSeq: number, limit?: number): Promise<BranchEvent[]>;

  /**
   * Blocking tail for fan-out: resolves with events after `afterSeq` (oldest first, at most
   * `limit`, default 1000) as soon as some exist, or `[]` after `blockMs`. `blockMs <= 0` does not
   * block. Concurrent waits do not delay each other or other calls on the store.
   */
  waitEvents(branchId: string, afterSeq: number, blockMs: number, limit?: number): Promise<BranchEvent[]>;

  /**
   * Multi-branch tail for fan-out with many branches (one XREAD over all streams in Redis):
   * resolves as soon as any cursor's branch has events after its seq, with those events keyed by
   * branchId (branches without new events are absent; at most `limitPerBranch` each, default
   * 1000), or `{}` after `blockMs`. `blockMs <= 0` does not block.
   */
  waitEventsMany(cursors: BranchCursors, blockMs: number, limitPerBranch?: number): Promise<Record<string, BranchEvent[]>>;

  /**
   * Puts a rebuilt state (from PostgreSQL) in place without appending events: the rebuilt history
   * is already stored. Afterwards commits continue from `state.seq`.
   *
   * - `expectedSeq` 0 (the default): only into a branch that has no live state. Returns false,
   *   writing nothing, if the branch has state (another node restored it first). An event stream
   *   left without its state is dropped, since its ids could collide with the next commit's.
   * - `expectedSeq` > 0: replaces a live state that is behind PostgreSQL (Redis came back from an
   *   older snapshot), only if its seq is still `expectedSeq` (false, writing nothing, otherwise:
   *   a commit or another node moved it). `state.seq` must be above `expectedSeq` (`RangeError`
   *   otherwise). The stream is kept: its ids are all below `state.seq`, so they cannot collide,
   *   and it may hold events PostgreSQL lacks. Readers see a seq gap, as after any rebuild.
   */
  restore(branchId: string, state: BranchState, expectedSeq?: number): Promise<boolean>;

  /** Removes a branch's live keys (state, stream, receipts, pending follow-ups, membership in the branch list). For tests and rebuilds. */
  deleteBranch(branchId: string): Promise<void>;

  /**
   * Branch ids with live state (for fan-out discovery), in no particular order. A branch is
   * listed before its first commit lands, so fan-out never misses one; a branch whose creating
   * commit failed may be listed with no state (its stream is simply empty).
   */
  listBranches(): Promise<string[]>;

  /**
   * Releases what the adapter itself opened (e.g. dedicated blocking connections); pending waits
   * resolve empty. Clients passed in by the caller are left open.
   */
  close(): Promise<void>;
}

/** Checks {@link LiveStateStore.claimFollowUps}' options, the same way in every adapter. */
export function assertClaimOptions(opts: { olderThanMs: number; holdMs?: number; limit?: number }): { olderThanMs: number; holdMs: number; limit: number } {
  const { olderThanMs, holdMs = FOLLOW_UP_HOLD_MS, limit = 100 } = opts;
  for (const [name, v] of [['olderThanMs', olderThanMs], ['holdMs', holdMs], ['limit', limit]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  return { olderThanMs, holdMs, limit };
}

/** Checks the {@link LiveStateStore.restore} preconditions, as {@link assertCommitInput} does for commits. */
export function assertRestoreInput(branchId: string, state: BranchState, expectedSeq: number): void {
  if (state.branchId !== branchId) throw new RangeError('state belongs to another branch');
  if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 0) {
    throw new RangeError(`expectedSeq must be a non-negative integer, got ${expectedSeq}`);
  }
  if (expectedSeq > 0 && state.seq <= expectedSeq) {
    throw new RangeError(`a replacing state must be ahead of the live one: ${state.seq} <= ${expectedSeq}`);
  }
}

/**
 * Checks the {@link LiveStateStore.commit} preconditions so every adapter refuses the same
 * programming errors the same way, before any I/O.
 */
export function assertCommitInput(
  branchId: string,
  expectedSeq: number,
  state: BranchState,
  events: readonly BranchEvent[],
  receipts: readonly CommandReceipt[] = [],
): void {
  if (new Set(receipts.map((r) => r.commandId)).size !== receipts.length) throw new RangeError('receipts must have distinct command ids');
  if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 0) {
    throw new RangeError(`expectedSeq must be a non-negative integer, got ${expectedSeq}`);
  }
  if (events.length === 0) throw new RangeError('commit needs at least one event');
  if (state.branchId !== branchId) {
    throw new RangeError(`state.branchId ${state.branchId} does not match branch ${branchId}`);
  }
  events.forEach((event, i) => {
    if (event.seq !== expectedSeq + 1 + i) {
      throw new RangeError(`event seqs must run gapless from ${expectedSeq + 1}; got ${event.seq} at index ${i}`);
    }
    if (event.branchId !== branchId) {
      throw new RangeError(`event.branchId ${event.branchId} does not match branch ${branchId}`);
    }
  });
  const lastSeq = expectedSeq + events.length;
  if (state.seq !== lastSeq) throw new RangeError(`state.seq ${state.seq} must equal the last event seq ${lastSeq}`);
}
