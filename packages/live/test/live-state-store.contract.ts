import { randomUUID } from 'node:crypto';
import type { BranchEvent, BranchState } from '@tellerline/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveStateStore } from '../src/live-state-store.js';

/** Builds a store for one test; the suite deletes the branches it used and closes the store. */
export type LiveStateStoreFactory = () => Promise<LiveStateStore>;

/** A small but realistic state (no engine needed): the store treats it as opaque JSON. */
export function fakeState(branchId: string, seq: number): BranchState {
  return {
    branchId,
    seq,
    services: {
      loans: { id: 'loans', code: 'A', name: { zh: '贷款', en: 'Loans' }, targetMin: 10, defaultDurationMin: 8 },
    },
    counters: { c1: { id: 'c1', label: '1' } },
    staff: { s1: { id: 's1', skills: { loans: 1 }, status: 'available', counterId: 'c1' } },
    tickets: {},
    sequences: { A: seq },
    stats: { loans: { recentServiceSec: [300, 420] } },
    routing: {
      priorityBoost: { normal: 0, priority: 0.5, vip: 1 },
      appointmentEarlyMin: 30,
      appointmentLateMin: 10,
      maxRecalls: 2,
      etaWindow: 20,
    },
  };
}

/** `count` events following `afterSeq`. */
export function fakeEvents(branchId: string, afterSeq: number, count: number): BranchEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'staff-paused',
    staffId: 's1',
    reason: `break ${afterSeq + 1 + i}`,
    seq: afterSeq + 1 + i,
    branchId,
    at: 1_700_000_000_000 + afterSeq + i,
  }));
}

/** Commits `count` events after `afterSeq` and returns them. */
async function append(store: LiveStateStore, branchId: string, afterSeq: number, count: number): Promise<BranchEvent[]> {
  const events = fakeEvents(branchId, afterSeq, count);
  const result = await store.commit(branchId, afterSeq, fakeState(branchId, afterSeq + count), events);
  expect(result).toEqual({ ok: true });
  return events;
}

/** The LiveStateStore contract: every adapter must pass this suite. */
export function describeLiveStateStore(name: string, factory: LiveStateStoreFactory): void {
  describe(`LiveStateStore contract: ${name}`, () => {
    let store: LiveStateStore;
    let used: string[];
    const branch = (): string => {
      const id = `b-${randomUUID().slice(0, 8)}`;
      used.push(id);
      return id;
    };

    beforeEach(async () => {
      store = await factory();
      used = [];
    });

    afterEach(async () => {
      for (const id of used) await store.deleteBranch(id);
      await store.close();
    });

    it('returns null and no events for a branch without live state', async () => {
      const b = branch();
      expect(await store.load(b)).toBeNull();
      expect(await store.readEvents(b, 0)).toEqual([]);
      expect(await store.waitEvents(b, 0, 0)).toEqual([]);
    });

    it('commits at 0 and loads the state back; the events are in the stream', async () => {
      const b = branch();
      const events = await append(store, b, 0, 2);
      expect(await store.load(b)).toEqual(fakeState(b, 2));
      expect(await store.readEvents(b, 0)).toEqual(events);
      expect(await store.listBranches()).toContain(b);
    });

    it('chains commits and reads events after a seq, oldest first, up to a limit', async () => {
      const b = branch();
      const all = [...(await append(store, b, 0, 3)), ...(await append(store, b, 3, 1)), ...(await append(store, b, 4, 2))];
      expect((await store.load(b))?.seq).toBe(6);
      expect(await store.readEvents(b, 0)).toEqual(all);
      expect(await store.readEvents(b, 4)).toEqual(all.slice(4));
      expect(await store.readEvents(b, 2, 2)).toEqual(all.slice(2, 4));
      expect(await store.readEvents(b, 6)).toEqual([]);
    });

    it('refuses a stale expectedSeq and writes nothing', async () => {
      const b = branch();
      const events = await append(store, b, 0, 3);

      for (const stale of [0, 1, 2, 4]) {
        const result = await store.commit(b, stale, fakeState(b, stale + 1), fakeEvents(b, stale, 1));
        expect(result).toEqual({ ok: false, reason: 'conflict', currentSeq: 3 });
      }
      expect(await store.load(b)).toEqual(fakeState(b, 3));
      expect(await store.readEvents(b, 0)).toEqual(events);
    });

    it('refuses expectedSeq > 0 for an absent branch and creates nothing', async () => {
      const b = branch();
      const result = await store.commit(b, 5, fakeState(b, 6), fakeEvents(b, 5, 1));
      expect(result).toEqual({ ok: false, reason: 'conflict', currentSeq: 0 });
      expect(await store.load(b)).toBeNull();
      expect(await store.readEvents(b, 0)).toEqual([]);
    });

    it('lets exactly one of several racing commits from the same version win', async () => {
      const b = branch();
      await append(store, b, 0, 1);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => {
          const events = fakeEvents(b, 1, 1).map((e) => ({ ...e, at: e.at + i }));
          return store.commit(b, 1, fakeState(b, 2), events);
        }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(7).fill({ ok: false, reason: 'conflict', currentSeq: 2 }));
      expect(await store.readEvents(b, 0)).toHaveLength(2);
    });

    it('rejects malformed commits before writing anything', async () => {
      const b = branch();
      await append(store, b, 0, 1);
      const bad: Array<[number, BranchState, BranchEvent[]]> = [
        [1, fakeState(b, 1), []], // no events
        [1, fakeState(b, 3), fakeEvents(b, 2, 1)], // gap
        [1, fakeState(b, 3), fakeEvents(b, 1, 1)], // state seq is not the last event's
        [1, fakeState('other', 2), fakeEvents(b, 1, 1)], // wrong branch in state
        [1, fakeState(b, 2), fakeEvents('other', 1, 1)], // wrong branch in events
        [-1, fakeState(b, 0), fakeEvents(b, -1, 1)],
      ];
      for (const [expectedSeq, state, events] of bad) {
        await expect(store.commit(b, expectedSeq, state, events)).rejects.toThrow(RangeError);
      }
      expect(await store.load(b)).toEqual(fakeState(b, 1));
      expect(await store.readEvents(b, 0)).toHaveLength(1);
    });

    it('stores copies: mutating what was committed or loaded changes nothing stored', async () => {
      const b = branch();
      const state = fakeState(b, 1);
      const events = fakeEvents(b, 0, 1);
      await store.commit(b, 0, state, events);
      state.sequences.A = 99;
      (events[0] as { reason: string }).reason = 'changed';
      const loaded = await store.load(b);
      loaded!.sequences.A = 42;
      expect(await store.load(b)).toEqual(fakeState(b, 1));
      expect(await store.readEvents(b, 0)).toEqual(fakeEvents(b, 0, 1));
    });

    it('waitEvents returns existing events at once', async () => {
      const b = branch();
      const events = await append(store, b, 0, 2);
      const started = Date.now();
      expect(await store.waitEvents(b, 1, 5_000)).toEqual(events.slice(1));
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('waitEvents resolves as soon as another commit lands', async () => {
      const b = branch();
      await append(store, b, 0, 1);
      const started = Date.now();
      const waiting = store.waitEvents(b, 1, 5_000);
      await sleep(50);
      const events = await append(store, b, 1, 2);
      expect(await waiting).toEqual(events);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('waitEvents resolves [] after blockMs when nothing happens', async () => {
      const b = branch();
      await append(store, b, 0, 1);
      const started = Date.now();
      expect(await store.waitEvents(b, 1, 150)).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(await store.waitEvents(branch(), 0, 100)).toEqual([]);
    });

    it('a pending wait does not hold up commits or reads', async () => {
      const quiet = branch();
      const busy = branch();
      const waiting = store.waitEvents(quiet, 0, 1_000);
      const started = Date.now();
      await append(store, busy, 0, 1);
      expect(await store.readEvents(busy, 0)).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(500);
      expect(await waiting).toEqual([]);
    });

    it('waitEventsMany tails several branches and returns only those with news', async () => {
      const a = branch();
      const b = branch();
      const c = branch();
      await append(store, a, 0, 2);
      const waiting = store.waitEventsMany({ [a]: 2, [b]: 0, [c]: 0 }, 5_000);
      await sleep(50);
      const events = await append(store, b, 0, 1);
      expect(await waiting).toEqual({ [b]: events });

      const now = await store.waitEventsMany({ [a]: 1, [b]: 0, [c]: 0 }, 5_000, 1);
      expect(now).toEqual({ [a]: (await store.readEvents(a, 1, 1)), [b]: events });
      expect(await store.waitEventsMany({ [a]: 2, [b]: 1 }, 100)).toEqual({});
      expect(await store.waitEventsMany({}, 100)).toEqual({});
    });

    it('deleteBranch removes state, events and listing; the branch can start again', async () => {
      const b = branch();
      const kept = branch();
      await append(store, b, 0, 3);
      await append(store, kept, 0, 1);
      await store.deleteBranch(b);
      expect(await store.load(b)).toBeNull();
      expect(await store.readEvents(b, 0)).toEqual([]);
      const listed = await store.listBranches();
      expect(listed).not.toContain(b);
      expect(listed).toContain(kept);
      expect(await store.load(kept)).toEqual(fakeState(kept, 1));
      await append(store, b, 0, 1);
      expect(await store.readEvents(b, 0)).toHaveLength(1);
    });

    it('restore puts a rebuilt state into an absent branch only; commits continue from its seq', async () => {
      const b = branch();
      expect(await store.restore(b, fakeState(b, 40))).toBe(true);
      expect(await store.load(b)).toEqual(fakeState(b, 40));
      expect(await store.listBranches()).toContain(b);
      expect(await store.restore(b, fakeState(b, 7))).toBe(false);
      expect(await store.load(b)).toEqual(fakeState(b, 40));
      const next = await append(store, b, 40, 2);
      expect(await store.readEvents(b, 0)).toEqual(next);
    });

    it('restore drops a stream left without its state', async () => {
      const b = branch();
      await append(store, b, 0, 5);
      await store.deleteBranch(b);
      await append(store, b, 0, 2); // a stream with seqs 1..2 and a state at 2
      await store.deleteBranch(b);
      expect(await store.restore(b, fakeState(b, 2))).toBe(true);
      const next = await append(store, b, 2, 1);
      expect(await store.readEvents(b, 0)).toEqual(next);
    });

    it('restore over a stale state replaces it only at the expected seq, keeps its stream, and commits continue above', async () => {
      const b = branch();
      const old = await append(store, b, 0, 3);
      // Another seq, or an absent branch, writes nothing.
      expect(await store.restore(b, fakeState(b, 9), 2)).toBe(false);
      const absent = branch();
      expect(await store.restore(absent, fakeState(absent, 9), 3)).toBe(false);
      expect(await store.load(absent)).toBeNull();
      expect(await store.restore(b, fakeState(b, 9))).toBe(false);
      expect(await store.load(b)).toEqual(fakeState(b, 3));
      // A state that is not ahead is a programming error.
      await expect(store.restore(b, fakeState(b, 3), 3)).rejects.toThrow(RangeError);

      expect(await store.restore(b, fakeState(b, 9), 3)).toBe(true);
      expect(await store.load(b)).toEqual(fakeState(b, 9));
      expect(await store.readEvents(b, 0)).toEqual(old);
      const next = await append(store, b, 9, 2);
      expect(await store.readEvents(b, 0)).toEqual([...old, ...next]);
      expect(await store.readEvents(b, 2)).toEqual([old[2], ...next]);
      expect(await store.readEvents(b, 3)).toEqual(next);
      expect(await store.readEvents(b, 5, 1)).toEqual([next[0]]);
      expect(await store.waitEvents(b, 3, 0)).toEqual(next);
    });

    it('stores command receipts with the commit; readReceipts returns those it has', async () => {
      const b = branch();
      const receipt = { commandId: 'press-0001', fingerprint: 'f1', answer: '{"seq":1}' };
      expect(await store.readReceipts(b, ['press-0001'])).toEqual(new Map());
      expect(await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [receipt])).toEqual({ ok: true });
      expect(await store.readReceipts(b, ['press-0001', 'press-0002'])).toEqual(new Map([['press-0001', receipt]]));
      expect(await store.readReceipts(b, [])).toEqual(new Map());
      // Per branch: the same id elsewhere is another press.
      const other = branch();
      expect(await store.readReceipts(other, ['press-0001'])).toEqual(new Map());
    });

    it('keeps a receipt\'s follow-up note with it, and none for a receipt without one', async () => {
      const b = branch();
      const noted = { commandId: 'press-0006', fingerprint: 'f1', answer: 'a', followUp: '{"from":1}' };
      const plain = { commandId: 'press-0007', fingerprint: 'f2', answer: 'b' };
      await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [noted, plain]);
      expect(await store.readReceipts(b, ['press-0006', 'press-0007'])).toEqual(new Map([['press-0006', noted], ['press-0007', plain]]));
    });

    it('refuses a commit carrying a command id that has a receipt, writing nothing, even at the current version', async () => {
      const b = branch();
      const first = await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [{ commandId: 'press-0001', fingerprint: 'f1', answer: 'first' }]);
      expect(first).toEqual({ ok: true });
      const again = await store.commit(b, 1, fakeState(b, 2), fakeEvents(b, 1, 1), [
        { commandId: 'press-0002', fingerprint: 'f2', answer: 'new' },
        { commandId: 'press-0001', fingerprint: 'f1', answer: 'second' },
      ]);
      expect(again).toEqual({ ok: false, reason: 'known-command', commandId: 'press-0001' });
      expect(await store.load(b)).toEqual(fakeState(b, 1));
      expect(await store.readEvents(b, 0)).toHaveLength(1);
      const receipts = await store.readReceipts(b, ['press-0001', 'press-0002']);
      expect([...receipts.values()].map((r) => r.answer)).toEqual(['first']);
    });

    it('a commit refused for its version writes no receipt', async () => {
      const b = branch();
      await append(store, b, 0, 2);
      const stale = await store.commit(b, 1, fakeState(b, 2), fakeEvents(b, 1, 1), [{ commandId: 'press-0003', fingerprint: 'f', answer: 'a' }]);
      expect(stale).toEqual({ ok: false, reason: 'conflict', currentSeq: 2 });
      expect(await store.readReceipts(b, ['press-0003'])).toEqual(new Map());
    });

    it('refuses receipts with the same command id twice in one commit, before writing', async () => {
      const b = branch();
      const twice = [{ commandId: 'press-0004', fingerprint: 'f', answer: 'a' }, { commandId: 'press-0004', fingerprint: 'f', answer: 'b' }];
      await expect(store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), twice)).rejects.toThrow(RangeError);
      expect(await store.load(b)).toBeNull();
    });

    it('deleteBranch removes its receipts too', async () => {
      const b = branch();
      await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [{ commandId: 'press-0005', fingerprint: 'f', answer: 'a' }]);
      await store.deleteBranch(b);
      expect(await store.readReceipts(b, ['press-0005'])).toEqual(new Map());
    });

    it('records a receipt\'s follow-up note as owed until settled; claimFollowUps hands each out once per period', async () => {
      const b = branch();
      const noted = { commandId: 'press-0008', fingerprint: 'f1', answer: 'a', followUp: '{"from":1}' };
      const plain = { commandId: 'press-0009', fingerprint: 'f2', answer: 'b' };
      await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [noted, plain]);
      // Not old enough yet (an hour): nothing handed out, nothing claimed.
      expect(await store.claimFollowUps(b, { olderThanMs: 3_600_000 })).toEqual([]);
      expect(await store.claimFollowUps(b, { olderThanMs: 0 })).toEqual([{ commandId: 'press-0008', followUp: '{"from":1}' }]);
      // Claimed just now (held a minute by default): another claimant gets nothing, however eager.
      expect(await store.claimFollowUps(b, { olderThanMs: 0 })).toEqual([]);
      await store.settleFollowUps(b, ['press-0008', 'unknown-01']);
      expect(await store.claimFollowUps(b, { olderThanMs: 0, holdMs: 0 })).toEqual([]);
      // The receipt itself stays until its TTL.
      expect((await store.readReceipts(b, ['press-0008'])).get('press-0008')).toEqual(noted);
    });

    it('records each owed follow-up under its own command id, wherever its receipt is in the commit', async () => {
      const b = branch();
      // Ids of different lengths, the noted ones after a plain one, with events after them: what a
      // script reading ids or events from the wrong place would get wrong.
      const receipts = [
        { commandId: 'p-1', fingerprint: 'f1', answer: 'a' },
        { commandId: 'press-0012-with-a-longer-id', fingerprint: 'f2', answer: 'b', followUp: 'n-long' },
        { commandId: 'x2', fingerprint: 'f3', answer: 'c', followUp: 'n-short' },
      ];
      const events = fakeEvents(b, 0, 2);
      expect(await store.commit(b, 0, fakeState(b, 2), events, receipts)).toEqual({ ok: true });
      expect(await store.readEvents(b, 0)).toEqual(events);
      const owed = await store.claimFollowUps(b, { olderThanMs: 0, holdMs: 0 });
      expect([...owed].sort((x, y) => x.commandId.localeCompare(y.commandId))).toEqual([
        { commandId: 'press-0012-with-a-longer-id', followUp: 'n-long' },
        { commandId: 'x2', followUp: 'n-short' },
      ]);
      // Settled by the id the press carries: the other stays owed.
      await store.settleFollowUps(b, ['x2']);
      expect(await store.claimFollowUps(b, { olderThanMs: 0, holdMs: 0 })).toEqual([{ commandId: 'press-0012-with-a-longer-id', followUp: 'n-long' }]);
    });

    it('a commit refused (version, known command) records no follow-up; deleteBranch drops those owed', async () => {
      const b = branch();
      await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [{ commandId: 'press-0010', fingerprint: 'f', answer: 'a', followUp: 'n1' }]);
      await store.commit(b, 0, fakeState(b, 1), fakeEvents(b, 0, 1), [{ commandId: 'press-0011', fingerprint: 'f', answer: 'a', followUp: 'n2' }]);
      await store.commit(b, 1, fakeState(b, 2), fakeEvents(b, 1, 1), [{ commandId: 'press-0010', fingerprint: 'f', answer: 'a', followUp: 'n3' }]);
      expect(await store.claimFollowUps(b, { olderThanMs: 0, holdMs: 0 })).toEqual([{ commandId: 'press-0010', followUp: 'n1' }]);
      // Held for no time: handed out again (its claimant may have died).
      expect(await store.claimFollowUps(b, { olderThanMs: 0 })).toEqual([{ commandId: 'press-0010', followUp: 'n1' }]);
      await store.deleteBranch(b);
      expect(await store.claimFollowUps(b, { olderThanMs: 0, holdMs: 0 })).toEqual([]);
    });

    it('listBranches lists every branch with live state', async () => {
      const ids = [branch(), branch(), branch()];
      for (const id of ids) await append(store, id, 0, 1);
      expect(await store.listBranches()).toEqual(expect.arrayContaining(ids));
    });

    it('close resolves pending waits with nothing', async () => {
      const b = branch();
      const waiting = store.waitEvents(b, 0, 10_000);
      await sleep(50);
      const started = Date.now();
      await store.close();
      expect(await waiting).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1_000);
      store = await factory(); // afterEach cleans up through a live store
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
