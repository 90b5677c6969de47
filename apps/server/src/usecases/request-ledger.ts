import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';

/** How long a request's idempotency key is remembered. */
export const REQUEST_KEY_TTL_SEC = 24 * 60 * 60;
/**
 * How long a claimed key may stay "in flight": a node that died while booking must not block
 * the key for a day. Far longer than a booking takes.
 */
export const REQUEST_PENDING_TTL_SEC = 60;

/** What the ledger knows about a key when a request claims it. */
export type RequestClaim =
  /** Nobody had it: this request books, then calls `complete` (or `release` on failure). */
  | { state: 'claimed' }
  /** Another copy of this request is booking right now. */
  | { state: 'pending' }
  /** Answered already: the token of what it made (a booking's manage token, a ticket's token). */
  | { state: 'done'; token: string }
  /** The key was used for a request with a different body. */
  | { state: 'conflict' };

/**
 * Idempotency keys of requests (bookings, kiosk tickets). `claim` is atomic: of many requests
 * claiming a fresh key at once exactly one gets 'claimed'. Keys are forgotten after
 * `REQUEST_KEY_TTL_SEC`.
 */
export interface RequestLedger {
  claim(key: string, fingerprint: string): Promise<RequestClaim>;
  complete(key: string, fingerprint: string, token: string): Promise<void>;
  release(key: string): Promise<void>;
}

type Entry = { f: string; t: string | null };

function readClaim(raw: string | null, fingerprint: string): RequestClaim {
  if (raw === null) return { state: 'claimed' };
  const entry = JSON.parse(raw) as Entry;
  if (entry.f !== fingerprint) return { state: 'conflict' };
  return entry.t ? { state: 'done', token: entry.t } : { state: 'pending' };
}

/** The ledger in Redis: `SET NX GET` claims (Redis >= 7.0), shared by every api node. */
export function createRedisRequestLedger(redis: RedisClientType, prefix: string): RequestLedger {
  const keyOf = (key: string) => `${prefix}${key}`;
  return {
    async claim(key, fingerprint) {
      const pending = JSON.stringify({ f: fingerprint, t: null } satisfies Entry);
      const old = await redis.sendCommand<string | null>(['SET', keyOf(key), pending, 'NX', 'GET', 'EX', String(REQUEST_PENDING_TTL_SEC)]);
      return readClaim(old, fingerprint);
    },
    async complete(key, fingerprint, token) {
      await redis.sendCommand(['SET', keyOf(key), JSON.stringify({ f: fingerprint, t: token } satisfies Entry), 'EX', String(REQUEST_KEY_TTL_SEC)]);
    },
    async release(key) {
      await redis.sendCommand(['DEL', keyOf(key)]);
    },
  };
}

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The request as parsed, without its idempotency key (so '2026-03-03T11:00:00+08:00' and its
 * epoch ms are the same booking request).
 */
export function requestFingerprint(request: object): string {
  return createHash('sha256').update(canonical(request)).digest('base64url');
}
