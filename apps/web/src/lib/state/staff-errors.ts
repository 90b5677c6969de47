/**
 * Codes meaning "this browser is not (or no longer) signed in", or signed in on a temporary
 * password that must be changed first: the screen goes to the login page (or the account page,
 * see `signInAgain`).
 */
export const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DEACTIVATED', 'PASSWORD_CHANGE_REQUIRED']);

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
 * Names the panel knows and a refusal's details only point at: a colleague by staff id, a service
 * by its code (in the panel's language). Null when not known (then the sentence goes without).
 */
export interface RefusalNames {
  staff(staffId: string): string | null;
  service(code: string): string | null;
}

const NO_NAMES: RefusalNames = { staff: () => null, service: () => null };

/**
 * A transfer refused because of the colleague at the counter (COUNTER_NOT_SKILLED, COUNTER_PAUSED):
 * "Chen at counter 3 cannot serve Personal cash", with the name and the service the panel knows.
 */
function counterRefusal(code: string, details: ErrorDetails | null, names: RefusalNames): { key: string; params: Record<string, string | number> } {
  const label = details?.counterLabel;
  const staffId = details?.staffId;
  const name = typeof staffId === 'string' ? names.staff(staffId) : null;
  if (typeof label !== 'string' || !name) return { key: `staff.error.${code}.noDetails`, params: {} };
  if (code === 'COUNTER_PAUSED') return { key: 'staff.error.COUNTER_PAUSED', params: { name, label } };
  const serviceCode = details?.serviceCode;
  const service = typeof serviceCode === 'string' ? (names.service(serviceCode) ?? serviceCode) : null;
  return service ? { key: 'staff.error.COUNTER_NOT_SKILLED', params: { name, label, service } } : { key: 'staff.error.COUNTER_NOT_SKILLED.noDetails', params: {} };
}

/**
 * The sentence for a refusal: the dictionary key (as `errorKey`) and the values it needs.
 * HELD_FOR_APPOINTMENT is worded from its details (the service code and the minutes to the slot,
 * "due now" at 0), LEFT_TO_COLLEAGUE from its ticket number and service code, and a transfer
 * refused for the colleague at a counter with their name and the service (`names`), never from
 * the English message; without usable details, a sentence without them.
 */
export function errorMessage(
  code: string,
  details: ErrorDetails | null,
  known: (key: string) => boolean,
  names: RefusalNames = NO_NAMES,
): { key: string; params: Record<string, string | number> } {
  if (code === 'COUNTER_NOT_SKILLED' || code === 'COUNTER_PAUSED') return counterRefusal(code, details, names);
  if (code === 'HELD_FOR_APPOINTMENT') {
    const service = details?.serviceCode;
    const minutes = details?.minutes;
    if (typeof service !== 'string' || !/^[A-Za-z0-9]{1,8}$/.test(service) || typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0) {
      return { key: 'staff.error.HELD_FOR_APPOINTMENT.noDetails', params: {} };
    }
    return { key: minutes > 0 ? 'staff.error.HELD_FOR_APPOINTMENT' : 'staff.error.HELD_FOR_APPOINTMENT.dueNow', params: { service, minutes } };
  }
  if (code === 'TEXT_TOO_LONG') {
    const max = details?.max;
    return typeof max === 'number' && Number.isInteger(max) && max > 0 ? { key: 'error.TEXT_TOO_LONG', params: { max } } : { key: 'error.TEXT_TOO_LONG.noDetails', params: {} };
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
