import type { LocalWindow, WeeklyWindows } from './slot-model.js';
import { WEEK, type Weekday } from './slot-time.js';

/**
 * Who covers a service while the branch is open, from rosters (weekly shifts in branch time). A
 * colleague without a roster counts as available whenever the branch is open, as the slot finder
 * and the simulator assume. Shared by the team screen's roster editor and the server's readiness
 * check, so both name the same gaps.
 */

/** A colleague as the cover check needs them: their skills and their roster (null: none). */
export interface RosteredColleague {
  skills: Record<string, number>;
  roster: WeeklyWindows | null;
}

/** A stretch of a weekday, within the opening hours, where nobody rostered has the service's skill. */
export interface CoverGap {
  serviceId: string;
  day: Weekday;
  open: string;
  close: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

type Span = [number, number];

/** The well-formed windows of a day in minutes (an editor's half-typed one is left out until it is whole). */
function spans(day: readonly LocalWindow[] | undefined): Span[] {
  return (day ?? []).filter((w) => HHMM.test(w.open) && HHMM.test(w.close) && w.close > w.open).map((w) => [minutes(w.open), minutes(w.close)]);
}

/** `from` minus every span of `minus`. */
function subtract(from: Span[], minus: Span[]): Span[] {
  let left = from;
  for (const [a, b] of minus) {
    left = left.flatMap(([x, y]): Span[] => {
      if (b <= x || y <= a) return [[x, y]];
      return [...(x < a ? [[x, a] as Span] : []), ...(b < y ? [[b, y] as Span] : [])];
    });
  }
  return left;
}

/**
 * Where a service has nobody rostered with its skill while the branch is open: per service (in
 * `serviceIds`' order) and weekday, each stretch of the opening hours that no colleague serving
 * it works. Customers can still walk in then, but no booking is offered and the queue waits for
 * someone to come.
 */
export function coverGaps(opening: WeeklyWindows, serviceIds: readonly string[], colleagues: readonly RosteredColleague[]): CoverGap[] {
  const gaps: CoverGap[] = [];
  for (const serviceId of serviceIds) {
    const serving = colleagues.filter((c) => (c.skills[serviceId] ?? 0) > 0);
    for (const day of WEEK) {
      const open = spans(opening[day]);
      const worked = serving.flatMap((c) => (c.roster ? spans(c.roster[day]) : open));
      for (const [a, b] of subtract(open, worked)) gaps.push({ serviceId, day, open: hm(a), close: hm(b) });
    }
  }
  return gaps;
}
