import type { BranchState } from '@tellerline/engine';
import type { Logger } from '../logger.js';

/**
 * Arms the no-show timer of one call to fire after `delayMs`. Must be idempotent per call (same
 * branch, ticket and call time): the BullMQ adapter uses the job id the command flow arms with,
 * so re-arming a timer that is pending, or that already fired, adds nothing.
 */
export type ArmNoShow = (call: { branchId: string; ticketId: string; calledAt: number }, delayMs: number) => Promise<void>;

/**
 * Re-arms the no-show timer of every ticket the state shows as called. The timers live in Redis
 * with the live state (BullMQ), so when Redis lost its data and the state was rebuilt from
 * PostgreSQL, a called customer who never comes would otherwise stay called for good. Each timer
 * keeps its original due time (the latest call + `noShowAfterMs`): one already due fires at once.
 * Returns how many were armed; a failure is logged, not thrown (the queue works without it).
 */
export async function rearmNoShows(
  state: BranchState,
  deps: { arm: ArmNoShow; noShowAfterMs: number; now: () => number; logger: Logger },
): Promise<number> {
  let armed = 0;
  for (const t of Object.values(state.tickets)) {
    if (t.status !== 'called') continue;
    // The no-show command acts only on the call that armed it: the latest call or recall.
    const calledAt = t.lastCalledAt ?? t.calledAt;
    if (calledAt === undefined) continue;
    const delayMs = Math.max(0, calledAt + deps.noShowAfterMs - deps.now());
    try {
      await deps.arm({ branchId: state.branchId, ticketId: t.id, calledAt }, delayMs);
      armed++;
    } catch (err) {
      deps.logger.error({ err, branchId: state.branchId, ticketId: t.id }, 'could not re-arm no-show timer');
    }
  }
  return armed;
}
