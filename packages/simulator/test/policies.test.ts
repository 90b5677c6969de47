import { describe, expect, it } from 'vitest';
import { apply, DEFAULT_ROUTING, initialState, type BranchState, type Command } from '@tellerline/engine';
import { createPolicy, parseScenario } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9);

/** A, B; cat can do A (0.8) and B (0.9), listing A first. */
function branch(): { state: BranchState; run: (cmd: Command, at?: number) => void } {
  let state = initialState('b');
  const run = (cmd: Command, at = T0) => {
    state = apply(state, cmd, at).state;
  };
  run({
    type: 'configure',
    config: {
      branchId: 'b',
      services: [
        { id: 'A', code: 'A', name: { zh: 'A', en: 'A' }, targetMin: 10, defaultDurationMin: 5 },
        { id: 'B', code: 'B', name: { zh: 'B', en: 'B' }, targetMin: 20, defaultDurationMin: 15 },
      ],
      counters: [{ id: 'c1', label: '1' }],
      staff: [{ id: 'cat', skills: { A: 0.8, B: 0.9 } }],
      routing: DEFAULT_ROUTING,
    },
  });
  run({ type: 'sign-on', staffId: 'cat', counterId: 'c1' });
  return {
    get state() {
      return state;
    },
    run,
  };
}

const scenario = parseScenario(tinyScenario());
const issue = (id: string, serviceId: string, extra: Partial<Extract<Command, { type: 'issue' }>> = {}): Command => ({
  type: 'issue', ticketId: id, token: `tok-${id}`, serviceId, kind: 'walk-in', priority: 'normal', ...extra,
});

describe('baseline policies', () => {
  it('fifo: oldest ticket of the first listed skill, then the next skill', () => {
    const b = branch();
    b.run(issue('b1', 'B'), T0);
    b.run(issue('a1', 'A'), T0 + MIN);
    b.run(issue('a2', 'A'), T0 + 2 * MIN);
    const fifo = createPolicy('fifo', scenario);
    expect(fifo.next(b.state, 'cat', T0 + 3 * MIN)).toEqual({ type: 'call-ticket', staffId: 'cat', ticketId: 'a1', reason: 'fifo' });
    b.run({ type: 'cancel', ticketId: 'a1', by: 'customer' });
    b.run({ type: 'cancel', ticketId: 'a2', by: 'customer' });
    expect(fifo.next(b.state, 'cat', T0 + 3 * MIN)).toMatchObject({ ticketId: 'b1' });
  });

  it('fixed-order: appointment time, then skill weight, then priority, then arrival', () => {
    const b = branch();
    const policy = createPolicy('fixed-order', scenario);
    const pickAt = () => (policy.next(b.state, 'cat', T0 + 10 * MIN) as Extract<Command, { type: 'call-ticket' }>).ticketId;
    b.run(issue('a-old', 'A'), T0);
    b.run(issue('a-prio', 'A', { priority: 'priority' }), T0 + MIN);
    expect(pickAt()).toBe('a-prio');
    b.run(issue('b-new', 'B'), T0 + 2 * MIN); // cat is better at B (0.9 > 0.8)
    expect(pickAt()).toBe('b-new');
    b.run(issue('ap-late', 'A', { kind: 'appointment', appointmentAt: T0 + 60 * MIN }), T0 + 3 * MIN);
    b.run(issue('ap-soon', 'A', { kind: 'appointment', appointmentAt: T0 + 30 * MIN }), T0 + 4 * MIN);
    expect(pickAt()).toBe('ap-soon');
  });

  it('tellerline asks the engine (call-next)', () => {
    expect(createPolicy('tellerline', scenario).next(branch().state, 'cat', T0)).toEqual({ type: 'call-next', staffId: 'cat' });
  });
});
