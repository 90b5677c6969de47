import { DomainError } from '@tellerline/engine';
import type { BranchState } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { Actor } from './branch-commands.js';
import type { SignOffGrace } from './sign-off-grace.js';

/** Who signs off a counter whose session ended, in the audit log (no person pressed anything). */
export const SESSION_ENDED: Actor = { userId: null, role: 'system:session-ended', ip: null, userAgent: null };

/** How often the scheduler looks for counters nobody is signed in to any more. */
export const UNATTENDED_SWEEP_MS = 60_000;

export interface UnattendedCounterDeps {
  branchIds: () => Promise<string[]>;
  liveState: (branchId: string) => Promise<BranchState | null>;
  /** Whether the staff member has a live session anywhere (any node, any client). */
  hasLiveSession: (staffId: string, now: number) => Promise<boolean>;
  signOff: (branchId: string, staffId: string) => Promise<void>;
  now: () => number;
  logger: Logger;
  /** After Redis lost the sessions: nobody is signed off until staff had the time to sign in again. */
  grace?: Pick<SignOffGrace, 'holds'>;
}

/**
 * Signs off staff who are still at a counter with no live session left: their session timed out
 * after they closed the panel, used only the API, or the node that watched their panel restarted.
 * Routing counts on everyone signed on (who calls next, who keeps a booked slot, the wait
 * estimates), so a counter nobody sits at must not stay open. Someone holding a customer stays
 * until that ticket is finished (the no-show timer or a colleague), then goes at the next sweep.
 * Returns who was signed off.
 */
export async function leaveUnattendedCounters(deps: UnattendedCounterDeps): Promise<{ branchId: string; staffId: string }[]> {
  const left: { branchId: string; staffId: string }[] = [];
  if (deps.grace?.holds()) return left;
  for (const branchId of await deps.branchIds()) {
    const state = await deps.liveState(branchId);
    if (!state) continue;
    for (const st of Object.values(state.staff)) {
      if (st.status === 'offline' || st.ticketId !== undefined) continue;
      if (await deps.hasLiveSession(st.id, deps.now())) continue;
      try {
        await deps.signOff(branchId, st.id);
        left.push({ branchId, staffId: st.id });
      } catch (err) {
        // Called a customer since we looked, or signed off by themselves: the next sweep sees it.
        if (!(err instanceof DomainError)) throw err;
      }
    }
  }
  if (left.length > 0) deps.logger.info({ left }, 'signed off staff with no live session');
  return left;
}

/**
 * Runs the sweep every `everyMs` once `graceMs` have passed since start: sessions made before
 * their staff member's session list existed join it when next used, and any session still alive
 * after one idle timeout has been used since. Returns the stop function.
 */
export function watchUnattendedCounters(deps: UnattendedCounterDeps, opts: { graceMs: number; everyMs?: number }): () => void {
  const startedAt = deps.now();
  let running = false;
  const timer = setInterval(() => {
    if (running || deps.now() - startedAt < opts.graceMs) return;
    running = true;
    leaveUnattendedCounters(deps)
      .catch((err: unknown) => deps.logger.error({ err }, 'unattended counter sweep failed'))
      .finally(() => (running = false));
  }, opts.everyMs ?? UNATTENDED_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
