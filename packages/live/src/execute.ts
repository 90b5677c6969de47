import {
  apply,
  DomainError,
  initialState,
  type BranchEvent,
  type BranchState,
  type Command,
} from '@tellerline/engine';
import { CommandIdReusedError, type CommandReceipt, type KeyedCommand } from './command-receipts.js';
import type { LiveStateStore } from './live-state-store.js';

export interface ExecuteOptions {
  /** Commits retried after a version conflict before giving up. Default 20. */
  maxRetries?: number;
  /**
   * This process's last known state per branch. When given, the first attempt decides on the
   * cached state and skips the load (one round trip and a JSON parse fewer on the hot path); the
   * commit's version check still catches a stale copy, which is then reloaded. A refusal or a
   * no-op decided on a cached copy is re-checked on a fresh load before it is believed.
   */
  cache?: Map<string, BranchState>;
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
  const cache = opts.cache;
  for (let attempt = 0; ; attempt++) {
    const cached = attempt === 0 ? cache?.get(branchId) : undefined;
    const loaded = cached ?? (await store.load(branchId));
    if (!loaded && cmd.type !== 'configure') {
      throw new DomainError('BRANCH_NOT_CONFIGURED', `branch ${branchId} is not configured`);
    }
    const current = loaded ?? initialState(branchId);
    let decided: ReturnType<typeof apply>;
    try {
      decided = apply(current, cmd, now());
    } catch (err) {
      if (cached && err instanceof DomainError) continue; // maybe stale: decide again on a fresh load
      throw err;
    }
    const { state, events } = decided;
    if (events.length === 0) {
      if (cached) continue;
      return { state: current, events, attempts: attempt };
    }

    const result = await store.commit(branchId, current.seq, state, events);
    if (result.ok) {
      cache?.set(branchId, state);
      return { state, events, attempts: attempt + 1 };
    }
    cache?.delete(branchId);
    if (attempt >= maxRetries) throw new CommitContentionError(branchId, attempt + 1);
    // The first retries go straight back (the winner is done already); later ones yield a little
    // so a crowd of contenders spreads out instead of colliding in lockstep.
    if (attempt >= 2) await sleep(Math.min(attempt - 1, 10));
  }
}

/** One command's part of {@link executeCommands}: as if it had been committed on its own. */
export type GroupedResult =
  /** `before`: the state this command was decided on (what an audit entry reads the ticket's number from). */
  | { ok: true; state: BranchState; events: BranchEvent[]; before: BranchState }
  | { ok: false; error: unknown }
  /**
   * A keyed command whose id committed before: nothing was decided, this is the first answer, and
   * the first run's follow-up note when its key wrote one.
   */
  | { ok: 'replayed'; answer: string; followUp?: string };

/**
 * Several commands for one branch, decided one after the other and committed together: one
 * compare-and-set, one state write, however many commands. Each command sees the state the
 * previous ones left, exactly as if they had been run one by one in this order; its result
 * holds that state and its own events (`ok: false` with the engine's error when it was refused,
 * which writes nothing and does not stop the others). On a version conflict every command is
 * decided again on the fresh state. With `cache`, the first attempt decides on the cached state,
 * and a refusal or a no-op decided on it is re-checked on a fresh load, as in {@link executeCommand}.
 *
 * Keyed commands (a client's command id, {@link KeyedCommand}) run at most once per id while the
 * store keeps their receipt: the receipt is committed with the events, and an id that has one is
 * not decided again but answered `{ ok: 'replayed', answer, followUp }` (its first answer and the
 * follow-up note its key made), or refused with
 * {@link CommandIdReusedError} when the fingerprint differs. Only commits leave receipts: a
 * refused or no-op command changed nothing, so a retry of it is decided afresh.
 *
 * This is how a node serves a burst on one branch: commands that arrive while one is committing
 * are grouped instead of racing each other's commits (of N racing commits only one wins, so a
 * burst would cost O(N^2) decisions and state writes).
 */
export async function executeCommands(
  store: LiveStateStore,
  branchId: string,
  cmds: readonly (Command | KeyedCommand)[],
  now: () => number,
  opts: ExecuteOptions = {},
): Promise<GroupedResult[]> {
  const maxRetries = opts.maxRetries ?? 20;
  const cache = opts.cache;
  const items: KeyedCommand[] = cmds.map((c) => ('cmd' in c ? c : { cmd: c }));
  const ids = [...new Set(items.flatMap((i) => (i.key ? [i.key.commandId] : [])))];
  for (let attempt = 0; ; attempt++) {
    const cached = attempt === 0 ? cache?.get(branchId) : undefined;
    const loaded = cached ?? (await store.load(branchId));
    // Read after the state: a receipt not seen now can only be committed above the version decided on.
    const receipted = ids.length > 0 ? await store.readReceipts(branchId, ids) : new Map<string, CommandReceipt>();
    let configured = loaded !== null;
    const base = loaded ?? initialState(branchId);
    let current = base;
    let doubt = false;
    const results: GroupedResult[] = [];
    const events: BranchEvent[] = [];
    const receipts: CommandReceipt[] = [];
    for (const { cmd, key } of items) {
      const prior = key && receipted.get(key.commandId);
      if (key && prior) {
        results.push(
          prior.fingerprint === key.fingerprint
            ? { ok: 'replayed', answer: prior.answer, ...(prior.followUp !== undefined ? { followUp: prior.followUp } : {}) }
            : { ok: false, error: new CommandIdReusedError(key.commandId) },
        );
        continue;
      }
      if (!configured && cmd.type !== 'configure') {
        results.push({ ok: false, error: new DomainError('BRANCH_NOT_CONFIGURED', `branch ${branchId} is not configured`) });
        continue;
      }
      const before = current;
      try {
        const decided = apply(current, cmd, now());
        if (decided.events.length === 0) doubt = true;
        else {
          current = decided.state;
          configured = true;
          events.push(...decided.events);
          if (key) {
            // A second copy of the same press later in this group is answered from this one.
            const outcome = { state: current, events: decided.events };
            const receipt: CommandReceipt = { commandId: key.commandId, fingerprint: key.fingerprint, answer: key.answer(outcome) };
            if (key.followUp) receipt.followUp = key.followUp({ ...outcome, before });
            receipts.push(receipt);
            receipted.set(key.commandId, receipt);
          }
        }
        results.push({ ok: true, state: current, events: decided.events, before });
      } catch (error) {
        if (error instanceof DomainError) doubt = true;
        results.push({ ok: false, error });
      }
    }
    if (cached && doubt) continue; // maybe stale: decide again on a fresh load
    if (events.length === 0) return results;

    const result = await store.commit(branchId, base.seq, current, events, receipts);
    if (result.ok) {
      cache?.set(branchId, current);
      return results;
    }
    // A version conflict, or a receipt committed meanwhile (another node ran the same press):
    // either way reload, and the receipt read then answers the press.
    cache?.delete(branchId);
    if (attempt >= maxRetries) throw new CommitContentionError(branchId, attempt + 1);
    if (attempt >= 2) await sleep(Math.min(attempt - 1, 10));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
