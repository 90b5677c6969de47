/**
 * Properties of the slot finder over random branches, rosters and bookings, in zones with and
 * without daylight saving, on dates around the changes. Local times are checked with a separate
 * Intl formatter, and capacity with a brute-force matching, not with the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  listSlots,
  windowsOn,
  zonedInstant,
  WEEK,
  type BookedSlot,
  type LocalWindow,
  type SlotInput,
  type SlotStaff,
  type WeeklyWindows,
} from '../src/index.js';

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Australia/Sydney', 'UTC'] as const;
/** Spring and fall days of New York, London and Sydney in 2026, and a plain June day. */
const BASE_DATES = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-06-15'];

// --- an independent clock reader -------------------------------------------------------------

const readers = new Map<string, Intl.DateTimeFormat>();
/** Local 'YYYY-MM-DD' and minutes of `t` in `zone`, by a formatter of our own (sv-SE prints ISO-like). */
function local(t: number, zone: string): { date: string; min: number } {
  let f = readers.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    readers.set(zone, f);
  }
  const [date, hm] = f.format(t).split(' ') as [string, string];
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return { date, min: h * 60 + m };
}
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
const shift = (date: string, days: number) => new Date(utcMidnight(date) + days * DAY).toISOString().slice(0, 10);
const weekday = (date: string) => WEEK[(new Date(utcMidnight(date)).getUTCDay() + 6) % 7]!;

// --- arbitraries -----------------------------------------------------------------------------

/** 0-2 (`busy`: 1-2 longer) non-overlapping windows, often at night to cross the daylight-saving hour. */
function windowsArb(busy: boolean): fc.Arbitrary<LocalWindow[]> {
  const open = fc.oneof(fc.constantFrom(0, 30, 60, 90, 120, 150, 540), fc.integer({ min: 0, max: 1380 }));
  const length = fc.integer({ min: busy ? 120 : 30, max: 600 });
  return fc.array(fc.tuple(open, length), { minLength: busy ? 1 : 0, maxLength: 2 }).map((raw) => {
    const out: LocalWindow[] = [];
    let floor = 0;
    for (const [o, len] of [...raw].sort((a, b) => a[0] - b[0])) {
      const from = Math.max(o, floor);
      const close = Math.min(from + len, 1439);
      if (close - from < 10) continue;
      out.push({ open: fmt(from), close: fmt(close) });
      floor = close + 1;
    }
    return out;
  });
}
const weeklyArb = (busy: boolean): fc.Arbitrary<WeeklyWindows> =>
  fc.tuple(...WEEK.map(() => windowsArb(busy))).map((ws) => Object.fromEntries(WEEK.map((d, i) => [d, ws[i]!])));

/**
 * A random branch around a daylight-saving date. `busy` makes bookings likely (open every day,
 * mostly skilled staff working opening hours, "now" before the listed days) so that capacity is
 * actually reached; otherwise anything goes (closed days, odd rosters, "now" mid-listing).
 */
const branchArb = (busy: boolean) =>
  fc
    .record({
      zone: fc.constantFrom(...ZONES),
      base: fc.constantFrom(...BASE_DATES),
      hours: weeklyArb(busy),
      step: fc.constantFrom(5, 10, 15, 20, 30, 60),
      minNoticeMin: fc.integer({ min: 0, max: busy ? 120 : 240 }),
      maxDaysAhead: fc.integer({ min: busy ? 3 : 0, max: 4 }),
      // When "now" is, relative to UTC midnight two days before the base date.
      nowOffsetMin: fc.integer({ min: 0, max: (busy ? 1 : 4) * 1440 }),
      services: fc.array(
        fc.record({
          durationMin: fc.integer({ min: 1, max: busy ? 12 : 24 }).map((n) => n * 5),
          bufferBeforeMin: fc.constantFrom(0, 0, 5, 10),
          bufferAfterMin: fc.constantFrom(0, 0, 5, 15),
          walkInShare: busy ? fc.constantFrom(0, 0, 0, 0.2, 1 / 3, 0.5) : fc.constantFrom(0, 0, 0.2, 1 / 3, 0.5, 0.75),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      staff: fc.array(
        fc.record({
          skills: fc.array(fc.constantFrom(0.4, 1), { minLength: 3, maxLength: 3 }),
          skilled: fc.array(busy ? fc.constantFrom(true, true, true, false) : fc.boolean(), { minLength: 3, maxLength: 3 }),
          roster: fc.oneof({ arbitrary: fc.constant(undefined), weight: busy ? 3 : 1 }, { arbitrary: weeklyArb(busy), weight: 1 }),
          away: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 * 1440 }), fc.integer({ min: 15, max: 600 })), { nil: undefined }),
        }),
        { minLength: busy ? 2 : 1, maxLength: 4 },
      ),
    })
    .map((b) => {
      const start = utcMidnight(shift(b.base, -2));
      const staff: SlotStaff[] = b.staff.map((m, i) => ({
        id: `m${i}`,
        skills: Object.fromEntries(b.services.map((_, s) => [`s${s}`, m.skilled[s] ? m.skills[s]! : 0])),
        ...(m.roster && { roster: m.roster }),
        ...(m.away && { away: [{ from: start + m.away[0] * MIN, to: start + (m.away[0] + m.away[1]) * MIN }] }),
      }));
      const input: SlotInput = {
        policy: {
          timeZone: b.zone,
          hours: b.hours,
          closures: [],
          slotStepMin: b.step,
          minNoticeMin: b.minNoticeMin,
          maxDaysAhead: b.maxDaysAhead,
          maxActivePerCustomer: 3,
        },
        services: b.services.map((s, i) => ({ id: `s${i}`, ...s })),
        staff,
        bookings: [],
      };
      return { input, from: shift(b.base, -1), now: start + b.nowOffsetMin * MIN, serviceCount: b.services.length };
    });

// --- oracles ---------------------------------------------------------------------------------

/** Can every booking get its own eligible staff member? (backtracking; the sets are tiny) */
function assignable(sets: string[][], used = new Set<string>(), i = 0): boolean {
  if (i === sets.length) return true;
  for (const s of sets[i]!) {
    if (used.has(s)) continue;
    used.add(s);
    if (assignable(sets, used, i + 1)) return true;
    used.delete(s);
  }
  return false;
}

function eligible(input: SlotInput, b: BookedSlot): string[] {
  const date = local(b.startsAt, input.policy.timeZone).date;
  return input.staff
    .filter((m) => (m.skills[b.serviceId] ?? 0) > 0)
    .filter((m) => windowsOn(input.policy.timeZone, m.roster ?? input.policy.hours, date).some((w) => w.from <= b.startsAt && b.endsAt <= w.to))
    .filter((m) => !(m.away ?? []).some((a) => a.from < b.endsAt && b.startsAt < a.to))
    .map((m) => m.id);
}

/** The most staff skilled in `serviceId` on shift at one moment of the local day of `at` (checked at every shift start). */
function peakSkilled(input: SlotInput, serviceId: string, at: number): number {
  const date = local(at, input.policy.timeZone).date;
  const windows = input.staff
    .filter((m) => (m.skills[serviceId] ?? 0) > 0)
    .map((m) => windowsOn(input.policy.timeZone, m.roster ?? input.policy.hours, date));
  const starts = windows.flat().map((w) => w.from);
  return Math.max(0, ...starts.map((t) => windows.filter((ws) => ws.some((w) => w.from <= t && t < w.to)).length));
}

/** floor(skilled x (1 - share)), or one booking at a time on a day where the share would leave none anywhere. */
function capOf(input: SlotInput, share: number, who: number, b: BookedSlot): number {
  const cap = Math.floor(who * (1 - share) + 1e-9);
  if (cap > 0 || share >= 1 || Math.floor(peakSkilled(input, b.serviceId, b.startsAt) * (1 - share) + 1e-9) > 0) return cap;
  return Math.min(who, 1);
}

/** At every moment: per service at most its walk-in-share cap of bookings (`capOf`), and staff for all. */
function expectWithinCapacity(input: SlotInput, bookings: readonly BookedSlot[]): void {
  const rules = new Map(input.services.map((s) => [s.id, s]));
  const occ = bookings.map((b) => {
    const r = rules.get(b.serviceId)!;
    const who = eligible(input, b);
    return { ...b, from: b.startsAt - r.bufferBeforeMin * MIN, to: b.endsAt + r.bufferAfterMin * MIN, who, cap: capOf(input, r.walkInShare, who.length, b) };
  });
  for (const p of occ.map((o) => o.from)) {
    const here = occ.filter((o) => o.from <= p && p < o.to);
    for (const o of here) {
      const same = here.filter((x) => x.serviceId === o.serviceId).length;
      expect(same, `service ${o.serviceId} at ${new Date(p).toISOString()}`).toBeLessThanOrEqual(o.cap);
    }
    expect(assignable(here.map((o) => o.who)), `staff for everyone at ${new Date(p).toISOString()}`).toBe(true);
  }
}

// --- properties ------------------------------------------------------------------------------

describe('slot finder properties', () => {
  it('lists only slots that exist locally, on the grid, inside hours, after the notice, within the horizon, once', () => {
    fc.assert(
      fc.property(branchArb(false), ({ input, from, now, serviceCount }) => {
        const { policy } = input;
        const today = local(now, policy.timeZone).date;
        for (let s = 0; s < serviceCount; s++) {
          const rules = input.services[s]!;
          const days = listSlots(input, rules.id, { from, days: 5 }, now);
          const seen = new Set<number>();
          for (const day of days) {
            expect(day.date >= today && day.date >= from).toBe(true);
            expect(utcMidnight(day.date)).toBeLessThanOrEqual(utcMidnight(today) + policy.maxDaysAhead * DAY);
            const labels = new Set<string>();
            for (const slot of day.slots) {
              expect(slot.startsAt).toBeGreaterThanOrEqual(now + policy.minNoticeMin * MIN);
              expect(slot.endsAt - slot.startsAt).toBe(rules.durationMin * MIN);
              expect(slot.remaining).toBeGreaterThanOrEqual(1);
              expect(slot.remaining).toBeLessThanOrEqual(slot.capacity);
              // The instant reads back as the advertised local date and time: no slot at a time
              // that does not exist locally (it would read back as another time).
              const start = local(slot.startsAt, policy.timeZone);
              expect(start).toEqual({ date: day.date, min: hm(slot.time) });
              const end = local(slot.endsAt, policy.timeZone);
              const w = (policy.hours[weekday(day.date)] ?? []).find((x) => hm(x.open) <= start.min && start.min < hm(x.close));
              expect(w, `${slot.time} on ${day.date} inside opening hours`).toBeDefined();
              expect((start.min - hm(w!.open)) % policy.slotStepMin).toBe(0);
              expect(end.date).toBe(day.date);
              // Its last minute is inside the window: the end itself may read later when the
              // closing time falls in a spring-forward gap (London 00:00-01:00 on 29 March
              // closes at the jump, 01:00 GMT, which reads 02:00).
              const last = local(slot.endsAt - MIN, policy.timeZone);
              expect(last.date).toBe(day.date);
              expect(last.min).toBeLessThan(hm(w!.close));
              // Once: a repeated local hour (fall back) does not give two slots.
              expect(labels.has(slot.time)).toBe(false);
              expect(seen.has(slot.startsAt)).toBe(false);
              labels.add(slot.time);
              seen.add(slot.startsAt);
            }
          }
        }
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('never books more than skilled capacity after the walk-in share, and agrees with the listing', () => {
    const opArb = fc.record({ service: fc.nat(), pick: fc.nat({ max: 6 }), fill: fc.boolean(),
      // Mostly slots from the listing; now and then any instant at all.
      randomMin: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 5 * 1440 }), weight: 1 }),
    });
    fc.assert(
      fc.property(branchArb(true), fc.array(opArb, { maxLength: 30 }), ({ input: base, from, now, serviceCount }, ops) => {
        const bookings: BookedSlot[] = [];
        const current = (): SlotInput => ({ ...base, bookings });
        let n = 0;
        const book = (serviceId: string, startsAt: number, durationMin: number) => bookings.push({ id: `b${n++}`, serviceId, startsAt, endsAt: startsAt + durationMin * MIN });
        for (const op of ops) {
          const rules = base.services[op.service % serviceCount]!;
          if (op.randomMin !== undefined) {
            // Any instant at all: accepted only if it is a real slot with room.
            const t = utcMidnight(shift(from, -1)) + op.randomMin * MIN;
            const r = checkSlot(current(), rules.id, t, now);
            if (r.ok) book(rules.id, t, rules.durationMin);
          } else {
            const slots = listSlots(current(), rules.id, { from, days: 4 }, now).flatMap((d) => d.slots);
            if (slots.length === 0) continue;
            const slot = slots[op.pick % slots.length]!;
            const copies = op.fill ? slot.remaining : 1;
            for (let i = 0; i < copies; i++) {
              const r = checkSlot(current(), rules.id, slot.startsAt, now);
              expect(r, `listed slot ${slot.date} ${slot.time} is bookable`).toMatchObject({ ok: true, slot: { remaining: slot.remaining - i } });
              book(rules.id, slot.startsAt, rules.durationMin);
            }
            if (op.fill) expect(checkSlot(current(), rules.id, slot.startsAt, now)).toMatchObject({ ok: false, code: 'SLOT_FULL' });
          }
          expectWithinCapacity(base, bookings);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('converts local times like a minute-by-minute scan of the zone would', () => {
    const arb = fc.record({
      zone: fc.constantFrom(...ZONES),
      date: fc.constantFrom(...BASE_DATES),
      minute: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 1439 })),
    });
    fc.assert(
      fc.property(arb, ({ zone, date, minute }) => {
        const key = (x: { date: string; min: number }) => `${x.date} ${fmt(x.min)}`;
        const target = `${date} ${fmt(minute)}`;
        const hits: number[] = [];
        let jump: number | null = null;
        for (let t = utcMidnight(date) + (minute - 14 * 60) * MIN; t <= utcMidnight(date) + (minute + 12 * 60) * MIN; t += MIN) {
          const k = key(local(t, zone));
          if (k === target) hits.push(t);
          else if (jump === null && hits.length === 0 && k > target) jump = t;
        }
        expect(zonedInstant(zone, date, minute, 'first')).toBe(hits[0] ?? null);
        expect(zonedInstant(zone, date, minute, 'boundary')).toBe(hits[0] ?? jump);
        expect(zonedInstant(zone, date, minute, 'last')).toBe(hits.at(-1) ?? jump);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('gives every listed day of Asia/Shanghai the same local slots (no daylight saving)', () => {
    fc.assert(
      fc.property(branchArb(false), ({ input }) => {
        const staff = input.staff.map((m) => ({ id: m.id, skills: m.skills }));
        const i: SlotInput = { ...input, staff, policy: { ...input.policy, timeZone: 'Asia/Shanghai', minNoticeMin: 0, maxDaysAhead: 400, hours: Object.fromEntries(WEEK.map((d) => [d, input.policy.hours.mon ?? []])) } };
        const days = listSlots(i, 's0', { from: '2026-03-01', days: 62 }, Date.UTC(2026, 1, 1));
        const first = days[0]!.slots.map((s) => s.time);
        for (const d of days) expect(d.slots.map((s) => s.time)).toEqual(first);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
