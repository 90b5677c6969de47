import type { RedisClientType } from 'redis';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { callerKey } from '../usecases/caller-key.js';

/**
 * Unknown tokens (a ticket page, an appointment's manage link, a consent link, a ticket socket's
 * handshake) one address may ask for in a window before its token lookups are refused. Only
 * misses count: a lobby's phones share one address behind the branch Wi-Fi, and each polls its
 * own (existing) ticket, at most once a minute over HTTP when its socket is down, so hits from one
 * address are many and legitimate; a miss is an expired link or a typo, a handful a day per
 * lobby, while a script guessing tokens produces nothing else. 60 in 10 minutes is far above the
 * first and is met by the second within seconds.
 */
export const TOKEN_MISSES_PER_WINDOW = 60;
export const TOKEN_MISS_WINDOW_SEC = 10 * 60;
/**
 * Token lookups one address may have running at once on one node. Counting misses alone would
 * let a burst of a thousand requests sent together all reach the database before the first miss
 * is counted; a real lobby's phones load their pages one at a time (a lookup takes milliseconds),
 * so 32 at the same instant from one address is only ever a script.
 */
export const TOKEN_LOOKUPS_IN_FLIGHT = 32;
/** Past this many blocked addresses, expired blocks are swept out (the map cannot grow without end). */
const SWEEP_AT = 1000;

/**
 * What one limiter counts: its Redis counter's name, and the refusal's message and
 * `details.cause` (a kiosk tells this refusal from its own issue cap by it, to word it in zh/en).
 */
export interface ProbedTokens {
  counter: string;
  refusal: string;
  cause: 'unknown-links' | 'unknown-device-tokens';
}

/** Ticket pages, manage and consent links, ticket-socket handshakes: one budget (web.ts). */
export const LINK_TOKENS: ProbedTokens = {
  counter: 'token-miss',
  refusal: 'Too many unknown links from this network; please wait a few minutes and try again.',
  cause: 'unknown-links',
};

/**
 * Kiosk and lobby-screen tokens (`Authorization: Bearer`, device-socket handshakes): a budget of
 * their own (auth/device-auth.ts says why).
 */
export const DEVICE_TOKENS: ProbedTokens = {
  counter: 'device-token-miss',
  refusal: 'Too many unknown device tokens from this network; please wait a few minutes and try again.',
  cause: 'unknown-device-tokens',
};

/**
 * Guards anonymous token lookups per caller address. The check before a lookup is in memory only
 * (no Redis, no database), so it is far cheaper than the lookup it protects, and a valid token
 * costs nothing more; a miss costs one Redis round trip (INCR + EXPIRE NX + TTL in one MULTI),
 * counted in a fixed window shared by every node. The node that sees the count pass the limit
 * refuses the address until the window ends; another node learns it at that address's next miss
 * there, so a script spread over N nodes gets at most N misses past the limit. While refused,
 * an address gets no lookups at all, valid tokens included: telling a hit from a miss is the
 * lookup itself. A customer on the same Wi-Fi as the script keeps the page and socket they have;
 * only a reload waits for the window (the page says so and retries).
 */
export class TokenProbeLimiter {
  private readonly blockedUntil = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
    private readonly logger?: Logger,
    private readonly limits = { misses: TOKEN_MISSES_PER_WINDOW, windowSec: TOKEN_MISS_WINDOW_SEC, inFlight: TOKEN_LOOKUPS_IN_FLIGHT },
    private readonly tokens: ProbedTokens = LINK_TOKENS,
  ) {}

  /**
   * Before a lookup for `ip`: throws RATE_LIMITED (with `retryAfterSec`) when the address is
   * refused or has too many lookups running; otherwise returns the function that ends this one
   * (call it once, in a `finally`).
   */
  enter(ip: string): () => void {
    const key = this.admit(ip);
    const running = this.inFlight.get(key) ?? 0;
    if (running >= this.limits.inFlight) throw this.refusal(1);
    this.inFlight.set(key, running + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }

  /**
   * For a token answered from memory (a live ticket this node follows: no lookup, nothing to
   * wait for): throws RATE_LIMITED only when the address is refused, and takes no in-flight slot.
   * After a restart every phone behind a lobby's Wi-Fi or a carrier's shared address reconnects
   * within seconds; counting those answers against 32 in flight refused most of them. A refused
   * address stays refused for these too, or it could test guesses against memory unhindered.
   * Returns the address's key.
   */
  admit(ip: string): string {
    const key = callerKey(ip);
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      const left = until - Date.now();
      if (left > 0) throw this.refusal(Math.ceil(left / 1000));
      this.blockedUntil.delete(key);
    }
    return key;
  }

  /**
   * A lookup from `ip` found nothing: counts it, and refuses the address here once the window's
   * count passes the limit. A Redis failure is not the caller's problem: the miss is answered as
   * a miss, uncounted.
   */
  async missed(ip: string): Promise<void> {
    const key = callerKey(ip);
    const k = `${this.prefix}rl:${this.tokens.counter}:${key}`;
    try {
      const [count, , ttl] = (await this.redis.multi().incr(k).expire(k, this.limits.windowSec, 'NX').ttl(k).exec()) as unknown as [number, number, number];
      if (Number(count) < this.limits.misses) return;
      // TTL is -1/-2 only if the key lost its expiry or vanished in between: the whole window is a safe answer.
      const left = Number(ttl) > 0 ? Number(ttl) : this.limits.windowSec;
      if (!this.blockedUntil.has(key)) this.logger?.warn({ address: key, misses: Number(count), counter: this.tokens.counter }, 'token lookups refused for an address: too many unknown tokens');
      if (this.blockedUntil.size >= SWEEP_AT) this.sweep();
      this.blockedUntil.set(key, Date.now() + left * 1000);
    } catch (err) {
      this.logger?.warn({ err }, 'token miss not counted');
    }
  }

  private refusal(retryAfterSec: number): AppError {
    return new AppError('RATE_LIMITED', this.tokens.refusal, undefined, { retryAfterSec, cause: this.tokens.cause });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(key);
  }
}
