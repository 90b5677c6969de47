import type { Command } from '@tellerline/engine';
import { branchInactive } from './booking-settings.js';
import type { Clock } from './ports.js';

/**
 * How long a node keeps whether a branch is in service: every ticket and sign-on asks, and a
 * branch is taken out of service rarely. A change is forgotten at once on every node (`forget`,
 * from the set-up and the lobby signal); this long bounds it when that signal is lost. The
 * deactivation reads the live state again right after marking the branch and puts it back if a
 * ticket or a sign-on slipped in; one let in later by a node that missed the signal (within this
 * long) is the rare case left: the ticket stays in the branch's queue until cancelled.
 */
export const IN_SERVICE_TTL_MS = 15_000;

/** Commands that start new work at a branch: a ticket (kiosk, remote queue, lobby, check-in) or a sign-on. */
const NEW_WORK: readonly Command['type'][] = ['issue', 'sign-on'];

/**
 * Whether a branch is in service (not taken out by an admin), for the command flow: a branch out
 * of service issues no ticket and lets nobody sign on (BRANCH_INACTIVE). Everything else (finishing
 * a visit, signing off, the daily close) still runs, so nothing already there is stranded.
 */
export function createBranchInService(deps: { profile(branchId: string): Promise<{ active: boolean } | null>; clock: Clock }) {
  const cache = new Map<string, { active: boolean; until: number }>();

  async function active(branchId: string): Promise<boolean> {
    const now = deps.clock.now();
    const hit = cache.get(branchId);
    if (hit && hit.until > now) return hit.active;
    // An unknown branch is left to the queue to refuse as before (BRANCH_NOT_CONFIGURED).
    const known = (await deps.profile(branchId))?.active ?? true;
    cache.set(branchId, { active: known, until: now + IN_SERVICE_TTL_MS });
    return known;
  }

  return {
    active,

    /** Refuses `cmd` with BRANCH_INACTIVE when it would start new work at a branch out of service. */
    async check(branchId: string, cmd: Command): Promise<void> {
      if (NEW_WORK.includes(cmd.type) && !(await active(branchId))) throw branchInactive();
    },

    /** Drops what this node keeps of the branch (it was just taken out of or put back in service). */
    forget(branchId: string): void {
      cache.delete(branchId);
    },
  };
}

export type BranchInService = ReturnType<typeof createBranchInService>;
