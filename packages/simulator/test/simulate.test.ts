import { describe, expect, it } from 'vitest';
import { replay } from '@tellerline/engine';
import { compare, drawCustomers, parseScenario, simulate, waitMin } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

const tiny = parseScenario(tinyScenario());

describe('simulate', () => {
  it('is reproducible: the same seed gives the same JSON, another seed does not', () => {
    const a = JSON.stringify(compare(tiny, { days: 2 }).report);
    const b = JSON.stringify(compare(parseScenario(tinyScenario()), { days: 2 }).report);
    const c = JSON.stringify(compare(parseScenario(tinyScenario({ seed: 8 })), { days: 2 }).report);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('gives every policy the same customers', () => {
    const { runs } = compare(tiny, { days: 1 });
    const who = runs.map((r) => r.days[0]!.tickets.map((t) => `${t.id}:${t.service}:${t.joinedAt}`).sort().join());
    expect(new Set(who).size).toBe(1);
    expect(runs[0]!.days[0]!.tickets.length).toBe(drawCustomers(tiny, 0).length);
  });

  it('drives the real engine: its events replay to the final state, and the day ends clean', () => {
    for (const policy of ['fifo', 'fixed-order', 'tellerline'] as const) {
      const run = simulate(tiny, policy, 2, { keepEvents: true });
      expect(replay(run.finalState.branchId, run.events)).toEqual(run.finalState);
      expect(Object.values(run.finalState.staff).every((st) => st.status === 'offline')).toBe(true);
      const types = new Set(run.events.map((e) => e.type));
      for (const t of ['ticket-issued', 'staff-signed-on', 'staff-paused', 'staff-resumed', 'staff-signed-off', 'ticket-called', 'service-started', 'ticket-completed', 'day-closed']) {
        expect(types.has(t as never), `${policy}: ${t}`).toBe(true);
      }
      const calls = run.events.filter((e) => e.type === 'ticket-called');
      expect(calls.every((e) => e.reason.rule === (policy === 'tellerline' ? e.reason.rule : 'manual'))).toBe(true);
      if (policy === 'tellerline') expect(calls.some((e) => e.reason.rule !== 'manual')).toBe(true);
    }
  });

  it('serves everyone in a branch with capacity to spare, and nobody during a break', () => {
    const run = simulate(tiny, 'tellerline', 3);
    for (const day of run.days) {
      expect(day.tickets.every((t) => t.calledAt !== undefined)).toBe(true);
      // bob is on break 09:45-10:15 (minutes 585-615): he starts nobody then.
      expect(day.tickets.filter((t) => t.staffId === 'bob' && t.calledAt! > 585 && t.calledAt! < 615)).toEqual([]);
      expect(day.tickets.every((t) => waitMin(t) >= 0)).toBe(true);
      const bob = day.staff.find((s) => s.id === 'bob')!;
      expect(bob.onDutyMin).toBeGreaterThanOrEqual(90);
      expect(bob.busyMin).toBeLessThanOrEqual(bob.onDutyMin + 1e-9);
    }
  });

  it('stops arrivals at closing and serves those inside (overtime)', () => {
    const run = simulate(tiny, 'fifo', 1);
    const d = run.days[0]!;
    expect(d.tickets.every((t) => t.joinedAt < 660)).toBe(true);
    expect(d.tickets.every((t) => t.calledAt !== undefined)).toBe(true);
  });

  it('makes priority customers and appointments from the scenario shares', () => {
    const days = simulate(parseScenario(tinyScenario({ priorityShare: 0.5 })), 'tellerline', 3).days.flatMap((d) => d.tickets);
    const walkIns = days.filter((t) => t.kind === 'walk-in');
    const share = walkIns.filter((t) => t.priority === 'priority').length / walkIns.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
    expect(days.some((t) => t.kind === 'appointment' && t.appointmentAt !== undefined)).toBe(true);
  });
});

describe('the booking calendar', () => {
  it('books every appointment of the day, no-shows included, without changing anyone drawn', async () => {
    const { drawDay } = await import('../src/index.js');
    const s = parseScenario(tinyScenario());
    for (const day of [0, 1, 2]) {
      const { customers, bookings } = drawDay(s, day);
      expect(customers).toEqual(drawCustomers(s, day));
      const booked = customers.filter((c) => c.kind === 'appointment');
      // Every appointment customer is in the calendar under their ticket id, at their slot.
      for (const c of booked) expect(bookings).toContainEqual({ ticketId: c.id, service: c.service, appointmentMin: c.appointmentMin });
      expect(new Set(bookings.map((b) => b.ticketId)).size).toBe(bookings.length);
    }
  });

  it('never books more overlapping appointments of a service than staff with the skill on shift', async () => {
    const { drawDay, parseClock } = await import('../src/index.js');
    // Far more bookings wished for loans (B, 15 min) than its two officers can take; bob is on a break 09:45-10:15.
    const s = parseScenario(tinyScenario({ appointments: { noShowRate: 0, latenessSdMin: 0 } }));
    s.services[1]!.appointmentsPerHour = [12, 12];
    const shifts = s.staff.filter((st) => (st.skills.B ?? 0) > 0).map((st) => st.shifts.map(([a, b]) => [parseClock(a), parseClock(b)]));
    let moved = 0;
    for (const day of [0, 1, 2, 3]) {
      const b = drawDay(s, day).bookings.filter((x) => x.service === 'B');
      expect(b.length).toBeGreaterThan(4);
      for (const x of b) {
        const from = x.appointmentMin;
        const to = from + 15;
        expect(to).toBeLessThanOrEqual(parseClock('11:00'));
        expect(shifts.some((sh) => sh.some(([a, e]) => a! <= from && to <= e!))).toBe(true);
        for (let m = from; m < to; m++) {
          const onShift = shifts.filter((sh) => sh.some(([a, e]) => a! <= m && m < e!)).length;
          expect(b.filter((y) => y.appointmentMin <= m && m < y.appointmentMin + 15).length).toBeLessThanOrEqual(onShift);
        }
        if (from % 5 !== 0) moved++;
      }
    }
    expect(moved).toBe(0); // still on the 5-minute grid
  });

  it('follows a service\'s booking rules: a share of staff kept for walk-ins, a longer booked slot', async () => {
    const { drawDay } = await import('../src/index.js');
    const s = parseScenario(tinyScenario({ appointments: { noShowRate: 0, latenessSdMin: 0 } }));
    s.services[1]!.appointmentsPerHour = [12, 12];
    const overlapMax = (rules: (typeof s.services)[number]['booking'], lengthMin: number, walkInsPerHour?: number[]) => {
      const sc = { ...s, services: s.services.map((sv) => (sv.code === 'B' ? { ...sv, booking: rules, arrivalsPerHour: walkInsPerHour ?? sv.arrivalsPerHour } : sv)) };
      let most = 0;
      let count = 0;
      for (const day of [0, 1, 2]) {
        const b = drawDay(sc, day).bookings.filter((x) => x.service === 'B');
        count += b.length;
        for (const x of b) {
          for (let m = x.appointmentMin; m < x.appointmentMin + lengthMin; m++) {
            most = Math.max(most, b.filter((y) => y.appointmentMin <= m && m < y.appointmentMin + lengthMin).length);
          }
        }
      }
      return { most, count };
    };
    // Two loan officers: selling every minute (share 0), both can be booked at once; keeping half
    // for walk-ins, one; and by default too, since walk-ins come for B (a quarter of two: one).
    const open = overlapMax({ walkInShare: 0 }, 15);
    const half = overlapMax({ walkInShare: 0.5 }, 15);
    const byDefault = overlapMax(undefined, 15);
    expect(open.most).toBe(2);
    expect(half.most).toBe(1);
    expect(byDefault).toEqual(half);
    // By appointment only (no walk-ins come for B), the default keeps nobody back.
    expect(overlapMax(undefined, 15, [0, 0]).most).toBe(2);
    expect(half.count).toBeLessThan(open.count);
    // A 30-minute booked slot: still never more than two overlapping 30-minute bookings, and fewer bookings fit.
    const long = overlapMax({ slotMin: 30, walkInShare: 0 }, 30);
    expect(long.most).toBeLessThanOrEqual(2);
    expect(long.count).toBeLessThan(open.count);
  });

  it('books the last slot of a branch that closes at midnight (24:00)', async () => {
    const { parseClock } = await import('../src/index.js');
    const { BookingCalendar } = await import('../src/booking-capacity.js');
    // An evening branch: 22:00-24:00, one loan officer to midnight; the product's own hours stop
    // at 23:59, so the slot engine must read the scenario's 24:00 as the end of the day.
    const s = parseScenario(
      tinyScenario({ open: '22:00', close: '24:00', staff: [{ id: 'ann', skills: { A: 1, B: 1 }, shifts: [['22:00', '24:00']] }] }),
    );
    const calendar = new BookingCalendar(s, 0, parseClock('22:00'), parseClock('24:00'), 5);
    expect(calendar.book('B', parseClock('23:45'))).toBe(parseClock('23:45')); // 15 min: ends at midnight
    expect(calendar.book('B', parseClock('23:50'))).toBe(parseClock('23:30')); // would end after closing: the nearest earlier free one (one booking at a time)
    expect(compare(s, { days: 2 }).report.policies.tellerline?.customers).toBeGreaterThan(0);
  });

  it('tells the engine the calendar each morning; check-ins clear it, and the run still replays', () => {
    const run = simulate(tiny, 'tellerline', 2, { keepEvents: true });
    const expected = run.events.filter((e) => e.type === 'appointment-expected');
    expect(expected.length).toBeGreaterThan(0);
    const issued = new Set(run.events.filter((e) => e.type === 'ticket-issued').map((e) => (e.type === 'ticket-issued' ? e.ticketId : '')));
    expect(expected.some((e) => e.type === 'appointment-expected' && issued.has(e.ticketId))).toBe(true);
    expect(replay(run.finalState.branchId, run.events)).toEqual(run.finalState);
  });
});
