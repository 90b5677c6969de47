import type { RedisClientType } from 'redis';
import type { RateLimiter } from './booking-ports.js';

/**
 * A fixed-window counter in Redis (INCR + EXPIRE NX in one MULTI): `max` hits per key per
 * `windowSec`. Built by compose.ts; shared by every node, so the limit holds across them.
 */
export function createRedisRateLimiter(redis: RedisClientType, prefix: string, max: number, windowSec: number): RateLimiter {
  return {
    async hit(key) {
      const k = `${prefix}${key}`;
      const [count] = (await redis.multi().incr(k).expire(k, windowSec, 'NX').exec()) as unknown as [number];
      return Number(count) <= max;
    },
  };
}

/** Remote-queue joins allowed per caller IP and branch in each window. */
export const REMOTE_JOINS_PER_IP = 5;
export const REMOTE_JOIN_WINDOW_SEC = 15 * 60;

/**
 * Booking attempts allowed per caller IP in each window (any branch). Generous for a person or a
 * family; stops a script from probing or filling the slots. A retry answered from the request
 * ledger does not count.
 */
export const BOOKINGS_PER_IP = 10;
export const BOOKING_WINDOW_SEC = 60 * 60;

/** A per-key cooldown: `take` says whether `now` is at least `ms` after the last taken time. */
export interface Cooldown {
  take(key: string, now: number, ms: number): Promise<boolean>;
  /** Forgets the last taken time (what it guarded did not happen after all). */
  release(key: string): Promise<void>;
}

// Compare and set in one step, so two requests at once cannot both pass.
const TAKE = `local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;

/**
 * The cooldown in Redis, measured on the caller's clock (the time the use case decides with),
 * shared by every node. The key lives a day past the cooldown, so a clock moved back cannot keep
 * it forever.
 */
export function createRedisCooldown(redis: RedisClientType, prefix: string): Cooldown {
  return {
    async take(key, now, ms) {
      const ok = await redis.eval(TAKE, { keys: [`${prefix}${key}`], arguments: [String(now), String(ms), String(ms + 86_400_000)] });
      return Number(ok) === 1;
    },
    async release(key) {
      await redis.del(`${prefix}${key}`);
    },
  };
}
