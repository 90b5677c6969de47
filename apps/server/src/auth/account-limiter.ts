import type { RedisClientType } from 'redis';

/** Failed sign-ins at one username before it waits; they count until this long passes without one. */
export const ACCOUNT_MAX_FAILURES = 10;
export const ACCOUNT_FAILURE_WINDOW_MS = 15 * 60_000;
/** The first wait, doubling with each failure after it, never longer than the cap. */
export const ACCOUNT_FIRST_DELAY_MS = 60_000;
export const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;

export interface AccountCheck {
  allowed: boolean;
  /** Seconds until the account takes a sign-in again (Retry-After of a refusal). */
  retryAfterSec: number;
}

// One hash per username: fails, last (ms), level (waits so far), until (ms). In one script, so
// guesses from several nodes at once are all counted.
const FAIL = `local now = tonumber(ARGV[1])
local window, max, first, cap = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local h = redis.call('HMGET', KEYS[1], 'fails', 'last', 'level')
local fails, last, level = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0
if now - last > window then fails = 0 level = 0 end
fails = fails + 1
local delay = 0
if fails >= max then
  delay = math.min(first * 2 ^ level, cap)
  level = level + 1
  redis.call('HSET', KEYS[1], 'until', now + delay)
end
redis.call('HSET', KEYS[1], 'fails', fails, 'last', now, 'level', level)
redis.call('PEXPIRE', KEYS[1], window + cap)
return delay`;

/**
 * Per-username sign-in limit across every address (the per-address LoginLimiter alone lets
 * guesses spread over a few addresses through). After ACCOUNT_MAX_FAILURES failures the account
 * waits a minute, then each further failure doubles the wait up to 15 minutes; 15 minutes
 * without a failure forget it all, and a successful sign-in too. Never a permanent lock: a
 * colleague's account cannot be shut for good by someone guessing at it. Counted for any
 * username, known or not, so the refusal says nothing about which exist. Times are the caller's
 * clock (the system's).
 */
export class AccountLimiter {
  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
  ) {}

  private key(username: string): string {
    return `${this.prefix}rl:account:${username.toLowerCase()}`;
  }

  /** Whether the account takes a sign-in attempt now. */
  async check(username: string, now: number): Promise<AccountCheck> {
    const until = Number(await this.redis.hGet(this.key(username), 'until'));
    if (Number.isFinite(until) && until > now) return { allowed: false, retryAfterSec: Math.ceil((until - now) / 1000) };
    return { allowed: true, retryAfterSec: 0 };
  }

  /** Counts a failure; resolves the wait it starts in seconds, 0 when none. */
  async fail(username: string, now: number): Promise<number> {
    const delay = await this.redis.eval(FAIL, {
      keys: [this.key(username)],
      arguments: [String(now), String(ACCOUNT_FAILURE_WINDOW_MS), String(ACCOUNT_MAX_FAILURES), String(ACCOUNT_FIRST_DELAY_MS), String(ACCOUNT_MAX_DELAY_MS)],
    });
    return Math.ceil(Number(delay) / 1000);
  }

  async reset(username: string): Promise<void> {
    await this.redis.del(this.key(username));
  }
}
