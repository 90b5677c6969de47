import { maskEmail } from '@tellerline/contracts/input-rules';

/**
 * Survey comments are free text, and customers write their numbers and addresses into them ("请回电
 * 13800138000"). The reports promise managers no names or contact details, so every comment leaves
 * the server with those masked, the rest of it as written.
 */

/** ASCII only: a Chinese word before an address ("邮箱kim@…") is not part of it. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * A run of seven or more digits (half- or full-width), single spaces, dashes, dots or brackets
 * between them, a leading plus: a phone number in any of its spellings, and with it account and ID
 * numbers, which a comment should not show either. Shorter numbers (minutes, amounts) stay.
 */
const DIGIT = '[0-9０-９]';
const PHONE = `(?:[+＋][ ]?)?[(（]?${DIGIT}(?:[ \\-–.()（）]{0,2}${DIGIT}){6,}`;
/** A day as people write one (2026-03-02, 2026/3/2): digits, but nobody's number. Tried first, and kept. */
const DAY = '\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}(?!\\d)';
const NUMBER = new RegExp(`(?<day>${DAY})|${PHONE}`, 'g');

const halfWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** "13800138000" -> "138****8000", "+44 20 7946 0958" -> "+442*****0958": the last four digits and (long enough) the first few. */
function maskNumber(found: string, ...rest: unknown[]): string {
  if ((rest.at(-1) as { day?: string }).day !== undefined) return found;
  const plus = /^[+＋]/.test(found) ? '+' : '';
  const digits = halfWidth(found).replace(/\D/g, '');
  const head = digits.length >= 11 ? 3 : digits.length >= 9 ? 2 : 0;
  return plus + digits.slice(0, head) + '*'.repeat(digits.length - head - 4) + digits.slice(-4);
}

/** A comment with its phone numbers (and other long numbers) and e-mail addresses masked. */
export function maskContacts(comment: string): string {
  return comment.replace(EMAIL, (found) => maskEmail(found)).replace(NUMBER, maskNumber);
}
