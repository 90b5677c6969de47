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
