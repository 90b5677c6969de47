import { describe, expect, it } from 'vitest';
import { estimateWait, replay } from '../src/index.js';
import { Sim } from './fixtures.js';

/** s1 (accounts) at counter 1, busy with t0; t1 and t2 wait for accounts, t1 first. */
function twoWaiting(): Sim {
  const sim = new Sim();
  sim.signOn('s1', 'c1');
  sim.issue('t0');
  sim.callNext('s1');
  sim.issue('t1');
  sim.advance(1);
  sim.issue('t2');
  return sim;
}

describe('raise-priority', () => {
  it('moves a waiting customer up a class, keeping their join time, and routing calls them first', () => {
    const sim = twoWaiting();
    const joinedAt = sim.state.tickets['t2']!.joinedAt;
    expect(estimateWait(sim.state, 't2', sim.now).ahead).toBe(1);
    const [e] = sim.do({ type: 'raise-priority', ticketId: 't2', priority: 'priority' });
    expect(e).toMatchObject({ type: 'ticket-priority-raised', ticketId: 't2', from: 'normal', priority: 'priority' });
    expect(sim.state.tickets['t2']).toMatchObject({ priority: 'priority', joinedAt, status: 'waiting', number: 'A003' });
    expect(estimateWait(sim.state, 't2', sim.now).ahead).toBe(0);
    sim.do({ type: 'start', staffId: 's1', ticketId: 't0' });
    sim.do({ type: 'complete', staffId: 's1', ticketId: 't0' });
    const [call] = sim.do({ type: 'call-next', staffId: 's1' });
    expect(call).toMatchObject({ type: 'ticket-called', ticketId: 't2' });
    expect(call?.type === 'ticket-called' && call.reason.rule).toBe('priority');
  });

  it('raises further (priority to vip); the same class again is a no-op, a lower one refused', () => {
    const sim = twoWaiting();
    sim.do({ type: 'raise-priority', ticketId: 't1', priority: 'priority' });
    expect(sim.do({ type: 'raise-priority', ticketId: 't1', priority: 'priority' })).toEqual([]);
    expect(sim.refused({ type: 'raise-priority', ticketId: 't1', priority: 'normal' })).toBe('PRIORITY_NOT_RAISED');
    sim.do({ type: 'raise-priority', ticketId: 't1', priority: 'vip' });
    expect(sim.state.tickets['t1']?.priority).toBe('vip');
    expect(sim.refused({ type: 'raise-priority', ticketId: 't1', priority: 'priority' })).toBe('PRIORITY_NOT_RAISED');
  });

  it('refuses a customer already called, and a ticket not in the queue', () => {
    const sim = twoWaiting();
    expect(sim.refused({ type: 'raise-priority', ticketId: 't0', priority: 'vip' })).toBe('TICKET_NOT_WAITING');
    expect(sim.refused({ type: 'raise-priority', ticketId: 'gone', priority: 'vip' })).toBe('UNKNOWN_TICKET');
  });

  it('replays from the log to the same state', () => {
    const sim = twoWaiting();
    sim.do({ type: 'raise-priority', ticketId: 't2', priority: 'vip' });
    expect(replay('b1', sim.events)).toEqual(sim.state);
  });
});
