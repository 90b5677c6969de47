import type { ArmNoShow } from '../../usecases/no-show-rearm.js';
import type { JobQueues } from '../queues.js';

/**
 * The id of the no-show job of one call. It must stay the id `bull-timers.ts` arms a call with:
 * re-arming at start-up then finds the job the call armed (pending or finished) and adds nothing.
 * No ':' in it: BullMQ refuses custom ids with ':' (other than its own 3-part repeat ids).
 */
export function noShowJobId(branchId: string, ticketId: string, calledAt: number): string {
  return `no-show/${branchId}/${ticketId}/${calledAt}`;
}

/**
 * {@link ArmNoShow} on BullMQ: the delay is what is left of the call's period (0 fires at once).
 * A job of this call that failed for good (its retries spent while Redis or PostgreSQL was down)
 * would keep the id taken and the new one unadded, leaving the customer called for good: it is
 * removed first. A pending or completed one is left alone (adding then adds nothing).
 */
export function createNoShowArming(queues: JobQueues): ArmNoShow {
  return async (call, delayMs) => {
    const jobId = noShowJobId(call.branchId, call.ticketId, call.calledAt);
    const old = await queues.queue.getJob(jobId);
    if (old && (await old.isFailed())) await old.remove();
    await queues.add('no-show', call, { jobId, delay: delayMs });
  };
}
