import type { RedisClientType } from 'redis';
import { callerKey } from '../usecases/caller-key.js';

export interface LoginAttempt {
  allowed: boolean;
  /** Seconds until the window ends and the count starts over (Retry-After of a refusal). */
  retryAfterSec: number;
}

/**
 * Fixed-window counter per (ip, username): slows password guessing without letting one
 * attacker lock a colleague out from every other desk. `kind` keeps separate counts for
 * signing in and for the current password of a password change (a signed-in panel left
 * unlocked must not become a way to guess it).
 */
export class LoginLimiter {
  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
    private readonly maxAttempts: number,
    private readonly windowSec: number,
    private readonly kind: 'login' | 'password' = 'login',
  ) {}

  private key(ip: string, username: string): string {
    return `${this.prefix}rl:${this.kind}:${callerKey(ip)}:${username.toLowerCase()}`;
  }

  /** Counts an attempt and says whether it is still allowed, and when the window ends. */
  async hit(ip: string, username: string): Promise<LoginAttempt> {
    const key = this.key(ip, username);
    const [count, , ttl] = (await this.redis.multi().incr(key).expire(key, this.windowSec, 'NX').ttl(key).exec()) as unknown as [number, number, number];
    // TTL is -1/-2 only if the key lost its expiry or vanished in between: the whole window is a safe answer.
    const left = Number(ttl);
    return { allowed: Number(count) <= this.maxAttempts, retryAfterSec: left > 0 ? left : this.windowSec };
  }

  async reset(ip: string, username: string): Promise<void> {
    await this.redis.del(this.key(ip, username));
  }
}
