import { addressIn, type AssistantFacts } from '@tellerline/contracts';
import { addDays, localTimeOf, parseHm, weekdayOf } from '@tellerline/engine';
import { ANSWER_TEXTS, type AnswerTexts } from './answer-texts.js';
import { resolveAskedDay, type ResolvedDay } from './asked-day.js';
import { pick, type BranchFacts, type Lang } from './branch-facts.js';
import { branchDay, DAYS_SHOWN, hoursOutlook, wholeDayClosures, type HoursOutlook } from './branch-hours.js';
import { earlyTickets } from './early-tickets.js';
import type { IntentMatch } from './intent-matcher.js';

export type Day = HoursOutlook['days'][number];

/**
 * How far ahead the assistant tells a day's hours, and lists the closures when the day asked
 * cannot be told (春节 may be months away). Hours further out are not settled (nor, for year
 * 9999, computable).
 */
const DAYS_TOLD_AHEAD = 366;

export const windowsText = (windows: { open: string; close: string }[], t: AnswerTexts) => t.list(windows.map((w) => `${w.open}–${w.close}`));

/** The first opening after `minutes` into today (the rest of today's windows, else the next open day). */
export function nextOpening(days: readonly Day[], minutes: number): { day: Day; windows: Day['windows'] } | null {
  const rest = days[0]!.windows.filter((w) => parseHm(w.open) > minutes);
  if (rest.length > 0) return { day: days[0]!, windows: rest };
  const next = days.slice(1).find((d) => d.windows.length > 0);
  return next ? { day: next, windows: next.windows } : null;
}

export function hoursFacts(f: BranchFacts, outlook: HoursOutlook): AssistantFacts {
  return { kind: 'hours', timezone: f.timezone, days: outlook.days, openNow: outlook.openNow, upcomingClosures: outlook.upcomingClosures };
}

/**
 * Today's hours, whether it is open now, and when it opens next if not again today. Whether the
 * kiosk issues tickets is asked first (the kiosk's own rule, `walkInHoursAt`): while it issues
 * for the next opening the answer says so, never "closed" alone, whatever today's hours.
 */
function todayText(f: BranchFacts, outlook: HoursOutlook, t: AnswerTexts, name: string, day: (d: Day) => string, now: number): string[] {
  const [today, ...later] = outlook.days;
  const early = outlook.openNow ? null : earlyTickets(f, now);
  const next = later.find((d) => d.windows.length > 0);
  const nextText = next ? t.hours.next(day(next), windowsText(next.windows, t)) : t.hours.noneSoon;
  const minutes = localTimeOf(now, f.timezone).minutes;
  // The kiosk issues for an opening on another day (no later window today): name that day.
  const earlyOn = early && early.date !== today!.date ? (outlook.days.find((d) => d.date === early.date) ?? branchDay(f, early.date)) : null;
  if (today!.windows.length === 0) {
    const closed = t.hours.closedToday(name, day(today!), today!.closure ? today!.reason : null);
    return earlyOn ? [closed, t.hours.issuingFor(day(earlyOn), early!.opensAt)] : [closed, nextText];
  }
  const nowText = outlook.openNow ? t.hours.openNow : early && !earlyOn ? t.hours.opensSoon(early.opensAt) : t.hours.closedNow;
  const text = [t.hours.openToday(name, day(today!), windowsText(today!.windows, t)) + nowText];
  if (today!.closure) text.push(t.hours.partly(day(today!), windowsText(today!.windows, t), today!.reason));
  // Closed for the rest of today: when it opens next, and that the kiosk issues for it already.
  if (!outlook.openNow && today!.windows.every((w) => parseHm(w.open) <= minutes)) text.push(earlyOn ? t.hours.issuingFor(day(earlyOn), early!.opensAt) : nextText);
  return text;
}

/** Another day than today named ("下周一", "25 Dec", "tomorrow"): its hours, or closed, why, and the next opening. */
function askedDayText(f: BranchFacts, d: Day, offset: number, t: AnswerTexts, name: string, day: (d: Day) => string): string[] {
  if (d.windows.length > 0) {
    const text = [t.hours.openOn(name, day(d), offset, windowsText(d.windows, t))];
    if (d.closure) text.push(t.hours.partly(day(d), windowsText(d.windows, t), d.reason));
    return text;
  }
  return [t.hours.closedOn(name, day(d), offset, d.closure ? d.reason : null), nextOpeningText(f, d, t, day)];
}

/** The next opening after the day `d`, which may be beyond the days shown (looked for a week on). */
function nextOpeningText(f: BranchFacts, d: Day, t: AnswerTexts, day: (d: Day) => string): string {
  const next = Array.from({ length: DAYS_SHOWN }, (_, i) => branchDay(f, addDays(d.date, i + 1))).find((x) => x.windows.length > 0);
  return next ? t.hours.next(day(next), windowsText(next.windows, t)) : t.hours.noneSoon;
}

/**
 * Saturday and Sunday asked together (`offsets`: days from today of those still to come): closed
 * both days says so once, with the next opening after them; else each day's hours or closure. A
 * yes/no question leads with yes when either day opens.
 */
function weekendText(f: BranchFacts, days: readonly Day[], offsets: readonly number[], t: AnswerTexts, name: string, day: (d: Day) => string, yesNo: 'open' | 'closed' | null): string[] {
  const open = days.some((d) => d.windows.length > 0);
  const text = open
    ? days.map((d, i) => (d.windows.length > 0 ? t.hours.openOn(name, day(d), offsets[i]!, windowsText(d.windows, t)) : t.hours.closedOn(name, day(d), offsets[i]!, d.closure ? d.reason : null)))
    : [t.hours.closedWeekend(name, t.list(days.map((d) => t.withReason(day(d), d.closure ? d.reason : null)))), nextOpeningText(f, days.at(-1)!, t, day)];
  for (const d of days) if (d.closure && d.windows.length > 0) text.push(t.hours.partly(day(d), windowsText(d.windows, t), d.reason));
  if (yesNo) text[0] = t.hours.verdict(open ? 'yes' : 'no', yesNo, text[0]!);
  return text;
}

/**
 * The yes or no to "open on <day>?": the day named has opening hours; today, that it is open now
 * or opens later today ('done' once today's last window has closed).
 */
function dayVerdict(d: Day, isToday: boolean, openNow: boolean, minutes: number): 'yes' | 'no' | 'done' {
  if (d.windows.length === 0) return 'no';
  if (!isToday || openNow) return 'yes';
  return d.windows.some((w) => parseHm(w.open) > minutes) ? 'yes' : 'done';
}

/** Why there is no date for the day named: a holiday that moves (春节), "3/4", 2月30日. */
function unresolvedLead(asked: Extract<ResolvedDay, { unresolved: string }>, t: AnswerTexts): string {
  if (asked.unresolved === 'moving-holiday') return t.hours.movingHoliday(asked.said);
  if (asked.unresolved === 'ambiguous-date') return t.hours.ambiguousDate(asked.said, (asked.readings ?? []).map((r) => t.monthDay(r.month, r.day)));
  return t.hours.noSuchDate(asked.said);
}

/** No hours to tell for the day named: say why, rather than answer for today, and list the closures entered. */
function untoldText(f: BranchFacts, lead: string, today: string, t: AnswerTexts): string[] {
  const closures = wholeDayClosures(f, today, addDays(today, DAYS_TOLD_AHEAD));
  const year = today.slice(0, 4);
  const listed = closures.map((c) => t.withReason(t.dates(c.date, c.until, year), c.reason));
  return [lead, listed.length > 0 ? t.hours.closuresEntered(t.list(listed)) : t.hours.noClosuresEntered, t.hours.askWithDate];
}

/**
 * The hours answer: for the day the question names (a weekday of a given week, a date, a
 * holiday), else for today; then the closures in the week and the weeks ahead. In the branch's
 * time zone; dates in the language asked, with the year when it is not this one.
 */
export function hoursAnswer(f: BranchFacts, match: IntentMatch, lang: Lang, now: number): { text: string[]; facts: AssistantFacts } {
  const t = ANSWER_TEXTS[lang];
  const outlook = hoursOutlook(f, now);
  const today = outlook.days[0]!;
  const year = today.date.slice(0, 4);
  const name = pick(f.name, lang);
  const day = (d: Day) => t.day(d.date, d.weekday, year);
  const asked = match.day ? resolveAskedDay(match.day, today.date) : null;
  if (asked && 'unresolved' in asked) return { text: untoldText(f, unresolvedLead(asked, t), today.date, t), facts: hoursFacts(f, outlook) };
  if (asked && asked.offset > DAYS_TOLD_AHEAD) {
    return { text: untoldText(f, t.hours.tooFar(t.day(asked.date, weekdayOf(asked.date), year)), today.date, t), facts: hoursFacts(f, outlook) };
  }

  const dayAt = (offset: number) => outlook.days[offset] ?? branchDay(f, addDays(today.date, offset));
  // The weekend asked ("周末营业吗", "open at the weekend?"): both its days (but one already past), never today instead.
  const weekendLeft = asked && match.day && 'weekend' in match.day ? [asked.offset, asked.offset + 1].filter((o) => o >= 0) : [];
  // A weekend gone by (上周末) is told as a day gone by.
  const weekend = weekendLeft.length > 0 ? weekendLeft : null;
  // The days the answer leads with, when it is not today.
  const told = weekend ? weekend.map(dayAt) : asked && asked.offset > 0 ? [dayAt(asked.offset)] : [];
  const text: string[] = [];
  if (weekend) text.push(...weekendText(f, told, weekend, t, name, day, match.yesNo));
  else if (told.length > 0) text.push(...askedDayText(f, told[0]!, asked!.offset, t, name, day));
  else {
    if (asked && asked.offset < 0) text.push(t.hours.passed(day(branchDay(f, asked.date))));
    text.push(...todayText(f, outlook, t, name, day, now));
  }
  // "周六营业吗？": yes or no first, then the day's hours or the next opening.
  if (match.yesNo && asked && asked.offset >= 0 && !weekend) {
    text[0] = t.hours.verdict(dayVerdict(told[0] ?? today, told.length === 0, outlook.openNow, localTimeOf(now, f.timezone).minutes), match.yesNo, text[0]!);
  }
  // A holiday open as usual: the manager may not have entered it yet, so say what the hours rest on.
  const holiday = asked?.holiday && asked.offset >= 0 ? (told[0] ?? today) : null;
  if (holiday && !holiday.closure && holiday.windows.length > 0) text.push(t.hours.usualOnHoliday);

  // Closures in the days ahead (but the days told above): the whole days in one sentence, the shortened days each.
  const ahead = outlook.days.slice(1).filter((d) => !told.some((x) => x.date === d.date));
  const shut = ahead.filter((d) => d.closure && d.windows.length === 0);
  if (shut.length > 0) text.push(t.hours.closureSoon(t.list(shut.map(day)), shut.find((d) => d.reason)?.reason ?? null));
  for (const d of ahead) if (d.closure && d.windows.length > 0) text.push(t.hours.partly(day(d), windowsText(d.windows, t), d.reason));
  const later = outlook.upcomingClosures.filter((c) => !told.some((x) => x.date >= c.date && x.date <= (c.until ?? c.date)));
  if (later.length > 0) text.push(t.hours.upcoming(t.list(later.map((c) => t.withReason(t.dates(c.date, c.until, year), c.reason)))));
  // Someone asking when to come usually needs where to, too.
  const address = addressIn(f.address, lang);
  if (address) text.push(t.address.at(name, address));
  return { text, facts: hoursFacts(f, outlook) };
}
