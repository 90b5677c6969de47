import { closureReasonTexts, type NextOpening, type WalkInClosedReason, type WalkInHours } from '@tellerline/contracts';
import { addDays, localTimeOf, parseHm, zonedInstant } from '@tellerline/engine';
import { branchDay, type HoursInput } from './assistant/branch-hours.js';
import { opensAtDetails } from './booking-arrival.js';

const MIN_MS = 60_000;
/** Days looked at for the next opening: a week and a day (a long holiday says "not this week"). */
const DAYS_AHEAD = 8;

interface Opening {
  /** The doors open (a window's start). */
  opens: number;
  /** Walk-in tickets from (`opens` less the early window). */
  from: number;
  /** The window's end. */
  to: number;
  date: string;
  weekday: NextOpening['weekday'];
}

/**
 * The branch's openings over the coming days as instants: the assistant's days (weekly hours
 * less holidays and closures, `branchDay`), each window taking tickets from `earlyMin` before it,
 * but never before the local midnight of its own day: the daily close at midnight cancels every
 * active ticket and restarts the numbers, so a ticket taken the evening before (a branch opening
 * at 00:30 with an hour's early window) would be lost at 00:00. Asks `ticketsFrom` for the rule.
 */
function openings(input: HoursInput, earlyMin: number, today: string): Opening[] {
  const out: Opening[] = [];
  for (let i = 0; i < DAYS_AHEAD; i++) {
    const day = branchDay(input, addDays(today, i));
    for (const w of day.windows) {
      const opens = zonedInstant(input.timezone, day.date, parseHm(w.open), 'boundary')!;
      const to = zonedInstant(input.timezone, day.date, parseHm(w.close), 'last')!;
      out.push({ opens, from: ticketsFrom(input.timezone, day.date, opens, earlyMin), to, date: day.date, weekday: day.weekday });
    }
  }
  return out;
}

/**
 * When walk-in tickets start for an opening at `opens` on local `date`: `earlyMin` before it,
 * not before that day's local midnight (the business day the ticket belongs to starts there).
 */
export function ticketsFrom(timeZone: string, date: string, opens: number, earlyMin: number): number {
  const midnight = zonedInstant(timeZone, date, 0, 'boundary')!;
  return Math.max(opens - earlyMin * MIN_MS, midnight);
}

/**
 * Whether walk-in tickets are issued at `now`, and if not, why and when they are next. Pure:
 * the same hours and closures the help assistant answers from, so the two never disagree about
 * a closed day.
 */
export function walkInHoursAt(input: HoursInput, earlyMin: number, now: number): WalkInHours {
  const { date: today, minutes } = localTimeOf(now, input.timezone);
  const all = openings(input, earlyMin, today);
  if (all.some((o) => o.from <= now && now < o.to)) return { issuing: true, closed: null, reason: null, next: null, today };
  const next = all.find((o) => o.from > now) ?? null;
  const day = branchDay(input, today);
  let closed: WalkInClosedReason;
  let reasons: WalkInHours['reasons'] = null;
  const interval = input.closures.find((c) => 'from' in c && c.from <= now && now < c.to);
  const weekly = input.hours[day.weekday] ?? [];
  if (day.windows.length === 0) {
    closed = 'day-off';
    // The day told in each language: a bilingual reason gives each its own text.
    const zh = day.closure ? branchDay({ ...input, language: 'zh' }, today).reason : null;
    const en = day.closure ? branchDay({ ...input, language: 'en' }, today).reason : null;
    reasons = zh && en ? { zh, en } : null;
  } else if (interval && weekly.some((w) => parseHm(w.open) <= minutes && minutes < parseHm(w.close))) {
    // A closure is why only when it takes hours the branch would otherwise be open.
    closed = 'closure';
    reasons = closureReasonTexts(interval.reason);
  } else closed = next?.date === today ? 'not-yet' : 'ended';
  // `reason` as before (Chinese first) for screens that read only it.
  return { issuing: false, closed, reason: reasons?.zh ?? null, ...(reasons ? { reasons } : {}), next: next ? nextOpening(next, input.timezone) : null, today };
}

function nextOpening(o: Opening, timeZone: string): NextOpening {
  const opens = opensAtDetails(o.opens, timeZone);
  const from = opensAtDetails(o.from, timeZone);
  return { opensAt: opens.opensAt, opensAtLocal: opens.opensAtLocal, date: o.date, weekday: o.weekday, ticketsFrom: from.opensAt, ticketsFromLocal: from.opensAtLocal };
}
