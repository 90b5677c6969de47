import { describe, expect, it } from 'vitest';
import { MemoryLiveStore } from '../src/memory-live-store.js';
import { describeLiveStateStore, fakeEvents, fakeState } from './live-state-store.contract.js';

describeLiveStateStore('MemoryLiveStore', async () => new MemoryLiveStore());

describe('MemoryLiveStore receipts', () => {
  it('forgets a receipt after receiptTtlSec, by its clock; the id may then commit again', async () => {
    let now = 1_000_000;
    const store = new MemoryLiveStore({ receiptTtlSec: 900, now: () => now });
    const receipt = { commandId: 'press-0001', fingerprint: 'f', answer: 'a' };
    await store.commit('b1', 0, fakeState('b1', 1), fakeEvents('b1', 0, 1), [receipt]);
    now += 899_999;
    expect(await store.readReceipts('b1', ['press-0001'])).toEqual(new Map([['press-0001', receipt]]));
    now += 1;
    expect(await store.readReceipts('b1', ['press-0001'])).toEqual(new Map());
    expect(await store.commit('b1', 1, fakeState('b1', 2), fakeEvents('b1', 1, 1), [receipt])).toEqual({ ok: true });
  });
});
