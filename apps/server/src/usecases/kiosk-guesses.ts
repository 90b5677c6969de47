import type { RedisClientType } from 'redis';
import type { AuditLog } from '../auth/ports.js';
import { AppError } from '../errors.js';
import type { Actor } from './branch-commands.js';
import { callerKey } from './caller-key.js';

/**
 * Wrong check-in codes (and unknown remote-arrival tickets) one kiosk may send in a window. A
 * stolen device token guessing six-character codes needs hundreds of thousands of tries per hit;
 * 30 in ten minutes is about 4,300 a day. But every customer at a busy lobby kiosk shares its
 * count: at 40 check-ins in ten minutes with one in five mistyped, 10 would hold the kiosk's
 * check-ins for everyone. Counted from the first miss; a success neither counts nor resets it,
 * since a guesser holding one valid code could otherwise reset the count as often as they like.
 */
export const KIOSK_GUESSES_MAX = 30;
export const KIOSK_GUESS_WINDOW_SEC = 10 * 60;

export interface GuessCount {
  /** False once the key has used its misses in this window. */
  allowed: boolean;
  /** Seconds until the window ends (Retry-After of a refusal). */
  retryAfterSec: number;
}

/** Misses per key in a fixed window that starts at the first miss. Shared by every node (Redis). */
export interface GuessLimiter {
  readonly max: number;
  readonly windowSec: number;
  check(key: string): Promise<GuessCount>;
  /** Counts a miss; `tripped` is true for exactly the miss that used up the window's last one. */
  miss(key: string): Promise<GuessCount & { tripped: boolean }>;
}

export function createRedisGuessLimiter(redis: RedisClientType, prefix: string, max = KIOSK_GUESSES_MAX, windowSec = KIOSK_GUESS_WINDOW_SEC): GuessLimiter {
  // TTL is -1/-2 only if the key lost its expiry or vanished in between: the whole window is a safe answer.
  const left = (ttl: unknown) => (Number(ttl) > 0 ? Number(ttl) : windowSec);
  return {
    max,
    windowSec,
    async check(key) {
      const k = `${prefix}${key}`;
      const [count, ttl] = (await redis.multi().get(k).ttl(k).exec()) as unknown as [string | null, number];
      return { allowed: Number(count ?? 0) < max, retryAfterSec: left(ttl) };
    },
    async miss(key) {
      const k = `${prefix}${key}`;
      const [count, , ttl] = (await redis.multi().incr(k).expire(k, windowSec, 'NX').ttl(k).exec()) as unknown as [number, number, number];
      return { allowed: Number(count) < max, tripped: Number(count) === max, retryAfterSec: left(ttl) };
    },
  };
}

/** Whose misses count together: a kiosk's by its device (its address may be shared), anyone else's by address. */
export function guesserKey(actor: Actor): string {
  return actor.role?.startsWith('device:') ? actor.role : `ip:${callerKey(actor.ip ?? 'unknown')}`;
}

export interface GuessGuardDeps {
  limiter: GuessLimiter;
  audit: AuditLog;
}

/**
 * Runs a lookup by something a customer types or scans (a check-in code, a ticket token) and
 * counts its misses (`isMiss`) per kiosk. Past the limit every lookup of that kiosk is refused
 * with RATE_LIMITED and Retry-After, right or wrong, so guessing stops paying; the miss that
 * trips it is audited once (`kiosk-guesses-limited`), so a manager sees a kiosk token being used
 * to probe and can unpair the device.
 */
export function createGuessGuard(deps: GuessGuardDeps) {
  const refuse = (retryAfterSec: number) =>
    new AppError('RATE_LIMITED', 'Too many codes this kiosk could not find; please ask the staff for help.', undefined, { retryAfterSec });
  return {
    async run<T>(actor: Actor, branchId: string, what: 'check-in' | 'arrival', isMiss: (err: unknown) => boolean, lookup: () => Promise<T>): Promise<T> {
      const key = guesserKey(actor);
      const before = await deps.limiter.check(key);
      if (!before.allowed) throw refuse(before.retryAfterSec);
      try {
        return await lookup();
      } catch (err) {
        if (!isMiss(err)) throw err;
        const after = await deps.limiter.miss(key);
        if (after.tripped) {
          // The refusal does not wait on the audit log; a failed append only loses this one row.
          await deps.audit
            .append({ userId: actor.userId, role: actor.role, ip: actor.ip, userAgent: actor.userAgent, action: 'kiosk-guesses-limited', branchId, ticketId: null, details: { what, misses: deps.limiter.max, windowSec: deps.limiter.windowSec } })
            .catch(() => undefined);
        }
        throw err;
      }
    },
  };
}

export type GuessGuard = ReturnType<typeof createGuessGuard>;
