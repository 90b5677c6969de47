/**
 * The booking page's texted-code step, as plain functions (tested without a browser): when a new
 * code may be asked for, what to say about a refusal, and whether what was typed can be a code.
 */
import { normalizePhone } from '@tellerline/contracts';

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
export const CODE_REFUSALS = new Set(['PHONE_CODE_WRONG', 'PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED', 'PHONE_CHECK_UNAVAILABLE']);

/** Refusals after which the code typed cannot work any more: a new one must be asked for. */
export const NEEDS_NEW_CODE = new Set(['PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED']);

/** A refusal as the step shows it: the dictionary key and its values. */
export function codeErrorText(code: string, triesLeft: number | null): { key: string; params: Record<string, number> } {
  if (code === 'PHONE_CODE_WRONG') return triesLeft === 0 ? { key: 'booking.error.PHONE_CODE_WRONG.last', params: {} } : { key: 'booking.error.PHONE_CODE_WRONG', params: { n: triesLeft ?? 0 } };
  // Asking for codes is limited per number and per network: not the booking limit's words.
  if (code === 'RATE_LIMITED') return { key: 'booking.code.error.RATE_LIMITED', params: {} };
  return { key: `booking.error.${code}`, params: {} };
}

/** The same number, however it was typed (the server binds a code to the number in this form). */
export function sameNumber(a: string, b: string): boolean {
  return normalizePhone(a) === normalizePhone(b);
}
