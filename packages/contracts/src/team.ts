/**
 * Staff accounts: the team a branch's managers keep (logins, roles, skills), administrators, and
 * everyone's own password. Rules for usernames and passwords live here so the team and account
 * screens check exactly what the server refuses.
 */
import { z } from 'zod';
import { Id, plainName } from './common.js';
import { Role } from './http.js';

/** 3 to 32 lowercase letters, digits, `.`, `-` and `_`, starting with a letter or a digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const Username = z.string().regex(USERNAME_PATTERN, '3-32 lowercase letters, digits, . - _ (starting with a letter or digit)');

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** The demo logins' password: printed by every `npm start`, so never anyone's own. */
export const DEMO_PASSWORD = 'demo1234';

export const PASSWORD_MIN_DISTINCT = 4;

export type PasswordProblem = 'too-short' | 'too-simple' | 'same-as-username' | 'demo-password' | 'same-as-current';

/**
 * Why a new password is refused (`WEAK_PASSWORD`, `details.reason`), or null. Length counts
 * characters as people see them (a Chinese passphrase counts each character once), without the
 * spaces around it (ten spaces are no password); a password of fewer than
 * `PASSWORD_MIN_DISTINCT` different characters ('aaaaaaaaaa') is guessed first. Case does not
 * make a username or the demo password any harder to guess.
 */
export function passwordProblem(password: string, who: { username: string; current?: string }): PasswordProblem | null {
  const chars = [...password.trim()];
  if (chars.length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (new Set(chars).size < PASSWORD_MIN_DISTINCT) return 'too-simple';
  const folded = password.trim().toLowerCase();
  if (folded === who.username.toLowerCase()) return 'same-as-username';
  if (folded === DEMO_PASSWORD) return 'demo-password';
  if (who.current !== undefined && password === who.current) return 'same-as-current';
  return null;
}

/** POST /api/v1/auth/password: one's own password. Other sessions of the account end. */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** Lowest proficiency a skill may have: below it the routing weight would starve the service. */
export const PROFICIENCY_MIN = 0.1;
export const Proficiency = z.number().min(PROFICIENCY_MIN).max(1);
/** serviceId -> proficiency (0.1 to 1); a service not listed is one the member does not serve. */
export const Skills = z.record(Id, Proficiency).refine((s) => Object.keys(s).length <= 64, 'at most 64 skills');
export type Skills = z.infer<typeof Skills>;

/** Roles a branch's team has; administrators are kept apart (no branch). */
export const TeamRole = z.enum(['staff', 'manager']);
export type TeamRole = z.infer<typeof TeamRole>;

export const DisplayName = plainName(60);

/** POST /api/v1/branches/:branchId/team. A manager may add `staff` only; an admin `manager` too. */
export const CreateMemberBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: TeamRole.default('staff'),
  skills: Skills.default({}),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

const memberFields = { displayName: DisplayName.optional(), role: TeamRole.optional(), skills: Skills.optional() };

/**
 * What the screen showed for the fields it changes (`skills`: the member's skills as listed, active
 * services only). A field stored otherwise now means someone saved in between: refused with
 * STALE_MEMBER rather than overwritten. With `expected.skills`, only the skills that differ
 * between `expected.skills` and `skills` (the ones the person touched) change; the others stay
 * as stored, also ones a colleague added meanwhile, and only a touched skill stored otherwise now
 * refuses the save.
 */
export const ExpectedMemberFields = z.strictObject(memberFields);
export type ExpectedMemberFields = z.infer<typeof ExpectedMemberFields>;

/**
 * PATCH /api/v1/branches/:branchId/team/:userId: what is given changes (role: admins only).
 * `skills` without `expected.skills` replaces the member's skills of active services.
 */
export const UpdateMemberBody = z
  .strictObject({ ...memberFields, expected: ExpectedMemberFields.optional() })
  .refine((b) => b.displayName !== undefined || b.role !== undefined || b.skills !== undefined, 'nothing to change');
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

/** POST /api/v1/admins (admins only): an administrator has no branch and no counter. */
export const CreateAdminBody = z.strictObject({ username: Username, displayName: DisplayName });
export type CreateAdminBody = z.infer<typeof CreateAdminBody>;

export const MemberParams = z.strictObject({ branchId: Id, userId: Id });
export const AdminParams = z.strictObject({ userId: Id });

/** A member as the team screen shows them (never a password or its hash). */
export const TeamMember = z.object({
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
  /** Still on a password someone else chose (new account, reset). */
  mustChangePassword: z.boolean(),
  /** Has a staff record: may sign on at a counter. */
  canServe: z.boolean(),
  /** That staff record's id (the key of their roster in the booking settings); null without one. */
  staffId: Id.nullable(),
  /** serviceId -> proficiency, for the branch's active services. */
  skills: z.record(z.string(), z.number()),
  /** Signed on at a counter now (the live queue). */
  signedOn: z.boolean(),
  /** That counter's label while signed on. */
  counterLabel: z.string().nullable(),
  /** The number of the customer they hold (called or serving), if any. */
  holding: z.string().nullable(),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** An administrator as the administrators screen shows them: a team member and when they last signed in. */
export const AdminMember = TeamMember.extend({
  /** The last successful sign-in (epoch ms) as the audit log records it; null when never. */
  lastSignInAt: z.number().nullable(),
});
export type AdminMember = z.infer<typeof AdminMember>;

/** `error.details` of STALE_MEMBER: the member as stored now, so the screen can show it and keep what the person typed. */
export const StaleMemberDetails = z.object({ current: TeamMember });
export type StaleMemberDetails = z.infer<typeof StaleMemberDetails>;

/** A new account or a reset: the temporary password is in this answer only (only a hash is kept). */
export const MemberWithPassword = z.object({ member: TeamMember, temporaryPassword: z.string() });
export type MemberWithPassword = z.infer<typeof MemberWithPassword>;

/**
 * Refusals of the team and password endpoints:
 * - PASSWORD_CHANGE_REQUIRED: the account is on a password someone else chose; it may only change it.
 * - WRONG_PASSWORD: the current password given with a change is not the account's.
 * - WEAK_PASSWORD: `details.reason` is a `PasswordProblem` (`details.min` the shortest length).
 * - USERNAME_TAKEN: usernames are unique across branches.
 * - MEMBER_SERVING: deactivating someone holding a customer (`details.ticketNumber`, `counterLabel`).
 * - OWN_ACCOUNT: nobody deactivates or demotes themselves.
 * - LAST_ACTIVE_ADMIN: the only active administrator stays active (nobody could manage accounts after).
 * - STALE_MEMBER: someone saved the member since the screen read it (a field of `expected` is stored
 *   otherwise now); nothing was written. `details`: StaleMemberDetails (the member as stored now).
 */
export const TEAM_ERROR_CODES = ['PASSWORD_CHANGE_REQUIRED', 'WRONG_PASSWORD', 'WEAK_PASSWORD', 'USERNAME_TAKEN', 'MEMBER_SERVING', 'OWN_ACCOUNT', 'LAST_ACTIVE_ADMIN', 'STALE_MEMBER'] as const;
export type TeamErrorCode = (typeof TEAM_ERROR_CODES)[number];

/** HTTP status of a team code, or undefined for a code that is not the team's. */
export function teamStatus(code: string): number | undefined {
  switch (code as TeamErrorCode) {
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'WRONG_PASSWORD':
    case 'OWN_ACCOUNT':
      return 403;
    case 'WEAK_PASSWORD':
      return 422;
    case 'USERNAME_TAKEN':
    case 'MEMBER_SERVING':
    case 'LAST_ACTIVE_ADMIN':
    case 'STALE_MEMBER':
      return 409;
    default:
      return undefined;
  }
}
