import type { Weekday } from '@tellerline/engine';

/**
 * A day a question names, as typed; `resolveAskedDay` turns it into a date of the branch.
 * - `offset`: days from today ("明天", "tomorrow").
 * - `weekday`: without `week`, the next such day, today included ("周三", "on Wednesday"); with
 *   `week`, that day of the week so many weeks from this one, weeks starting on Monday
 *   ("下周三": 1, "这周三": 0, "next Wednesday": 1).
 * - `month`/`day`: a calendar date ("1月1日", "25 Dec", "元旦"), this year's or the next one's
 *   unless `year` is said; `holiday` when it was named by a holiday rather than by its date.
 * - `weekend`: Saturday and Sunday together ("周末", "周六周日", "at the weekend"); `week` as for a
 *   weekday. Its days are its Saturday (as `resolveAskedDay` gives it) and the Sunday after.
 * - `unresolved`: a day the question names that no date can be given for: a holiday that moves
 *   every year (春节), "3/4" (March 4 or April 3?), or a date that does not exist (2月30日).
 */
export type AskedDay =
  | { offset: number }
  | { weekday: Weekday; week?: number }
  | { month: number; day: number; year?: number; holiday?: true }
  | { weekend: true; week?: number }
  | { unresolved: 'moving-holiday' | 'ambiguous-date' | 'no-such-date'; said: string; readings?: { month: number; day: number }[] };

const WEEKDAYS_ZH: [string, Weekday][] = [['一', 'mon'], ['二', 'tue'], ['三', 'wed'], ['四', 'thu'], ['五', 'fri'], ['六', 'sat'], ['日', 'sun'], ['天', 'sun']];

/** The Chinese weekday character after 周/星期/礼拜. */
export const WEEKDAY_ZH: Record<string, Weekday> = Object.fromEntries(WEEKDAYS_ZH);

/**
 * Words naming a day, so "你们周日开门吗" or "are you open tomorrow" is answered for that day.
 * Chinese as substrings (周日, 星期天, 礼拜天...); English whole words, with the short forms
 * people type ("sat", "thurs"). "星期几" names no day; "周末" is the weekend (asked-day.ts).
 */
export const DAY_WORDS: { zh: Record<string, AskedDay>; en: Record<string, AskedDay> } = {
  zh: {
    今天: { offset: 0 }, 今日: { offset: 0 }, 明天: { offset: 1 }, 明日: { offset: 1 }, 后天: { offset: 2 }, 大后天: { offset: 3 },
    ...Object.fromEntries(['周', '星期', '礼拜'].flatMap((prefix) => WEEKDAYS_ZH.map(([n, weekday]) => [`${prefix}${n}`, { weekday }]))),
  },
  en: {
    today: { offset: 0 }, tonight: { offset: 0 }, tomorrow: { offset: 1 }, tmr: { offset: 1 }, tmrw: { offset: 1 }, 'day after tomorrow': { offset: 2 },
    monday: { weekday: 'mon' }, mon: { weekday: 'mon' },
    tuesday: { weekday: 'tue' }, tue: { weekday: 'tue' }, tues: { weekday: 'tue' },
    wednesday: { weekday: 'wed' }, wed: { weekday: 'wed' },
    thursday: { weekday: 'thu' }, thu: { weekday: 'thu' }, thur: { weekday: 'thu' }, thurs: { weekday: 'thu' },
    friday: { weekday: 'fri' }, fri: { weekday: 'fri' },
    saturday: { weekday: 'sat' }, sat: { weekday: 'sat' },
    sunday: { weekday: 'sun' }, sun: { weekday: 'sun' },
  },
};

/** Weeks from this one that a Chinese prefix of a weekday names: 下周三, 下个星期三, 这周三, 本周三. */
export const WEEK_PREFIX_ZH: Record<string, number> = { 上: -1, 上个: -1, 这: 0, 这个: 0, 本: 0, 下: 1, 下个: 1, 下下: 2, 下下个: 2 };

/** English words before a weekday naming its week ("next Monday"); "this"/"coming" are the next such day. */
export const WEEK_WORD_EN: Record<string, number> = { next: 1, last: -1 };

/** Month names and the short forms people write ("Dec", "Sept"), 1-based. */
export const MONTHS_EN: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/**
 * Holidays on the same date every year, as typed (Chinese substrings, English regular
 * expressions over the lower-cased text). "五一" only when it is not the end of 周五/星期五 ("周五一般").
 */
export const FIXED_HOLIDAYS: { zh: [RegExp, number, number][]; en: [RegExp, number, number][] } = {
  zh: [
    [/元旦/, 1, 1],
    [/劳动节|(?<![周期拜])五一/, 5, 1],
    [/国庆/, 10, 1],
    [/平安夜/, 12, 24],
    [/圣诞/, 12, 25],
  ],
  en: [
    [/\bnew\s*year'?s?\s*eve\b/, 12, 31],
    [/(?<!(?:chinese|lunar)\s*)\bnew\s*year(?!'?s?\s*eve)/, 1, 1],
    [/\blabou?r\s*day\b|\bmay\s*day\b/, 5, 1],
    [/\bnational\s*day\b/, 10, 1],
    [/\b(?:christmas|xmas)\s*eve\b/, 12, 24],
    [/\b(?:christmas|xmas)(?!\s*eve)\b/, 12, 25],
    [/\bboxing\s*day\b/, 12, 26],
  ],
};

/** Holidays whose date moves every year (lunar calendar, solar terms, Easter): no date can be given. */
export const MOVING_HOLIDAYS: { zh: RegExp; en: RegExp } = {
  zh: /春节|过年|除夕|年三十|大年初.|元宵|清明|端午|中秋|重阳/,
  en: /\b(?:chinese|lunar)\s*new\s*year\b|\bspring\s*festival\b|\bmid[-\s]?autumn\b|\bmoon\s*festival\b|\bdragon\s*boat\b|\bqingming\b|\btomb[-\s]?sweeping\b|\beaster\b/,
};
