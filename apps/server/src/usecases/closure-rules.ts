import type { Closure } from '@tellerline/contracts';
import { addDays, localTimeOf, zonedInstant } from '@tellerline/engine';
import { AppError } from '../errors.js';

/** A closure's span as instants [from, to): whole days from their local midnights. */
export function spanOf(c: Closure, timeZone: string): [number, number] {
  if ('from' in c) return [c.from, c.to];
  return [zonedInstant(timeZone, c.date, 0, 'boundary')!, zonedInstant(timeZone, addDays(c.until ?? c.date, 1), 0, 'boundary')!];
}

/** The same closure whatever its reason says (a reason edited is not a new closure). */
export const keyOf = (c: Closure) => ('from' in c ? `${c.from}-${c.to}` : `${c.date}-${c.until ?? c.date}`);

/**
 * Refuses closures a manager cannot have meant: one added (not already stored) that ends before
 * today in branch time (CLOSURE_IN_PAST), and an added one taking a day or instant another one
 * takes too (CLOSURES_OVERLAP). Closures already stored are let be: past ones stay as a record,
 * and an overlap saved before this check must not block every later save.
 */
export function refuseBadClosures(closures: readonly Closure[], stored: readonly Closure[], timeZone: string, now: number): void {
  const old = new Set(stored.map(keyOf));
  const today = localTimeOf(now, timeZone).date;
  const spans = closures.map((c) => spanOf(c, timeZone));
  closures.forEach((c, i) => {
    if (old.has(keyOf(c))) return;
    const ended = 'from' in c ? c.to <= now : (c.until ?? c.date) < today;
    if (ended) {
      const path = `settings.closures.${i}.${'from' in c ? 'to' : c.until ? 'until' : 'date'}`;
      throw new AppError('CLOSURE_IN_PAST', `Closure ${i + 1} ends before today (${today} at the branch); enter closures still to come.`, [{ path, message: 'ends before today' }]);
    }
    const [from, to] = spans[i]!;
    const j = spans.findIndex(([f, t], k) => k !== i && f < to && from < t);
    if (j >= 0) {
      const message = `Closure ${i + 1} takes days or hours closure ${j + 1} already takes; change its dates or remove one.`;
      throw new AppError('CLOSURES_OVERLAP', message, [{ path: `settings.closures.${i}.${'from' in c ? 'from' : 'date'}`, message: `overlaps closure ${j + 1}` }]);
    }
  });
}

/** An added closure's place in the saved list and its span [from, to). */
export interface AddedClosure {
  index: number;
  from: number;
  to: number;
}

/** The closures of `closures` not already stored (by days or instants, the reason aside), with their spans. */
export function addedClosures(closures: readonly Closure[], stored: readonly Closure[], timeZone: string): AddedClosure[] {
  const old = new Set(stored.map(keyOf));
  return closures.flatMap((c, index) => {
    if (old.has(keyOf(c))) return [];
    const [from, to] = spanOf(c, timeZone);
    return [{ index, from, to }];
  });
}

/** A booking as the closure check sees it. */
export interface TakenBooking {
  id: string;
  startsAt: number;
  endsAt: number;
}

/**
 * Per added closure, the bookings whose visit [startsAt, endsAt) meets its span and is not over
 * at `now` (a late customer may still come to a closure starting today). The caller passes
 * bookings still booked only (not checked in, finished, missed or cancelled).
 */
export function bookingsTaken<B extends TakenBooking>(added: readonly AddedClosure[], bookings: readonly B[], now: number): { index: number; bookings: B[] }[] {
  return added
    .map((c) => ({ index: c.index, bookings: bookings.filter((b) => b.endsAt > now && b.startsAt < c.to && c.from < b.endsAt) }))
    .filter((x) => x.bookings.length > 0);
}

/** The closure (of `closures`) whose span meets [from, to), if any: why the branch cancelled a booking then. */
export function closureAt(closures: readonly Closure[], from: number, to: number, timeZone: string): Closure | undefined {
  return closures.find((c) => {
    const [f, t] = spanOf(c, timeZone);
    return f < to && from < t;
  });
}
