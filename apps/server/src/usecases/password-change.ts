import { passwordProblem, PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH, type ChangePasswordBody } from '@tellerline/contracts';
import type { AuthUser } from '../auth/ports.js';
import type { SessionChange } from '../auth/sessions.js';
import { AppError } from '../errors.js';

export interface PasswordChangeDeps {
  users: {
    /** The account with its password hash. */
    findSecretById(id: string): Promise<AuthUser | null>;
    setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void>;
  };
  sessions: { endAllOf(userId: string, keepId?: string): Promise<number>; change(id: string, change: SessionChange): Promise<unknown> };
  hashPassword(password: string): Promise<string>;
  verifyPassword(stored: string, password: string): Promise<boolean>;
}

/**
 * One's own password: the current one proves it is the account's owner at the keyboard (not a
 * colleague at an unlocked panel); the new one must be ten characters or more, and neither the
 * username, the demo password nor the current one. Every other session of the account ends (a
 * stolen session does not outlive the change); this one stays and is let out of the
 * change-it-first state.
 */
export function createPasswordChange(deps: PasswordChangeDeps) {
  return {
    async change(who: { userId: string; sessionId: string }, body: ChangePasswordBody): Promise<{ user: AuthUser; sessionsEnded: number }> {
      const user = await deps.users.findSecretById(who.userId);
      if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      if (!(await deps.verifyPassword(user.passwordHash, body.currentPassword))) throw new AppError('WRONG_PASSWORD', 'The current password is not right');
      const problem = passwordProblem(body.newPassword, { username: user.username, current: body.currentPassword });
      if (problem) throw new AppError('WEAK_PASSWORD', weakMessage(problem), undefined, { reason: problem, min: PASSWORD_MIN_LENGTH });
      await deps.users.setPassword(user.id, await deps.hashPassword(body.newPassword), false);
      const sessionsEnded = await deps.sessions.endAllOf(user.id, who.sessionId);
      await deps.sessions.change(who.sessionId, { mustChangePassword: false });
      return { user: { ...user, passwordHash: '', mustChangePassword: false }, sessionsEnded };
    },
  };
}

export type PasswordChange = ReturnType<typeof createPasswordChange>;

function weakMessage(problem: string): string {
  switch (problem) {
    case 'too-short':
      return `The new password needs at least ${PASSWORD_MIN_LENGTH} characters`;
    case 'too-simple':
      return `The new password needs at least ${PASSWORD_MIN_DISTINCT} different characters`;
    case 'same-as-username':
      return 'The new password must not be the username';
    case 'demo-password':
      return 'The new password must not be the demo password';
    default:
      return 'The new password must differ from the current one';
  }
}
