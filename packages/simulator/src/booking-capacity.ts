import { checkSlot, DEFAULT_WALK_IN_SHARE, WEEK, type BookedSlot, type LocalWindow, type SlotInput, type WeeklyWindows } from '@tellerline/engine';
import { epochMs, formatClock } from './clock.js';
import type { Scenario, ServiceSpec } from './scenario.js';

/**
 * The day's booking calendar, filled by the product's own slot engine (`checkSlot`, issue 5):
 * a slot (the booked length: `booking.slotMin`, else `meanServiceMin`) is sold only when a
 * member of staff with the skill is on shift for all of it and the bookings overlapping it can
 * each still be given a different skilled member of staff (a colleague skilled in two services
 * is never counted twice). The booked length, a buffer after each booking and a share of staff
 * kept for walk-ins come from the service's `booking` rules; without them (the shipped and
 * random scenarios), the product's defaults: no buffer, and a quarter of the skilled staff kept
 * for walk-ins where walk-ins come (`walkInShareOf`). A customer whose wished slot is full takes
 * the nearest free one that day (later first), or does not book.
 *
 * Why the simulator needs it: drawing booked times uncapped put four loan appointments in one
 * half hour with two loan officers on duty, a calendar our booking page never produces; no
 * policy could call those on time, and the comparison measured the calendar, not the routing.
 */
export class BookingCalendar {
  private readonly input: SlotInput & { bookings: BookedSlot[] };

  constructor(
    s: Scenario,
    private readonly day: number,
    private readonly openMin: number,
    private readonly closeMin: number,
    private readonly gridMin: number,
  ) {
    const every = (windows: LocalWindow[]): WeeklyWindows => Object.fromEntries(WEEK.map((d) => [d, windows]));
    this.input = {
      policy: {
        timeZone: 'UTC',
        hours: every([{ open: formatClock(openMin), close: formatClock(closeMin) }]),
        closures: [],
        slotStepMin: gridMin,
        minNoticeMin: 0,
        maxDaysAhead: 100_000,
        maxActivePerCustomer: Number.MAX_SAFE_INTEGER,
      },
      services: s.services.map((sv) => ({
        id: sv.code,
        durationMin: sv.booking?.slotMin ?? sv.meanServiceMin,
        bufferBeforeMin: 0,
        bufferAfterMin: sv.booking?.bufferAfterMin ?? 0,
        walkInShare: walkInShareOf(sv),
      })),
      staff: s.staff.map((st) => ({ id: st.id, skills: st.skills, roster: every(st.shifts.map(([open, close]) => ({ open, close }))) })),
      bookings: [],
    };
  }

  /** Books `service` at the free grid slot nearest `wishedMin`; its minute of day, or undefined when the day is full. */
  book(service: string, wishedMin: number): number | undefined {
    const now = epochMs(this.day, 0);
    for (let k = 0; ; k++) {
      const later = wishedMin + k * this.gridMin;
      const earlier = wishedMin - k * this.gridMin;
      if (later >= this.closeMin && earlier < this.openMin) return undefined;
      for (const at of k === 0 ? [later] : [later, earlier]) {
        if (at < this.openMin || at >= this.closeMin) continue;
        const check = checkSlot(this.input, service, epochMs(this.day, at), now);
        if (!check.ok) continue;
        this.input.bookings.push({ id: String(this.input.bookings.length), serviceId: service, startsAt: check.slot.startsAt, endsAt: check.slot.endsAt });
        return at;
      }
    }
  }
}

/**
 * The walk-in share a service books with: its own `booking.walkInShare`, else the product's
 * default, DEFAULT_WALK_IN_SHARE for a service walk-ins come for and 0 for one by appointment
 * only (no walk-in arrivals), as `walkInShareOf` in contracts does for a branch.
 */
export function walkInShareOf(sv: ServiceSpec): number {
  return sv.booking?.walkInShare ?? (sv.arrivalsPerHour.some((x) => x > 0) ? DEFAULT_WALK_IN_SHARE : 0);
}
