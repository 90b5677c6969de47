import { describe, expect, it } from 'vitest';
import { apply, DomainError, pickNext, replay, type BranchEvent } from '../src/index.js';
import { Sim, testConfig } from './fixtures.js';

/**
 * A ticket transferred to a counter waits for that counter only; routing hides it from everyone
 * else. These tests pin down that it can never wait there for someone who will not call it.
 * Staff (fixtures): s1 accounts only, s2 loans and accounts (0.5), s3 loans only.
 */
function threeDesks(): Sim {
  const sim = new Sim();
  sim.signOn('s1', 'c1').signOn('s2', 'c2').signOn('s3', 'c3');
  return sim;
}

/** s1 (accounts) holds t1, an accounts ticket, at counter 1. */
function holdingAccounts(): Sim {
  const sim = threeDesks();
  sim.issue('t1', 'acct');
  expect(sim.callNext('s1')).toBe('t1');
  return sim;
}

function refusal(sim: Sim, cmd: Parameters<Sim['do']>[0]): DomainError {
  try {
    apply(sim.state, cmd, sim.now);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`expected ${cmd.type} to be refused`);
}

describe('a transfer to a counter', () => {
  it('is refused when the colleague there cannot serve the service, naming counter and service (no ids)', () => {
    const sim = holdingAccounts();
    const err = refusal(sim, { type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c3' });
    expect(err.code).toBe('COUNTER_NOT_SKILLED');
    expect(err.details).toEqual({ counterLabel: '3', staffId: 's3', serviceCode: 'A' });
    expect(err.message).toBe('The colleague at counter 3 cannot serve accounts (A).');
    // Nothing changed: s1 still has the customer.
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'called', staffId: 's1' });
  });

  it('is accepted when it also names a service the colleague there can serve', () => {
    const sim = holdingAccounts();
    sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'loans', toCounterId: 'c3' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', serviceId: 'loans', reservedCounterId: 'c3' });
    expect(sim.callNext('s3')).toBe('t1');
  });

  it('is refused when it names a service the colleague there cannot serve, even one they could serve before', () => {
    const sim = threeDesks();
    sim.issue('t1', 'loans');
    expect(sim.callNext('s3')).toBe('t1');
    // s1 serves accounts only: a loans customer sent there would never be called.
    expect(refusal(sim, { type: 'transfer', staffId: 's3', ticketId: 't1', toCounterId: 'c1' }).code).toBe('COUNTER_NOT_SKILLED');
    sim.do({ type: 'transfer', staffId: 's3', ticketId: 't1', toServiceId: 'acct', toCounterId: 'c1' });
    expect(sim.state.tickets['t1']).toMatchObject({ serviceId: 'acct', reservedCounterId: 'c1' });
  });
});

describe('a reservation that stops holding goes back to its service queue, keeping its place', () => {
  /** t1 (accounts) reserved for s2 at counter 2, and t0 (accounts, earlier) waiting in the line. */
  function reservedForS2(): { sim: Sim; joinedAt: number } {
    const sim = threeDesks();
    sim.issue('t1', 'acct');
    const joinedAt = sim.state.tickets['t1']!.joinedAt;
    expect(sim.callNext('s1')).toBe('t1');
    sim.do({ type: 'transfer', staffId: 's1', ticketId: 't1', toCounterId: 'c2' });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBe('c2');
    // Reserved elsewhere: s1 may not take it back.
    expect(pickNext(sim.state, 's1', sim.now)).toBeUndefined();
    return { sim, joinedAt };
  }

  it('when the colleague pauses', () => {
    const { sim, joinedAt } = reservedForS2();
    sim.do({ type: 'pause', staffId: 's2', reason: 'break' });
    expect(sim.state.tickets['t1']).toMatchObject({ status: 'waiting', serviceId: 'acct', joinedAt, transfers: 1 });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
    // Resuming does not take it back: it is the line's again, and s1 may call it now.
    sim.do({ type: 'resume', staffId: 's2' });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
    expect(sim.callNext('s1')).toBe('t1');
  });

  it('when the colleague signs off (as before)', () => {
    const { sim } = reservedForS2();
    sim.do({ type: 'sign-off', staffId: 's2' });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
    expect(sim.callNext('s1')).toBe('t1');
  });

  it('when the colleague moves to another counter (as before)', () => {
    const { sim } = reservedForS2();
    sim.do({ type: 'sign-off', staffId: 's3' });
    sim.signOn('s2', 'c3');
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
  });

  it("when the colleague's skills change so they no longer serve it", () => {
    const { sim } = reservedForS2();
    const config = testConfig({ staff: [{ id: 's1', skills: { acct: 1 } }, { id: 's2', skills: { loans: 1 } }, { id: 's3', skills: { loans: 1 } }] });
    sim.do({ type: 'configure', config });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
    expect(sim.callNext('s1')).toBe('t1');
  });

  it("but stays while the colleague is serving someone else, or their skills change and still cover it", () => {
    const { sim } = reservedForS2();
    const config = testConfig({ staff: [{ id: 's1', skills: { acct: 1 } }, { id: 's2', skills: { acct: 1 } }, { id: 's3', skills: { loans: 1 } }] });
    sim.do({ type: 'configure', config });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBe('c2');
    sim.issue('t2', 'acct');
    sim.do({ type: 'call-ticket', staffId: 's2', ticketId: 't2', reason: 'urgent' });
    expect(sim.state.staff['s2']?.status).toBe('serving');
    expect(sim.state.tickets['t1']?.reservedCounterId).toBe('c2');
    // Another colleague's pause or sign-off is nothing to it.
    sim.do({ type: 'sign-off', staffId: 's3' });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBe('c2');
  });

  it('when the counter is removed from the configuration (as before)', () => {
    const { sim } = reservedForS2();
    sim.do({ type: 'sign-off', staffId: 's2' });
    sim.do({ type: 'configure', config: testConfig({ counters: [{ id: 'c1', label: '1' }, { id: 'c3', label: '3' }] }) });
    expect(sim.state.tickets['t1']?.reservedCounterId).toBeUndefined();
  });
});

describe('replaying a log written before transfers were checked', () => {
  it('puts a ticket sent to a colleague who cannot serve it back in its line', () => {
    const sim = holdingAccounts();
    // What the old rules logged: accounts ticket t1 reserved for s3 (loans only) at counter 3.
    const stranded: BranchEvent = {
      type: 'ticket-transferred',
      ticketId: 't1',
      staffId: 's1',
      fromServiceId: 'acct',
      toServiceId: 'acct',
      toCounterId: 'c3',
      number: sim.state.tickets['t1']!.number,
      seq: sim.state.seq + 1,
      branchId: 'b1',
      at: sim.now,
    };
    const state = replay('b1', [...sim.events, stranded]);
    expect(state.tickets['t1']).toMatchObject({ status: 'waiting', transfers: 1 });
    expect(state.tickets['t1']?.reservedCounterId).toBeUndefined();
    expect(pickNext(state, 's1', sim.now)?.ticket.id).toBe('t1');
  });
});

describe('call-ticket refused for want of skill', () => {
  it('names the service by its code and name, not its id', () => {
    const sim = threeDesks();
    sim.issue('t1', 'loans');
    const err = refusal(sim, { type: 'call-ticket', staffId: 's1', ticketId: 't1', reason: 'help' });
    expect(err.code).toBe('NOT_SKILLED');
    expect(err.message).toBe('You are not set up to serve loans (B).');
    expect(err.details).toEqual({ ticketNumber: 'B001', serviceCode: 'B' });
  });
});
