import type { Logger } from './logger.js';

/** A step of a stopping node: stop taking work, drain, close an adapter. */
export type StopStep = () => Promise<void>;

/**
 * How long the steps that may wait on Redis or on clients (draining sockets and jobs, closing
 * Redis connections and queues) may take together before the rest run anyway. Below main.ts's
 * 15 s force-exit, with room left for the steps that must finish.
 */
export const STOP_BUDGET_MS = 9000;

const mustFinish = new WeakSet<StopStep>();

/**
 * Marks a step that runs to its end whatever came before it: closing the embedded database,
 * releasing its folder, stopping the local redis-server. Why: a Redis that died first (Ctrl-C
 * reaches a terminal's whole process group) left the Redis steps waiting until the force-exit,
 * which ended the process with PGlite still open; the next start could then spin in PGlite for
 * good, deaf to everything (seen by a reviewer after a restart).
 */
export function mustFinishStep(step: StopStep): StopStep {
  mustFinish.add(step);
  return step;
}

/**
 * Runs the steps in order. Each one waits for the one before, but once the budget is spent the
 * remaining ordinary steps are still started and not waited for, so the steps marked with
 * `mustFinishStep` always run, and to their end. A step that fails or overruns is logged, never fatal.
 */
export async function runStopSteps(steps: readonly StopStep[], logger: Logger, budgetMs = STOP_BUDGET_MS): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (const step of steps) {
    const run = Promise.resolve()
      .then(step)
      .catch((err: unknown) => logger.error({ err }, 'stop step failed'));
    if (mustFinish.has(step)) {
      await run;
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const overran = await Promise.race([
      run.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()));
      }),
    ]);
    clearTimeout(timer);
    if (overran) logger.warn('a stop step did not finish in time (Redis or a client not answering); going on so the database closes cleanly');
  }
}
