/** Codes meaning "this browser is not (or no longer) signed in": the panel goes to the login page. */
export const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/**
 * The dictionary key for an error code: the shared `error.<CODE>`, else the staff panel's own
 * `staff.error.<CODE>` (codes only staff meet), else a generic sentence — never a raw code.
 */
export function errorKey(code: string, known: (key: string) => boolean): string {
  if (known(`error.${code}`)) return `error.${code}`;
  if (known(`staff.error.${code}`)) return `staff.error.${code}`;
  return 'error.generic';
}

/** Socket acks reject with `{ code }`, fetch with an ApiFailure (`.code`), anything else is a bug. */
export function codeOf(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return 'INTERNAL';
}
