import { AppError } from '../errors.js';
import type { SessionStore } from './sessions.js';

/**
 * The refusal for a session cookie that no longer signs anyone in: ACCOUNT_DEACTIVATED when a
 * deactivation ended it (the sign-in page then says so), else SESSION_EXPIRED (timed out, signed out).
 */
export async function endedSession(sessions: Pick<SessionStore, 'endedBecause'>, sid: string): Promise<AppError> {
  return (await sessions.endedBecause(sid)) === 'deactivated'
    ? new AppError('ACCOUNT_DEACTIVATED', 'This account has been deactivated; ask your manager or an administrator.')
    : new AppError('SESSION_EXPIRED', 'Sign in first');
}
