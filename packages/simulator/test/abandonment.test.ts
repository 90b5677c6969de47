import { describe, expect, it } from 'vitest';
import { replay } from '@tellerline/engine';
import { compare, drawCustomers, parseScenario, simulate, waitMin, waitStart } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

/** The tiny branch with one teller for A: a queue builds, and impatient customers leave. */
const busy = (patienceMeanMin?: number, patienceSdMin?: number) =>
  parseScenario(
    tinyScenario({
      staff: [
        { id: 'ann', skills: { A: 1 }, shifts: [['09:00', '11:00']] },
        { id: 'cat', skills: { B: 1 }, shifts: [['09:00', '11:00']] },
      ],
      ...(patienceMeanMin !== undefined && { abandonment: { patienceMeanMin, ...(patienceSdMin !== undefined && { patienceSdMin }) } }),
    }),
  );

describe('customers who give up waiting (scenario abandonment)', () => {
  it('draws the same customers with or without patience, and patience only with it', () => {
    const plain = drawCustomers(busy(), 0);
    const patient = drawCustomers(busy(15), 0);
    expect(patient.map(({ patienceMin: _patience, ...c }) => c)).toEqual(plain);
    expect(plain.every((c) => c.patienceMin === undefined)).toBe(true);
    expect(patient.every((c) => c.patienceMin! > 0)).toBe(true);
    expect(new Set(patient.map((c) => c.patienceMin)).size).toBe(patient.length);
  });

  it('a customer still waiting when their patience runs out leaves: never called, cancelled in the engine', () => {
    const scenario = busy(15);
    const drawn = new Map(drawCustomers(scenario, 0).map((c) => [c.id, c]));
    for (const policy of ['fifo', 'fixed-order', 'tellerline'] as const) {
      const run = simulate(scenario, policy, 1, { keepEvents: true });
      const left = run.days[0]!.tickets.filter((t) => t.abandonedAt !== undefined);
      expect(left.length, policy).toBeGreaterThan(0);
      for (const t of left) {
        expect(t.calledAt).toBeUndefined();
        // They leave exactly when their patience, counted from the start of their wait, ends.
        expect(t.abandonedAt! - waitStart(t)).toBeCloseTo(drawn.get(t.id)!.patienceMin!, 3);
        expect(waitMin(t)).toBeCloseTo(drawn.get(t.id)!.patienceMin!, 3);
      }
      const cancelled = run.events.filter((e) => e.type === 'ticket-cancelled').map((e) => (e as { ticketId: string }).ticketId);
      expect(cancelled.sort()).toEqual(left.map((t) => t.id).sort());
      // Whoever was called waited less than their patience.
      const called = run.days[0]!.tickets.filter((t) => t.calledAt !== undefined);
      expect(called.every((t) => waitMin(t) <= drawn.get(t.id)!.patienceMin! + 1e-9)).toBe(true);
      expect(replay(run.finalState.branchId, run.events)).toEqual(run.finalState);
    }
  });

  it('counts those who left as not within target, not as unserved, with their wait until they left', () => {
    const { report } = compare(busy(15), { days: 2 });
    const { report: patient } = compare(busy(480, 0), { days: 2 });
    for (const m of Object.values(report.policies)) {
      expect(m!.abandoned).toBeGreaterThan(0);
      expect(m!.unserved).toBe(0);
      expect(m!.perService.A!.abandoned + m!.perService.B!.abandoned).toBe(m!.abandoned);
    }
    // Nobody leaves when everyone is patient enough; then the figures are those without abandonment.
    const { report: none } = compare(busy(), { days: 2 });
    for (const p of ['fifo', 'fixed-order', 'tellerline'] as const) {
      expect(patient.policies[p]!.abandoned).toBe(0);
      expect(patient.policies[p]).toEqual(none.policies[p]);
    }
  });

  it('is reproducible', () => {
    expect(JSON.stringify(compare(busy(15), { days: 2 }).report)).toBe(JSON.stringify(compare(busy(15), { days: 2 }).report));
  });

  it('rejects a patience that is not a positive number of minutes', () => {
    expect(() => parseScenario(tinyScenario({ abandonment: { patienceMeanMin: 0 } }))).toThrow(/patienceMeanMin/);
    expect(() => parseScenario(tinyScenario({ abandonment: { patienceMeanMin: 20, extra: 1 } as never }))).toThrow();
  });
});
