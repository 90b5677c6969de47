import { describe, expect, it } from 'vitest';
import { apply, initialState, type BranchState, type Command } from '@tellerline/engine';
import {
  branchConfig,
  compare,
  createOraclePunctual,
  createPolicy,
  dayOptimum,
  epochMs,
  issueOf,
  measure,
  parseScenario,
  POLICY_NAMES,
  simulate,
  type Customer,
  type StaffDay,
} from '../src/index.js';
import { tinyScenario } from './fixtures.js';

/** One teller, accounts only, 09:00-11:00. */
const scenario = parseScenario(
  tinyScenario({
    services: [{ code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [10, 10], appointmentsPerHour: [1, 1] }],
    staff: [{ id: 'solo', skills: { A: 1 }, shifts: [['09:00', '11:00']] }],
  }),
);
const at = (min: number) => epochMs(0, min);
const H10 = 600;

/**
 * A hand-made day: w-long (20 min of service) waits from 09:55, w-short (4 min) from 10:02;
 * the 10:00 booking will check in late, at 10:08 (still keeping the slot: on time until 10:13).
 */
const customers: Customer[] = [
  { id: 'w-long', service: 'A', kind: 'walk-in', priority: 'normal', arriveMin: H10 - 5, baseServiceMin: 20 },
  { id: 'w-short', service: 'A', kind: 'walk-in', priority: 'normal', arriveMin: H10 + 2, baseServiceMin: 4 },
  { id: 'booked', service: 'A', kind: 'appointment', priority: 'normal', arriveMin: H10 + 8, appointmentMin: H10, baseServiceMin: 6 },
];

function day(): { readonly state: BranchState; run: (cmd: Command, now: number) => void } {
  let state = initialState(branchConfig(scenario).branchId);
  const run = (cmd: Command, now: number) => {
    state = apply(state, cmd, now).state;
  };
  run({ type: 'configure', config: branchConfig(scenario) }, at(0));
  run({ type: 'close-day', day: '2025-01-06' }, at(0));
  run({ type: 'expect-appointment', ticketId: 'booked', serviceId: 'A', appointmentAt: at(H10) }, at(0));
  run({ type: 'sign-on', staffId: 'solo', counterId: 'c-solo' }, at(540));
  return {
    get state() {
      return state;
    },
    run,
  };
}

/** Day 0, as `at` counts. */
const issue = (c: Customer): Command => issueOf(c, 0);

describe('oracle-punctual', () => {
  it('keeps the teller free for a booked customer it knows will come late, where Tellerline gives up the hold', () => {
    const b = day();
    b.run(issue(customers[0]!), at(H10 - 5));
    const oracle = createOraclePunctual(scenario, { customersOf: () => customers });
    // 09:56: the 20-minute walk-in would still be at the desk at 10:13.
    expect(oracle.next(b.state, 'solo', at(H10 - 4))).toBeUndefined();

    b.run(issue(customers[1]!), at(H10 + 2));
    // 10:06, the booked customer not in yet: Tellerline's hold ran out at 10:05 and it calls the long walk-in.
    const tellerline = apply(b.state, { type: 'call-next', staffId: 'solo' }, at(H10 + 6));
    expect(tellerline.events.find((e) => e.type === 'ticket-called')).toMatchObject({ ticketId: 'w-long' });
    // The oracle passes over the long walk-in and takes the short one, done by 10:10.
    expect(oracle.next(b.state, 'solo', at(H10 + 6))).toEqual({ type: 'call-ticket', staffId: 'solo', ticketId: 'w-short', reason: 'oracle' });

    b.run({ type: 'call-ticket', staffId: 'solo', ticketId: 'w-short', reason: 'oracle' }, at(H10 + 6));
    b.run({ type: 'start', staffId: 'solo', ticketId: 'w-short' }, at(H10 + 6));
    b.run(issue(customers[2]!), at(H10 + 8));
    b.run({ type: 'complete', staffId: 'solo', ticketId: 'w-short' }, at(H10 + 10));
    // 10:10: the booked customer, on time, before the walk-in who has waited since 09:55.
    expect(oracle.next(b.state, 'solo', at(H10 + 10))).toMatchObject({ ticketId: 'booked' });
  });

  it('does not hold for a booked customer it knows will not come', () => {
    const b = day();
    b.run(issue(customers[0]!), at(H10 - 5));
    const noShow = customers.filter((c) => c.id !== 'booked');
    const oracle = createOraclePunctual(scenario, { customersOf: () => noShow });
    expect(oracle.next(b.state, 'solo', at(H10 - 4))).toMatchObject({ ticketId: 'w-long' });
  });

  it('is an experiment: not a compared policy, and on time at least as often as Tellerline on the same days', () => {
    expect(POLICY_NAMES).not.toContain('oracle-punctual');
    expect(Object.keys(compare(scenario, { days: 1 }).report.policies)).toEqual([...POLICY_NAMES]);
    const s = parseScenario(tinyScenario());
    const oracle = measure(s, simulate(s, createOraclePunctual(s), 3));
    const tellerline = measure(s, simulate(s, createPolicy('tellerline', s), 3));
    expect(oracle.appointments).toBe(tellerline.appointments);
    expect(oracle.appointments).toBeGreaterThan(0);
    expect(oracle.apptPunctuality).toBe(1);
    expect(oracle.apptPunctuality!).toBeGreaterThanOrEqual(tellerline.apptPunctuality!);
  });
});

describe('punctuality optimum', () => {
  const MIN = 60_000;
  const job = (id: string, service: string, releaseMin: number, baseServiceMin: number) => ({
    id, service, releaseMs: releaseMin * MIN, deadlineMs: (releaseMin + 5) * MIN, baseServiceMin,
  });
  const allDay: [number, number][] = [[0, Infinity]];

  it('finds what the greedy plan misses: the generalist kept for the customer only they can serve', () => {
    // Both check in at 10:00 for 10 minutes. The greedy plan gives the accounts customer to the
    // generalist (done sooner: 10 min, not 20) and the loan customer waits until 10:10.
    const jobs = [job('a', 'A', 600, 10), job('b', 'B', 600, 10)];
    const staff: StaffDay[] = [
      { id: 'gen', skills: { A: 1, B: 1 }, windows: allDay },
      { id: 'slow', skills: { A: 0.5 }, windows: allDay },
    ];
    expect(dayOptimum(jobs, staff)).toEqual({ jobs: 2, greedy: 1, maxOnTime: 2, exact: true });
  });

  it('never counts more than can be done: one teller, two overlapping windows', () => {
    const jobs = [job('a', 'A', 600, 10), job('b', 'A', 601, 10)];
    expect(dayOptimum(jobs, [{ id: 't', skills: { A: 1 }, windows: allDay }])).toEqual({ jobs: 2, greedy: 1, maxOnTime: 1, exact: true });
  });
});
