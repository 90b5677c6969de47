import type { Timers } from '../usecases/ports.js';
import type { JobQueues } from './queues.js';

/** Timers on BullMQ: a no-show timer per call, keyed by the call's time so a recall re-arms it. */
export function createBullTimers(queues: JobQueues, noShowAfterMs: number): Timers {
  return {
    async scheduleNoShow(branchId, ticketId, calledAt) {
      // No ':' in the id: BullMQ refuses custom ids with ':' (other than its own 3-part repeat ids).
      await queues.add('no-show', { branchId, ticketId, calledAt }, { jobId: `no-show/${branchId}/${ticketId}/${calledAt}`, delay: noShowAfterMs });
    },
  };
}
