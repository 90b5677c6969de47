import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisLiveStore, type LiveRedisClient, RedisLiveStore } from '../src/redis-live-store.js';
import { describeLiveStateStore, fakeEvents, fakeState } from './live-state-store.contract.js';
import { connectRedis, deletePrefix, randomPrefix, type TestRedisClient } from './redis-test-client.js';

const prefix = randomPrefix();
let client: TestRedisClient;

beforeAll(async () => {
  client = await connectRedis();
});

afterAll(async () => {
  const leftovers = await deletePrefix(client, prefix);
  client.destroy();
  expect(leftovers).toBe(0); // the contract suite cleans up through the adapter
});

describeLiveStateStore('RedisLiveStore', () => createRedisLiveStore(client, { prefix }));

describe('RedisLiveStore specifics', () => {
  it('keeps a branch under one hash tag, state as a {seq, json} hash, event ids = seq-0', async () => {
    const store = await createRedisLiveStore(client, { prefix });
    await store.commit('b1', 0, fakeState('b1', 2), fakeEvents('b1', 0, 2));
    expect(store.stateKey('b1')).toBe(`${prefix}{b:b1}:state`);
    expect(store.eventsKey('b1')).toBe(`${prefix}{b:b1}:events`);
    expect(await client.hGet(store.stateKey('b1'), 'seq')).toBe('2');
    const entries = (await client.xRange(store.eventsKey('b1'), '-', '+')) ?? [];
    expect(entries.map((e) => e.id)).toEqual(['1-0', '2-0']);
    await store.deleteBranch('b1');
    expect(await client.exists([store.stateKey('b1'), store.eventsKey('b1')])).toBe(0);
    await store.close();
  });

  it('keeps a receipt under the branch hash tag with a TTL of receiptTtlSec', async () => {
    const store = await createRedisLiveStore(client, { prefix, receiptTtlSec: 900 });
    await store.commit('b3', 0, fakeState('b3', 1), fakeEvents('b3', 0, 1), [{ commandId: 'press-0001', fingerprint: 'f', answer: 'a' }]);
    expect(store.receiptKey('b3', 'press-0001')).toBe(`${prefix}{b:b3}:cmd:press-0001`);
    const ttl = await client.ttl(store.receiptKey('b3', 'press-0001'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900);
    await store.deleteBranch('b3');
    expect(await client.exists(store.receiptKey('b3', 'press-0001'))).toBe(0);
  });

  it('recovers from NOSCRIPT by sending the script with EVAL', async () => {
    // SCRIPT FLUSH would disturb other users of the shared server; fake the reply instead.
    const sent: string[] = [];
    const flaky: LiveRedisClient = {
      sendCommand: async <T>(args: ReadonlyArray<string>): Promise<T> => {
        sent.push(args[0]!);
        if (args[0] === 'EVALSHA' && sent.filter((c) => c === 'EVALSHA').length === 1) {
          throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        }
        return client.sendCommand<T>(args);
      },
      duplicate: () => client.duplicate(),
      connect: async () => undefined,
      destroy: () => undefined,
      on: () => undefined,
    };
    const store = new RedisLiveStore(flaky, { prefix });
    expect(await store.commit('b2', 0, fakeState('b2', 1), fakeEvents('b2', 0, 1))).toEqual({ ok: true });
    expect(await store.commit('b2', 1, fakeState('b2', 2), fakeEvents('b2', 1, 1))).toEqual({ ok: true });
    expect(sent.filter((c) => c.startsWith('EVAL'))).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
    expect((await store.load('b2'))?.seq).toBe(2);
    await store.deleteBranch('b2');
  });

  it('trims each stream to about maxLen, keeping the newest events', async () => {
    const store = await createRedisLiveStore(client, { prefix, maxLen: 10 });
    let seq = 0;
    for (let i = 0; i < 50; i++) {
      await store.commit('b3', seq, fakeState('b3', seq + 10), fakeEvents('b3', seq, 10));
      seq += 10;
    }
    const length = await client.xLen(store.eventsKey('b3'));
    expect(length).toBeLessThan(500);
    const newest = await store.readEvents('b3', 495);
    expect(newest.map((e) => e.seq)).toEqual([496, 497, 498, 499, 500]);
    await store.deleteBranch('b3');
  });

  it('writes nothing when the stream is ahead of the state (first XADD fails before HSET)', async () => {
    const store = await createRedisLiveStore(client, { prefix });
    await client.xAdd(store.eventsKey('b4'), '7-0', { e: '{}' });
    await expect(store.commit('b4', 0, fakeState('b4', 1), fakeEvents('b4', 0, 1))).rejects.toThrow(/XADD/);
    expect(await store.load('b4')).toBeNull();
    expect(await client.xLen(store.eventsKey('b4'))).toBe(1);
    await store.deleteBranch('b4');
  });

  it('refuses a prefix that would break the hash tag', () => {
    expect(() => new RedisLiveStore(client, { prefix: 'x{y}:' })).toThrow(RangeError);
  });
});
