import { goto } from '$app/navigation';

/**
 * Back to the staff sign-in after UNAUTHENTICATED or SESSION_EXPIRED, saying so when the session
 * expired; to the account page after PASSWORD_CHANGE_REQUIRED (signed in on a temporary password).
 */
export function signInAgain(code: string): Promise<void> {
  if (code === 'PASSWORD_CHANGE_REQUIRED') return goto('/staff/account', { replaceState: true });
  return goto(`/staff/login${code === 'SESSION_EXPIRED' ? '?expired=1' : ''}`, { replaceState: true });
}
