/**
 * Codes meaning "this browser is not (or no longer) signed in", or signed in on a temporary
 * password that must be changed first: the screen goes to the login page (or the account page,
 * see `signInAgain`).
 */
export const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);

/**
 * The dictionary key for an error code: a screen's own `<screen>.error.<CODE>` when given and
 * known, else the shared `error.<CODE>`, else the staff panel's own `staff.error.<CODE>` (codes
 * only staff meet), else a generic sentence — never a raw code.
 */
export function errorKey(code: string, known: (key: string) => boolean, screen?: string): string {
  if (screen !== undefined && known(`${screen}.error.${code}`)) return `${screen}.error.${code}`;
  if (known(`error.${code}`)) return `error.${code}`;
  if (known(`staff.error.${code}`)) return `staff.error.${code}`;
  return 'error.generic';
}

/** Socket acks reject with `{ code }`, fetch with an ApiFailure (`.code`), anything else is a bug. */
export function codeOf(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return 'INTERNAL';
}

/** The structured facts of a refusal (ApiError.error.details), as socket acks and fetch failures carry them. */
export type ErrorDetails = Record<string, string | number | boolean>;

/** `details` of a socket rejection (`{ code, message, details }`) or an ApiFailure; null when there are none. */
export function detailsOf(err: unknown): ErrorDetails | null {
  if (!err || typeof err !== 'object' || !('details' in err)) return null;
  const d = (err as { details: unknown }).details;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as ErrorDetails) : null;
}

/**
 * The sentence for a refusal: the dictionary key (as `errorKey`) and the values it needs.
 * HELD_FOR_APPOINTMENT is worded from its details (the service code and the minutes to the slot,
 * "due now" at 0), and LEFT_TO_COLLEAGUE from its ticket number and service code, never from the
 * English message; without usable details, a sentence without them.
 */
export function errorMessage(code: string, details: ErrorDetails | null, known: (key: string) => boolean): { key: string; params: Record<string, string | number> } {
  if (code === 'HELD_FOR_APPOINTMENT') {
    const service = details?.serviceCode;
    const minutes = details?.minutes;
    if (typeof service !== 'string' || !/^[A-Za-z0-9]{1,8}$/.test(service) || typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0) {
      return { key: 'staff.error.HELD_FOR_APPOINTMENT.noDetails', params: {} };
    }
    return { key: minutes > 0 ? 'staff.error.HELD_FOR_APPOINTMENT' : 'staff.error.HELD_FOR_APPOINTMENT.dueNow', params: { service, minutes } };
  }
  if (code === 'LEFT_TO_COLLEAGUE') {
    const ticket = details?.ticketNumber;
    const service = details?.serviceCode;
    const plain = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9]{1,12}$/.test(v);
    if (!plain(ticket) || !plain(service)) return { key: 'staff.error.LEFT_TO_COLLEAGUE.noDetails', params: {} };
    return { key: 'staff.error.LEFT_TO_COLLEAGUE', params: { ticket, service } };
  }
  return { key: errorKey(code, known), params: {} };
}
