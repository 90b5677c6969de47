import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WALK_IN_SHARE } from '@tellerline/engine';
import {
  BOOKING_STEPS,
  bookingWhatIf,
  drawDay,
  formatBooking,
  parseScenario,
  parseScenarioText,
  PUNCTUALITY_GOAL,
  recommendedCalendar,
  withWalkInShare,
  type BookingReport,
} from '../src/index.js';
import { tinyScenario } from './fixtures.js';

/** Loans (B) booked four an hour with two officers, long and variable: the calendar as sold cannot be kept. */
function tightLoans(appointmentsPerHour = [4, 4]) {
  return parseScenario(
    tinyScenario({
      services: [
        { code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [10, 10], appointmentsPerHour: [0, 0] },
        { code: 'B', targetMin: 20, meanServiceMin: 20, sdServiceMin: 12, arrivalsPerHour: [1, 1], appointmentsPerHour },
      ],
      appointments: { noShowRate: 0, latenessSdMin: 0 },
    }),
  );
}

const stepOf = (rules: BookingReport['trials'][number]['rules'][string]) => (rules === null ? 0 : BOOKING_STEPS.findIndex((s) => s === rules || JSON.stringify(s) === JSON.stringify(rules)) + 1);

/** What every report must satisfy, whatever the scenario. */
function expectSearchInvariants(r: BookingReport): void {
  expect(r.trials.length).toBeGreaterThan(0);
  const first = r.trials[0]!;
  for (const c of r.services) expect(first.rules[c]).toBeNull();
  for (const t of r.trials) {
    // Same customers every trial: only what became of their requests changes.
    expect(t.requests.requested).toBe(first.requests.requested);
    expect(t.requests.atWish + t.requests.moved + t.requests.refused).toBe(t.requests.requested);
    expect(t.late.checkedInAfterSlot).toBeLessThanOrEqual(t.late.count);
  }
  for (let i = 1; i < r.trials.length; i++) {
    const before = r.trials[i - 1]!;
    const changed = r.services.filter((c) => stepOf(r.trials[i]!.rules[c]!) !== stepOf(before.rules[c]!));
    // One service at a time, to the next step stricter than its own rules (every service here
    // takes walk-ins, so it books with the default 25% share and no buffer): the least punctual
    // of those below the goal.
    expect(changed).toHaveLength(1);
    const c = changed[0]!;
    const [from, to] = [stepOf(before.rules[c]!), stepOf(r.trials[i]!.rules[c]!)];
    expect(to).toBeGreaterThan(from);
    const stricter = (k: number) => BOOKING_STEPS[k - 1]!.walkInShare > DEFAULT_WALK_IN_SHARE || BOOKING_STEPS[k - 1]!.bufferAfterMin > 0;
    expect(stricter(to)).toBe(true);
    for (let k = from + 1; k < to; k++) expect(stricter(k)).toBe(false);
    const below = r.services.filter((s) => before.perService[s] !== null && before.perService[s]! < PUNCTUALITY_GOAL && stepOf(before.rules[s]!) < BOOKING_STEPS.length);
    expect(below).toContain(c);
    for (const s of below) expect(before.perService[c]!).toBeLessThanOrEqual(before.perService[s]!);
  }
  const last = r.trials[r.trials.length - 1]!;
  if (r.recommended !== undefined) {
    expect(r.recommended).toBe(r.trials.length - 1);
    expect(last.apptPunctuality).toBeGreaterThanOrEqual(PUNCTUALITY_GOAL);
  } else {
    expect(last.meetsPunctuality).toBe(false);
    // It stopped because no service below the goal had a stricter step left.
    for (const s of r.services) if (last.perService[s] !== null && last.perService[s]! < PUNCTUALITY_GOAL) expect(stepOf(last.rules[s]!)).toBe(BOOKING_STEPS.length);
  }
}

describe('booking what-if', () => {
  it('counts what became of every booking request of a day', () => {
    const s = tightLoans();
    const { requests, bookings } = drawDay(s, 0);
    const b = requests['B']!;
    expect(b.requested).toBeGreaterThan(0);
    expect(b.atWish + b.moved + b.refused).toBe(b.requested);
    // Booked ones are in the calendar, whether or not the customer comes.
    expect(bookings.filter((x) => x.service === 'B')).toHaveLength(b.atWish + b.moved);
    expect(requests['A']).toEqual({ requested: 0, atWish: 0, moved: 0, refused: 0 });
    // Keeping every skilled officer for walk-ins sells nothing.
    const closed = parseScenario({ ...tinyScenario(), ...s, services: s.services.map((sv) => (sv.code === 'B' ? { ...sv, booking: { walkInShare: 1 } } : sv)) });
    const none = drawDay(closed, 0).requests['B']!;
    expect(none).toEqual({ requested: b.requested, atWish: 0, moved: 0, refused: b.requested });
  });

  it('makes the calendar stricter for the late service until appointments are on time', () => {
    const r = bookingWhatIf(tightLoans(), 5);
    expect(r.services).toEqual(['B']);
    expectSearchInvariants(r);
    expect(r.trials[0]!.apptPunctuality!).toBeLessThan(PUNCTUALITY_GOAL);
    expect(r.recommended).toBeGreaterThan(0);
    const best = r.trials[r.recommended!]!;
    expect(best.rules['B']).not.toBeNull();
    // The price: fewer customers get the slot they wished for.
    expect(best.requests.atWish).toBeLessThan(r.trials[0]!.requests.atWish);
    expect(formatBooking(r)).toContain('Recommended (trial');
    // --random --booking checks the routing goal on exactly that calendar.
    const calendar = recommendedCalendar(tightLoans(), r);
    expect(calendar.services.find((sv) => sv.code === 'B')!.booking).toEqual(best.rules['B']);
    expect(calendar.services.find((sv) => sv.code === 'A')!.booking).toBeUndefined();
  });

  it('changes nothing when the calendar is kept as it is', () => {
    const r = bookingWhatIf(tightLoans([0.6, 0.6]), 5);
    expectSearchInvariants(r);
    expect(r.trials).toHaveLength(1);
    expect(r.recommended).toBe(0);
    expect(formatBooking(r)).toContain('as it is reaches the goal');
  });

  it('steps two services one at a time and says so when no rule is enough (shipped small branch)', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', 'small-branch.json'), 'utf8');
    const r = bookingWhatIf(parseScenarioText(text), 3);
    expect(r.services).toEqual(['A', 'B']);
    expectSearchInvariants(r);
    expect(r.trials.length).toBeGreaterThan(1);
  });

  it('a walk-in share for the whole branch limits only the services that take appointments', () => {
    const s = tightLoans();
    const withSlot = { ...s, services: s.services.map((sv) => (sv.code === 'B' ? { ...sv, booking: { slotMin: 25 } } : sv)) };
    const ruled = withWalkInShare(withSlot, 0.5);
    expect(ruled.services.find((sv) => sv.code === 'A')!.booking).toBeUndefined();
    // The share is added; the booked length the scenario gave is kept.
    expect(ruled.services.find((sv) => sv.code === 'B')!.booking).toEqual({ slotMin: 25, walkInShare: 0.5 });
    // Two loan officers, half kept for walk-ins: one booking at a time instead of two, so more
    // requests go elsewhere or away than when every minute is sold.
    const before = drawDay(withWalkInShare(withSlot, 0), 0).requests['B']!;
    const after = drawDay(ruled, 0).requests['B']!;
    expect(after.requested).toBe(before.requested);
    expect(after.atWish).toBeLessThan(before.atWish);
  });

  it('has nothing to do without appointments', () => {
    const r = bookingWhatIf(parseScenario(tinyScenario({ services: tinyScenario().services.map((sv) => ({ ...sv, appointmentsPerHour: [0, 0] })) })), 1);
    expect(r.services).toEqual([]);
    expect(r.trials).toEqual([]);
    expect(formatBooking(r)).toContain('No service takes appointments');
  });
});
