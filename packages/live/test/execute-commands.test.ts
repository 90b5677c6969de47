import { apply, DomainError, initialState, type BranchState, type Command } from '@tellerline/engine';
import { describe, expect, it } from 'vitest';
import { executeCommand, executeCommands } from '../src/execute.js';
import type { LiveStateStore } from '../src/live-state-store.js';
import { MemoryLiveStore } from '../src/memory-live-store.js';
import { issue, oneServiceBranch } from './branch-fixtures.js';

const clock = () => 1_700_000_000_000;

/** `store`, counting commits, with an optional hook run before each commit. */
function counting(store: LiveStateStore, before?: () => Promise<void>) {
  const counts = { commits: 0, loads: 0 };
  // executeCommands only loads and commits.
  const wrapped = {
    load: (b: string) => {
      counts.loads += 1;
      return store.load(b);
    },
    commit: async (...args: Parameters<LiveStateStore['commit']>) => {
      counts.commits += 1;
      await before?.();
      return store.commit(...args);
    },
  } as LiveStateStore;
  return { store: wrapped, counts };
}

describe('executeCommands', () => {
  it('commits a group once, each command seeing the state the previous ones left, as one-by-one would', async () => {
    const cmds: Command[] = [
      { type: 'configure', config: oneServiceBranch('b1') },
      { type: 'sign-on', staffId: 's1', counterId: 'c1' },
      issue('t1'),
      issue('t2'),
      { type: 'call-next', staffId: 's1' },
    ];
    const inner = new MemoryLiveStore();
    const { store, counts } = counting(inner);
    const results = await executeCommands(store, 'b1', cmds, clock);
    expect(counts.commits).toBe(1);

    // The reference: the same commands applied one by one.
    let s: BranchState = initialState('b1');
    for (const [i, cmd] of cmds.entries()) {
      const r = apply(s, cmd, clock());
      // `before`: the state this command was decided on (the audit reads the ticket's number then).
      expect(results[i]).toEqual({ ok: true, state: r.state, events: r.events, before: s });
      s = r.state;
    }
    expect(await inner.load('b1')).toEqual(s);
    expect(await inner.readEvents('b1', 0)).toEqual(results.flatMap((r) => (r.ok === true ? r.events : [])));
  });

  it('fails only the refused command of a group; the others commit', async () => {
    const store = new MemoryLiveStore();
    const results = await executeCommands(
      store,
      'b1',
      [issue('t0'), { type: 'configure', config: oneServiceBranch('b1') }, issue('t1'), issue('t1'), issue('t2')],
      clock,
    );
    expect(results.map((r) => (r.ok ? 'ok' : (r.error as DomainError).code))).toEqual(['BRANCH_NOT_CONFIGURED', 'ok', 'ok', 'DUPLICATE_TICKET', 'ok']);
    expect((results[0] as { error: unknown }).error).toBeInstanceOf(DomainError);
    expect(Object.keys((await store.load('b1'))!.tickets).sort()).toEqual(['t1', 't2']);
  });

  it('decides the whole group again after a conflict', async () => {
    const base = new MemoryLiveStore();
    await executeCommand(base, 'b1', { type: 'configure', config: oneServiceBranch('b1') }, clock);
    let interleaved = false;
    // Another node issues t1 between this group's load and its commit.
    const { store, counts } = counting(base, async () => {
      if (interleaved) return;
      interleaved = true;
      await executeCommand(base, 'b1', issue('t1'), clock);
    });
    const results = await executeCommands(store, 'b1', [issue('t1'), issue('t2')], clock);
    expect(counts.commits).toBe(2);
    expect(results.map((r) => (r.ok ? 'ok' : (r.error as DomainError).code))).toEqual(['DUPLICATE_TICKET', 'ok']);
    const state = (await base.load('b1'))!;
    expect(results[1]).toMatchObject({ ok: true, state });
    expect(state.tickets.t2!.number).toBe('A002');
  });

  it('re-checks a refusal decided on a stale cached state on a fresh load', async () => {
    const base = new MemoryLiveStore();
    const cache = new Map<string, BranchState>();
    await executeCommand(base, 'b1', { type: 'configure', config: oneServiceBranch('b1') }, clock, { cache });
    await executeCommand(base, 'b1', { type: 'sign-on', staffId: 's1', counterId: 'c1' }, clock, { cache });
    await executeCommand(base, 'b1', issue('t1'), clock); // another node: the cache does not know t1
    const { store, counts } = counting(base);
    const [called] = await executeCommands(store, 'b1', [{ type: 'call-next', staffId: 's1' }], clock, { cache });
    expect(called).toMatchObject({ ok: true, events: [{ type: 'ticket-called', ticketId: 't1' }] });
    expect(counts).toEqual({ loads: 1, commits: 1 });
    expect(cache.get('b1')).toEqual(await base.load('b1'));
  });

  it('writes nothing when no command of the group has events', async () => {
    const base = new MemoryLiveStore();
    await executeCommand(base, 'b1', { type: 'configure', config: oneServiceBranch('b1') }, clock);
    const signOn = { type: 'sign-on', staffId: 's1', counterId: 'c1' } as const;
    await executeCommand(base, 'b1', signOn, clock);
    const { store, counts } = counting(base);
    const [again] = await executeCommands(store, 'b1', [signOn], clock);
    expect(again).toMatchObject({ ok: true, events: [] });
    expect(counts.commits).toBe(0);
  });
});
