import {
  apply,
  DomainError,
  initialState,
  type BranchEvent,
  type BranchState,
  type Command,
} from '@tellerline/engine';
import type { LiveStateStore } from './live-state-store.js';

export interface ExecuteOptions {
  /** Commits retried after a version conflict before giving up. Default 20. */
  maxRetries?: number;
}

export interface ExecuteResult {
  /** The branch state after the command (as committed). */
  state: BranchState;
  /** The events the command produced, as appended to the branch stream. */
  events: BranchEvent[];
  /** Commits tried (1 = no conflict); worth a metric, since it measures contention on a branch. */
  attempts: number;
}

/**
 * Thrown when a branch stays too busy for a command to commit within `maxRetries` attempts.
 * Not a domain refusal: the command may simply be sent again.
 */
export class CommitContentionError extends Error {
  readonly code = 'COMMIT_CONTENTION';

  constructor(
    readonly branchId: string,
    readonly attempts: number,
  ) {
    super(`branch ${branchId} changed under ${attempts} attempts; try again`);
    this.name = 'CommitContentionError';
  }
}

/**
 * Runs one command against a branch's live state: load, `apply` (pure engine), compare-and-set
 * commit; on a version conflict, reload and decide again on the fresh state, so two counters
 * calling at the same instant never get the same ticket. `now` is read per attempt, so a retried
 * decision uses the time it is made at.
 *
 * A branch without live state accepts only `configure` (applied to `initialState`); anything else
 * throws `DomainError('BRANCH_NOT_CONFIGURED')`. Domain errors from the engine propagate unchanged
 * and write nothing. A command that yields no events writes nothing and returns the loaded state.
 */
export async function executeCommand(
  store: LiveStateStore,
  branchId: string,
  cmd: Command,
  now: () => number,
  opts: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const maxRetries = opts.maxRetries ?? 20;
  for (let attempt = 0; ; attempt++) {
    const loaded = await store.load(branchId);
    if (!loaded && cmd.type !== 'configure') {
      throw new DomainError('BRANCH_NOT_CONFIGURED', `branch ${branchId} is not configured`);
    }
    const current = loaded ?? initialState(branchId);
    const { state, events } = apply(current, cmd, now());
    if (events.length === 0) return { state: current, events, attempts: attempt };

    const result = await store.commit(branchId, current.seq, state, events);
    if (result.ok) return { state, events, attempts: attempt + 1 };
    if (attempt >= maxRetries) throw new CommitContentionError(branchId, attempt + 1);
    // The first retries go straight back (the winner is done already); later ones yield a little
    // so a crowd of contenders spreads out instead of colliding in lockstep.
    if (attempt >= 2) await sleep(Math.min(attempt - 1, 10));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
