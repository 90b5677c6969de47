import { describe, expect, it } from 'vitest';
import { computeMetrics, isPunctual, mean, quantile, waitMin, type StaffOutcome, type TicketOutcome } from '../src/index.js';

const noEta = { kind: 'range' as const, ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 };

function ticket(p: Partial<TicketOutcome> & { joinedAt: number }): TicketOutcome {
  return { id: `t${p.joinedAt}`, service: 'A', kind: 'walk-in', priority: 'normal', keptSlot: false, endAt: 0, eta: noEta, ...p };
}

describe('quantile (nearest rank) and mean', () => {
  it('p90 of 1..10 is 9, of 1..20 is 18, of one value is that value', () => {
    expect(quantile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9)).toBe(9);
    expect(quantile(Array.from({ length: 20 }, (_, i) => i + 1), 0.9)).toBe(18);
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(quantile([], 0.9)).toBeNaN();
  });

  it('mean', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
  });
});

describe('waits and punctuality', () => {
  it('a walk-in waits from check-in to the first call', () => {
    expect(waitMin(ticket({ joinedAt: 600, calledAt: 612 }))).toBe(12);
  });

  it('an appointment that kept its slot waits from max(check-in, booked time)', () => {
    const early = ticket({ joinedAt: 590, appointmentAt: 600, keptSlot: true, kind: 'appointment', calledAt: 604 });
    const late = ticket({ joinedAt: 607, appointmentAt: 600, keptSlot: true, kind: 'appointment', calledAt: 611 });
    const calledEarly = ticket({ joinedAt: 585, appointmentAt: 600, keptSlot: true, kind: 'appointment', calledAt: 590 });
    expect([waitMin(early), waitMin(late), waitMin(calledEarly)]).toEqual([4, 4, 0]);
  });

  it('punctual = called no later than 5 minutes after max(booked time, check-in)', () => {
    const at = (joinedAt: number, calledAt: number | undefined) =>
      isPunctual(ticket({ joinedAt, appointmentAt: 600, keptSlot: true, kind: 'appointment', ...(calledAt !== undefined && { calledAt }) }));
    expect(at(590, 605)).toBe(true); // exactly 5 minutes late
    expect(at(590, 605.5)).toBe(false);
    expect(at(590, 580)).toBe(true); // called before the slot: fine, the customer was there
    expect(at(608, 612)).toBe(true); // came 8 min late, called 4 min after arriving
    expect(at(590, undefined)).toBe(false);
  });

  it('a ticket never called waits until the end of the day', () => {
    expect(waitMin(ticket({ joinedAt: 600, endAt: 660 }))).toBe(60);
  });
});

describe('computeMetrics on a hand-made trace', () => {
  // Target 10. Waits: 0, 5, 10, 15, 20 and one never called (end of day at 700 -> 40).
  const tickets: TicketOutcome[] = [
    ticket({ joinedAt: 600, calledAt: 600, eta: { kind: 'range', ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 } }),
    ticket({ joinedAt: 610, calledAt: 615, eta: { kind: 'range', ahead: 1, lowMin: 3, highMin: 8, expectedMin: 5 } }),
    ticket({ joinedAt: 620, calledAt: 630, eta: { kind: 'range', ahead: 1, lowMin: 3, highMin: 8, expectedMin: 6 } }),
    ticket({ joinedAt: 630, calledAt: 645, appointmentAt: 630, keptSlot: true, kind: 'appointment', eta: { kind: 'range', ahead: 2, lowMin: 10, highMin: 20, expectedMin: 15 } }),
    ticket({ joinedAt: 635, calledAt: 655, eta: { kind: 'range', ahead: 2, lowMin: 10, highMin: 19.95, expectedMin: 16 } }),
    ticket({ joinedAt: 660, endAt: 700 }),
  ];
  const staff: StaffOutcome[] = [
    { id: 's1', onDutyMin: 100, busyMin: 60, busyByService: { A: 60 }, skills: ['A'] },
    { id: 's2', onDutyMin: 100, busyMin: 20, busyByService: { B: 20 }, skills: ['B'] },
  ];
  const m = computeMetrics(tickets, staff, { A: 10 });

  it('counts, within target, mean, p90 and max', () => {
    expect(m.customers).toBe(6);
    expect(m.unserved).toBe(1);
    expect(m.servedWithinTarget).toBeCloseTo(3 / 6); // 0, 5, 10
    expect(m.meanWaitMin).toBeCloseTo((0 + 5 + 10 + 15 + 20 + 40) / 6);
    expect(m.p90WaitMin).toBe(40); // ceil(0.9 x 6) = 6th smallest
    expect(m.maxWaitMin).toBe(40);
  });

  it('appointment punctuality over appointments that kept their slot', () => {
    expect(m.appointments).toBe(1);
    expect(m.apptPunctuality).toBe(0); // 15 min late
  });

  it('wait-estimate error and range coverage over called tickets', () => {
    // |0-0|, |5-5|, |10-6|, |15-15|, |20-16| -> mean 1.6
    expect(m.etaMaeMin).toBeCloseTo(1.6);
    // in range: 0 in [0,0], 5 in [3,8], 15 in [10,20], 20 in [10,19.95] (0.05 tolerance); 10 not in [3,8]
    expect(m.etaRangeCoverage).toBeCloseTo(4 / 5);
  });

  it('leaves out of the estimate figures a ticket issued while nobody could serve it (it was promised no wait)', () => {
    const unstaffed = ticket({ joinedAt: 600, calledAt: 690, eta: { kind: 'no-staff', ahead: 0 } });
    const r = computeMetrics([...tickets, unstaffed], staff, { A: 10 });
    expect(r.etaMaeMin).toBeCloseTo(1.6);
    expect(r.etaRangeCoverage).toBeCloseTo(4 / 5);
    expect(computeMetrics([unstaffed], staff, { A: 10 })).toMatchObject({ etaMaeMin: null, etaRangeCoverage: null });
  });

  it('utilisation overall and per service', () => {
    expect(m.utilisation).toBeCloseTo(80 / 200);
    expect(computeMetrics(tickets, staff, { A: 10 }, 'A').utilisation).toBeCloseTo(60 / 100);
  });

  it('a customer who gave up waits until they left, is never within target, and counts as abandoned, not unserved', () => {
    const left = ticket({ joinedAt: 600, abandonedAt: 604, endAt: 604 });
    expect(waitMin(left)).toBe(4);
    const r = computeMetrics([left, ticket({ joinedAt: 600, calledAt: 603 })], staff, { A: 10 });
    expect(r).toMatchObject({ customers: 2, abandoned: 1, unserved: 0, servedWithinTarget: 0.5, maxWaitMin: 4 });
  });

  it('is well defined for no tickets', () => {
    const empty = computeMetrics([], staff, { A: 10 });
    expect(empty).toMatchObject({ customers: 0, servedWithinTarget: 1, p90WaitMin: 0, apptPunctuality: null, etaMaeMin: null });
  });
});
