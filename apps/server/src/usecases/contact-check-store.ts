import type { RedisClientType } from 'redis';

/** A check as it is made: who it is for (a hash), the code's hash, and when it ends (the use case's clock). */
export interface NewContactCheck {
  id: string;
  /** Hash of the branch and the normalised number or address the code went to. */
  subject: string;
  codeHash: string;
  expiresAt: number;
}

/**
 * What claiming a check with a code found: `ok` (the check is now held by this booking until it
 * is consumed or released), `wrong` (one try spent; at 0 left the check is gone), `expired` (past
 * its time: removed), `unknown` (no such check: never made, used, voided or dropped by Redis),
 * `other-subject` (made for another number, address or branch), `busy` (held by a booking in progress).
 */
export type ContactCheckClaim =
  | { outcome: 'ok' }
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'expired' | 'unknown' | 'other-subject' | 'busy' };

/**
 * Where checks live. Guarantees: `claim` is atomic (two bookings with one code: one gets `ok`, the
 * other `busy`, then `unknown` once the first consumed it), wrong tries are counted across nodes,
 * and a check never outlives `ttlMs` even if nobody looks at it again.
 */
export interface ContactCheckStore {
  create(check: NewContactCheck, ttlMs: number): Promise<void>;
  claim(id: string, subject: string, codeHash: string, now: number, maxTries: number): Promise<ContactCheckClaim>;
  /** The booking it was held for was made: the check is used up. */
  consume(id: string): Promise<void>;
  /** The booking it was held for was refused (the slot went meanwhile): the code may be used again until it expires. */
  release(id: string): Promise<void>;
  /** A check whose code could not be sent. */
  discard(id: string): Promise<void>;
}

// One step, so concurrent bookings cannot both pass and wrong tries cannot be lost.
const CLAIM = `local h = redis.call('HMGET', KEYS[1], 'subject', 'code', 'exp', 'held')
if not h[1] then return {'unknown', 0} end
if tonumber(ARGV[3]) >= tonumber(h[3]) then
  redis.call('DEL', KEYS[1])
  return {'expired', 0}
end
if h[1] ~= ARGV[1] then return {'other-subject', 0} end
if h[4] == '1' then return {'busy', 0} end
if h[2] ~= ARGV[2] then
  local left = tonumber(ARGV[4]) - redis.call('HINCRBY', KEYS[1], 'tries', 1)
  if left <= 0 then
    redis.call('DEL', KEYS[1])
    left = 0
  end
  return {'wrong', left}
end
redis.call('HSET', KEYS[1], 'held', '1')
return {'ok', 0}`;

// Only a check that still exists is released: one consumed or expired meanwhile stays gone.
const RELEASE = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'held', '0') end
return 1`;

/** The checks in Redis, shared by every node, each key expiring with its check (one prefix per channel). */
export function createRedisContactCheckStore(redis: RedisClientType, prefix: string): ContactCheckStore {
  const key = (id: string) => `${prefix}${id}`;
  return {
    async create(c, ttlMs) {
      await redis
        .multi()
        .hSet(key(c.id), { subject: c.subject, code: c.codeHash, exp: String(c.expiresAt), tries: '0', held: '0' })
        .pExpire(key(c.id), ttlMs)
        .exec();
    },
    async claim(id, subject, codeHash, now, maxTries) {
      const [outcome, left] = (await redis.eval(CLAIM, { keys: [key(id)], arguments: [subject, codeHash, String(now), String(maxTries)] })) as [string, number];
      if (outcome === 'wrong') return { outcome, triesLeft: Number(left) };
      return { outcome: outcome as 'ok' | 'expired' | 'unknown' | 'other-subject' | 'busy' };
    },
    async consume(id) {
      await redis.del(key(id));
    },
    async release(id) {
      await redis.eval(RELEASE, { keys: [key(id)] });
    },
    async discard(id) {
      await redis.del(key(id));
    },
  };
}
