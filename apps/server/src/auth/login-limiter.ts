import type { RedisClientType } from 'redis';

/**
 * Fixed-window counter per (ip, username): slows password guessing without letting one
 * attacker lock a colleague out from every other desk.
 */
export class LoginLimiter {
  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
    private readonly maxAttempts: number,
    private readonly windowSec: number,
  ) {}

  private key(ip: string, username: string): string {
    return `${this.prefix}rl:login:${ip}:${username.toLowerCase()}`;
  }

  /** Counts an attempt; true when it is still allowed. */
  async hit(ip: string, username: string): Promise<boolean> {
    const key = this.key(ip, username);
    const [count] = (await this.redis.multi().incr(key).expire(key, this.windowSec, 'NX').exec()) as unknown as [number];
    return Number(count) <= this.maxAttempts;
  }

  async reset(ip: string, username: string): Promise<void> {
    await this.redis.del(this.key(ip, username));
  }
}
