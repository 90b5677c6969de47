import type { RedisClientType } from 'redis';
import { callerKey } from '../usecases/caller-key.js';
import type { LoginAttempt } from './login-limiter.js';

/**
 * Sign-ins per caller address across every username. The per-(address, username) and
 * per-username limits let one address try one password at many usernames (spraying) unchecked.
 * 20 a minute, 100 an hour: a branch's staff share one address behind its router, and a whole
 * team signing in at opening (a few tries each) stays far below; a spray of common passwords
 * over a list of usernames meets it within a minute. Sign-ins that succeed are given back, so a
 * busy branch office is held only to its failures.
 */
export const ADDRESS_SIGN_INS_PER_MIN = 20;
export const ADDRESS_MINUTE_SEC = 60;
export const ADDRESS_SIGN_INS_PER_HOUR = 100;
export const ADDRESS_HOUR_SEC = 3600;
/** Failed sign-ins at usernames that do not exist are audited once per address in this window, with their count when it trips the limit. */
export const UNKNOWN_AUDIT_WINDOW_SEC = ADDRESS_HOUR_SEC;

export interface AddressAttempt extends LoginAttempt {
  /** True for exactly the first refused attempt of a window: the one to audit. */
  tripped: boolean;
  /** Attempts counted in the window that refused (0 when allowed). */
  attempts: number;
}

/**
 * Fixed windows in Redis that start at the first attempt (INCR + EXPIRE NX in one MULTI), shared
 * by every node; IPv6 callers count by their /64 (caller-key.ts).
 */
export class AddressLimiter {
  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
  ) {}

  private key(window: 'min' | 'hour' | 'unknown', ip: string): string {
    return `${this.prefix}rl:login-address-${window}:${callerKey(ip)}`;
  }

  /** Counts an attempt from `ip` and says whether it may go on. */
  async hit(ip: string): Promise<AddressAttempt> {
    const min = this.key('min', ip);
    const hour = this.key('hour', ip);
    const [inMin, , minTtl, inHour, , hourTtl] = (await this.redis
      .multi()
      .incr(min)
      .expire(min, ADDRESS_MINUTE_SEC, 'NX')
      .ttl(min)
      .incr(hour)
      .expire(hour, ADDRESS_HOUR_SEC, 'NX')
      .ttl(hour)
      .exec()) as unknown as [number, number, number, number, number, number];
    // TTL is -1/-2 only if the key lost its expiry or vanished in between: the whole window is a safe answer.
    const left = (ttl: number, windowSec: number) => (Number(ttl) > 0 ? Number(ttl) : windowSec);
    if (Number(inHour) > ADDRESS_SIGN_INS_PER_HOUR) {
      return { allowed: false, retryAfterSec: left(hourTtl, ADDRESS_HOUR_SEC), tripped: Number(inHour) === ADDRESS_SIGN_INS_PER_HOUR + 1, attempts: ADDRESS_SIGN_INS_PER_HOUR };
    }
    if (Number(inMin) > ADDRESS_SIGN_INS_PER_MIN) {
      return { allowed: false, retryAfterSec: left(minTtl, ADDRESS_MINUTE_SEC), tripped: Number(inMin) === ADDRESS_SIGN_INS_PER_MIN + 1, attempts: ADDRESS_SIGN_INS_PER_MIN };
    }
    return { allowed: true, retryAfterSec: 0, tripped: false, attempts: 0 };
  }

  /** A sign-in that succeeded: its attempt is given back (only windows still running are touched). */
  async forgive(ip: string): Promise<void> {
    const forgive = `for _, k in ipairs(KEYS) do if redis.call('EXISTS', k) == 1 then redis.call('DECR', k) end end return 1`;
    await this.redis.eval(forgive, { keys: [this.key('min', ip), this.key('hour', ip)] });
  }

  /**
   * Counts a failed sign-in at a username that does not exist (`unknown`), or only reads the
   * count (a known username), in one round trip either way, so the two take alike. Resolves the
   * window's count of unknown usernames: 1 is the first, the one to audit.
   */
  async failed(ip: string, unknown: boolean): Promise<number> {
    const k = this.key('unknown', ip);
    if (!unknown) return Number((await this.redis.multi().get(k).ttl(k).exec())[0] ?? 0);
    const [count] = (await this.redis.multi().incr(k).expire(k, UNKNOWN_AUDIT_WINDOW_SEC, 'NX').exec()) as unknown as [number];
    return Number(count);
  }

  /** Failed sign-ins at unknown usernames from `ip` in the current window. */
  async unknownCount(ip: string): Promise<number> {
    return Number((await this.redis.get(this.key('unknown', ip))) ?? 0);
  }
}
