import { closureReasonIn, type AssistantDay, type Closure } from '@tellerline/contracts';
import { addDays, formatHm, localTimeOf, parseHm, weekdayOf, zonedInstant, type WeeklyWindows } from '@tellerline/engine';

export interface HoursInput {
  timezone: string;
  /** Weekly opening windows in branch time ('HH:MM'); a missing day is closed. */
  hours: WeeklyWindows;
  /** The booking settings' closures: whole local days (holidays) and intervals of instants. */
  closures: readonly Closure[];
  /** The language a closure's reason is told in (a bilingual reason picks it); default zh. */
  language?: 'zh' | 'en';
}

export interface HoursOutlook {
  days: AssistantDay[];
  openNow: boolean;
  upcomingClosures: { date: string; until: string | null; reason: string | null }[];
}

/** Days shown: today and the six after it. */
export const DAYS_SHOWN = 7;
/** Holidays further out than this are not worth mentioning yet. */
const CLOSURES_AHEAD_DAYS = 60;

type Span = [number, number];

/** `windows` minus the span `cut` (minutes of the day). */
function subtract(windows: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const [open, close] of windows) {
    if (cut[1] <= open || cut[0] >= close) out.push([open, close]);
    else {
      if (cut[0] > open) out.push([open, cut[0]]);
      if (cut[1] < close) out.push([cut[1], close]);
    }
  }
  return out;
}

/** One local day: its weekly windows, less a holiday or the part a closure interval takes. */
export function branchDay(input: HoursInput, date: string): AssistantDay {
  const weekday = weekdayOf(date);
  let windows: Span[] = (input.hours[weekday] ?? []).map((w) => [parseHm(w.open), parseHm(w.close)]);
  let closure = false;
  let reason: string | null = null;
  for (const c of input.closures) {
    if ('date' in c) {
      // A holiday on a day the branch is closed anyway (a Sunday) changes nothing for customers.
      if (date < c.date || date > (c.until ?? c.date) || windows.length === 0) continue;
      windows = [];
    } else {
      const start = zonedInstant(input.timezone, date, 0, 'boundary')!;
      const end = zonedInstant(input.timezone, addDays(date, 1), 0, 'boundary')!;
      if (c.to <= start || c.from >= end) continue;
      const from = c.from <= start ? 0 : localTimeOf(c.from, input.timezone).minutes;
      const to = c.to >= end ? 24 * 60 : localTimeOf(c.to, input.timezone).minutes;
      const before = windows;
      windows = subtract(windows, [from, to]);
      // A closure outside the opening hours (a night's maintenance) changes nothing for customers.
      if (JSON.stringify(before) === JSON.stringify(windows)) continue;
    }
    closure = true;
    reason = reason ?? closureReasonIn(c.reason, input.language ?? 'zh');
  }
  return { date, weekday, windows: windows.map(([o, cl]) => ({ open: formatHm(o), close: formatHm(cl) })), closure, reason };
}

/** Today and the coming days in branch time, whether it is open at `now`, and holidays starting after them. */
export function hoursOutlook(input: HoursInput, now: number): HoursOutlook {
  const local = localTimeOf(now, input.timezone);
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => branchDay(input, addDays(local.date, i)));
  const openNow = days[0]!.windows.some((w) => parseHm(w.open) <= local.minutes && local.minutes < parseHm(w.close));
  const after = addDays(local.date, DAYS_SHOWN);
  const horizon = addDays(local.date, CLOSURES_AHEAD_DAYS);
  // Those starting after the days shown: the ones within them are told day by day.
  const upcomingClosures = wholeDayClosures(input, after, horizon).filter((c) => c.date >= after);
  return { days, openNow, upcomingClosures };
}

/** The whole-day closures (holidays) that take any day from `from` to `to`, in date order. */
export function wholeDayClosures(input: HoursInput, from: string, to: string): HoursOutlook['upcomingClosures'] {
  return input.closures
    .flatMap((c) => ('date' in c ? [{ date: c.date, until: c.until ?? null, reason: closureReasonIn(c.reason, input.language ?? 'zh') }] : []))
    .filter((c) => (c.until ?? c.date) >= from && c.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
