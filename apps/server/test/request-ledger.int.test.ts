/**
 * The idempotency ledger behind kiosk tickets and bookings, against the machine's Redis (a random
 * key prefix, removed afterwards). What a retried request relies on: one claim wins, a copy of
 * the same request sees it pending then answered, another request under the key is refused.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClientType } from 'redis';
import { bookingAnswer } from '../src/usecases/booking-requests.js';
import { createRedisRequestLedger, requestFingerprint, REQUEST_KEY_TTL_SEC, REQUEST_PENDING_TTL_SEC, tokenAnswer } from '../src/usecases/request-ledger.js';
import { REDIS_URL } from './support.js';

const prefix = `test:${randomBytes(6).toString('hex')}:req:`;
let redis: RedisClientType;

beforeAll(async () => {
  redis = createClient({ url: REDIS_URL }) as RedisClientType;
  await redis.connect();
});

afterAll(async () => {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
  await redis.close();
});

describe('request ledger (Redis)', () => {
  it('of many claims of a fresh key at once exactly one wins; the others see it in flight', async () => {
    const ledger = createRedisRequestLedger(redis, prefix, tokenAnswer);
    const f = requestFingerprint({ serviceId: 's1', lang: 'zh' });
    const claims = await Promise.all(Array.from({ length: 8 }, () => ledger.claim('k-race', f)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'pending')).toHaveLength(7);
    // In flight only for a short while: a node that died mid-request does not block the key for a day.
    const ttl = await redis.ttl(`${prefix}k-race`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(REQUEST_PENDING_TTL_SEC);
  });

  it('an answered request gives its token to a retry, and refuses another request under its key', async () => {
    const ledger = createRedisRequestLedger(redis, prefix, tokenAnswer);
    const f = requestFingerprint({ serviceId: 's1', contact: { phone: '13800138000', consent: true } });
    expect(await ledger.claim('k-done', f)).toEqual({ state: 'claimed' });
    await ledger.complete('k-done', f, 'ticket-token-1');
    expect(await ledger.claim('k-done', f)).toEqual({ state: 'done', answer: 'ticket-token-1' });
    expect(await ledger.claim('k-done', requestFingerprint({ serviceId: 's1' }))).toEqual({ state: 'conflict' });
    const ttl = await redis.ttl(`${prefix}k-done`);
    expect(ttl).toBeGreaterThan(REQUEST_PENDING_TTL_SEC);
    expect(ttl).toBeLessThanOrEqual(REQUEST_KEY_TTL_SEC);
  });

  it('a booking\'s answer is its appointment id and token nonce; an entry of the previous version (the token) still reads', async () => {
    const ledger = createRedisRequestLedger(redis, prefix, bookingAnswer);
    const f = requestFingerprint({ serviceId: 's1', startsAt: 1 });
    expect(await ledger.claim('k-book', f)).toEqual({ state: 'claimed' });
    await ledger.complete('k-book', f, { appointmentId: 'appt-1', nonce: 0 });
    expect(await ledger.claim('k-book', f)).toEqual({ state: 'done', answer: { appointmentId: 'appt-1', nonce: 0 } });
    // No 't': a node of the previous version, which reads 't' as the token, sees it in flight.
    expect(JSON.parse((await redis.get(`${prefix}k-book`))!)).toEqual({ f, a: 'appt-1', n: 0 });

    await redis.set(`${prefix}k-old`, JSON.stringify({ f, t: 'manage-token-1' }), { EX: 60 });
    expect(await ledger.claim('k-old', f)).toEqual({ state: 'done', answer: { token: 'manage-token-1' } });
    // Either kind of entry is in flight while its answer is not written yet.
    await redis.set(`${prefix}k-pending`, JSON.stringify({ f, t: null }), { EX: 60 });
    expect(await ledger.claim('k-pending', f)).toEqual({ state: 'pending' });
  });

  it('a released claim (the request was refused) lets the key be used again, for any request', async () => {
    const ledger = createRedisRequestLedger(redis, prefix, tokenAnswer);
    expect(await ledger.claim('k-free', requestFingerprint({ a: 1 }))).toEqual({ state: 'claimed' });
    await ledger.release('k-free');
    expect(await ledger.claim('k-free', requestFingerprint({ a: 2 }))).toEqual({ state: 'claimed' });
  });

  it('fingerprints ignore key order and undefined fields, and tell different requests apart', () => {
    expect(requestFingerprint({ a: 1, b: { c: 2, d: 3 }, e: undefined })).toBe(requestFingerprint({ b: { d: 3, c: 2 }, a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
  });
});
