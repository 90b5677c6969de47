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
