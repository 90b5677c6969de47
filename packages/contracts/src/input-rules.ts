/**
 * Rules for what people type (names, phone numbers, e-mail addresses, reasons) that the schemas
 * enforce and the web forms check before sending, kept in one place so a form never accepts what
 * the server refuses. Free of zod on purpose: the kiosk and booking pages import this module
 * (`@tellerline/contracts/input-rules`) without pulling the schemas into their bundles.
 */

/**
 * E-mail addresses as the server accepts them: zod's practical pattern (`z.regexes.email` of
 * zod 4.6), pinned here so a zod upgrade cannot make the server and the forms disagree. ASCII
 * only: a mailbox or domain in other scripts (张三@例子.com) is refused, and so are dots at the
 * start, at the end or twice in a row (a..b@example.com).
 */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX = 254;

export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL_PATTERN.test(value);
}

/**
 * Digits with an optional leading +, and the separators people write numbers down with: spaces,
 * dashes, dots and brackets ("(021) 6123 4567", "+86 (138) 0013 8000", "138.0013.8000"). Tested
 * on the number after `phoneAscii`, so full-width digits typed with a Chinese IME pass too.
 */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{6,24}$/;
/** Fewer digits than this reach nobody, however the number is punctuated ("------"). */
export const PHONE_MIN_DIGITS = 6;

/**
 * The number in ASCII, trimmed: NFKC turns full-width digits, plus, brackets, dots, dashes and the
 * ideographic space ("１３８　００１３", "（０２１）") into their ASCII forms.
 */
function phoneAscii(value: string): string {
  return value.normalize('NFKC').trim();
}

/**
 * A mainland mobile number has exactly this many digits after +86. One missing or one too many
 * is a number that belongs to nobody (or to someone else): texts go nowhere and nothing warns,
 * so it is refused where it is typed rather than found out when the reminder never arrives.
 */
export const MOBILE_DIGITS = 11;

/**
 * What the server answers for a mainland mobile number of the wrong length, in both languages
 * (the zod message travels in `issues`); the web forms show their own text for the same problem.
 */
export const MOBILE_DIGITS_MESSAGE = `请输入 ${MOBILE_DIGITS} 位手机号码 / Enter an ${MOBILE_DIGITS}-digit mobile number`;

/**
 * A stored (`normalizePhone`) number that is a mainland mobile: +86, then 1. Beijing's area code
 * is 10 ("010 6512 3456" -> "+861065123456"), so a national number starting 10 is a landline.
 * Every other +86 number (a landline: area code 2x, 10 or 3xx-9xx without its trunk 0, then 7 or 8
 * digits, so 9 to 11 national digits; a local number typed without its area code) keeps the
 * looser rule of `PHONE_PATTERN` and `PHONE_MIN_DIGITS`: area codes and subscriber numbers vary in
 * length, staff may dial them back by hand, and a rule we cannot state exactly would refuse real
 * numbers. Other countries' numbers are theirs to define and keep that rule too. Only a number
 * typed without a country code must look like a mainland one (`isPlausibleMainland`).
 */
function isMainlandMobile(stored: string): boolean {
  return stored.startsWith(`+${HOME_COUNTRY_CODE}1`) && !stored.startsWith(`+${HOME_COUNTRY_CODE}10`);
}

/**
 * What the server answers for a number typed without a country code that is no mainland number
 * (`countryCode`), in both languages; the web forms show their own text for the same problem.
 */
export const COUNTRY_CODE_MESSAGE = '请在号码前加国家代码，例如 +44；内地固话请带 0 开头的区号，例如 021 / Add the country code, e.g. +44 (a mainland landline starts with 0 and its area code, e.g. 021)';

/**
 * A number typed without a country code (`typedNational`: the trunk 0 as typed) that can be a
 * mainland one: a mobile is 1, then 3-9, then 9 digits; a landline is the trunk 0, its area code
 * (10 Beijing, 2x, or 3xx-9xx) and 7 or 8 digits, as it is written at home ("021 6123 4567").
 * Anything else typed without + or 00 is most likely a visitor's number without its country code
 * (a Hong Kong mobile "9123 4567" or "852 9123 4567", a British one as "447911123456", an American
 * "415 555 0100"): read as +86 it would reach a stranger or nobody, so it is refused and the
 * customer asked for the country code. A landline without its trunk 0 goes too: without it, 852
 * 9123 4567 (Hong Kong) and 0852 9123 4567 (Zunyi) cannot be told apart, nor 415 555 0100 from a
 * 3-digit area code. A local landline typed without its area code goes as well (the gateway cannot
 * dial it). Some foreign numbers still look like mainland ones (a British "07911 123456" is 0791,
 * Nanchang, then 7 digits) and cannot be told apart: the rule catches the likely mistakes, not every one.
 */
function isPlausibleMainland(typed: string): boolean {
  return /^1[3-9]\d{9}$/.test(typed) || /^0(?:10|2\d|[3-9]\d{2})\d{7,8}$/.test(typed);
}

/**
 * Why a typed number is refused, or null when it is accepted: `format` (not `PHONE_PATTERN`, or
 * fewer than `PHONE_MIN_DIGITS` digits), `mobileDigits` (a mainland mobile, after
 * `normalizePhone`, without exactly `MOBILE_DIGITS` digits) or `countryCode` (typed without a
 * country code, and no mainland number: `isPlausibleMainland`). The forms tell them apart so the
 * customer reads "enter an 11-digit mobile number" or "add the country code" rather than "the
 * format is wrong". A mobile a digit short is `mobileDigits`, not `countryCode`: that is the likelier mistake.
 */
export type PhoneProblem = 'format' | 'mobileDigits' | 'countryCode';

export function phoneProblem(value: string): PhoneProblem | null {
  const v = phoneAscii(value);
  if (!PHONE_PATTERN.test(v) || v.replace(/\D/g, '').length < PHONE_MIN_DIGITS) return 'format';
  const stored = normalizePhone(v);
  if (isMainlandMobile(stored) && stored.length - 1 - HOME_COUNTRY_CODE.length !== MOBILE_DIGITS) return 'mobileDigits';
  const typed = typedNational(v);
  if (typed !== null && !isPlausibleMainland(typed)) return 'countryCode';
  return null;
}

/**
 * A phone number as the server accepts it (`phoneProblem` finds nothing): `PHONE_PATTERN`, at least
 * `PHONE_MIN_DIGITS` digits, a mainland mobile with exactly `MOBILE_DIGITS`, and a country code
 * unless it is a plausible mainland number. Only for what is
 * typed now: numbers stored before this rule are read, shown (`formatPhone`) and texted as they are.
 */
export function isPhoneNumber(value: string): boolean {
  return phoneProblem(value) === null;
}

/**
 * How a number is read when it is accepted as a home landline but has the shape of a British
 * mobile typed the British way, without +44 (07 and 9 digits: "07911 123456" is 0791, Nanchang,
 * then 7 digits; `isPlausibleMainland` cannot tell them apart): "+86 791 1123 456", for a form to
 * show back before the number is used, so a visitor sees it was not read as theirs. null for any
 * other number, which is taken as before (a mainland mobile, another landline, one with its
 * country code, one refused).
 */
export function homeLandlineLookalike(value: string): string | null {
  const v = phoneAscii(value);
  if (phoneProblem(v) !== null) return null;
  const typed = typedNational(v);
  if (typed === null || !/^07\d{9}$/.test(typed)) return null;
  // 07xx: always a 3-digit area code (7xx); the 7 digits after it as 4-3.
  const [area, local] = [typed.slice(1, 4), typed.slice(4)];
  return `+${HOME_COUNTRY_CODE} ${area} ${local.slice(0, 4)} ${local.slice(4)}`;
}

/**
 * The country a number without a country code belongs to: the bank's own (mainland China, +86).
 * Customers type their number as they say it at home ("138 0013 8000", "021 6123 4567"); the same
 * person types "+86 138 0013 8000" on another day, and the SMS gateway needs the country anyway.
 */
export const HOME_COUNTRY_CODE = '86';

/**
 * The one stored form of a phone number (of one `isPhoneNumber` accepts), E.164: "+", the country
 * code, the national number. A number typed without a country code is a home-country one
 * (`HOME_COUNTRY_CODE`), its trunk 0 dropped ("021 6123 4567" -> "+862161234567"); "00" is the
 * international prefix ("0086 138..." -> "+86138..."), and a long number starting 86
 * ("8613800138000") has its country code typed without the +. So "138 0013 8000",
 * "+86 138-0013-8000" and "１３８００１３８０００" are one string: a booking finds the person's
 * profile, a second booking for the same time is seen to overlap, a texted code is bound to the
 * number whichever way it was typed, and SMS goes to an address the gateway can route.
 * PhoneNumber (the schema every route uses) stores this form.
 */
export function normalizePhone(value: string): string {
  const v = phoneAscii(value);
  const national = nationalDigits(v);
  if (national !== null) return `+${HOME_COUNTRY_CODE}${national}`;
  const digits = v.replace(/\D/g, '');
  return `+${digits.startsWith('00') ? digits.slice(2) : digits}`;
}

/**
 * The national number of one typed without a country code (digits, trunk 0 dropped), or null when
 * it has one: "+", the international prefix "00", or 11 digits or more from 86 on (a national
 * number long enough to be dialled from elsewhere begins with the trunk 0 or 1, never 86).
 */
function nationalDigits(ascii: string): string | null {
  const typed = typedNational(ascii);
  return typed === null ? null : typed.replace(/^0/, '');
}

/** As `nationalDigits`, with the trunk 0 as typed: whether it was typed tells a landline from a visitor's number. */
function typedNational(ascii: string): string | null {
  const digits = ascii.replace(/\D/g, '');
  if (ascii.startsWith('+') || digits.startsWith('00')) return null;
  if (digits.length >= 11 && digits.startsWith(HOME_COUNTRY_CODE)) return null;
  return digits;
}

/**
 * A stored number (`normalizePhone`) as people read it: a mainland mobile in its 3-4-4 groups
 * ("+86 138 0013 8000"), another home number after its country code ("+86 2161234567"), and
 * anything else as stored. For staff who read a number out or dial it by hand.
 */
export function formatPhone(stored: string): string {
  const home = `+${HOME_COUNTRY_CODE}`;
  if (!stored.startsWith(home)) return stored;
  const national = stored.slice(home.length);
  const mobile = /^(1\d{2})(\d{4})(\d{4})$/.exec(national);
  return mobile ? `${home} ${mobile[1]} ${mobile[2]} ${mobile[3]}` : `${home} ${national}`;
}

/**
 * A stored number for someone who must recognise it, not copy it (staff, a customer's own manage
 * page, logs): as `formatPhone` shows it, the home country code kept and every digit but the last
 * four masked ("+86 ••• •••• 8000"); another country's number entirely but its last four.
 */
export function maskPhone(stored: string): string {
  const shown = formatPhone(stored);
  const home = `+${HOME_COUNTRY_CODE} `;
  const keep = shown.startsWith(home) ? home : '';
  return keep + shown.slice(keep.length).replace(/\d(?=(?:\D*\d){4})/g, '•');
}

/**
 * An e-mail address for someone who must recognise it, not read it (a customer's own manage page,
 * their ticket page's notice list, a survey comment in a report): the first character of the part
 * before the last @, two dots whatever its length (the length says something too), and the whole
 * domain, which is how people tell their addresses apart ("kim.lee@mail.example" -> "k••@mail.example").
 * Something without a part before an @ shows nothing of itself: "••".
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '••';
  return `${[...address.slice(0, at)][0]!}••${address.slice(at)}`;
}

/**
 * A customer's name for a screen that can be seen from the other side of the desk (the staff
 * panel's day list): the first letter of each part, the rest as dots (at most three).
 * "王小明" -> "王••", "Wang Wei" -> "W••• W••"; no name: null.
 */
export function maskName(name: string | null): string | null {
  if (!name?.trim()) return null;
  return name
    .trim()
    .split(/\s+/)
    .map((part) => {
      const chars = [...part];
      return chars[0]! + '•'.repeat(Math.min(chars.length - 1, 3));
    })
    .join(' ');
}

/**
 * Control characters (C0, DEL, C1) and UTF-16 surrogates not part of a pair. PostgreSQL cannot
 * store NUL or a lone surrogate in text at all, and the others only garble screens, receipts and
 * e-mail headers.
 */
const NOT_PLAIN = /[\p{Cc}\p{Cs}]/u;

/** Text a person could have typed on one line: no control characters, no broken Unicode. */
export function isPlainText(value: string): boolean {
  return !NOT_PLAIN.test(value);
}

/**
 * Bidirectional embeddings, overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069,
 * U+200E/U+200F): invisible, they reorder what follows, so "abc\u202Edef" shows as "abcfed" on
 * the signage and in the audit log. Nothing in Chinese or English needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/u;
/**
 * Something that shows: a letter, digit, punctuation or symbol, other than the fillers drawn as
 * blanks (Hangul fillers, the blank Braille pattern). Spaces, zero-width characters (U+200B) and
 * marks alone show nothing. ZWJ (U+200D) is no problem inside an emoji sequence: the emoji shows.
 */
const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A name people read on screens, tickets and in the audit log (a branch, a service, a counter, a
 * device, a person): plain text (`isPlainText`) with no bidi control and at least one character
 * that shows, so no name is blank or displayed in another order than typed.
 */
export function isVisibleName(value: string): boolean {
  return isPlainText(value) && !BIDI_CONTROL.test(value) && VISIBLE.test(value);
}

/**
 * The longest survey comment, in UTF-16 code units: what zod's `max`, a textarea's `maxlength`
 * and `String.length` all count, so the phone page's counter and the server agree.
 */
export const SURVEY_COMMENT_MAX = 500;

/** The longest question the help assistant takes (UTF-16 code units, as SURVEY_COMMENT_MAX). */
export const ASSISTANT_QUESTION_MAX = 300;
