import { passwordProblem } from '@tellerline/contracts';

/** The password form's fields. */
export interface PasswordFields {
  current: string;
  next: string;
  repeat: string;
}

/** Dictionary keys of the form's problems, by field. */
export type PasswordErrors = Partial<Record<keyof PasswordFields, string>>;

/**
 * The browser's check of a password change, with the server's own rules (`passwordProblem`), so
 * only a wrong current password is left for the server to say. Empty when it may be sent.
 */
export function passwordFormProblems(f: PasswordFields, username: string): PasswordErrors {
  const out: PasswordErrors = {};
  if (f.current === '') out.current = 'account.invalid.currentMissing';
  const problem = passwordProblem(f.next, { username, ...(f.current !== '' ? { current: f.current } : {}) });
  if (problem) out.next = `account.invalid.${problem}`;
  else if (f.repeat !== f.next) out.repeat = 'account.invalid.mismatch';
  return out;
}

/** A refusal from the server as the form's field problem, when it is about one field. */
export function refusedField(code: string, details: Record<string, unknown> | null): PasswordErrors {
  if (code === 'WRONG_PASSWORD') return { current: 'account.invalid.wrong' };
  if (code === 'WEAK_PASSWORD' && typeof details?.reason === 'string' && /^[a-z-]{1,30}$/.test(details.reason)) return { next: `account.invalid.${details.reason}` };
  return {};
}
