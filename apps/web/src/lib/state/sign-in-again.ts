import { goto } from '$app/navigation';

/**
 * Back to the staff sign-in after UNAUTHENTICATED, SESSION_EXPIRED or ACCOUNT_DEACTIVATED, saying
 * why when the session expired or the account was deactivated; to the account page after
 * PASSWORD_CHANGE_REQUIRED (signed in on a temporary password). `returnTo`: the screen to come
 * back to after signing in (one that kept the manager's unsaved changes as a draft).
 */
export function signInAgain(code: string, returnTo: string | null = null): Promise<void> {
  if (code === 'PASSWORD_CHANGE_REQUIRED') return goto('/staff/account', { replaceState: true });
  return goto(signInAddress(code, returnTo), { replaceState: true });
}

/** The sign-in page's address after a refusal with `code`: it says why the session ended, and where to return. */
export function signInAddress(code: string, returnTo: string | null = null): string {
  const q = new URLSearchParams();
  if (code === 'SESSION_EXPIRED') q.set('expired', '1');
  if (code === 'ACCOUNT_DEACTIVATED') q.set('deactivated', '1');
  // A deactivated account cannot sign in again: nothing to return to.
  else if (returnTo !== null && returnAddress(returnTo) !== null) q.set('next', returnTo);
  const query = q.toString();
  return query ? `/staff/login?${query}` : '/staff/login';
}

/** What the sign-in page says on arrival (the code `signInAddress` put in the address), or null. */
export function arrivalCode(q: URLSearchParams): string | null {
  if (q.has('deactivated')) return 'ACCOUNT_DEACTIVATED';
  if (q.has('expired')) return 'SESSION_EXPIRED';
  return null;
}

/**
 * Where to go after signing in, from the sign-in page's `next`: a staff screen of this site only
 * (a path under /staff/, not the sign-in page itself), so a crafted link cannot send a member of
 * staff elsewhere after they typed their password. Null: the default (/staff).
 */
export function returnAddress(next: string | null): string | null {
  if (!next || !next.startsWith('/staff/') || next.includes('\\') || /[\u0000-\u001f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, 'http://same.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://same.invalid' || !url.pathname.startsWith('/staff/') || url.pathname.startsWith('/staff/login')) return null;
  return `${url.pathname}${url.search}`;
}
