import { describe, expect, it } from 'vitest';
import { APPOINTMENT_AT_SLOT, DomainError, HOLD_GRACE_MIN, apply, keepFreeFor, pickNext, replay, type BranchEvent } from '../src/index.js';
import { MIN, Sim } from './fixtures.js';

/** Only s2 (accounts 0.5, loans 1) is on: the one person who can take a loans appointment. */
function onlyS2(): Sim {
  const sim = new Sim();
  sim.signOn('s2', 'c2');
  return sim;
}

const expectAppt = (sim: Sim, ticketId: string, inMin: number, serviceId = 'loans') =>
  sim.do({ type: 'expect-appointment', ticketId, serviceId, appointmentAt: sim.now + inMin * MIN });

describe('the booking calendar (expect-appointment / drop-appointment)', () => {
  it('records, moves, drops and forgets bookings; check-in under the same ticket id ends the entry', () => {
    const sim = onlyS2();
    const slot = sim.now + 60 * MIN;
    expect(expectAppt(sim, 'ap-1', 60).map((e) => e.type)).toEqual(['appointment-expected']);
    expect(sim.state.expected).toEqual({ 'ap-1': { ticketId: 'ap-1', serviceId: 'loans', appointmentAt: slot } });
    // The same booking again records nothing; a move is a new fact.
    expect(sim.do({ type: 'expect-appointment', ticketId: 'ap-1', serviceId: 'loans', appointmentAt: slot })).toEqual([]);
    expect(expectAppt(sim, 'ap-1', 90)).toHaveLength(1);
    expect(sim.state.expected?.['ap-1']?.appointmentAt).toBe(slot + 30 * MIN);
    expect(sim.refused({ type: 'expect-appointment', ticketId: 'ap-2', serviceId: 'nope', appointmentAt: slot })).toBe('UNKNOWN_SERVICE');

    expectAppt(sim, 'ap-2', 30);
    sim.issue('ap-2', 'loans', { kind: 'appointment', appointmentAt: sim.now + 30 * MIN });
    expect(Object.keys(sim.state.expected ?? {})).toEqual(['ap-1']);
    // Checked in already: a late repeat from the booking side cannot put it back.
    expect(expectAppt(sim, 'ap-2', 30)).toEqual([]);

    expect(sim.do({ type: 'drop-appointment', ticketId: 'ap-1' }).map((e) => e.type)).toEqual(['appointment-dropped']);
    expect(sim.state.expected).toEqual({});
    expect(sim.do({ type: 'drop-appointment', ticketId: 'ap-1' })).toEqual([]);

    // A new day forgets yesterday's bookings nobody came for.
    expectAppt(sim, 'ap-3', 10);
    sim.advance(24 * 60);
    sim.do({ type: 'close-day', day: '2025-01-07' });
    expect(sim.state.expected).toEqual({});
    expect(replay(sim.state.branchId, sim.events)).toEqual(sim.state);
  });

  it('leaves logs written before the calendar replaying as before (no `expected` at all)', () => {
    const sim = onlyS2();
    sim.issue('a1');
    sim.callNext('s2');
    const old: BranchEvent[] = sim.events;
    const state = replay('b1', old);
    expect(state).toEqual(sim.state);
    expect('expected' in state).toBe(false);
  });
});

describe('keeping a staff member free for a booked slot', () => {
  it('prefers a service that ends before the slot nobody else can take, and says why', () => {
    const sim = onlyS2();
    expectAppt(sim, 'ap-1', 8);
    sim.issue('b1', 'loans'); // 15 min: would run past the slot (and its grace)
    sim.issue('a1'); // 5 min at 0.5 = 10 min: done in time
    const best = pickNext(sim.state, 's2', sim.now);
    expect(best?.ticket.id).toBe('a1');
    expect(best?.reason.text).toBe('waited 0 min, target 10; your skill: A 0.5; keeps you free for the B appointment in 8 min');
    expect(best?.reason.holdFor).toEqual({ serviceCode: 'B', inMin: 8 });
  });

  it('stays free when nothing fits and the slot is near, then serves the booked customer (early counts as on time)', () => {
    const sim = onlyS2();
    expectAppt(sim, 'ap-1', 8);
    sim.issue('b1', 'loans');
    expect(pickNext(sim.state, 's2', sim.now)).toBeUndefined();
    expect(keepFreeFor(sim.state, 's2', sim.now)).toMatchObject({ serviceId: 'loans' });
    try {
      apply(sim.state, { type: 'call-next', staffId: 's2' }, sim.now);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('HELD_FOR_APPOINTMENT');
      expect((err as DomainError).message).toBe('Please stay free: the B appointment in 8 min needs you.');
      // The facts a panel words the refusal from, in its own language.
      expect((err as DomainError).details).toEqual({ serviceId: 'loans', serviceCode: 'B', appointmentAt: sim.now + 8 * MIN, minutes: 8 });
    }
    expect(sim.refused({ type: 'call-next', staffId: 's2' })).toBe('HELD_FOR_APPOINTMENT');
    // Past the slot (the customer is a little late, still within the grace) the hold says so.
    const later = sim.now + 9 * MIN;
    try {
      apply(sim.state, { type: 'call-next', staffId: 's2' }, later);
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as DomainError).code).toBe('HELD_FOR_APPOINTMENT');
      expect((err as DomainError).message).toBe('Please stay free: the B appointment due now needs you.');
      expect((err as DomainError).details).toMatchObject({ serviceCode: 'B', minutes: 0 });
    }
    sim.advance(3);
    sim.issue('ap-1', 'loans', { kind: 'appointment', appointmentAt: sim.now + 5 * MIN });
    expect(sim.callNext('s2')).toBe('ap-1');
  });

  it('does not hold anyone when a colleague will be free for the slot', () => {
    const sim = onlyS2();
    sim.signOn('s3', 'c3');
    expectAppt(sim, 'ap-1', 8);
    sim.issue('b1', 'loans');
    expect(pickNext(sim.state, 's2', sim.now)?.ticket.id).toBe('b1');
    // Once s3 is busy with a 15-minute service, the next call keeps the slot.
    sim.callNext('s2');
    sim.issue('b2', 'loans');
    expect(pickNext(sim.state, 's3', sim.now)).toBeUndefined();
  });

  it('lets go once a booked customer is more than the grace late', () => {
    const sim = onlyS2();
    expectAppt(sim, 'ap-1', 10);
    sim.issue('b1', 'loans');
    sim.advance(10 + HOLD_GRACE_MIN);
    expect(pickNext(sim.state, 's2', sim.now)).toBeUndefined();
    sim.advance(1);
    expect(sim.callNext('s2')).toBe('b1');
  });

  it('starves no walk-in: a stream of bookings that never come holds a walk-in back at most until it has waited APPOINTMENT_AT_SLOT targets', () => {
    const sim = onlyS2();
    // A loans booking every 8 minutes for four hours; nobody ever checks in.
    for (let k = 1; k <= 30; k++) expectAppt(sim, `ap-${k}`, 8 * k);
    sim.issue('b1', 'loans'); // target 20, 15 min
    let waited = 0;
    while (pickNext(sim.state, 's2', sim.now) === undefined) {
      sim.advance(1);
      waited++;
      expect(waited).toBeLessThanOrEqual(APPOINTMENT_AT_SLOT * 20);
    }
    expect(sim.callNext('s2')).toBe('b1');
    expect(waited).toBeGreaterThan(0);
  });
});
