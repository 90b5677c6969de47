import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROSS_SKILL_DISCOUNT, DEFAULT_ROUTING, PRIORITY_CLASSES, type BranchConfig } from '../src/index.js';
import { MIN, Sim } from './fixtures.js';

const SERVICES = ['X', 'Y', 'Z'];

const scenario = fc.record({
  targets: fc.array(fc.constantFrom(5, 10, 15, 20), { minLength: 3, maxLength: 3 }),
  skills: fc.array(fc.constantFrom(0.25, 0.5, 1), { minLength: 3, maxLength: 3 }),
  backlog: fc.array(
    fc.record({ svc: fc.nat({ max: 2 }), priority: fc.constantFrom(...PRIORITY_CLASSES), apptOffsetMin: fc.option(fc.integer({ min: -10, max: 40 })) }),
    { maxLength: 15 },
  ),
  steps: fc.array(
    fc.record({
      minutes: fc.integer({ min: 1, max: 5 }),
      arrival: fc.option(
        fc.record({ svc: fc.nat({ max: 2 }), priority: fc.constantFrom(...PRIORITY_CLASSES), apptOffsetMin: fc.option(fc.integer({ min: -5, max: 40 })) }),
      ),
    }),
    { minLength: 200, maxLength: 200 },
  ),
});

describe('no starvation', () => {
  /**
   * One staff member serves three queues and keeps calling while new customers (VIPs,
   * appointments) keep arriving, at most one per two calls (load within capacity). A walk-in T
   * in the queue they are least skilled for must still be called within a bounded number of
   * calls. Why a bound exists: T's score grows like p_T x wait / target_T, at least
   * 0.25 x w / 20; anyone who beats T must have waited a fixed fraction of w (here >= w/32 - 16
   * minutes, counting the appointment and VIP terms), so they joined well before now; with
   * arrivals at most every other call, fewer than ~2 x (backlog + 3) such people exist.
   */
  it('a waiting ticket is called within 2 x (backlog + 4) calls', () => {
    fc.assert(
      fc.property(scenario, ({ targets, skills, backlog, steps }) => {
        const config: BranchConfig = {
          branchId: 'b1',
          services: SERVICES.map((code, i) => ({ id: code, code, name: { zh: code, en: code }, targetMin: targets[i]!, defaultDurationMin: 5 })),
          counters: [{ id: 'c1', label: '1' }],
          // T waits for X, where this person is weakest (0.25): the hardest case.
          staff: [{ id: 's', skills: { X: 0.25, Y: skills[1]!, Z: skills[2]! } }],
          routing: DEFAULT_ROUTING,
        };
        const sim = new Sim(config);
        sim.signOn('s', 'c1');
        let n = 0;
        const issue = (a: { svc: number; priority: (typeof PRIORITY_CLASSES)[number]; apptOffsetMin: number | null }) =>
          sim.issue(`u${++n}`, SERVICES[a.svc]!, {
            priority: a.priority,
            ...(a.apptOffsetMin !== null && { kind: 'appointment' as const, appointmentAt: sim.now + a.apptOffsetMin * MIN }),
          });
        backlog.forEach(issue);
        sim.advance(1);
        sim.issue('T', 'X');

        const bound = 2 * (backlog.length + 4);
        for (let call = 1; call <= steps.length; call++) {
          const step = steps[call - 1]!;
          if (step.arrival && call % 2 === 0) issue(step.arrival);
          sim.advance(step.minutes);
          const id = sim.callNext('s');
          if (id === 'T') {
            expect(call).toBeLessThanOrEqual(bound);
            return;
          }
          sim.do({ type: 'start', staffId: 's', ticketId: id });
          sim.do({ type: 'complete', staffId: 's', ticketId: id });
        }
        throw new Error(`T was never called in ${steps.length} calls`);
      }),
      { numRuns: 200 },
    );
  });

  /**
   * The hard case: the queue never empties. A VIP arrives for service Y (target 5, the staff
   * member's specialty, proficiency 1) before every call, on top of a VIP backlog of B, while T
   * waits for X (target 20, proficiency 0.25, outside their own queue: score / D where
   * D = CROSS_SKILL_DISCOUNT). Fresh VIPs score 1.1 and T starts at 0.025 / D, so any policy that
   * does not let waiting accumulate without bound (e.g. capping urgency) starves T. Here the
   * oldest VIP has waited about (B + 1) steps of m minutes, so T is called once
   * 0.25 x (w / 20 + 0.1) / D > (B + 1) x m / 5 + 1.1, i.e. w > 16D (B + 1) m + 88D - 2: within
   * 16D x (B + 1) + (88D - 2) / m calls (D = 1, plain c-mu: 16 (B + 1) + 86 / m).
   */
  it('a waiting ticket is called even under a never-ending stream of VIPs, within the c-mu bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 5 }), (backlog, m) => {
        const config: BranchConfig = {
          branchId: 'b1',
          services: [
            { id: 'X', code: 'X', name: { zh: 'X', en: 'X' }, targetMin: 20, defaultDurationMin: 5 },
            { id: 'Y', code: 'Y', name: { zh: 'Y', en: 'Y' }, targetMin: 5, defaultDurationMin: 5 },
          ],
          counters: [{ id: 'c1', label: '1' }],
          staff: [{ id: 's', skills: { X: 0.25, Y: 1 } }],
          routing: DEFAULT_ROUTING,
        };
        const sim = new Sim(config);
        sim.signOn('s', 'c1');
        for (let i = 0; i < backlog; i++) sim.issue(`v${i}`, 'Y', { priority: 'vip' });
        sim.issue('T', 'X');
        const D = CROSS_SKILL_DISCOUNT;
        const bound = 16 * D * (backlog + 1) + Math.ceil((88 * D - 2) / m) + 1;
        for (let call = 1; call <= bound + 50; call++) {
          sim.issue(`n${call}`, 'Y', { priority: 'vip' });
          sim.advance(m);
          const id = sim.callNext('s');
          if (id === 'T') {
            expect(call).toBeLessThanOrEqual(bound);
            return;
          }
          sim.do({ type: 'start', staffId: 's', ticketId: id });
          sim.do({ type: 'complete', staffId: 's', ticketId: id });
        }
        throw new Error('T starved');
      }),
      { numRuns: 60 },
    );
  });
});
