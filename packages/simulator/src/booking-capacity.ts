import { parseClock } from './clock.js';
import type { Scenario } from './scenario.js';

/**
 * The day's booking calendar as the product fills it: the slot engine (issue 5,
 * `packages/engine/src/slot-capacity.ts`) sells a slot of a service only when someone with the
 * skill is on shift for the whole of it and, at every minute of it, fewer bookings run than
 * staff with the skill are on shift. A customer whose wished
 * slot is full takes the nearest free one that day (later first), or does not book.
 *
 * Why the simulator needs it: drawing booked times uncapped put four loan appointments in one
 * half hour with two loan officers on duty, a calendar our booking page never produces; no
 * policy can call those on time, and the comparison then measured the calendar, not the routing.
 */
export class BookingCalendar {
  private readonly booked = new Map<string, { from: number; to: number }[]>();
  private readonly skilled = new Map<string, [number, number][][]>();

  constructor(
    private readonly s: Scenario,
    private readonly openMin: number,
    private readonly closeMin: number,
    private readonly gridMin: number,
  ) {
    for (const sv of s.services) {
      const shifts = s.staff.filter((st) => (st.skills[sv.code] ?? 0) > 0).map((st) => st.shifts.map(([a, b]) => [parseClock(a), parseClock(b)] as [number, number]));
      this.skilled.set(sv.code, shifts);
    }
  }

  /** Books `service` for `durationMin` at the free grid slot nearest `wishedMin`; undefined when the day is full. */
  book(service: string, wishedMin: number, durationMin: number): number | undefined {
    const last = this.closeMin - durationMin;
    for (let k = 0; ; k++) {
      const later = wishedMin + k * this.gridMin;
      const earlier = wishedMin - k * this.gridMin;
      if (later > last && earlier < this.openMin) return undefined;
      for (const at of k === 0 ? [later] : [later, earlier]) {
        if (at < this.openMin || at > last || !this.hasRoom(service, at, at + durationMin)) continue;
        const list = this.booked.get(service) ?? [];
        list.push({ from: at, to: at + durationMin });
        this.booked.set(service, list);
        return at;
      }
    }
  }

  private hasRoom(service: string, from: number, to: number): boolean {
    const staff = this.skilled.get(service) ?? [];
    // Someone must be on shift for the whole of it: a break inside it and they cannot take it.
    if (!staff.some((shifts) => shifts.some(([a, b]) => a <= from && to <= b))) return false;
    // And at every minute, fewer bookings already run than skilled staff are on shift.
    const booked = (this.booked.get(service) ?? []).filter((b) => b.from < to && from < b.to);
    for (let m = from; m < to; m++) {
      const onShift = staff.filter((shifts) => shifts.some(([a, b]) => a <= m && m < b)).length;
      let running = 0;
      for (const b of booked) if (b.from <= m && m < b.to) running++;
      if (running >= onShift) return false;
    }
    return true;
  }
}
