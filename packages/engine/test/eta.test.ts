import { describe, expect, it } from 'vitest';
import { DomainError, estimateWait, queueSummary, type WaitEstimate, type WaitRange } from '../src/index.js';
import { Sim } from './fixtures.js';

/** The estimate as a range (failing the test when it says nobody can serve). */
function rangeOf(e: WaitEstimate): WaitRange {
  if (e.kind !== 'range') throw new Error(`expected a range, got ${JSON.stringify(e)}`);
  return e;
}

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
    expect(estimateWait(sim.state, 't3', sim.now)).toEqual({ kind: 'range', ahead: 1, lowMin: 4.5, highMin: 11.3, expectedMin: 7.5 });
    expect(estimateWait(sim.state, 't2', sim.now)).toEqual({ kind: 'range', ahead: 0, lowMin: 1.5, highMin: 3.8, expectedMin: 2.5 });
  });

  it('takes the range from recent service times', () => {
    const sim = busyAccounts();
    const state = { ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec: [240, 300, 360, 300, 300] } } };
    expect(estimateWait(state, 't3', sim.now)).toEqual({ kind: 'range', ahead: 1, lowMin: 6.6, highMin: 8.4, expectedMin: 7.5 });
  });

  it('learns how far off its estimates run: the wait each customer had / the estimate given at issue', () => {
    const sim = busyAccounts();
    // t2 was told 2.5 min at issue (the model: half of t1's service x 5 min), t3 7.5 min.
    expect(sim.state.tickets['t2']?.etaAtIssueMin).toBe(2.5);
    expect(sim.state.tickets['t3']?.etaAtIssueMin).toBe(7.5);
    sim.advance(4); // t2 has now waited 5 min, twice its estimate
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't1' });
    sim.callNext('s1');
    expect(sim.state.stats['acct']?.recentWaitRatio).toEqual([2]);
    // A recall is not a first call: nothing more is learned. Completing keeps what was learned.
    sim.do({ type: 'recall', staffId: 's1', ticketId: 't2' });
    sim.do({ type: 'start', staffId: 's1', ticketId: 't2' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't2' });
    expect(sim.state.stats['acct']?.recentWaitRatio).toEqual([2]);
    expect(sim.state.stats['acct']?.recentServiceSec).toHaveLength(2);
  });

  it('learns nothing from appointments: their wait is set by the booked time', () => {
    const sim = busyAccounts();
    sim.issue('ap', 'acct', { kind: 'appointment', appointmentAt: sim.now });
    expect(sim.state.tickets['ap']?.etaAtIssueMin).toBeGreaterThan(0);
    sim.advance(20);
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'call-ticket', staffId: 's1', ticketId: 'ap', reason: 'test' });
    expect(sim.state.stats['acct']?.recentWaitRatio).toBeUndefined();
  });

  it('once a service has 8 learned ratios, shows the model x their median, within their 10th-90th percentiles', () => {
    const sim = busyAccounts();
    const withRatios = (recentWaitRatio: number[]) => ({ ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec: [], recentWaitRatio } } });
    // Seven are not enough: the model's own range (7.5 min, 0.6-1.5).
    expect(estimateWait(withRatios([1, 1, 1, 1, 2, 2, 2]), 't3', sim.now)).toEqual({ kind: 'range', ahead: 1, lowMin: 4.5, highMin: 11.3, expectedMin: 7.5 });
    // Eight: ratios 0.5 ... 4 (sorted 0.5 1 1 1.5 2 2 3 4): median 1.75, p10 0.85, p90 3.3.
    expect(estimateWait(withRatios([2, 1, 0.5, 4, 1.5, 3, 1, 2]), 't3', sim.now)).toEqual({ kind: 'range', ahead: 1, lowMin: 6.4, highMin: 24.8, expectedMin: 13.1 });
    // Nothing learned changes "someone is free": still zero.
    sim.signOn('s2', 'c2');
    expect(rangeOf(estimateWait(withRatios([2, 2, 2, 2, 2, 2, 2, 2]), 't2', sim.now)).expectedMin).toBe(0);
  });

  it('divides by the staff able to serve the service, and is 0 when one of them is free', () => {
    const sim = busyAccounts();
    sim.signOn('s3', 'c3'); // loans only: no help
    expect(rangeOf(estimateWait(sim.state, 't3', sim.now)).expectedMin).toBe(7.5);
    sim.signOn('s2', 'c2'); // available and can do accounts
    expect(estimateWait(sim.state, 't2', sim.now)).toEqual({ kind: 'range', ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 });
    sim.issue('t4');
    sim.callNext('s2');
    // t3 and t4 wait, 2 staff busy: t4 has 1 ahead -> 1.5 x 5 / 2
    expect(rangeOf(estimateWait(sim.state, 't4', sim.now)).expectedMin).toBe(3.8);
  });

  it('counts tickets reserved for a counter as ahead', () => {
    const sim = busyAccounts();
    sim.advance(5);
    // A transfer goes to a counter whose colleague will call it (signed on, not paused, skilled),
    // here one busy with a loans customer, so the reserved ticket still waits.
    sim.signOn('s2', 'c2');
    sim.issue('tb', 'loans');
    sim.do({ type: 'call-ticket', staffId: 's2', ticketId: 'tb', reason: 'loan signing' });
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

  it('is not talked down to "no wait" by one very short service while everyone is busy', () => {
    // The reviewer's repro: one ticket started and completed a second later, then a queue.
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.issue('t0');
    sim.callNext('s1');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't0' });
    sim.advance(1 / 60);
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't0' });
    expect(sim.state.stats['acct']?.recentServiceSec).toEqual([1]);
    for (const id of ['t1', 't2', 't3', 't4']) sim.issue(id);
    sim.callNext('s1');
    // 2 ahead of t4, s1 busy: a 1-second "service" is a slip, so the 5-min default holds: 2.5 x 5.
    expect(estimateWait(sim.state, 't4', sim.now)).toEqual({ kind: 'range', ahead: 2, lowMin: 7.5, highMin: 18.8, expectedMin: 12.5 });
    expect(rangeOf(queueSummary(sim.state, sim.now)[0]!.newTicket).expectedMin).toBe(17.5);
  });

  it('blends fewer than 3 durations with the default duration instead of replacing it', () => {
    const withDurations = (recentServiceSec: number[]) => {
      const sim = busyAccounts();
      return rangeOf(estimateWait({ ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec } } }, 't3', sim.now));
    };
    // One 1-min service: (1 + 5 + 5) / 3 = 3.67 min each, 1.5 of them ahead.
    expect(withDurations([60]).expectedMin).toBe(5.5);
    // Two: (1 + 2 + 5) / 3.
    expect(withDurations([60, 120]).expectedMin).toBe(4);
    // Three plausible durations stand on their own; slips (under 20 s) do not count towards them.
    expect(withDurations([60, 60, 60]).expectedMin).toBe(1.5);
    expect(withDurations([1, 2, 1, 60]).expectedMin).toBe(5.5);
    expect(withDurations([1, 1, 1]).expectedMin).toBe(7.5);
  });

  it('is never zero while people are ahead and no skilled staff member is free', () => {
    const sim = busyAccounts();
    // Eight first calls that came at once, although each had been told a wait: median ratio 0.
    const state = { ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec: [], recentWaitRatio: [0, 0, 0, 0, 0, 0, 0, 0] } } };
    const eta = rangeOf(estimateWait(state, 't3', sim.now));
    expect(eta.ahead).toBe(1);
    expect(eta.expectedMin).toBeGreaterThan(0);
    expect(eta.highMin).toBeGreaterThan(0);
    // Many staff, quick services: still not zero after rounding.
    const crowded = { ...sim.state, stats: { ...sim.state.stats, acct: { recentServiceSec: [20, 20, 20] } } };
    expect(rangeOf(estimateWait(crowded, 't2', sim.now)).expectedMin).toBeGreaterThan(0);
  });

  it('promises no wait while nobody signed on can serve the service', () => {
    const sim = busyAccounts();
    sim.issue('l1', 'loans');
    // s1 (accounts only) is on; nobody with the loans skill is: the reviewer's "6-15 min" for C.
    expect(estimateWait(sim.state, 'l1', sim.now)).toEqual({ kind: 'no-staff', ahead: 0 });
    sim.issue('l2', 'loans');
    expect(estimateWait(sim.state, 'l2', sim.now)).toEqual({ kind: 'no-staff', ahead: 1 });
    // The last skilled colleague signs off: the accounts line has nobody either.
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'sign-off', staffId: 's1' });
    expect(estimateWait(sim.state, 't3', sim.now)).toEqual({ kind: 'no-staff', ahead: 1 });
    // Someone skilled on a break is coming back: an estimate again, divided by that one person.
    sim.signOn('s3', 'c3');
    sim.do({ type: 'pause', staffId: 's3', reason: 'break' });
    expect(rangeOf(estimateWait(sim.state, 'l2', sim.now)).expectedMin).toBe(22.5);
  });

  it('learns nothing from a ticket issued while nobody could serve it', () => {
    const sim = new Sim();
    sim.issue('t1');
    expect(sim.state.tickets['t1']?.etaAtIssueMin).toBeUndefined();
    sim.advance(30);
    sim.signOn('s1', 'c1');
    sim.callNext('s1');
    // A 30-minute wait against "no estimate" is no ratio: nothing recorded to skew later ranges.
    expect(sim.state.stats['acct']?.recentWaitRatio).toBeUndefined();
  });

  it('is zero once called and refuses unknown tickets', () => {
    const sim = busyAccounts();
    expect(estimateWait(sim.state, 't1', sim.now)).toEqual({ kind: 'range', ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 });
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
        newTicket: { kind: 'range', ahead: 2, lowMin: 7.5, highMin: 18.8, expectedMin: 12.5 },
      },
      {
        serviceId: 'loans',
        code: 'B',
        waiting: 0,
        longestWaitMin: 0,
        staffOnline: 0,
        newTicket: { kind: 'no-staff', ahead: 0 },
      },
    ]);
  });
});
