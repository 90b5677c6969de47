import type { Clock, Timers } from '../usecases/ports.js';
import { createNoShowArming, noShowJobId } from './processors/no-show-timer.js';
import type { JobQueues } from './queues.js';

/** Timers on BullMQ: a no-show timer per call, keyed by the call's time so a recall re-arms it. */
export function createBullTimers(queues: JobQueues, noShowAfterMs: number, clock: Clock): Timers {
  const arm = createNoShowArming(queues);
  return {
    async scheduleNoShow(branchId, ticketId, calledAt) {
      await queues.add('no-show', { branchId, ticketId, calledAt }, { jobId: noShowJobId(branchId, ticketId, calledAt), delay: noShowAfterMs });
    },
    async rearmNoShow(branchId, ticketId, calledAt) {
      // What is left of the call's period: a timer armed late is not a full period late too.
      await arm({ branchId, ticketId, calledAt }, Math.max(0, calledAt + noShowAfterMs - clock.now()));
    },
  };
}
