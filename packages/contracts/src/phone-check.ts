/**
 * Confirming a phone number by a one-time SMS code before booking, at branches whose booking
 * settings ask for it (`BookingSettings.verifyPhone`). A booking with a phone number joins the
 * profile of that number: without the code anyone could attach visits to anyone's number and
 * have the bank text them. E-mail-only bookings are not affected.
 */
import { z } from 'zod';
import { Id, Lang, PhoneNumber, Token } from './common.js';

/** How long a code can be used. */
export const PHONE_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes a check takes; the last one voids it (a new code must be asked for). */
export const PHONE_CODE_MAX_TRIES = 5;
/** A new code for the same number no sooner than this after the last one (the page counts down). */
export const PHONE_CODE_RESEND_SEC = 60;

/**
 * Refusals of a booking (or a code request) at a branch that confirms phone numbers:
 * - PHONE_CHECK_REQUIRED: the booking gives a phone number but no code checked for it (or a check
 *   made for another number or branch);
 * - PHONE_CODE_WRONG: not the code sent; `details`: PhoneCodeWrongDetails (0 tries left: ask again);
 * - PHONE_CODE_EXPIRED: the check is past its ten minutes, used, or voided: ask for a new code;
 * - PHONE_CHECK_UNAVAILABLE: the installation cannot send texts (no SMS set up), or the branch
 *   does not confirm numbers: booking with a phone number is not possible there now.
 */
export const PHONE_CHECK_ERROR_CODES = ['PHONE_CHECK_REQUIRED', 'PHONE_CODE_WRONG', 'PHONE_CODE_EXPIRED', 'PHONE_CHECK_UNAVAILABLE'] as const;
export type PhoneCheckErrorCode = (typeof PHONE_CHECK_ERROR_CODES)[number];

export function phoneCheckStatus(code: string): number | undefined {
  if (code === 'PHONE_CODE_EXPIRED') return 410;
  return (PHONE_CHECK_ERROR_CODES as readonly string[]).includes(code) ? 422 : undefined;
}

/** `error.details` of PHONE_CODE_WRONG. */
export const PhoneCodeWrongDetails = z.object({ triesLeft: z.number().int().min(0) });
export type PhoneCodeWrongDetails = z.infer<typeof PhoneCodeWrongDetails>;

/** POST /api/v1/phone-checks: text a code to this number, in this language, for a booking at the branch. */
export const PhoneCheckBody = z.strictObject({
  branchId: Id,
  phone: PhoneNumber,
  lang: Lang,
});
export type PhoneCheckBody = z.infer<typeof PhoneCheckBody>;

/** The answer: the check's id (unguessable; the code alone proves nothing), when it ends, when a new code may be asked for. */
export const PhoneCheckStarted = z.object({
  checkId: Token,
  expiresAt: z.number(),
  resendAfterSec: z.number().int(),
});
export type PhoneCheckStarted = z.infer<typeof PhoneCheckStarted>;

/** What a booking at such a branch carries: the check and the six digits the customer typed. */
export const PhoneCheckProof = z.strictObject({
  checkId: Token,
  code: z.string().trim().regex(/^\d{6}$/, 'the six-digit code from the text message'),
});
export type PhoneCheckProof = z.infer<typeof PhoneCheckProof>;

/** What the booking page needs to know: no code (off), a code for phone numbers (required), or no phone bookings (unavailable: SMS not set up). */
export const PhoneCheckMode = z.enum(['off', 'required', 'unavailable']);
export type PhoneCheckMode = z.infer<typeof PhoneCheckMode>;
