import { describe, expect, it } from 'vitest';
import { apply, decide, DomainError, initialState } from '../src/index.js';
import { Sim, T0, testConfig } from './fixtures.js';

describe('configure', () => {
  it('refuses a config for another branch or with duplicate codes (INVALID_CONFIG)', () => {
    const sim = new Sim();
    expect(sim.refused({ type: 'configure', config: testConfig({ branchId: 'b2' }) })).toBe('INVALID_CONFIG');
    const cfg = testConfig();
    const dup = { ...cfg, services: cfg.services.map((s) => ({ ...s, code: 'A' })) };
    expect(sim.refused({ type: 'configure', config: dup })).toBe('INVALID_CONFIG');
  });

  it('refuses removing a service that has tickets or a counter in use (CONFIG_CONFLICT)', () => {
    const sim = new Sim();
    sim.issue('t1', 'loans');
    const cfg = testConfig();
    const noLoans = { ...cfg, services: cfg.services.slice(0, 1), staff: [{ id: 's1', skills: { acct: 1 } }] };
    expect(sim.refused({ type: 'configure', config: noLoans })).toBe('CONFIG_CONFLICT');
    sim.signOn('s1', 'c3');
    expect(sim.refused({ type: 'configure', config: { ...cfg, counters: cfg.counters.slice(0, 2) } })).toBe('CONFIG_CONFLICT');
  });

  it('other commands need a configured branch', () => {
    const err = (() => {
      try {
        decide({ type: 'sign-on', staffId: 's1', counterId: 'c1' }, initialState('b1'), T0);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('BRANCH_NOT_CONFIGURED');
  });
});

describe('sign-on', () => {
  it('puts staff at a counter, available', () => {
    const sim = new Sim();
    const events = sim.do({ type: 'sign-on', staffId: 's1', counterId: 'c1' });
    expect(events).toMatchObject([{ type: 'staff-signed-on', staffId: 's1', counterId: 'c1', seq: 2, branchId: 'b1', at: T0 }]);
    expect(sim.state.staff['s1']).toMatchObject({ status: 'available', counterId: 'c1' });
  });

  it('refuses unknown staff, unknown counter and a counter taken by someone else', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    expect(sim.refused({ type: 'sign-on', staffId: 'nobody', counterId: 'c2' })).toBe('UNKNOWN_STAFF');
    expect(sim.refused({ type: 'sign-on', staffId: 's2', counterId: 'c9' })).toBe('UNKNOWN_COUNTER');
    expect(sim.refused({ type: 'sign-on', staffId: 's2', counterId: 'c1' })).toBe('COUNTER_TAKEN');
  });

  it('is a no-op when repeated at the same counter, and moves counters when free', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    expect(sim.do({ type: 'sign-on', staffId: 's1', counterId: 'c1' })).toEqual([]);
    sim.signOn('s1', 'c2');
    expect(sim.state.staff['s1']?.counterId).toBe('c2');
    // c1 is free again
    sim.signOn('s2', 'c1');
  });

  it('refuses moving counters while holding a ticket (STAFF_BUSY)', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.issue('t1');
    sim.callNext('s1');
    expect(sim.refused({ type: 'sign-on', staffId: 's1', counterId: 'c2' })).toBe('STAFF_BUSY');
  });
});

describe('pause / resume / sign-off', () => {
  it('pauses and resumes', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.do({ type: 'pause', staffId: 's1', reason: 'break' });
    expect(sim.state.staff['s1']).toMatchObject({ status: 'paused', pauseReason: 'break' });
    sim.issue('t1');
    expect(sim.refused({ type: 'call-next', staffId: 's1' })).toBe('STAFF_PAUSED');
    sim.do({ type: 'resume', staffId: 's1' });
    expect(sim.state.staff['s1']).toEqual({ id: 's1', skills: { acct: 1 }, status: 'available', counterId: 'c1' });
    expect(sim.do({ type: 'resume', staffId: 's1' })).toEqual([]);
  });

  it('refuses pause and sign-off while holding a ticket, and anything when not signed on', () => {
    const sim = new Sim();
    expect(sim.refused({ type: 'pause', staffId: 's1', reason: 'x' })).toBe('STAFF_NOT_SIGNED_ON');
    expect(sim.refused({ type: 'resume', staffId: 's1' })).toBe('STAFF_NOT_SIGNED_ON');
    expect(sim.refused({ type: 'call-next', staffId: 's1' })).toBe('STAFF_NOT_SIGNED_ON');
    sim.signOn('s1', 'c1');
    sim.issue('t1');
    sim.callNext('s1');
    expect(sim.refused({ type: 'pause', staffId: 's1', reason: 'x' })).toBe('STAFF_BUSY');
    expect(sim.refused({ type: 'sign-off', staffId: 's1' })).toBe('STAFF_BUSY');
  });

  it('signs off (idempotently) and frees the counter', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.do({ type: 'sign-off', staffId: 's1' });
    expect(sim.state.staff['s1']).toEqual({ id: 's1', skills: { acct: 1 }, status: 'offline' });
    expect(sim.do({ type: 'sign-off', staffId: 's1' })).toEqual([]);
    sim.signOn('s2', 'c1');
  });

  it('apply stamps gapless seq numbers across commands', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1').signOn('s2', 'c2');
    sim.issue('t1');
    expect(sim.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const { events } = apply(sim.state, { type: 'close-day', day: '2025-01-06' }, T0);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [5, 'ticket-cancelled'],
      [6, 'day-closed'],
    ]);
  });
});
