import { z } from 'zod';
import { COUNTRY_CODE_MESSAGE, EMAIL_MAX, EMAIL_PATTERN, isPlainText, isVisibleName, MOBILE_DIGITS_MESSAGE, normalizePhone, PHONE_MIN_DIGITS, PHONE_PATTERN, phoneProblem } from './input-rules.js';

/**
 * Ids are opaque strings we mint (cuid-like / random); bounded so nobody can post megabytes. The
 * names every JavaScript object inherits ("constructor", "toString", "__proto__") are never ids
 * we mint, and as keys of a plain object they would find something that is not there.
 */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
  .refine((v) => !(v in Object.prototype), 'not an id');
export const Token = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/);
export const Lang = z.enum(['zh', 'en']);
export const Priority = z.enum(['normal', 'priority', 'vip']);
export const TicketKind = z.enum(['walk-in', 'appointment', 'remote']);

/**
 * Free text from people (a name, a reason), trimmed, `min` to `max` characters, without control
 * characters or lone surrogates (`isPlainText`): PostgreSQL refuses NUL and broken UTF-16, which
 * would otherwise surface as a 500 after the request was accepted.
 */
export function plainText(max: number, min = 0) {
  return z.string().trim().min(min).max(max, tooLongText(max)).refine(isPlainText, 'must not contain control characters or unpaired surrogates');
}

/**
 * The message of a free-text field over its limit. The server answers a request whose only
 * problems are such fields with TEXT_TOO_LONG (`details.field`, `details.max`) rather than
 * VALIDATION_FAILED; ids and tokens that are too long stay malformed input.
 */
export function tooLongText(max: number): string {
  return `too long: at most ${max} characters`;
}

/** A name people read (branch, service, counter, device, person; `isVisibleName`), trimmed, 1 to `max` characters. */
export function plainName(max: number) {
  return plainText(max, 1).refine(isVisibleName, 'must show at least one character and contain no bidirectional controls');
}

/** A reason staff type (a pause, a call out of turn, a priority): at most this many characters. */
export const REASON_MAX = 200;
export const Reason = plainText(REASON_MAX, 1);

/**
 * A phone number for notices: digits (full-width too), spaces, dashes, dots, brackets, optional
 * leading +, at least 6 digits, a mainland mobile exactly 11, a country code unless it is a mainland number (`phoneProblem`). Parsed into its stored form (`normalizePhone`: "+" and digits).
 */
export const PhoneNumber = z
  .string()
  .trim()
  .refine((v) => PHONE_PATTERN.test(v.normalize('NFKC')), 'a phone number: digits, spaces, dashes, dots, brackets, optional leading +')
  .refine((v) => phoneProblem(v) !== 'format', `a phone number needs at least ${PHONE_MIN_DIGITS} digits`)
  .refine((v) => phoneProblem(v) !== 'mobileDigits', MOBILE_DIGITS_MESSAGE)
  .refine((v) => phoneProblem(v) !== 'countryCode', COUNTRY_CODE_MESSAGE)
  .transform(normalizePhone);

/** An e-mail address, by the same pattern the web forms check (`EMAIL_PATTERN`). */
export const EmailAddress = z.email({ pattern: EMAIL_PATTERN }).max(EMAIL_MAX);

/**
 * A contact object that must carry a phone number or an e-mail address: consent alone reaches
 * nobody (no reminder, no notice) and would only leave an empty customer record behind.
 */
export function reachable<T extends z.ZodType<{ phone?: string | undefined; email?: string | undefined }>>(contact: T): T {
  return contact.refine((c) => c.phone !== undefined || c.email !== undefined, 'give a phone number or an e-mail address (or leave out the contact)');
}

export const LocalizedText = z.object({ zh: z.string(), en: z.string() });

/** Why routing called a ticket (the engine's CallReason): an English sentence and the numbers the UI words in zh/en. */
export const CallReasonView = z.object({
  text: z.string(),
  waitedMin: z.number(),
  targetMin: z.number(),
  proficiency: z.number(),
  score: z.number(),
  rule: z.string(),
  /** Someone behind in the same line close to their target: why this line was called. */
  behindNumber: z.string().optional(),
  /** Minutes to the booked time (negative once past), for a booked customer. */
  slotInMin: z.number().optional(),
  /** The service's typical minutes, when its speed weighed in. */
  typicalMin: z.number().optional(),
  /** The booked slot the caller is kept free for, when that passed over a higher score. */
  holdFor: z.object({ serviceCode: z.string(), inMin: z.number() }).optional(),
  /** The ticket ahead left to a free colleague faster at its service. */
  leftTo: z.object({ number: z.string(), serviceCode: z.string() }).optional(),
});
