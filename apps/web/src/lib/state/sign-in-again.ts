import { goto } from '$app/navigation';

/**
 * Back to the staff sign-in after UNAUTHENTICATED, SESSION_EXPIRED or ACCOUNT_DEACTIVATED, saying
 * why when the session expired or the account was deactivated; to the account page after
 * PASSWORD_CHANGE_REQUIRED (signed in on a temporary password).
 */
export function signInAgain(code: string): Promise<void> {
  if (code === 'PASSWORD_CHANGE_REQUIRED') return goto('/staff/account', { replaceState: true });
  return goto(signInAddress(code), { replaceState: true });
}

/** The sign-in page's address after a refusal with `code`: it says why the session ended. */
export function signInAddress(code: string): string {
  if (code === 'SESSION_EXPIRED') return '/staff/login?expired=1';
  if (code === 'ACCOUNT_DEACTIVATED') return '/staff/login?deactivated=1';
  return '/staff/login';
}

/** What the sign-in page says on arrival (the code `signInAddress` put in the address), or null. */
export function arrivalCode(q: URLSearchParams): string | null {
  if (q.has('deactivated')) return 'ACCOUNT_DEACTIVATED';
  if (q.has('expired')) return 'SESSION_EXPIRED';
  return null;
}
