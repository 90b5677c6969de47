import { addDays, dayNumber, isLocalDate, WEEK, weekdayOf } from '@tellerline/engine';
import { DAY_WORDS, FIXED_HOLIDAYS, MONTHS_EN, MOVING_HOLIDAYS, WEEK_PREFIX_ZH, WEEK_WORD_EN, WEEKDAY_ZH, type AskedDay } from './day-words.js';
import { stem, type QuestionText } from './question-text.js';

/**
 * The day a question names, read the way people write it in either language: a date (1月1日,
 * 2027-01-01, "25 Dec", "December 25th", 12/25), a holiday (元旦, Christmas), a weekday of a
 * given week (下周三, "next Wednesday"), or a day counted from today (明天, "tomorrow"). The
 * most explicit wins: a date over a holiday over a weekday. Pure.
 */
export function readAskedDay(q: QuestionText): AskedDay | null {
  return dateOf(q) ?? holidayOf(q) ?? weekendOf(q) ?? weekOf(q) ?? plainDayOf(q);
}

/** An asked day as a date of the branch, with how many days from today (negative: past). */
export type ResolvedDay =
  | { date: string; offset: number; holiday: boolean }
  | Extract<AskedDay, { unresolved: string }>;

/** The date an asked day means, counted from the branch's `today` ('YYYY-MM-DD'). Pure. */
export function resolveAskedDay(asked: AskedDay, today: string): ResolvedDay {
  if ('unresolved' in asked) return asked;
  const at = (date: string, holiday = false) => ({ date, offset: dayNumber(date) - dayNumber(today), holiday });
  if ('offset' in asked) return at(addDays(today, asked.offset));
  // A weekend is told from its Saturday (its Sunday is the day after); "周末" asked on a Sunday is this one.
  if ('weekend' in asked) return resolveAskedDay({ weekday: 'sat', week: asked.week ?? 0 }, today);
  if ('weekday' in asked) {
    const from = WEEK.indexOf(weekdayOf(today));
    const to = WEEK.indexOf(asked.weekday);
    // Weeks start on Monday, as on Chinese calendars: 下周一 asked on a Sunday is tomorrow.
    if (asked.week !== undefined) return at(addDays(today, asked.week * 7 + to - from));
    return at(addDays(today, (to - from + 7) % 7));
  }
  const iso = (y: number) => `${String(y).padStart(4, '0')}-${String(asked.month).padStart(2, '0')}-${String(asked.day).padStart(2, '0')}`;
  if (asked.year !== undefined) return at(iso(asked.year), asked.holiday);
  // This year's, or the next one's once it has passed (29 February: the next leap year's).
  const year = Number(today.slice(0, 4));
  for (let y = year; y <= year + 8; y++) if (isLocalDate(iso(y)) && iso(y) >= today) return at(iso(y), asked.holiday);
  return { unresolved: 'no-such-date', said: `${asked.month}/${asked.day}` };
}

/** The text as typed at a position of the lower-cased text (the same length but for rare letters). */
function said(q: QuestionText, index: number, length: number): string {
  return (q.original.length === q.text.length ? q.original : q.text).slice(index, index + length).trim();
}

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "十二", "二十五", "三十一" -> the number; NaN when it is not one. */
function zhNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (ZH_DIGITS[s] !== undefined) return ZH_DIGITS[s];
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  return m ? (m[1] ? ZH_DIGITS[m[1]]! : 1) * 10 + (m[2] ? ZH_DIGITS[m[2]]! : 0) : NaN;
}

/** The longest a month has: a date without a year is real if it is real in some year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function calendarDay(month: number, day: number, year: number | undefined, text: string): AskedDay {
  const real =
    year === undefined
      ? month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]!
      : isLocalDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  if (!real) return { unresolved: 'no-such-date', said: text };
  return { month, day, ...(year !== undefined ? { year } : {}) };
}

const ZH_NUM = '\\d{1,2}|[一二三四五六七八九十]{1,3}';
const MONTH_NAMES = Object.keys(MONTHS_EN).sort((a, b) => b.length - a.length).join('|');
const YEAR = '(?:,?\\s+(\\d{4}))?';

/** Date patterns, each giving [year, month, day] (strings, or undefined) from its match. */
const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [string | undefined, string, string] }[] = [
  // 2027年1月1日, 1月1号, 十二月二十五日
  { re: new RegExp(`(?:(\\d{4})\\s*年\\s*)?(${ZH_NUM})\\s*月\\s*(${ZH_NUM})\\s*[日号號]`), parts: (m) => [m[1], m[2]!, m[3]!] },
  // 2027-01-01, 2027/1/1
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/, parts: (m) => [m[1], m[2]!, m[3]!] },
  // 25 December, 25th of Dec 2026
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${MONTH_NAMES})\\b\\.?${YEAR}`), parts: (m) => [m[3], m[2]!, m[1]!] },
  // December 25, Dec. 25th, 2026
  { re: new RegExp(`\\b(${MONTH_NAMES})\\b\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)${YEAR}`), parts: (m) => [m[3], m[1]!, m[2]!] },
];

/**
 * Day and month in figures with a slash: "25/12" and "12/25" can only be 25 December, but
 * "3/4" is 3 April to some and March 4 to others, so it is not guessed.
 */
const SLASH_DATE = /(?<![\d/.:])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/;

function dateOf(q: QuestionText): AskedDay | null {
  for (const { re, parts } of DATE_PATTERNS) {
    const m = re.exec(q.text);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    const month = MONTHS_EN[mo] ?? zhNumber(mo);
    return calendarDay(month, zhNumber(d), y === undefined ? undefined : Number(y), said(q, m.index, m[0].length));
  }
  const m = SLASH_DATE.exec(q.text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const text = said(q, m.index, m[0].length);
  if (a === b || a > 12 || b > 12) return a > 12 ? calendarDay(b, a, year, text) : calendarDay(a, b, year, text);
  return { unresolved: 'ambiguous-date', said: text, readings: [{ month: a, day: b }, { month: b, day: a }] };
}

/** A holiday named: its date when it has a fixed one; the earliest named wins. */
function holidayOf(q: QuestionText): AskedDay | null {
  const found: { at: number; day: AskedDay }[] = [];
  for (const [re, month, day] of [...FIXED_HOLIDAYS.zh, ...FIXED_HOLIDAYS.en]) {
    const m = re.exec(q.text);
    if (m) found.push({ at: m.index, day: { month, day, holiday: true } });
  }
  for (const re of [MOVING_HOLIDAYS.zh, MOVING_HOLIDAYS.en]) {
    const m = re.exec(q.text);
    if (m) found.push({ at: m.index, day: { unresolved: 'moving-holiday', said: said(q, m.index, m[0].length) } });
  }
  return found.sort((a, b) => a.at - b.at)[0]?.day ?? null;
}

/** 下周, 这个星期...: the week prefixes, longest first. */
const WEEK_PREFIXES_ZH = Object.keys(WEEK_PREFIX_ZH).sort((a, b) => b.length - a.length).join('|');
const WEEK_ZH = new RegExp(`(${WEEK_PREFIXES_ZH})(?:周|星期|礼拜)([一二三四五六日天])`);

/** A weekday of a named week: 下周三, 这个星期五; "next Monday", "Wednesday next week". */
function weekOf(q: QuestionText): AskedDay | null {
  const zh = WEEK_ZH.exec(q.text);
  if (zh) return { weekday: WEEKDAY_ZH[zh[2]!]!, week: WEEK_PREFIX_ZH[zh[1]!]! };
  const w = q.words;
  for (let i = 0; i < w.length; i++) {
    const day = DAY_WORDS.en[w[i]!];
    if (!day || !('weekday' in day)) continue;
    const before = WEEK_WORD_EN[w[i - 1] ?? ''];
    if (before !== undefined) return { weekday: day.weekday, week: before };
    // "next week Monday", "next week on Monday", "Monday next week", "Monday this week".
    const around = [[w[i - 2], w[i - 1]], [w[i - 3], w[i - 2]], [w[i + 1], w[i + 2]]];
    for (const [which, unit] of around) {
      if (unit === 'week' && which !== undefined && (which === 'this' || WEEK_WORD_EN[which] !== undefined)) return { weekday: day.weekday, week: WEEK_WORD_EN[which] ?? 0 };
    }
  }
  return null;
}

const WEEKEND_ZH = new RegExp(
  `(${WEEK_PREFIXES_ZH})?(?:周末|双休日|(?:周|星期|礼拜)六\\s*[和与跟及、,，/]?\\s*(?:(?:周|星期|礼拜)[日天]|日))`,
);
const SATURDAY_EN = new Set(['saturday', 'sat']);
const SUNDAY_EN = new Set(['sunday', 'sun']);

/**
 * Saturday and Sunday asked together: 周末, 下周末, 周六周日, 星期六和星期天, 周六日 (not 周六天气); "the weekend",
 * "next weekend", "Saturday and Sunday", "sat or sun". Asked as one, so the answer tells both days.
 */
function weekendOf(q: QuestionText): AskedDay | null {
  const zh = WEEKEND_ZH.exec(q.text);
  if (zh) return zh[1] ? { weekend: true, week: WEEK_PREFIX_ZH[zh[1]]! } : { weekend: true };
  const w = q.words.map((word) => stem(word));
  for (let i = 0; i < w.length; i++) {
    const pair = SATURDAY_EN.has(w[i]!) && (SUNDAY_EN.has(w[i + 1] ?? '') || (['and', 'or'].includes(w[i + 1] ?? '') && SUNDAY_EN.has(w[i + 2] ?? '')));
    if (w[i] !== 'weekend' && !pair) continue;
    const week = WEEK_WORD_EN[w[i - 1] ?? ''];
    return week !== undefined ? { weekend: true, week } : { weekend: true };
  }
  return null;
}

/** The earliest Chinese day word, else an English phrase or word (今天, 周日; tomorrow, Sunday). */
function plainDayOf(q: QuestionText): AskedDay | null {
  let first: { at: number; day: AskedDay } | null = null;
  for (const [word, day] of Object.entries(DAY_WORDS.zh)) {
    const at = q.text.indexOf(word);
    if (at >= 0 && (first === null || at < first.at)) first = { at, day };
  }
  if (first) return first.day;
  // Phrases first ("day after tomorrow" before "tomorrow"); whole words only, no typos: "thurs" is not "tues".
  const entries = Object.entries(DAY_WORDS.en).map(([phrase, day]) => ({ words: phrase.split(' '), day }));
  for (const { words, day } of entries.sort((a, b) => b.words.length - a.words.length)) {
    if (q.words.some((_, i) => words.every((w, j) => q.words[i + j] === w || (q.words[i + j] !== undefined && stem(q.words[i + j]!) === w)))) return day;
  }
  return null;
}
