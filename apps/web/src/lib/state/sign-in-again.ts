import { goto } from '$app/navigation';

/** Back to the staff sign-in after UNAUTHENTICATED or SESSION_EXPIRED, saying so when the session expired. */
export function signInAgain(code: string): Promise<void> {
  return goto(`/staff/login${code === 'SESSION_EXPIRED' ? '?expired=1' : ''}`, { replaceState: true });
}
