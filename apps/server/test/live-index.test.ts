import { describe, expect, it } from 'vitest';
import { apply, DEFAULT_ROUTING, initialState, type BranchState, type Command } from '@tellerline/engine';
import { LiveIndex } from '../src/realtime/live-index.js';

const config = {
  branchId: 'b1',
  services: [{ id: 'sA', code: 'A', name: { zh: 'A', en: 'A' }, targetMin: 10, defaultDurationMin: 5 }],
  counters: [{ id: 'c1', label: '1' }],
  staff: [{ id: 'u1', skills: { sA: 1 } }],
  routing: DEFAULT_ROUTING,
};

function run(state: BranchState, ...cmds: Command[]): BranchState {
  let s = state;
  let now = 1_000_000;
  for (const cmd of cmds) s = apply(s, cmd, (now += 1000)).state;
  return s;
}

const issue = (n: number): Command => ({ type: 'issue', ticketId: `t${n}`, token: `token-${n}-xxxxxxxxxxxx`, serviceId: 'sA', kind: 'walk-in', priority: 'normal' });

describe('LiveIndex (the realtime node’s states, by ticket token)', () => {
  it('finds a live ticket by its token, with the state it belongs to', () => {
    const live = new LiveIndex();
    const s = run(initialState('b1'), { type: 'configure', config }, issue(1), issue(2));
    live.set('b1', s);
    expect(live.ticket('token-2-xxxxxxxxxxxx')?.ticket.id).toBe('t2');
    expect(live.record('token-1-xxxxxxxxxxxx')).toMatchObject({ branchId: 'b1', ticketId: 't1', status: 'waiting', calledAt: null, counterId: null });
    expect(live.ticket('no-such-token-xxxxxx')).toBeNull();
  });

  it('forgets a ticket once it has left the state, and follows new ones', () => {
    const live = new LiveIndex();
    let s = run(initialState('b1'), { type: 'configure', config }, { type: 'sign-on', staffId: 'u1', counterId: 'c1' }, issue(1));
    live.set('b1', s);
    s = run(s, { type: 'call-next', staffId: 'u1' }, { type: 'start', staffId: 'u1', ticketId: 't1' });
    live.set('b1', s);
    expect(live.record('token-1-xxxxxxxxxxxx')).toMatchObject({ status: 'serving', counterId: 'c1' });
    s = run(s, { type: 'complete', staffId: 'u1', ticketId: 't1' }, issue(2));
    live.set('b1', s);
    expect(live.ticket('token-1-xxxxxxxxxxxx')).toBeNull(); // finished: the database answers for it
    expect(live.ticket('token-2-xxxxxxxxxxxx')?.state.seq).toBe(s.seq);
  });

  it('loads a branch it does not follow once, however many clients ask at the same time, and keeps what it has', async () => {
    const live = new LiveIndex();
    const s1 = run(initialState('b1'), { type: 'configure', config }, issue(1));
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return s1;
    };
    const [a, b] = await Promise.all([live.current('b1', load), live.current('b1', load)]);
    expect(loads).toBe(1);
    expect(a).toBe(s1);
    expect(b).toBe(s1);
    const s2 = run(s1, issue(2));
    live.set('b1', s2);
    expect(await live.current('b1', load)).toBe(s2); // followed: no reload, never an older copy
    expect(loads).toBe(1);
    expect(await live.current('nope', async () => null)).toBeUndefined();
  });
});
