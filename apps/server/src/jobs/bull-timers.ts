import type { Timers } from '../usecases/ports.js';
import { noShowJobId } from './processors/no-show-timer.js';
import type { JobQueues } from './queues.js';

/** Timers on BullMQ: a no-show timer per call, keyed by the call's time so a recall re-arms it. */
export function createBullTimers(queues: JobQueues, noShowAfterMs: number): Timers {
  return {
    async scheduleNoShow(branchId, ticketId, calledAt) {
      await queues.add('no-show', { branchId, ticketId, calledAt }, { jobId: noShowJobId(branchId, ticketId, calledAt), delay: noShowAfterMs });
    },
  };
}
