/**
 * The booking page's code step (a code texted to a phone number or mailed to an e-mail address),
 * as plain functions (tested without a browser): when a new code may be asked for, what to say
 * about a refusal, and whether what was typed can be a code.
 */
import { normalizeEmail, normalizePhone, type ContactChannel } from '@tellerline/contracts';

/** Whole seconds until `at` (epoch ms), never below 0: the resend countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What the customer typed as a code, digits only (people paste "123 456" or a full-width "１２３４５６"),
 * or null when it is not six digits.
 */
export function typedCode(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** A booking's refusals about its code: the code step shows them, beside the code. */
export const CODE_REFUSALS = new Set([
  'PHONE_CODE_WRONG', 'PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED', 'PHONE_CHECK_UNAVAILABLE',
  'EMAIL_CODE_WRONG', 'EMAIL_CODE_EXPIRED', 'EMAIL_CHECK_REQUIRED', 'EMAIL_CHECK_UNAVAILABLE',
]);

/** Refusals after which the code typed cannot work any more: a new one must be asked for. */
export const NEEDS_NEW_CODE = new Set(['PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED', 'EMAIL_CODE_EXPIRED', 'EMAIL_CHECK_REQUIRED']);

/** A wrong code, on either channel. */
export const isWrongCode = (code: string | null) => code === 'PHONE_CODE_WRONG' || code === 'EMAIL_CODE_WRONG';

/** A word of the code step: the texted one's keys as they were (`booking.code.*`), the mailed one's under `booking.code.email.*`. */
export function codeKey(channel: ContactChannel, key: string): string {
  return channel === 'sms' ? `booking.code.${key}` : `booking.code.email.${key}`;
}

/** A refusal as the step shows it: the dictionary key and its values. */
export function codeErrorText(channel: ContactChannel, code: string, triesLeft: number | null): { key: string; params: Record<string, number> } {
  if (isWrongCode(code)) return triesLeft === 0 ? { key: `booking.error.${code}.last`, params: {} } : { key: `booking.error.${code}`, params: { n: triesLeft ?? 0 } };
  // Asking for codes is limited per address and per network, and a code that did not go says
  // which channel failed: not the booking's own words for these codes.
  if (code === 'RATE_LIMITED' || code === 'NOTICE_NOT_SENT') return { key: codeKey(channel, `error.${code}`), params: {} };
  return { key: `booking.error.${code}`, params: {} };
}

/** The same number or address, however it was typed (the server binds a code to it in this form). */
export function sameAddress(channel: ContactChannel, a: string, b: string): boolean {
  return channel === 'sms' ? normalizePhone(a) === normalizePhone(b) : normalizeEmail(a) === normalizeEmail(b);
}
