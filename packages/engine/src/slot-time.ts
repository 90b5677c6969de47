/**
 * Calendar and time-zone arithmetic for the slot finder, without the `Date` global: local dates
 * are 'YYYY-MM-DD' strings, local times are minutes since local midnight, instants are epoch ms.
 * Zone offsets come from `Intl.DateTimeFormat` (pure data: the IANA zone database), so results
 * are correct across daylight-saving changes in any zone the runtime knows.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** Monday first, as ISO 8601 counts. */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [y2, mo2, d2] = civilFromDays(daysFromCivil(y, mo, d));
  return y === y2 && mo === mo2 && d === d2;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function dateOfDayNumber(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function addDays(date: string, n: number): string {
  return dateOfDayNumber(dayNumber(date) + n);
}

export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday (index 3 counting from Monday).
  return WEEK[(((dayNumber(date) + 3) % 7) + 7) % 7]!;
}

/**
 * 'HH:MM' -> minutes since midnight. '24:00' is the end of the day (1440): the product's hours
 * never use it (contracts' LocalTime stops at 23:59), but the simulator's scenarios may close
 * or end a shift at midnight, and the slot engine books their calendar.
 */
export function parseHm(hm: string): number {
  if (hm === '24:00') return 24 * 60;
  const m = HM.exec(hm);
  if (!m) throw new RangeError(`Not a time of day: ${hm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatHm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

// Formatters are costly to build; caching them changes no result.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall clock at `instant`, as if it were a UTC instant (whole seconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const days = daysFromCivil(parts.year!, parts.month!, parts.day!);
  return days * DAY_MS + ((parts.hour! % 24) * 3600 + parts.minute! * 60 + parts.second!) * 1000;
}

/** UTC offset (ms, east positive) of `timeZone` at `instant`. */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/** The local date and minute of day at `instant`. */
export function localTimeOf(instant: number, timeZone: string): { date: string; minutes: number } {
  const wall = wallClock(Math.floor(instant / 1000) * 1000, timeZone);
  const days = Math.floor(wall / DAY_MS);
  return { date: dateOfDayNumber(days), minutes: Math.floor((wall - days * DAY_MS) / MIN_MS) };
}

export function localDateOf(instant: number, timeZone: string): string {
  return localTimeOf(instant, timeZone).date;
}

/**
 * How a local wall-clock time that does not name exactly one instant resolves:
 * - `first`: the earlier instant on an overlap day (clocks fall back); null in a gap (spring
 *   forward) - for slot starts: no slot at a time that does not exist, none twice;
 * - `boundary`: like `first`, but a time in a gap maps to the moment the clocks jump (for
 *   opening and shift boundaries: "open at 02:30" on a spring-forward night opens at 03:00);
 * - `last`: the later instant on an overlap day, the jump in a gap (closing times).
 */
export type LocalResolution = 'first' | 'boundary' | 'last';

/** The instant of local `minutes` past midnight on `date` in `timeZone`; see {@link LocalResolution}. */
export function zonedInstant(timeZone: string, date: string, minutes: number, resolve: LocalResolution): number | null {
  return localDayResolver(timeZone, date)(minutes, resolve);
}

type DayResolver = (minutes: number, resolve: LocalResolution) => number | null;

// Pure memo of the per-day conversions (a day's offsets never change); bounded.
const dayResolvers = new Map<string, DayResolver>();
const MAX_MEMO = 4096;

/**
 * `zonedInstant` for many times of one local day, as plain arithmetic. Every zone changes its
 * offset at most once in any three days, so the instants that can carry a wall time of `date`
 * (from a day before its midnight to two days after) have one offset before a transition `T`
 * and one after it. A wall time `w` then names `w - before` if that is before `T`, and
 * `w - after` if that is at or after `T`: both on an overlap day, neither in a gap (whose times
 * map to `T`, the moment the clocks jump).
 */
export function localDayResolver(timeZone: string, date: string): DayResolver {
  const key = `${timeZone}\n${date}`;
  const hit = dayResolvers.get(key);
  if (hit) return hit;
  const midnight = dayNumber(date) * DAY_MS;
  const lo = midnight - DAY_MS;
  const hi = midnight + 2 * DAY_MS;
  const before = offsetAt(lo, timeZone);
  const after = offsetAt(hi, timeZone);
  let resolver: DayResolver;
  if (before === after) {
    resolver = (minutes) => midnight + minutes * MIN_MS - before;
  } else {
    const jump = transitionBetween(timeZone, lo, hi);
    resolver = (minutes, resolve) => {
      const wall = midnight + minutes * MIN_MS;
      const early = wall - before < jump ? wall - before : null;
      const late = wall - after >= jump ? wall - after : null;
      if (early !== null && late !== null) return resolve === 'last' ? Math.max(early, late) : Math.min(early, late);
      const one = early ?? late;
      if (one !== null) return one;
      return resolve === 'first' ? null : jump;
    };
  }
  if (dayResolvers.size >= MAX_MEMO) dayResolvers.clear();
  dayResolvers.set(key, resolver);
  return resolver;
}

/** The first instant in (lo, hi] whose offset differs from lo's (binary search to the minute). */
function transitionBetween(timeZone: string, lo: number, hi: number): number {
  const base = offsetAt(lo, timeZone);
  let a = lo;
  let b = hi;
  while (b - a > MIN_MS) {
    const mid = a + Math.floor((b - a) / 2 / MIN_MS) * MIN_MS;
    if (offsetAt(mid, timeZone) === base) a = mid;
    else b = mid;
  }
  return b;
}
