/**
 * What a branch's set-up may hold (codes, names, minutes, opening hours), kept free of zod so the
 * set-up screens check a form exactly as the server will (`branch-setup.ts` builds the schemas
 * from these).
 */

/** A branch code: short, lower-case letters and digits in words joined by '-' ('sh-pudong'); it is in links (/help?branch=). */
export const BRANCH_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const BRANCH_CODE_MAX = 32;

/**
 * A service code is the prefix of its ticket numbers (A001, VB012): one or two capital letters.
 * Not digits: a number is the code followed by the day's sequence, so a code ending in a digit
 * would make "A1" + 001 and "A" + 1001 the same number, and the engine takes letters only.
 */
export const SERVICE_CODE_PATTERN = /^[A-Z]{1,2}$/;

export const BRANCH_NAME_MAX = 60;
export const SERVICE_NAME_MAX = 60;
export const COUNTER_LABEL_MAX = 20;
/** One document to bring ("身份证", "Bank card or passbook"), and how many a service may list. */
export const DOCUMENT_MAX = 100;
export const DOCUMENTS_MAX = 20;
/** Target and default duration, in whole minutes. */
export const SERVICE_MINUTES_MAX = 480;
/** Opening intervals per weekday (a split day with a lunch break needs two). */
export const INTERVALS_PER_DAY_MAX = 6;

/** An IANA time zone this runtime knows ('Asia/Shanghai', 'UTC'); offsets like '+08:00' are not zones. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling ('asia/shanghai' -> 'Asia/Shanghai'), so equal zones are stored alike. */
export function canonicalTimeZone(value: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
}

/** 'HH:MM' wall-clock intervals; true when two of them overlap (touching ends do not). */
export function intervalsOverlap(intervals: readonly { open: string; close: string }[]): boolean {
  const sorted = [...intervals].sort((a, b) => (a.open < b.open ? -1 : a.open > b.open ? 1 : 0));
  return sorted.some((w, i) => i > 0 && w.open < sorted[i - 1]!.close);
}
