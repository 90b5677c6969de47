/**
 * Capacity of a time slot: who can take a booking, how many bookings of a service may overlap,
 * and whether one more fits. A booking occupies its interval widened by its service's buffers;
 * it needs one staff member skilled in its service and on shift for the whole appointment.
 *
 * One more booking fits when, at every moment of its occupancy,
 * - bookings of its service number at most `floor(skilled x (1 - walkInShare))` (the walk-in
 *   share held back), for its own skilled count and that of every overlapping booking of the
 *   service (except on a day where the share would leave no booking at all: see `capFor`), and
 * - the overlapping bookings can still be given distinct staff members (a bipartite matching,
 *   so a colleague skilled in two services is never counted twice).
 */
import type { BookedSlot, Interval, SlotInput, SlotServiceRules, SlotStaff, WeeklyWindows } from './slot-model.js';
import { localDateOf, localDayResolver, parseHm, weekdayOf } from './slot-time.js';

const MIN_MS = 60_000;
/** Guards floor() against 3 x (1 - 1/3) = 1.9999999999999998. */
const EPS = 1e-9;

/** A booking as the capacity check sees it. */
export interface Occupant {
  id: string;
  serviceId: string;
  startsAt: number;
  endsAt: number;
  /** Occupancy: the appointment widened by the service's buffers. */
  from: number;
  to: number;
  /** Staff who could serve it. */
  eligible: readonly string[];
  /** Bookings of this service allowed to overlap it (after the walk-in share). */
  cap: number;
}

const NO_BUFFERS: SlotServiceRules = { id: '', durationMin: 0, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare: 0 };

/** Local windows of `date` as instants: opening at 'boundary', closing at 'last' resolution. */
export function windowsOn(timeZone: string, weekly: WeeklyWindows, date: string): Interval[] {
  const out: Interval[] = [];
  const windows = weekly[weekdayOf(date)] ?? [];
  if (windows.length === 0) return out;
  const at = localDayResolver(timeZone, date);
  for (const w of windows) {
    const from = at(parseHm(w.open), 'boundary');
    const to = at(parseHm(w.close), 'last');
    if (from !== null && to !== null && to > from) out.push({ from, to });
  }
  return out;
}

/** Memoised per input: eligibility and caps are asked for many times while listing a week. */
export class CapacityModel {
  private readonly rules = new Map<string, SlotServiceRules>();
  private readonly shifts = new Map<string, Interval[]>();
  private readonly occupants = new Map<string, Occupant>();
  private readonly peaks = new Map<string, number>();

  constructor(private readonly input: SlotInput) {
    for (const r of input.services) this.rules.set(r.id, r);
  }

  rulesOf(serviceId: string): SlotServiceRules {
    return this.rules.get(serviceId) ?? { ...NO_BUFFERS, id: serviceId };
  }

  private shiftsOf(staff: SlotStaff, date: string): Interval[] {
    const key = `${staff.id}\n${date}`;
    let s = this.shifts.get(key);
    if (!s) {
      const { timeZone, hours } = this.input.policy;
      s = windowsOn(timeZone, staff.roster ?? hours, date);
      this.shifts.set(key, s);
    }
    return s;
  }

  /** Staff skilled in the service and on shift for all of [startsAt, endsAt); `date` is the local day of startsAt. */
  eligibleStaff(serviceId: string, startsAt: number, endsAt: number, date = localDateOf(startsAt, this.input.policy.timeZone)): string[] {
    return this.input.staff
      .filter(
        (m) =>
          (m.skills[serviceId] ?? 0) > 0 &&
          this.shiftsOf(m, date).some((w) => w.from <= startsAt && endsAt <= w.to) &&
          !(m.away ?? []).some((a) => a.from < endsAt && startsAt < a.to),
      )
      .map((m) => m.id);
  }

  /**
   * Bookable capacity of a service given its skilled staff count, on the local day `date`:
   * `floor(skilled x (1 - walkInShare))`.
   *
   * Except when that would leave the service nothing to book all day: where the most skilled
   * staff on shift at once that day are too few for the share to leave a booking (25% with one
   * adviser: floor(1 x 0.75) = 0), one booking at a time may be made that day. Why: keeping a
   * colleague free for walk-ins is worth moving bookings to an hour with more colleagues on
   * shift, not closing a lone adviser's calendar. Only a share of 1 (walk-ins only) closes every
   * day. The peak counts shifts, not leave.
   */
  capFor(serviceId: string, skilled: number, date: string): number {
    const share = Math.min(1, Math.max(0, this.rulesOf(serviceId).walkInShare));
    const cap = Math.floor(skilled * (1 - share) + EPS);
    if (cap > 0 || share >= 1 || Math.floor(this.peakOn(serviceId, date) * (1 - share) + EPS) > 0) return cap;
    return Math.min(skilled, 1);
  }

  /** The most staff skilled in the service on shift at one moment of local day `date`. */
  private peakOn(serviceId: string, date: string): number {
    const key = `${serviceId}\n${date}`;
    let peak = this.peaks.get(key);
    if (peak === undefined) {
      const edges: [number, number][] = [];
      for (const m of this.input.staff) {
        if (!((m.skills[serviceId] ?? 0) > 0)) continue;
        for (const w of this.shiftsOf(m, date)) edges.push([w.from, 1], [w.to, -1]);
      }
      // Ends before starts at the same instant: back-to-back shifts do not overlap.
      edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let on = 0;
      peak = 0;
      for (const [, d] of edges) peak = Math.max(peak, (on += d));
      this.peaks.set(key, peak);
    }
    return peak;
  }

  occupant(b: BookedSlot): Occupant {
    let o = this.occupants.get(b.id);
    if (!o) {
      o = this.candidate(b.serviceId, b.startsAt, b.endsAt, undefined, b.id);
      this.occupants.set(b.id, o);
    }
    return o;
  }

  /** A booking of `serviceId` at [startsAt, endsAt) as the check sees it; pass the local `date` when known. */
  candidate(serviceId: string, startsAt: number, endsAt: number, date?: string, id = '(new)'): Occupant {
    const r = this.rulesOf(serviceId);
    const day = date ?? localDateOf(startsAt, this.input.policy.timeZone);
    const eligible = this.eligibleStaff(serviceId, startsAt, endsAt, day);
    return {
      id,
      serviceId,
      startsAt,
      endsAt,
      from: startsAt - r.bufferBeforeMin * MIN_MS,
      to: endsAt + r.bufferAfterMin * MIN_MS,
      eligible,
      cap: this.capFor(serviceId, eligible.length, day),
    };
  }

  /** Existing bookings whose occupancy overlaps `c`'s. */
  overlapping(c: Occupant, bookings: readonly BookedSlot[]): Occupant[] {
    const out: Occupant[] = [];
    for (const b of bookings) {
      const r = this.rulesOf(b.serviceId);
      // Cheap reject before building the occupant.
      if (b.startsAt - r.bufferBeforeMin * MIN_MS >= c.to || b.endsAt + r.bufferAfterMin * MIN_MS <= c.from) continue;
      out.push(this.occupant(b));
    }
    return out;
  }

  /**
   * How many more bookings like `c` fit next to `existing` (at most `c.cap`). Checked at every
   * moment a booking's occupancy starts inside `c`'s: the set of overlapping bookings only grows
   * at those moments.
   */
  remaining(c: Occupant, existing: readonly Occupant[]): number {
    if (c.cap <= 0) return 0;
    // Alone, k copies need k of its eligible staff, and cap <= eligible.
    if (existing.length === 0) return c.cap;
    const points = [c.from, ...existing.map((o) => o.from).filter((p) => p > c.from && p < c.to)];
    let best = c.cap;
    for (const p of points) {
      const here = existing.filter((o) => o.from <= p && p < o.to);
      // Walk-in share: count and every cap among this service's overlapping bookings.
      const same = here.filter((o) => o.serviceId === c.serviceId);
      best = Math.min(best, Math.min(c.cap, ...same.map((o) => o.cap)) - same.length);
      if (best <= 0) return 0;
      // Staff: each added copy must grow the maximum matching by one.
      const matcher = new Matcher();
      for (const o of here) matcher.add(o.eligible);
      let fit = 0;
      while (fit < best && matcher.add(c.eligible)) fit++;
      best = fit;
      if (best <= 0) return 0;
    }
    return best;
  }
}

/**
 * Bipartite matching of bookings to distinct staff, grown one booking at a time (Kuhn's
 * augmenting paths): if the matching so far is maximum, `add` keeps it maximum and says whether
 * the new booking made it grow.
 */
export class Matcher {
  private readonly rows: (readonly string[])[] = [];
  private readonly owner = new Map<string, number>();

  add(eligible: readonly string[]): boolean {
    this.rows.push(eligible);
    return this.augment(this.rows.length - 1, new Set());
  }

  private augment(i: number, seen: Set<string>): boolean {
    for (const s of this.rows[i]!) {
      if (seen.has(s)) continue;
      seen.add(s);
      const holder = this.owner.get(s);
      if (holder === undefined || this.augment(holder, seen)) {
        this.owner.set(s, i);
        return true;
      }
    }
    return false;
  }
}

/** Size of a maximum matching of bookings to distinct eligible staff. */
export function maxMatching(occupants: readonly Pick<Occupant, 'eligible'>[]): number {
  const m = new Matcher();
  return occupants.filter((o) => m.add(o.eligible)).length;
}
