import type { Role } from '@tellerline/contracts';
import { AppError } from '../errors.js';

/** Who is acting: from the session, never from the request. */
export interface TeamActor {
  userId: string;
  role: Role;
  branchId: string | null;
}

/** The account acted on, as far as the rules care. */
export interface TeamTarget {
  id: string;
  role: Role;
  branchId: string | null;
}

/** A branch's team (managers and staff), or the administrators (no branch). */
export type TeamScope = { branchId: string } | 'admins';

/**
 * Who may change whom. The routes already let in only managers of the branch and admins; these
 * rules add what depends on the account acted on:
 * - an account outside the scope (another branch's, an admin under a branch) is not found there;
 * - a manager changes staff of their own branch only, never managers or admins (themselves
 *   included); admins change anyone;
 * - nobody deactivates, demotes or resets themselves (their own password is changed on the
 *   account page, with the current one).
 */
export const teamPolicy = {
  /** Throws NOT_FOUND unless the account belongs to the scope. */
  inScope(target: TeamTarget, scope: TeamScope): void {
    const found = scope === 'admins' ? target.role === 'admin' : target.role !== 'admin' && target.branchId === scope.branchId;
    if (!found) throw new AppError('NOT_FOUND', scope === 'admins' ? 'No such administrator' : 'No such member of this branch');
  },

  /** Throws FORBIDDEN unless `by` may change the account at all. */
  mayChange(by: TeamActor, target: TeamTarget): void {
    if (by.role === 'admin') return;
    if (by.role === 'manager' && target.role === 'staff' && target.branchId === by.branchId) return;
    throw new AppError('FORBIDDEN', 'Managers change the accounts of their own branch\'s staff only; ask an administrator');
  },

  /** Throws FORBIDDEN unless `by` may create an account with `role` (managers: staff only). */
  mayCreate(by: TeamActor, role: Role): void {
    if (by.role === 'admin') return;
    if (by.role === 'manager' && role === 'staff') return;
    throw new AppError('FORBIDDEN', role === 'staff' ? 'Your role may not add accounts' : 'Only an administrator may add managers or administrators');
  },

  /** Throws FORBIDDEN unless `by` may give the account `role` (admins only; the same role is no change). */
  mayChangeRole(by: TeamActor, target: TeamTarget, role: Role | undefined): void {
    if (role === undefined || role === target.role) return;
    if (by.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may change a role');
    teamPolicy.notOwn(by, target, 'change your own role');
  },

  /** Throws OWN_ACCOUNT when the account is the actor's own. */
  notOwn(by: TeamActor, target: TeamTarget, what: string): void {
    if (by.userId === target.id) throw new AppError('OWN_ACCOUNT', `You cannot ${what}; ask another administrator`);
  },
};
