import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  listSlots,
  localTimeOf,
  zonedInstant,
  type BookedSlot,
  type SlotInput,
  type SlotPolicy,
  type SlotServiceRules,
  type SlotStaff,
} from '../src/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WEEKDAY = [{ open: '09:00', close: '12:00' }];

/** Shanghai (UTC+8, no DST). Monday 2026-01-05 08:30 local. */
const MON_0830 = Date.UTC(2026, 0, 5, 0, 30);
const at = (date: string, hm: string, offsetH = 8) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hm.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh - offsetH, mm);
};

function input(over: { policy?: Partial<SlotPolicy>; services?: SlotServiceRules[]; staff?: SlotStaff[]; bookings?: BookedSlot[] } = {}): SlotInput {
  return {
    policy: {
      timeZone: 'Asia/Shanghai',
      hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
      closures: [],
      slotStepMin: 30,
      minNoticeMin: 60,
      maxDaysAhead: 14,
      maxActivePerCustomer: 2,
      ...over.policy,
    },
    services: over.services ?? [
      { id: 'loans', durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare: 0 },
      { id: 'cash', durationMin: 15, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare: 0 },
    ],
    staff: over.staff ?? [
      { id: 'ann', skills: { loans: 1 } },
      { id: 'bo', skills: { loans: 0.5, cash: 1 } },
    ],
    bookings: over.bookings ?? [],
  };
}

const times = (days: ReturnType<typeof listSlots>, date: string) => days.find((d) => d.date === date)?.slots.map((s) => s.time) ?? [];

describe('listSlots', () => {
  it('offers the opening hours on a step grid, after the minimum notice, with skilled capacity', () => {
    const days = listSlots(input(), 'loans', { from: '2026-01-05', days: 2 }, MON_0830);
    expect(days.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    // 09:00 is sooner than 60 minutes from 08:30; 11:30 + 30 min ends at closing.
    expect(times(days, '2026-01-05')).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(times(days, '2026-01-06')).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    const first = days[0]!.slots[0]!;
    expect(first).toEqual({ startsAt: at('2026-01-05', '09:30'), endsAt: at('2026-01-05', '10:00'), date: '2026-01-05', time: '09:30', remaining: 2, capacity: 2 });
  });

  it('marks days without hours or closed all day, and leaves out days past the horizon or before today', () => {
    const closures = [{ date: '2026-01-07', until: '2026-01-08' }];
    const days = listSlots(input({ policy: { closures, maxDaysAhead: 6 } }), 'loans', { from: '2026-01-04', days: 10 }, MON_0830);
    // Sunday the 4th is before today (Monday the 5th) and left out, as is everything after the 11th.
    expect(days.map((d) => [d.date, d.closed, d.slots.length])).toEqual([
      ['2026-01-05', false, 5],
      ['2026-01-06', false, 6],
      ['2026-01-07', true, 0],
      ['2026-01-08', true, 0],
      ['2026-01-09', false, 6],
      ['2026-01-10', true, 0],
      ['2026-01-11', true, 0],
    ]);
  });

  it('skips slots that overlap a closure interval', () => {
    const closures = [{ from: at('2026-01-06', '10:15'), to: at('2026-01-06', '11:00') }];
    const days = listSlots(input({ policy: { closures } }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830);
    expect(times(days, '2026-01-06')).toEqual(['09:00', '09:30', '11:00', '11:30']);
  });

  it('counts bookings against capacity and drops full slots', () => {
    const bookings = [
      { id: 'b1', serviceId: 'loans', startsAt: at('2026-01-06', '10:00'), endsAt: at('2026-01-06', '10:30') },
      { id: 'b2', serviceId: 'loans', startsAt: at('2026-01-06', '10:00'), endsAt: at('2026-01-06', '10:30') },
      { id: 'b3', serviceId: 'loans', startsAt: at('2026-01-06', '11:00'), endsAt: at('2026-01-06', '11:30') },
    ];
    const day = listSlots(input({ bookings }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!;
    expect(day.slots.map((s) => `${s.time}:${s.remaining}`)).toEqual(['09:00:2', '09:30:2', '10:30:2', '11:00:1', '11:30:2']);
  });

  it('never counts a colleague skilled in two services twice', () => {
    // bo does loans and cash; ann only loans. A cash booking at 10:00 takes bo, so loans has one place.
    const cash = { id: 'c1', serviceId: 'cash', startsAt: at('2026-01-06', '10:00'), endsAt: at('2026-01-06', '10:15') };
    const day = listSlots(input({ bookings: [cash] }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!;
    expect(day.slots.find((s) => s.time === '10:00')).toMatchObject({ remaining: 1, capacity: 2 });
    // Two loans at 10:00 (ann and bo) leave nobody for cash, though cash's own count is zero.
    const loans = ['l1', 'l2'].map((id) => ({ id, serviceId: 'loans', startsAt: at('2026-01-06', '10:00'), endsAt: at('2026-01-06', '10:30') }));
    const cashDay = listSlots(input({ policy: { slotStepMin: 15 }, bookings: loans }), 'cash', { from: '2026-01-06', days: 1 }, MON_0830)[0]!;
    expect(cashDay.slots.map((s) => s.time)).not.toContain('10:00');
    expect(cashDay.slots.map((s) => s.time)).not.toContain('10:15');
    expect(cashDay.slots.map((s) => s.time)).toContain('10:30');
  });

  it('holds back the walk-in share of skilled staff (rounding bookable places down)', () => {
    const staff = ['a', 'b', 'c'].map((id) => ({ id, skills: { loans: 1 } }));
    const rules = (walkInShare: number) => [{ id: 'loans', durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare }];
    const cap = (share: number) => listSlots(input({ staff, services: rules(share) }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!.slots[0]?.capacity ?? 0;
    // 0.7 leaves floor(0.9) = 0 all day with three on shift: one booking at a time, not none.
    expect([cap(0), cap(1 / 3), cap(0.5), cap(0.7), cap(1)]).toEqual([3, 2, 1, 1, 0]);
  });

  it('keeps the walk-in share by moving bookings to hours with more colleagues, never by closing a lone adviser day', () => {
    const rules = (walkInShare: number) => [{ id: 'loans', durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare }];
    const day = (staff: SlotStaff[], share: number) => listSlots(input({ staff, services: rules(share) }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!.slots;
    const ann = { id: 'ann', skills: { loans: 1 } };
    // Ann alone all day: the 25% share would leave nothing to book, so her day is bookable.
    expect(day([ann], 0.25).map((s) => s.capacity)).toEqual(day([ann], 0).map(() => 1));
    expect(day([ann], 0.25).length).toBeGreaterThan(0);
    // Walk-ins only stays walk-ins only.
    expect(day([ann], 1)).toEqual([]);
    // Bo joins Ann from 10:30: before that Ann is kept for walk-ins, after it one of them is bookable.
    const bo = { id: 'bo', skills: { loans: 0.8 }, roster: { tue: [{ open: '10:30', close: '12:00' }] } };
    const shared = day([ann, bo], 0.25);
    expect(shared.map((s) => s.time)).toEqual(['10:30', '11:00', '11:30']);
    expect(shared.every((s) => s.capacity === 1)).toBe(true);
  });

  it('keeps buffers free around bookings', () => {
    const services = [{ id: 'loans', durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 15, walkInShare: 0 }];
    const staff = [{ id: 'ann', skills: { loans: 1 } }];
    const bookings = [{ id: 'b1', serviceId: 'loans', startsAt: at('2026-01-06', '10:00'), endsAt: at('2026-01-06', '10:30') }];
    const day = listSlots(input({ services, staff, bookings, policy: { slotStepMin: 15 } }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!;
    // 09:30 would run into b1 (plus its own buffer to 10:15); 10:30 into b1's buffer.
    expect(day.slots.map((s) => s.time)).toEqual(['09:00', '09:15', '10:45', '11:00', '11:15', '11:30']);
  });

  it('follows staff rosters and absences', () => {
    const staff: SlotStaff[] = [
      { id: 'ann', skills: { loans: 1 }, roster: { tue: [{ open: '09:00', close: '10:30' }] } },
      { id: 'bo', skills: { loans: 1 }, away: [{ from: at('2026-01-06', '11:00'), to: at('2026-01-06', '12:00') }] },
    ];
    const day = listSlots(input({ staff }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!;
    expect(day.slots.map((s) => `${s.time}:${s.capacity}`)).toEqual(['09:00:2', '09:30:2', '10:00:2', '10:30:1']);
  });

  it('has no slot without skilled staff', () => {
    const staff = [{ id: 'bo', skills: { cash: 1 } }];
    expect(listSlots(input({ staff }), 'loans', { from: '2026-01-06', days: 1 }, MON_0830)[0]!.slots).toEqual([]);
  });
});

describe('checkSlot', () => {
  const tue10 = at('2026-01-06', '10:00');

  it('accepts a free slot and says how many places are left', () => {
    expect(checkSlot(input(), 'loans', tue10, MON_0830)).toMatchObject({ ok: true, slot: { time: '10:00', remaining: 2 } });
  });

  it('refuses with a stable code', () => {
    const code = (r: ReturnType<typeof checkSlot>) => (r.ok ? 'ok' : r.code);
    expect(code(checkSlot(input(), 'loans', at('2026-01-05', '09:00'), MON_0830))).toBe('SLOT_TOO_SOON');
    expect(code(checkSlot(input(), 'loans', MON_0830 - HOUR, MON_0830))).toBe('SLOT_TOO_SOON');
    expect(code(checkSlot(input(), 'loans', at('2026-01-20', '10:00'), MON_0830))).toBe('SLOT_TOO_FAR');
    expect(code(checkSlot(input(), 'loans', at('2026-01-06', '10:10'), MON_0830))).toBe('SLOT_UNAVAILABLE');
    expect(code(checkSlot(input(), 'loans', at('2026-01-06', '11:45'), MON_0830))).toBe('SLOT_UNAVAILABLE');
    expect(code(checkSlot(input(), 'loans', at('2026-01-10', '10:00'), MON_0830))).toBe('SLOT_UNAVAILABLE');
    expect(code(checkSlot(input(), 'loans', tue10, MON_0830, { activeForCustomer: 2 }))).toBe('BOOKING_LIMIT');
    const full = ['x', 'y'].map((id) => ({ id, serviceId: 'loans', startsAt: tue10, endsAt: tue10 + 30 * MIN }));
    expect(code(checkSlot(input({ bookings: full }), 'loans', tue10, MON_0830))).toBe('SLOT_FULL');
  });

  it('does not count a booking being moved against itself', () => {
    const mine = { id: 'mine', serviceId: 'loans', startsAt: tue10, endsAt: tue10 + 30 * MIN };
    const other = { id: 'other', serviceId: 'loans', startsAt: tue10, endsAt: tue10 + 30 * MIN };
    const i = input({ bookings: [mine, other] });
    expect(checkSlot(i, 'loans', tue10, MON_0830).ok).toBe(false);
    expect(checkSlot(i, 'loans', tue10, MON_0830, { ignoreBookingId: 'mine' })).toMatchObject({ ok: true, slot: { remaining: 1 } });
  });
});

describe('time zones and daylight saving', () => {
  const night = [{ open: '00:00', close: '04:00' }];
  const nightInput = (timeZone: string) =>
    input({
      policy: { timeZone, hours: { sun: night }, minNoticeMin: 0, maxDaysAhead: 400 },
      services: [{ id: 'loans', durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare: 0 }],
    });
  const slotsOn = (timeZone: string, date: string) => listSlots(nightInput(timeZone), 'loans', { from: date, days: 1 }, Date.UTC(2026, 0, 1))[0]!.slots;
  const utc = (t: number) => new Date(t).toISOString().slice(11, 16);

  it('America/New_York spring forward: no slot at 02:00-02:59, which does not exist', () => {
    const slots = slotsOn('America/New_York', '2026-03-08');
    expect(slots.map((s) => `${s.time}=${utc(s.startsAt)}`)).toEqual(['00:00=05:00', '00:30=05:30', '01:00=06:00', '01:30=06:30', '03:00=07:00', '03:30=07:30']);
  });

  it('America/New_York fall back: 01:00-01:59 happens twice but is offered once', () => {
    const slots = slotsOn('America/New_York', '2026-11-01');
    expect(slots.map((s) => s.time)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
    expect(slots.map((s) => utc(s.startsAt))).toEqual(['04:00', '04:30', '05:00', '05:30', '07:00', '07:30', '08:00', '08:30']);
    expect(new Set(slots.map((s) => s.startsAt)).size).toBe(slots.length);
  });

  it('Australia/Sydney fall back (03:00 -> 02:00): a window inside the repeated hour sells no slot that ends after closing', () => {
    // Found by the slot property test: 02:25 + 10 min in the first pass of the hour ended at 02:35.
    const days = listSlots(
      input({
        policy: { timeZone: 'Australia/Sydney', hours: { sun: [{ open: '02:00', close: '02:30' }] }, slotStepMin: 5, minNoticeMin: 0 },
        services: [{ id: 'loans', durationMin: 10, bufferBeforeMin: 0, bufferAfterMin: 0, walkInShare: 0 }],
      }),
      'loans',
      { from: '2026-04-05', days: 1 },
      Date.UTC(2026, 3, 3),
    );
    expect(times(days, '2026-04-05')).toEqual(['02:00', '02:05', '02:10', '02:15', '02:20']);
  });

  it('Europe/London spring forward (01:00 -> 02:00) and fall back (02:00 -> 01:00)', () => {
    expect(slotsOn('Europe/London', '2026-03-29').map((s) => `${s.time}=${utc(s.startsAt)}`)).toEqual([
      '00:00=00:00', '00:30=00:30', '02:00=01:00', '02:30=01:30', '03:00=02:00', '03:30=02:30',
    ]);
    expect(slotsOn('Europe/London', '2026-10-25').map((s) => `${s.time}=${utc(s.startsAt)}`)).toEqual([
      '00:00=23:00', '00:30=23:30', '01:00=00:00', '01:30=00:30', '02:00=02:00', '02:30=02:30', '03:00=03:00', '03:30=03:30',
    ]);
  });

  it('Asia/Shanghai has no daylight saving: the same eight slots every Sunday', () => {
    for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      expect(slotsOn('Asia/Shanghai', date).map((s) => s.time)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
    }
  });

  it('keeps 09:00 at 09:00 local on either side of a change (the UTC instant moves)', () => {
    const hours = { fri: [{ open: '09:00', close: '10:00' }], mon: [{ open: '09:00', close: '10:00' }] };
    const i = input({ policy: { timeZone: 'America/New_York', hours, minNoticeMin: 0, maxDaysAhead: 400 } });
    const days = listSlots(i, 'loans', { from: '2026-03-06', days: 4 }, Date.UTC(2026, 0, 1));
    expect(days.find((d) => d.date === '2026-03-06')!.slots[0]!.startsAt).toBe(Date.UTC(2026, 2, 6, 14, 0));
    expect(days.find((d) => d.date === '2026-03-09')!.slots[0]!.startsAt).toBe(Date.UTC(2026, 2, 9, 13, 0));
  });

  it('opens a window whose opening time does not exist at the moment the clocks jump', () => {
    expect(zonedInstant('America/New_York', '2026-03-08', 150, 'first')).toBeNull();
    expect(zonedInstant('America/New_York', '2026-03-08', 150, 'boundary')).toBe(Date.UTC(2026, 2, 8, 7, 0));
    expect(zonedInstant('America/New_York', '2026-11-01', 90, 'first')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(zonedInstant('America/New_York', '2026-11-01', 90, 'last')).toBe(Date.UTC(2026, 10, 1, 6, 30));
    expect(localTimeOf(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York')).toEqual({ date: '2026-11-01', minutes: 90 });
  });
});
