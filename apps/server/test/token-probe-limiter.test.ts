/**
 * The in-memory half of the token-lookup guard: lookups running at once per address are capped
 * (a burst sent together cannot all reach the database before the first miss is counted), each
 * address on its own, and a lookup that ends frees its place once. Pure: no Redis is touched
 * before a miss.
 */
import type { RedisClientType } from 'redis';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { DEVICE_TOKENS, LINK_TOKENS, TokenProbeLimiter } from '../src/auth/token-probe-limiter.js';

const limiter = () => new TokenProbeLimiter({} as RedisClientType, 'p:', undefined, { misses: 60, windowSec: 600, inFlight: 3 });

/** A Redis whose MULTI records the key and answers the given count (TTL 300 s). */
const redisCounting = (count: number, keys: string[]) =>
  ({
    multi() {
      const chain = {
        incr: (k: string) => (keys.push(k), chain),
        expire: () => chain,
        ttl: () => chain,
        exec: async () => [count, 1, 300],
      };
      return chain;
    },
  }) as unknown as RedisClientType;

function refusal(fn: () => unknown): AppError | undefined {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  return undefined;
}

describe('token lookups running at once', () => {
  it('refuses the one past the cap with RATE_LIMITED and a Retry-After, and lets the next in once one ends', () => {
    const l = limiter();
    const leaves = [l.enter('203.0.113.1'), l.enter('203.0.113.1'), l.enter('203.0.113.1')];
    const err = refusal(() => l.enter('203.0.113.1'));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: 1 } });
    // Another address is not held back.
    expect(refusal(() => l.enter('203.0.113.2'))).toBeUndefined();
    leaves[0]!();
    leaves[0]!(); // twice is once
    expect(refusal(() => l.enter('203.0.113.1'))).toBeUndefined();
    expect(refusal(() => l.enter('203.0.113.1'))).toBeInstanceOf(AppError);
  });

  it('counts an IPv6 caller by its /64, as every per-address limit does', () => {
    const l = limiter();
    l.enter('2001:db8:1:2::1');
    l.enter('2001:db8:1:2::2');
    l.enter('2001:db8:1:2::3');
    expect(refusal(() => l.enter('2001:db8:1:2::4'))).toBeInstanceOf(AppError);
  });
});

describe('a token answered from memory (admit)', () => {
  it('takes no place among the lookups running, whatever their number, but is refused with its address once that is refused', async () => {
    const l = new TokenProbeLimiter(redisCounting(60, []), 'p:', undefined, { misses: 60, windowSec: 600, inFlight: 3 });
    for (let i = 0; i < 3; i++) l.enter('203.0.113.5');
    for (let i = 0; i < 100; i++) expect(refusal(() => l.admit('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => l.enter('203.0.113.5'))).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: 1 } });

    await l.missed('203.0.113.6');
    const err = refusal(() => l.admit('203.0.113.6'));
    expect(err).toMatchObject({ code: 'RATE_LIMITED' });
    expect((err as AppError & { details: { retryAfterSec: number } }).details.retryAfterSec).toBeGreaterThan(290);
  });
});

describe('what a limiter counts', () => {
  it('keeps device tokens on a counter of their own, refused with their own words', async () => {
    const keys: string[] = [];
    const devices = new TokenProbeLimiter(redisCounting(60, keys), 'p:', undefined, { misses: 60, windowSec: 600, inFlight: 3 }, DEVICE_TOKENS);
    await devices.missed('203.0.113.9');
    expect(keys).toEqual(['p:rl:device-token-miss:203.0.113.9']);
    const err = refusal(() => devices.enter('203.0.113.9'));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', message: DEVICE_TOKENS.refusal, details: { cause: 'unknown-device-tokens' } });
    expect((err as AppError & { details: { retryAfterSec: number } }).details.retryAfterSec).toBeGreaterThan(290);

    const links = new TokenProbeLimiter(redisCounting(1, keys), 'p:');
    await links.missed('203.0.113.9');
    expect(keys.at(-1)).toBe(`p:rl:${LINK_TOKENS.counter}:203.0.113.9`);
    expect(refusal(() => links.enter('203.0.113.9'))).toBeUndefined();
  });
});
