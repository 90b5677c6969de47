/** Booking codes: six of A-Z and 2-9 without the look-alikes 0/O/1/I (BookedAppointment.code). */
export const CODE_LENGTH = 6;
export const CODE_KEYS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('');

/** What the customer typed or a scanner sent, as the server reads it: upper case, no spaces or dashes. */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export function isCompleteCode(raw: string): boolean {
  return /^[A-Z0-9]{6}$/.test(normalizeCode(raw));
}

export type CodeKey = string | 'back' | 'clear';

/** The on-screen code keypad: bounded to the code's length. */
export function pressCodeKey(value: string, key: CodeKey): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  const v = normalizeCode(value);
  return v.length >= CODE_LENGTH ? v : v + key;
}

/**
 * "Come back at HH:MM" for CHECK_IN_TOO_EARLY. The refusal carries the opening time only in its
 * English message ("Check-in opens at 09:30, ..."), so read it from there; null when absent.
 */
export function opensAtFrom(message: string): string | null {
  return /opens at (\d{1,2}:\d{2})/.exec(message)?.[1] ?? null;
}

/** The reason shown for a refused check-in: one of the kiosk.checkin.error.* keys. */
export function checkInErrorKey(code: string): string {
  switch (code) {
    case 'CHECK_IN_TOO_EARLY':
    case 'CHECK_IN_CLOSED':
    case 'APPOINTMENT_NOT_FOUND':
    case 'APPOINTMENT_CANCELLED':
    case 'APPOINTMENT_MISSED':
    case 'VALIDATION_FAILED':
    case 'BUSY_RETRY':
      return `kiosk.checkin.error.${code}`;
    default:
      return 'kiosk.checkin.error.generic';
  }
}
