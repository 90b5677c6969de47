import { describe, expect, it } from 'vitest';
import { DomainError, estimateWait, queueSummary } from '../src/index.js';
import { Sim } from './fixtures.js';

/** Only s1 (accounts) is on, serving t1; t2 and t3 wait for accounts. */
function busyAccounts(): Sim {
  const sim = new Sim();
  sim.signOn('s1', 'c1');
  sim.issue('t1');
  sim.callNext('s1');
  sim.advance(1);
  sim.issue('t2');
  sim.advance(1);
  sim.issue('t3');
  return sim;
}

describe('estimateWait', () => {
  it('uses the default duration and a 0.6-1.5 range without history', () => {
    const sim = busyAccounts();
    // 1 ahead + half of t1's service still to go, x 5 min, / 1 staff
    expect(estimateWait(sim.state, 't3', sim.now)).toEqual({ ahead: 1, lowMin: 4.5, highMin: 11.3, expectedMin: 7.5 });
    expect(estimateWait(sim.state, 't2', sim.now)).toEqual({ ahead: 0, lowMin: 1.5, highMin: 3.8, expectedMin: 2.5 });
  });

  it('takes the range from recent service times', () => {
    const sim = busyAccounts();
    const state = { ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec: [240, 300, 360, 300, 300] } } };
    expect(estimateWait(state, 't3', sim.now)).toEqual({ ahead: 1, lowMin: 6.6, highMin: 8.4, expectedMin: 7.5 });
  });

  it('divides by the staff able to serve the service, and is 0 when one of them is free', () => {
    const sim = busyAccounts();
    sim.signOn('s3', 'c3'); // loans only: no help
    expect(estimateWait(sim.state, 't3', sim.now).expectedMin).toBe(7.5);
    sim.signOn('s2', 'c2'); // available and can do accounts
    expect(estimateWait(sim.state, 't2', sim.now)).toEqual({ ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 });
    sim.issue('t4');
    sim.callNext('s2');
    // t3 and t4 wait, 2 staff busy: t4 has 1 ahead -> 1.5 x 5 / 2
    expect(estimateWait(sim.state, 't4', sim.now).expectedMin).toBe(3.8);
  });

  it('counts tickets reserved for a counter as ahead', () => {
    const sim = busyAccounts();
    sim.advance(5);
    sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c2' });
    sim.callNext('s1');
    // t1 (reserved) and t3 wait; t3 is behind t1
    expect(estimateWait(sim.state, 't3', sim.now).ahead).toBe(1);
  });

  it('keeps issue order for tickets issued in the same millisecond, whatever their ids', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.issue('t0');
    sim.callNext('s1');
    // A kiosk burst decided in one group: one clock reading, ids that sort against issue order.
    for (const id of ['z', 'y', 'x', 'w']) sim.issue(id);
    expect(['z', 'y', 'x', 'w'].map((id) => estimateWait(sim.state, id, sim.now).ahead)).toEqual([0, 1, 2, 3]);
    sim.do({ type: 'start', staffId: 's1', ticketId: 't0' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't0' });
    expect(sim.callNext('s1')).toBe('z');
  });

  it('is zero once called and refuses unknown tickets', () => {
    const sim = busyAccounts();
    expect(estimateWait(sim.state, 't1', sim.now)).toEqual({ ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 });
    expect(() => estimateWait(sim.state, 'nope', sim.now)).toThrow(DomainError);
  });
});

describe('queueSummary', () => {
  it('lists each service with waiting count, longest wait and a new ticket estimate', () => {
    const sim = busyAccounts();
    sim.advance(3);
    expect(queueSummary(sim.state, sim.now)).toEqual([
      {
        serviceId: 'acct',
        code: 'A',
        waiting: 2,
        longestWaitMin: 4,
        staffOnline: 1,
        newTicket: { ahead: 2, lowMin: 7.5, highMin: 18.8, expectedMin: 12.5 },
      },
      {
        serviceId: 'loans',
        code: 'B',
        waiting: 0,
        longestWaitMin: 0,
        staffOnline: 0,
        newTicket: { ahead: 0, lowMin: 4.5, highMin: 11.3, expectedMin: 7.5 },
      },
    ]);
  });
});
