import type { FinishedPress } from './branch-commands.js';

/** How often each node looks for presses left unfinished (a third of the age they are swept at). */
export const PENDING_PRESS_SWEEP_MS = 10_000;

/**
 * Finishes, on this node, staff presses whose follow-ups (event copy, no-show timer, audit entry)
 * nobody did: the node that committed one lost Redis's reply or died, and the panel never retried
 * (`BranchCommands.finishPending`). Every node runs it: presses are claimed one sweeper at a time
 * and finished idempotently, so there is no leader to elect. One sweep at a time on a node; the
 * returned stop resolves once a sweep under way has finished (before Redis and the database close).
 */
export function watchPendingPresses(
  finishPending: () => Promise<FinishedPress[]>,
  opts: { everyMs?: number; failed: (err: unknown) => void },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= finishPending()
      .then(() => undefined)
      .catch(opts.failed)
      .finally(() => (running = null));
  };
  const timer = setInterval(sweep, opts.everyMs ?? PENDING_PRESS_SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
