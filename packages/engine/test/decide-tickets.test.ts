import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING } from '../src/index.js';
import { MIN, Sim, testConfig } from './fixtures.js';

function ready(): Sim {
  const sim = new Sim();
  sim.signOn('s1', 'c1').signOn('s2', 'c2').signOn('s3', 'c3');
  return sim;
}

describe('issue', () => {
  it('numbers tickets per service code with a 3-digit daily sequence', () => {
    const sim = new Sim();
    const numbers = [sim.issue('t1'), sim.issue('t2'), sim.issue('t3', 'loans')].map((es) =>
      es[0]?.type === 'ticket-issued' ? es[0].number : '',
    );
    expect(numbers).toEqual(['A001', 'A002', 'B001']);
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', joinedAt: sim.now, issuedAt: sim.now, recalls: 0, transfers: 0 });
  });

  it('refuses an unknown service and a duplicate ticket id', () => {
    const sim = new Sim();
    sim.issue('t1');
    const base = { type: 'issue', token: 'x', kind: 'walk-in', priority: 'normal' } as const;
    expect(sim.refused({ ...base, ticketId: 't2', serviceId: 'fx' })).toBe('UNKNOWN_SERVICE');
    expect(sim.refused({ ...base, ticketId: 't1', serviceId: 'acct' })).toBe('DUPLICATE_TICKET');
  });

  it("refuses ids that are names of every object's built-ins (constructor, toString, __proto__) as unknown", () => {
    // Ids come from kiosks, phones and panels: a lookup that found Object.prototype's members
    // took "constructor" for a service and issued a ticket numbered "undefined001".
    const sim = ready();
    sim.issue('t1');
    const held = sim.callNext('s1');
    const base = { type: 'issue', token: 'x', kind: 'walk-in', priority: 'normal' } as const;
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      expect(sim.refused({ ...base, ticketId: `n-${name.length}`, serviceId: name })).toBe('UNKNOWN_SERVICE');
      expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: held, toServiceId: name })).toBe('UNKNOWN_SERVICE');
      expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: held, toCounterId: name })).toBe('UNKNOWN_COUNTER');
      expect(sim.refused({ type: 'recall', staffId: 's1', ticketId: name })).toBe('UNKNOWN_TICKET');
      expect(sim.refused({ type: 'sign-on', staffId: 's3', counterId: name })).toBe('UNKNOWN_COUNTER');
      expect(sim.refused({ type: 'call-next', staffId: name })).toBe('UNKNOWN_STAFF');
    }
    // A ticket id that happens to be such a name is just an id.
    sim.do({ ...base, ticketId: 'constructor', serviceId: 'acct' });
    expect(sim.state.tickets['constructor']).toMatchObject({ status: 'waiting', number: 'A002' });
    expect(Object.keys(sim.state.tickets).every((id) => sim.state.tickets[id]!.number.startsWith('A'))).toBe(true);
  });

  it('takes no walk-ins for a service by appointment only, but every booked customer', () => {
    const config = testConfig();
    const sim = new Sim({ ...config, services: config.services.map((sv) => (sv.id === 'loans' ? { ...sv, walkIns: false } : sv)) });
    const base = { type: 'issue', token: 'x', priority: 'normal', serviceId: 'loans' } as const;
    expect(sim.refused({ ...base, ticketId: 'w', kind: 'walk-in' })).toBe('SERVICE_APPOINTMENT_ONLY');
    expect(sim.refused({ ...base, ticketId: 'r', kind: 'remote' })).toBe('SERVICE_APPOINTMENT_ONLY');
    expect(sim.state.tickets).toEqual({});
    // Checking in on time, and too late to keep the slot (queued as a walk-in).
    sim.do({ ...base, ticketId: 'a', kind: 'appointment', appointmentAt: sim.now + 10 * MIN });
    sim.do({ ...base, ticketId: 'late', kind: 'walk-in', booked: true });
    expect(Object.keys(sim.state.tickets).sort()).toEqual(['a', 'late']);
    // Other services still take walk-ins.
    expect(sim.issue('t1')[0]?.type).toBe('ticket-issued');
  });
});

describe('call-next', () => {
  it('calls the best ticket with a reason and marks the staff serving', () => {
    const sim = ready();
    sim.issue('t1');
    sim.advance(14);
    const [e] = sim.do({ type: 'call-next', staffId: 's1' });
    expect(e).toMatchObject({ type: 'ticket-called', ticketId: 't1', staffId: 's1', counterId: 'c1' });
    expect(e?.type === 'ticket-called' && e.reason.text).toBe('waited 14 min, target 10; your skill: A 1.0');
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'called', staffId: 's1', counterId: 'c1', calledAt: sim.now });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'serving', ticketId: 't1' });
  });

  it('refuses when holding a ticket, and NO_TICKET_WAITING when nothing eligible', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    expect(sim.refused({ type: 'call-next', staffId: 's1' })).toBe('STAFF_BUSY');
    sim.issue('t2'); // accounts: s3 cannot serve it
    expect(sim.refused({ type: 'call-next', staffId: 's3' })).toBe('NO_TICKET_WAITING');
  });
});

describe('call-ticket', () => {
  it('calls out of order with the manual rule', () => {
    const sim = ready();
    sim.issue('t1');
    sim.issue('t2');
    const [e] = sim.do({ type: 'call-ticket', staffId: 's1', ticketId: 't2', reason: 'referred by manager' });
    expect(e?.type === 'ticket-called' && e.reason.rule).toBe('manual');
    expect(e?.type === 'ticket-called' && e.reason.text).toMatch(/^called out of order: referred by manager; waited 0 min/);
  });

  it('refuses unknown, non-waiting, unskilled and reserved-elsewhere tickets', () => {
    const sim = ready();
    sim.issue('t1');
    sim.issue('t2', 'loans');
    expect(sim.refused({ type: 'call-ticket', staffId: 's1', ticketId: 'nope', reason: '' })).toBe('UNKNOWN_TICKET');
    expect(sim.refused({ type: 'call-ticket', staffId: 's1', ticketId: 't2', reason: '' })).toBe('NOT_SKILLED');
    sim.do({ type: 'call-ticket', staffId: 's2', ticketId: 't1', reason: '' });
    expect(sim.refused({ type: 'call-ticket', staffId: 's1', ticketId: 't1', reason: '' })).toBe('TICKET_NOT_WAITING');
    sim.do({ type: 'transfer', staffId: 's2', ticketId: 't1', toCounterId: 'c1' });
    // (Reserved while s1 stays at counter 1; a sign-off there releases it: see 'transfer'.)
    expect(sim.refused({ type: 'call-ticket', staffId: 's2', ticketId: 't1', reason: '' })).toBe('TICKET_NOT_YOURS');
  });
});

describe('recall and no-show', () => {
  it('recalls up to maxRecalls, then the next recall is a no-show', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    for (let i = 1; i <= DEFAULT_ROUTING.maxRecalls; i++) {
      sim.advance(1);
      const [e] = sim.do({ type: 'recall', staffId: 's1', ticketId: 't1' });
      expect(e).toMatchObject({ type: 'ticket-recalled', recalls: i, counterId: 'c1' });
      expect(sim.state.tickets['t1']?.lastCalledAt).toBe(sim.now);
    }
    const [e] = sim.do({ type: 'recall', staffId: 's1', ticketId: 't1' });
    expect(e).toMatchObject({ type: 'ticket-no-show', reason: 'max-recalls', staffId: 's1' });
    expect(sim.state.tickets['t1']).toBeUndefined();
    expect(sim.state.staff['s1']?.status).toBe('available');
  });

  it('refuses recalls of tickets not called, or called by someone else', () => {
    const sim = ready();
    sim.issue('t1');
    expect(sim.refused({ type: 'recall', staffId: 's1', ticketId: 't1' })).toBe('TICKET_NOT_CALLED');
    sim.callNext('s1');
    expect(sim.refused({ type: 'recall', staffId: 's2', ticketId: 't1' })).toBe('TICKET_NOT_YOURS');
  });

  it('a timeout no-show comes without a staff id; no-show needs a called ticket', () => {
    const sim = ready();
    sim.issue('t1');
    expect(sim.refused({ type: 'no-show', ticketId: 't1', reason: 'timeout' })).toBe('TICKET_NOT_CALLED');
    sim.callNext('s1');
    expect(sim.refused({ type: 'no-show', staffId: 's2', ticketId: 't1', reason: 'staff' })).toBe('TICKET_NOT_YOURS');
    const [e] = sim.do({ type: 'no-show', ticketId: 't1', reason: 'timeout' });
    expect(e).toEqual({ type: 'ticket-no-show', ticketId: 't1', reason: 'timeout', seq: e?.seq, branchId: 'b1', at: sim.now });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
  });

  it('a timer no-show (ifCalledAt) acts only on the call that armed it', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    const firstCall = sim.now;
    sim.advance(1);
    sim.do({ type: 'recall', staffId: 's1', ticketId: 't1' });
    const recallAt = sim.now;
    // The first call's timer fires after the recall: nothing happens.
    expect(sim.do({ type: 'no-show', ticketId: 't1', reason: 'timeout', ifCalledAt: firstCall })).toEqual([]);
    expect(sim.state.tickets['t1']?.status).toBe('called');
    // Once served, the recall's timer does nothing either (no TICKET_NOT_CALLED error for a timer).
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    expect(sim.do({ type: 'no-show', ticketId: 't1', reason: 'timeout', ifCalledAt: recallAt })).toEqual([]);
  });

  it('close-day is idempotent per day and never goes back to an earlier day', () => {
    const sim = ready();
    sim.do({ type: 'close-day', day: '2025-01-06' });
    sim.issue('t1');
    expect(sim.do({ type: 'close-day', day: '2025-01-06' })).toEqual([]);
    expect(sim.do({ type: 'close-day', day: '2025-01-05' })).toEqual([]);
    expect(Object.keys(sim.state.tickets)).toEqual(['t1']);
    const next = sim.do({ type: 'close-day', day: '2025-01-07' });
    expect(next.map((e) => e.type)).toEqual(['ticket-cancelled', 'day-closed']);
    expect(sim.state.openDay).toBe('2025-01-07');
  });
});

describe('start and complete', () => {
  it('serves and records the service time in seconds', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    expect(sim.refused({ type: 'complete', staffId: 's1', ticketId: 't1' })).toBe('TICKET_NOT_SERVING');
    expect(sim.refused({ type: 'start', staffId: 's2', ticketId: 't1' })).toBe('TICKET_NOT_YOURS');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'serving', servedAt: sim.now });
    expect(sim.refused({ type: 'start', staffId: 's1', ticketId: 't1' })).toBe('TICKET_NOT_CALLED');
    sim.now += 7.4 * MIN;
    expect(sim.refused({ type: 'complete', staffId: 's2', ticketId: 't1' })).toBe('TICKET_NOT_YOURS');
    const [e] = sim.do({ type: 'complete', staffId: 's1', ticketId: 't1' });
    expect(e).toMatchObject({ type: 'ticket-completed', serviceSec: 444 });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
    expect(sim.state.stats['acct']?.recentServiceSec).toEqual([444]);
  });
});

describe('transfer', () => {
  it('moves to another service with a new number, keeping the join time', () => {
    const sim = ready();
    sim.issue('t1');
    const joinedAt = sim.state.tickets['t1']!.joinedAt;
    sim.advance(5);
    sim.issue('t0', 'loans');
    sim.callNext('s1');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    const [e] = sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'loans' });
    expect(e).toMatchObject({ type: 'ticket-transferred', fromServiceId: 'acct', toServiceId: 'loans', number: 'B002' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', serviceId: 'loans', number: 'B002', joinedAt, transfers: 1 });
    expect(sim.state.tickets['t1']?.staffId).toBeUndefined();
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
    expect(sim.state.staff['s1']?.ticketId).toBeUndefined();
    // The transferred customer waited longest, so they are next for loans.
    expect(sim.callNext('s3')).toBe('t1');
  });

  it('reserves for a counter: only that counter may call it, and first', () => {
    const sim = ready();
    sim.issue('t1', 'loans');
    sim.callNext('s3');
    sim.issue('t2', 'loans');
    sim.advance(30);
    sim.issue('t3', 'loans');
    sim.do({ type: 'transfer', staffId: 's3', ticketId: 't1', toCounterId: 'c2' });
    expect(sim.state.tickets['t1']).toMatchObject({ number: 'B001', reservedCounterId: 'c2' });
    expect(sim.callNext('s3')).toBe('t2'); // s3 at c3 cannot take t1
    const [e] = sim.do({ type: 'call-next', staffId: 's2' });
    expect(e).toMatchObject({ ticketId: 't1' });
    expect(e?.type === 'ticket-called' && e.reason.rule).toBe('reserved');
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
  });

  it('refuses transfers of tickets not held, to nowhere, to unknown places or to one\'s own counter', () => {
    const sim = ready();
    sim.issue('t1');
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'loans' })).toBe('TICKET_NOT_YOURS');
    sim.callNext('s1');
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1' })).toBe('INVALID_TRANSFER');
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c1' })).toBe('INVALID_TRANSFER');
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'fx' })).toBe('UNKNOWN_SERVICE');
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c9' })).toBe('UNKNOWN_COUNTER');
  });

  it('refuses a transfer to a counter nobody is signed on at, or whose colleague is paused', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1').signOn('s2', 'c2');
    sim.issue('t1');
    sim.callNext('s1');
    const refusal = (() => {
      try {
        sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c3' });
      } catch (err) {
        return err as { code: string; details?: Record<string, unknown> };
      }
      return null;
    })();
    expect(refusal).toMatchObject({ code: 'COUNTER_UNSTAFFED', details: { counterLabel: '3' } });
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'loans', toCounterId: 'c3' })).toBe('COUNTER_UNSTAFFED');
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'called', staffId: 's1' });
    // Someone who signed on there and then off again does not count either.
    sim.signOn('s3', 'c3');
    sim.do({ type: 'sign-off', staffId: 's3' });
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c3' })).toBe('COUNTER_UNSTAFFED');
    // A paused colleague calls nobody: a pause lets go of tickets sent there (see reservations
    // tests), so one sent to a paused desk would be no different from one to an empty desk.
    sim.do({ type: 'pause', staffId: 's2', reason: 'break' });
    expect(sim.refused({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c2' })).toBe('COUNTER_PAUSED');
    sim.do({ type: 'resume', staffId: 's2' });
    sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c2' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', reservedCounterId: 'c2' });
  });

  it("returns a reserved ticket to its service's queue when its counter's staff signs off or moves", () => {
    const sim = ready();
    sim.issue('t1', 'loans');
    sim.issue('t2', 'loans');
    sim.callNext('s3');
    sim.callNext('s2');
    sim.do({ type: 'transfer', staffId: 's3', ticketId: 't1', toCounterId: 'c2' });
    sim.do({ type: 'transfer', staffId: 's2', ticketId: 't2', toCounterId: 'c3' });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBe('c2');
    expect(sim.state.tickets['t2']?.reservedCounterId).toBe('c3');
    const joinedAt = sim.state.tickets['t1']!.joinedAt;
    // s2 signs off: t1 is nobody's reservation any more, and keeps its place.
    sim.do({ type: 'sign-off', staffId: 's2' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', serviceId: 'loans', joinedAt });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
    expect(sim.state.tickets['t2']?.reservedCounterId).toBe('c3');
    // s3 moves to counter 2: counter 3's reservation is released too.
    sim.signOn('s3', 'c2');
    expect(sim.state.tickets['t2']?.reservedCounterId).toBeUndefined();
    // Anyone skilled can call them now.
    expect(sim.callNext('s3')).toBe('t1');
  });
});

describe('cancel and close-day', () => {
  it('cancels waiting and called tickets (freeing the staff), not ones in service', () => {
    const sim = ready();
    sim.issue('t1');
    sim.issue('t2');
    sim.do({ type: 'cancel', ticketId: 't2', by: 'customer' });
    sim.callNext('s1');
    sim.do({ type: 'cancel', ticketId: 't1', by: 'staff', staffId: 's1' });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
    sim.issue('t3');
    sim.callNext('s1');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't3' });
    expect(sim.refused({ type: 'cancel', ticketId: 't3', by: 'customer' })).toBe('TICKET_NOT_WAITING');
    expect(sim.refused({ type: 'cancel', ticketId: 't1', by: 'customer' })).toBe('UNKNOWN_TICKET');
  });

  it("a called ticket is only its holder's to cancel; a waiting one any staff member's", () => {
    const sim = ready();
    sim.issue('t1');
    sim.issue('t2');
    expect(sim.callNext('s1')).toBe('t1');
    // s2 at another counter cannot take s1's customer away, nor can a customer-less colleague.
    expect(sim.refused({ type: 'cancel', ticketId: 't1', by: 'staff', staffId: 's2' })).toBe('TICKET_NOT_YOURS');
    expect(sim.refused({ type: 'cancel', ticketId: 't1', by: 'staff', staffId: 's3' })).toBe('TICKET_NOT_YOURS');
    expect(sim.state.staff['s1']).toMatchObject({ status: 'serving', ticketId: 't1' });
    // A waiting ticket: any staff member may remove it.
    expect(sim.do({ type: 'cancel', ticketId: 't2', by: 'staff', staffId: 's3' })).toMatchObject([{ type: 'ticket-cancelled', ticketId: 't2', by: 'staff' }]);
    // The customer's own cancel and the system's stay as they were.
    expect(sim.do({ type: 'cancel', ticketId: 't1', by: 'customer' })).toMatchObject([{ type: 'ticket-cancelled', ticketId: 't1', by: 'customer' }]);
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
    sim.issue('t3');
    sim.callNext('s1');
    expect(sim.do({ type: 'cancel', ticketId: 't3', by: 'system' })).toMatchObject([{ type: 'ticket-cancelled', by: 'system' }]);
  });

  it('close-day cancels every active ticket as the system, oldest first, then closes', () => {
    const sim = ready();
    sim.issue('t1');
    sim.advance(1);
    sim.issue('t2', 'loans');
    sim.callNext('s1');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    const events = sim.do({ type: 'close-day', day: '2025-01-06' });
    expect(events.map((e) => [e.type, 'ticketId' in e ? e.ticketId : e.type === 'day-closed' && e.day])).toEqual([
      ['ticket-cancelled', 't1'],
      ['ticket-cancelled', 't2'],
      ['day-closed', '2025-01-06'],
    ]);
    expect(events.every((e) => e.type !== 'ticket-cancelled' || e.by === 'system')).toBe(true);
    expect(sim.state.tickets).toEqual({});
    expect(sim.state.sequences).toEqual({});
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available' });
  });

  it('a timer no-show (ifCalledAt) acts only on the call that armed it', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    const firstCall = sim.now;
    sim.advance(1);
    sim.do({ type: 'recall', staffId: 's1', ticketId: 't1' });
    const recallAt = sim.now;
    // The first call's timer fires after the recall: nothing happens.
    expect(sim.do({ type: 'no-show', ticketId: 't1', reason: 'timeout', ifCalledAt: firstCall })).toEqual([]);
    expect(sim.state.tickets['t1']?.status).toBe('called');
    // Once served, the recall's timer does nothing either (no TICKET_NOT_CALLED error for a timer).
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    expect(sim.do({ type: 'no-show', ticketId: 't1', reason: 'timeout', ifCalledAt: recallAt })).toEqual([]);
  });

  it('close-day is idempotent per day and never goes back to an earlier day', () => {
    const sim = ready();
    sim.do({ type: 'close-day', day: '2025-01-06' });
    sim.issue('t1');
    expect(sim.do({ type: 'close-day', day: '2025-01-06' })).toEqual([]);
    expect(sim.do({ type: 'close-day', day: '2025-01-05' })).toEqual([]);
    expect(Object.keys(sim.state.tickets)).toEqual(['t1']);
    const next = sim.do({ type: 'close-day', day: '2025-01-07' });
    expect(next.map((e) => e.type)).toEqual(['ticket-cancelled', 'day-closed']);
    expect(sim.state.openDay).toBe('2025-01-07');
  });
});

describe('configuration changes mid-day', () => {
  it('a staff member keeps a held ticket when only their skills change', () => {
    const sim = ready();
    sim.issue('t1');
    sim.callNext('s1');
    sim.do({ type: 'configure', config: testConfig({ staff: [{ id: 's1', skills: { loans: 1 } }, { id: 's2', skills: { loans: 1 } }, { id: 's3', skills: { loans: 1 } }] }) });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'serving', ticketId: 't1', skills: { loans: 1 } });
  });
});
