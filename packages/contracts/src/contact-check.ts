/**
 * Confirming a booking's contact by a one-time code before booking, at branches whose booking
 * settings ask for it: a phone number by a texted code (`BookingSettings.verifyPhone`), an e-mail
 * address by a mailed one (`BookingSettings.verifyEmail`). A booking with a phone number joins the
 * profile of that number, and every booking sends its confirmation with its manage link
 * (reschedule, cancel) to its contact: without the code a typo or a stranger's address gets them.
 * One check, two channels: same code, lifetime, tries and limits; each channel has its own
 * refusal codes, because a booking may carry both and the page must say which one failed.
 */
import { z } from 'zod';
import { EmailAddress, Id, Lang, PhoneNumber, Token } from './common.js';

/** How a code reaches the customer: texted to the phone number, or e-mailed to the address. */
export const ContactChannel = z.enum(['sms', 'email']);
export type ContactChannel = z.infer<typeof ContactChannel>;

/** How long a code can be used. */
export const CONTACT_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes a check takes; the last one voids it (a new code must be asked for). */
export const CONTACT_CODE_MAX_TRIES = 5;
/** A new code for the same address no sooner than this after the last one (the page counts down). */
export const CONTACT_CODE_RESEND_SEC = 60;

/**
 * Refusals of a booking (or a code request) at a branch that confirms phone numbers:
 * - PHONE_CHECK_REQUIRED: the booking gives a phone number but no code checked for it (or a check
 *   made for another number or branch);
 * - PHONE_CODE_WRONG: not the code sent; `details`: ContactCodeWrongDetails (0 tries left: ask again);
 * - PHONE_CODE_EXPIRED: the check is past its ten minutes, used, or voided: ask for a new code;
 * - PHONE_CHECK_UNAVAILABLE: the installation cannot send texts (no SMS set up), or the branch
 *   does not confirm numbers: booking with a phone number is not possible there now.
 */
export const PHONE_CHECK_ERROR_CODES = ['PHONE_CHECK_REQUIRED', 'PHONE_CODE_WRONG', 'PHONE_CODE_EXPIRED', 'PHONE_CHECK_UNAVAILABLE'] as const;
/** The same refusals for e-mail addresses (EMAIL_CHECK_UNAVAILABLE: no e-mail set up, or the branch does not confirm addresses). */
export const EMAIL_CHECK_ERROR_CODES = ['EMAIL_CHECK_REQUIRED', 'EMAIL_CODE_WRONG', 'EMAIL_CODE_EXPIRED', 'EMAIL_CHECK_UNAVAILABLE'] as const;
export const CONTACT_CHECK_ERROR_CODES = [...PHONE_CHECK_ERROR_CODES, ...EMAIL_CHECK_ERROR_CODES] as const;
export type ContactCheckErrorCode = (typeof CONTACT_CHECK_ERROR_CODES)[number];

/** Each channel's refusal codes by what went wrong. */
export const CONTACT_CHECK_REFUSALS = {
  sms: { required: 'PHONE_CHECK_REQUIRED', wrong: 'PHONE_CODE_WRONG', expired: 'PHONE_CODE_EXPIRED', unavailable: 'PHONE_CHECK_UNAVAILABLE' },
  email: { required: 'EMAIL_CHECK_REQUIRED', wrong: 'EMAIL_CODE_WRONG', expired: 'EMAIL_CODE_EXPIRED', unavailable: 'EMAIL_CHECK_UNAVAILABLE' },
} as const satisfies Record<ContactChannel, Record<'required' | 'wrong' | 'expired' | 'unavailable', ContactCheckErrorCode>>;

export function contactCheckStatus(code: string): number | undefined {
  if (code === 'PHONE_CODE_EXPIRED' || code === 'EMAIL_CODE_EXPIRED') return 410;
  return (CONTACT_CHECK_ERROR_CODES as readonly string[]).includes(code) ? 422 : undefined;
}

/** `error.details` of PHONE_CODE_WRONG and EMAIL_CODE_WRONG. */
export const ContactCodeWrongDetails = z.object({ triesLeft: z.number().int().min(0) });
export type ContactCodeWrongDetails = z.infer<typeof ContactCodeWrongDetails>;

/** POST /api/v1/phone-checks: text a code to this number, in this language, for a booking at the branch. */
export const PhoneCheckBody = z.strictObject({
  branchId: Id,
  phone: PhoneNumber,
  lang: Lang,
});
export type PhoneCheckBody = z.infer<typeof PhoneCheckBody>;

/** POST /api/v1/email-checks: e-mail a code to this address, in this language, for a booking at the branch. */
export const EmailCheckBody = z.strictObject({
  branchId: Id,
  email: EmailAddress,
  lang: Lang,
});
export type EmailCheckBody = z.infer<typeof EmailCheckBody>;

/** The answer: the check's id (unguessable; the code alone proves nothing), when it ends, when a new code may be asked for. */
export const ContactCheckStarted = z.object({
  checkId: Token,
  expiresAt: z.number(),
  resendAfterSec: z.number().int(),
});
export type ContactCheckStarted = z.infer<typeof ContactCheckStarted>;

/** What a booking at such a branch carries: the check and the six digits the customer typed. */
export const ContactCheckProof = z.strictObject({
  checkId: Token,
  code: z.string().trim().regex(/^\d{6}$/, 'the six-digit code from the message'),
});
export type ContactCheckProof = z.infer<typeof ContactCheckProof>;

/** What the booking page needs to know per channel: no code (off), a code (required), or no bookings with that contact (unavailable: the channel is not set up). */
export const ContactCheckMode = z.enum(['off', 'required', 'unavailable']);
export type ContactCheckMode = z.infer<typeof ContactCheckMode>;

/** The address a check is bound to, in one form: a phone number as stored, an e-mail address trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
