import { DomainError, type BranchState } from '@tellerline/engine';
import { describe, expect, it } from 'vitest';
import { CommitContentionError, executeCommand } from '../src/execute.js';
import type { LiveStateStore } from '../src/live-state-store.js';
import { MemoryLiveStore } from '../src/memory-live-store.js';
import { issue, oneServiceBranch } from './branch-fixtures.js';

const clock = () => 1_700_000_000_000;

/** `store` with its commit replaced. */
function withCommit(store: LiveStateStore, commit: LiveStateStore['commit']): LiveStateStore {
  return {
    load: (b) => store.load(b),
    commit,
    readReceipts: (b, ids) => store.readReceipts(b, ids),
    claimFollowUps: (b, opts) => store.claimFollowUps(b, opts),
    settleFollowUps: (b, ids) => store.settleFollowUps(b, ids),
    readEvents: (b, after, limit) => store.readEvents(b, after, limit),
    waitEvents: (b, after, ms, limit) => store.waitEvents(b, after, ms, limit),
    waitEventsMany: (cursors, ms, limit) => store.waitEventsMany(cursors, ms, limit),
    restore: (b, s) => store.restore(b, s),
    deleteBranch: (b) => store.deleteBranch(b),
    listBranches: () => store.listBranches(),
    close: () => store.close(),
  };
}

async function configured(size = 3): Promise<MemoryLiveStore> {
  const store = new MemoryLiveStore();
  await executeCommand(store, 'b1', { type: 'configure', config: oneServiceBranch('b1', size) }, clock);
  return store;
}

describe('executeCommand', () => {
  it('configures an absent branch from the initial state and commits the events', async () => {
    const store = new MemoryLiveStore();
    const { state, events } = await executeCommand(store, 'b1', { type: 'configure', config: oneServiceBranch('b1') }, clock);
    expect(events.map((e) => [e.type, e.seq, e.branchId])).toEqual([['branch-configured', 1, 'b1']]);
    expect(await store.load('b1')).toEqual(state);
    expect(await store.readEvents('b1', 0)).toEqual(events);
  });

  it('refuses any other command on an absent branch with BRANCH_NOT_CONFIGURED', async () => {
    const store = new MemoryLiveStore();
    const refused = executeCommand(store, 'b1', issue('t1'), clock);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'BRANCH_NOT_CONFIGURED' });
    expect(await store.load('b1')).toBeNull();
  });

  it('lets the engine refusal through unchanged and writes nothing', async () => {
    const store = await configured();
    await executeCommand(store, 'b1', { type: 'sign-on', staffId: 's1', counterId: 'c1' }, clock);
    const refused = executeCommand(store, 'b1', { type: 'call-next', staffId: 's1' }, clock);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'NO_TICKET_WAITING' });
    expect((await store.load('b1'))?.seq).toBe(2);
  });

  it('writes nothing for a command without events (an idempotent repeat)', async () => {
    const store = await configured();
    const signOn = { type: 'sign-on', staffId: 's1', counterId: 'c1' } as const;
    await executeCommand(store, 'b1', signOn, clock);
    const again = await executeCommand(store, 'b1', signOn, clock);
    expect(again.events).toEqual([]);
    expect(again.state.seq).toBe(2);
    expect(await store.readEvents('b1', 0)).toHaveLength(2);
  });

  it('with a state cache, a stale copy (another node moved on) never yields a wrong answer', async () => {
    const store = await configured();
    const nodeA = new Map<string, BranchState>();
    const signOn = { type: 'sign-on', staffId: 's1', counterId: 'c1' } as const;
    await executeCommand(store, 'b1', signOn, clock, { cache: nodeA });
    // Node B (no shared cache) issues two tickets; node A's copy knows nothing of them.
    await executeCommand(store, 'b1', issue('t1'), clock);
    await executeCommand(store, 'b1', issue('t2'), clock);
    // A refusal decided on the stale copy (NO_TICKET_WAITING) is re-checked on a fresh load.
    const call = await executeCommand(store, 'b1', { type: 'call-next', staffId: 's1' }, clock, { cache: nodeA });
    expect(call.events.map((e) => e.type)).toEqual(['ticket-called']);
    expect(nodeA.get('b1')).toEqual(await store.load('b1'));
    // A stale copy that does decide something loses the version check and is decided again.
    await executeCommand(store, 'b1', { type: 'sign-on', staffId: 's2', counterId: 'c2' }, clock);
    const second = await executeCommand(store, 'b1', { type: 'complete', staffId: 's1', ticketId: 't1' }, clock, { cache: nodeA }).catch((e: DomainError) => e.code);
    expect(second).toBe('TICKET_NOT_SERVING');
    const next = await executeCommand(store, 'b1', { type: 'call-next', staffId: 's2' }, clock, { cache: nodeA });
    expect(next.events[0]).toMatchObject({ type: 'ticket-called', ticketId: 't2', seq: (await store.load('b1'))!.seq });
  });

  it('decides again on the fresh state after a conflict', async () => {
    const store = await configured();
    for (const i of [1, 2]) await executeCommand(store, 'b1', { type: 'sign-on', staffId: `s${i}`, counterId: `c${i}` }, clock);
    for (const t of ['t1', 't2']) await executeCommand(store, 'b1', issue(t), clock);

    // s2 calls between s1's load and s1's commit: s1's first commit conflicts.
    let interleaved = false;
    const racy = withCommit(store, async (...args) => {
      if (!interleaved) {
        interleaved = true;
        await executeCommand(store, 'b1', { type: 'call-next', staffId: 's2' }, clock);
      }
      return store.commit(...args);
    });
    const s1 = await executeCommand(racy, 'b1', { type: 'call-next', staffId: 's1' }, clock);
    const called = (await store.readEvents('b1', 0)).filter((e) => e.type === 'ticket-called');
    expect(called.map((e) => e.type === 'ticket-called' && [e.staffId, e.ticketId])).toEqual([
      ['s2', 't1'],
      ['s1', 't2'],
    ]);
    expect(s1.state).toEqual(await store.load('b1'));
  });

  it('gives up with CommitContentionError after maxRetries conflicts', async () => {
    const store = await configured();
    let commits = 0;
    const hopeless = withCommit(store, async () => {
      commits += 1;
      return { ok: false, reason: 'conflict', currentSeq: 99 };
    });
    await expect(executeCommand(hopeless, 'b1', issue('t1'), clock, { maxRetries: 3 })).rejects.toBeInstanceOf(
      CommitContentionError,
    );
    expect(commits).toBe(4);
  });
});
