/**
 * Free appointment slots of a service, and the check made when one is booked. Pure: `now` and
 * everything else come in as arguments; the caller serialises bookings of a branch (a database
 * lock) and checks the chosen slot again with the bookings read under that lock.
 *
 * Slots start every `slotStepMin` from each opening time, on local wall-clock times converted to
 * instants in the branch's zone: on a spring-forward day there is no slot at a local time that
 * does not exist, on a fall-back day a repeated local time gives one slot (its first occurrence).
 * A slot lies inside one opening window and outside closures, at least `minNoticeMin` from now,
 * no later than `maxDaysAhead` days after today, and has room (see `slot-capacity.ts`).
 */
import { CapacityModel } from './slot-capacity.js';
import type { BookedSlot, Closure, FreeSlot, SlotCheck, SlotDay, SlotInput, SlotPolicy } from './slot-model.js';
import { dateOfDayNumber, dayNumber, formatHm, localDateOf, localDayResolver, parseHm, weekdayOf } from './slot-time.js';

const MIN_MS = 60_000;

/** The longest listing asked for at once. */
export const MAX_LISTED_DAYS = 62;

interface Candidate {
  startsAt: number;
  endsAt: number;
  date: string;
  time: string;
}

function closedAllDay(closures: readonly Closure[], date: string): boolean {
  const day = dayNumber(date);
  return closures.some((c) => 'date' in c && dayNumber(c.date) <= day && day <= dayNumber(c.until ?? c.date));
}

function closedDuring(closures: readonly Closure[], from: number, to: number): boolean {
  return closures.some((c) => 'from' in c && c.from < to && from < c.to);
}

/** Every start time of the grid on `date` that exists, fits a window and misses the closures. */
function candidatesOn(policy: SlotPolicy, durationMin: number, date: string): Candidate[] {
  if (closedAllDay(policy.closures, date)) return [];
  const out: Candidate[] = [];
  const step = Math.max(1, Math.round(policy.slotStepMin));
  const windows = policy.hours[weekdayOf(date)] ?? [];
  if (windows.length === 0) return out;
  const at = localDayResolver(policy.timeZone, date);
  for (const w of windows) {
    const open = parseHm(w.open);
    const close = parseHm(w.close);
    const from = at(open, 'boundary');
    const to = at(close, 'last');
    if (from === null || to === null || to <= from) continue;
    // The slot must also end by closing on the wall clock: on a fall-back day the window runs to
    // the last occurrence of its closing time, and a slot starting in the first pass of the
    // repeated hour would otherwise be sold to end at, say, 02:35 in a window that closes at 02:30.
    for (let m = open; m + durationMin <= close; m += step) {
      const startsAt = at(m, 'first');
      if (startsAt === null || startsAt < from) continue;
      const endsAt = startsAt + durationMin * MIN_MS;
      if (endsAt > to || closedDuring(policy.closures, startsAt, endsAt)) continue;
      out.push({ startsAt, endsAt, date, time: formatHm(m) });
    }
  }
  return out.sort((a, b) => a.startsAt - b.startsAt);
}

function withRoom(model: CapacityModel, serviceId: string, c: Candidate, bookings: readonly BookedSlot[]): FreeSlot {
  const occupant = model.candidate(serviceId, c.startsAt, c.endsAt, c.date);
  const remaining = model.remaining(occupant, model.overlapping(occupant, bookings));
  return { ...c, remaining, capacity: occupant.cap };
}

function durationOf(input: SlotInput, serviceId: string): number {
  const rules = input.services.find((s) => s.id === serviceId);
  if (!rules || !(rules.durationMin > 0)) throw new RangeError(`No booking rules for service ${serviceId}`);
  return rules.durationMin;
}

/**
 * Free slots of `serviceId` for `days` local days from `from` ('YYYY-MM-DD'), limited to today ..
 * today + maxDaysAhead in the branch's zone. Days outside that horizon are left out; a day
 * inside it with no hours (or closed) comes back `closed` with no slots.
 */
export function listSlots(input: SlotInput, serviceId: string, query: { from: string; days: number }, now: number): SlotDay[] {
  const { policy } = input;
  const durationMin = durationOf(input, serviceId);
  const model = new CapacityModel(input);
  const today = dayNumber(localDateOf(now, policy.timeZone));
  const first = Math.max(dayNumber(query.from), today);
  const last = Math.min(dayNumber(query.from) + Math.min(query.days, MAX_LISTED_DAYS) - 1, today + policy.maxDaysAhead);
  const earliest = now + policy.minNoticeMin * MIN_MS;
  const out: SlotDay[] = [];
  for (let d = first; d <= last; d++) {
    const date = dateOfDayNumber(d);
    const candidates = candidatesOn(policy, durationMin, date);
    const closed = candidates.length === 0 && (closedAllDay(policy.closures, date) || (policy.hours[weekdayOf(date)] ?? []).length === 0);
    const slots = candidates
      .filter((c) => c.startsAt >= earliest)
      .map((c) => withRoom(model, serviceId, c, input.bookings))
      .filter((s) => s.remaining > 0);
    out.push({ date, closed, slots });
  }
  return out;
}

/**
 * May `serviceId` be booked at `startsAt`? Run it with the bookings read under the branch's
 * booking lock. `activeForCustomer` is how many bookings the customer already holds (leave out
 * the one being moved); `ignoreBookingId` leaves a booking out of the capacity count (moving a
 * booking to an overlapping time must not count it against itself).
 */
export function checkSlot(
  input: SlotInput,
  serviceId: string,
  startsAt: number,
  now: number,
  options: { activeForCustomer?: number; ignoreBookingId?: string } = {},
): SlotCheck {
  const { policy } = input;
  const durationMin = durationOf(input, serviceId);
  if (startsAt < now + policy.minNoticeMin * MIN_MS) {
    return { ok: false, code: 'SLOT_TOO_SOON', message: `Book at least ${policy.minNoticeMin} minutes ahead.` };
  }
  const date = localDateOf(startsAt, policy.timeZone);
  if (dayNumber(date) > dayNumber(localDateOf(now, policy.timeZone)) + policy.maxDaysAhead) {
    return { ok: false, code: 'SLOT_TOO_FAR', message: `Book at most ${policy.maxDaysAhead} days ahead.` };
  }
  const candidate = candidatesOn(policy, durationMin, date).find((c) => c.startsAt === startsAt);
  const model = new CapacityModel(input);
  const bookings = options.ignoreBookingId ? input.bookings.filter((b) => b.id !== options.ignoreBookingId) : input.bookings;
  const slot = candidate && withRoom(model, serviceId, candidate, bookings);
  if (!slot || slot.capacity <= 0) {
    return { ok: false, code: 'SLOT_UNAVAILABLE', message: 'That time is not a slot of this service.' };
  }
  if (slot.remaining <= 0) return { ok: false, code: 'SLOT_FULL', message: 'That slot has just been taken; choose another.' };
  // Last: whoever typed the contact may not be its owner, so this answer comes only where anyone
  // else would have booked (a full slot reads full to everyone). Worded so it neither lists nor counts the bookings.
  if ((options.activeForCustomer ?? 0) >= policy.maxActivePerCustomer) {
    return { ok: false, code: 'BOOKING_LIMIT', message: 'This contact already has the most bookings allowed; use the links we sent to change them.' };
  }
  return { ok: true, slot };
}
