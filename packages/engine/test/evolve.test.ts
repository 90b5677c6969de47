import { describe, expect, it } from 'vitest';
import { apply, DEFAULT_ROUTING, evolve, initialState, replay } from '../src/index.js';
import { deepFreeze, Sim, T0, testConfig } from './fixtures.js';

describe('initialState', () => {
  it('is empty at seq 0 with the default routing', () => {
    expect(initialState('b9')).toEqual({
      branchId: 'b9',
      seq: 0,
      services: {},
      counters: {},
      staff: {},
      tickets: {},
      sequences: {},
      stats: {},
      routing: DEFAULT_ROUTING,
    });
  });
});

describe('evolve', () => {
  it('branch-configured sets services, counters, staff (offline) and routing', () => {
    const sim = new Sim();
    expect(Object.keys(sim.state.services)).toEqual(['acct', 'loans']);
    expect(Object.keys(sim.state.counters)).toEqual(['c1', 'c2', 'c3']);
    expect(sim.state.staff['s2']).toEqual({ id: 's2', skills: { acct: 0.5, loans: 1 }, status: 'offline' });
    expect(sim.state.stats['acct']).toEqual({ recentServiceSec: [] });
    expect(sim.state.seq).toBe(1);
  });

  it('reconfiguring keeps the live status of staff still on the roster and drops the others', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1').signOn('s3', 'c3');
    sim.do({ type: 'pause', staffId: 's3', reason: 'lunch' });
    const config = testConfig({
      staff: [
        { id: 's1', skills: { acct: 1, loans: 0.3 } },
        { id: 's3', skills: { loans: 1 } },
      ],
    });
    sim.do({ type: 'configure', config });
    expect(sim.state.staff['s1']).toEqual({ id: 's1', skills: { acct: 1, loans: 0.3 }, status: 'available', counterId: 'c1' });
    expect(sim.state.staff['s3']?.status).toBe('paused');
    expect(sim.state.staff['s3']?.pauseReason).toBe('lunch');
    expect(sim.state.staff['s2']).toBeUndefined();
  });

  it('removes finished tickets: completed, no-show and cancelled', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.issue('t1');
    sim.issue('t2');
    sim.issue('t3');
    sim.callNext('s1');
    sim.do({ type: 'start', staffId: 's1', ticketId: 't1' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't1' });
    sim.callNext('s1');
    sim.do({ type: 'no-show', staffId: 's1', ticketId: 't2', reason: 'staff' });
    sim.do({ type: 'cancel', ticketId: 't3', by: 'customer' });
    expect(sim.state.tickets).toEqual({});
    expect(sim.state.staff['s1']?.status).toBe('available');
    expect(sim.state.staff['s1']?.ticketId).toBeUndefined();
  });

  it('ticket-completed keeps the last etaWindow service durations, newest last', () => {
    const sim = new Sim(testConfig({ routing: { ...DEFAULT_ROUTING, etaWindow: 3 } }));
    sim.signOn('s1', 'c1');
    for (let i = 1; i <= 5; i++) {
      sim.issue(`t${i}`);
      sim.callNext('s1');
      sim.do({ type: 'start', staffId: 's1', ticketId: `t${i}` });
      sim.advance(i);
      sim.do({ type: 'complete', staffId: 's1', ticketId: `t${i}` });
    }
    expect(sim.state.stats['acct']?.recentServiceSec).toEqual([180, 240, 300]);
  });

  it('day-closed resets the daily numbering', () => {
    const sim = new Sim();
    sim.issue('t1');
    sim.issue('t2', 'loans');
    expect(sim.state.sequences).toEqual({ A: 1, B: 1 });
    sim.do({ type: 'close-day', day: '2025-01-06' });
    expect(sim.state.sequences).toEqual({});
    const [e] = sim.issue('t3');
    expect(e?.type === 'ticket-issued' && e.number).toBe('A001');
  });

  it('sets seq from the event and never mutates its input', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1');
    sim.issue('t1');
    const frozen = deepFreeze(sim.state);
    const { state, events } = apply(frozen, { type: 'call-next', staffId: 's1' }, T0 + 1000);
    expect(state).not.toBe(frozen);
    expect(events[0]?.seq).toBe(frozen.seq + 1);
    expect(state.seq).toBe(frozen.seq + 1);
    expect(frozen.tickets['t1']?.status).toBe('waiting');
  });

  it('replay rebuilds the state built step by step', () => {
    const sim = new Sim();
    sim.signOn('s1', 'c1').signOn('s2', 'c2');
    sim.issue('t1');
    sim.issue('t2', 'loans');
    sim.advance(3);
    sim.callNext('s2');
    sim.do({ type: 'start', staffId: 's2', ticketId: 't2' });
    sim.do({ type: 'transfer', staffId: 's2', ticketId: 't2', toServiceId: 'acct' });
    expect(replay('b1', sim.events)).toEqual(sim.state);
    expect(sim.events.reduce((s, e) => evolve(s, e), initialState('b1'))).toEqual(sim.state);
  });
});
