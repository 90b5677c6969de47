import type { Clock, Timers } from '../usecases/ports.js';
import { noShowJobId } from './processors/no-show-timer.js';
import type { JobQueues } from './queues.js';

/** Timers on BullMQ: a no-show timer per call, keyed by the call's time so a recall re-arms it. */
export function createBullTimers(queues: JobQueues, noShowAfterMs: number, clock: Clock): Timers {
  return {
    async scheduleNoShow(branchId, ticketId, calledAt) {
      // Counted from the call: a timer armed late (a retried press finishing its first run) is not
      // a full period late too.
      const delay = Math.max(0, calledAt + noShowAfterMs - clock.now());
      await queues.add('no-show', { branchId, ticketId, calledAt }, { jobId: noShowJobId(branchId, ticketId, calledAt), delay });
    },
  };
}
