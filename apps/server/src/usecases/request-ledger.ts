import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { z } from 'zod';

/** How long a request's idempotency key is remembered. */
export const REQUEST_KEY_TTL_SEC = 24 * 60 * 60;
/**
 * How long a claimed key may stay "in flight": a node that died while booking must not block
 * the key for a day. Far longer than a booking takes.
 */
export const REQUEST_PENDING_TTL_SEC = 60;

/** What the ledger knows about a key when a request claims it. */
export type RequestClaim<A = string> =
  /** Nobody had it: this request books, then calls `complete` (or `release` on failure). */
  | { state: 'claimed' }
  /** Another copy of this request is booking right now. */
  | { state: 'pending' }
  /** Answered already: what it made, as the ledger keeps it (see {@link AnswerFormat}). */
  | { state: 'done'; answer: A }
  /** The key was used for a request with a different body. */
  | { state: 'conflict' };

/**
 * Idempotency keys of requests (bookings, kiosk tickets). `claim` is atomic: of many requests
 * claiming a fresh key at once exactly one gets 'claimed'. Keys are forgotten after
 * `REQUEST_KEY_TTL_SEC`. `Written` is what `complete` records, `Read` what a later claim gets
 * back (more than `Written` where entries of an older shape may still be read).
 */
export interface RequestLedger<Written = string, Read = Written> {
  claim(key: string, fingerprint: string): Promise<RequestClaim<Read>>;
  complete(key: string, fingerprint: string, answer: Written): Promise<void>;
  release(key: string): Promise<void>;
}

/**
 * How a ledger keeps an answer in its entry, beside the request's fingerprint `f`: the fields it
 * writes, and the answer read back from an entry (null: none yet, the request is in flight).
 * A pending entry is `{ f, t: null }`, as every version of the ledger has written it.
 */
export interface AnswerFormat<Written, Read = Written> {
  fields(answer: Written): Record<string, string | number>;
  read(entry: Record<string, unknown>): Read | null;
}

/** The answer as a token in field `t`: a kiosk ticket's (the branch's live state and events hold it as well). */
export const tokenAnswer: AnswerFormat<string> = {
  fields: (token) => ({ t: token }),
  read: (entry) => (typeof entry.t === 'string' && entry.t !== '' ? entry.t : null),
};

const Entry = z.looseObject({ f: z.string() });

function readClaim<A>(raw: string | null, fingerprint: string, format: AnswerFormat<unknown, A>): RequestClaim<A> {
  if (raw === null) return { state: 'claimed' };
  let entry: z.infer<typeof Entry>;
  try {
    entry = Entry.parse(JSON.parse(raw));
  } catch {
    // Not written by any version of this ledger: nobody can tell whether it booked, so neither
    // replay nor book again; the caller answers an error and the key expires.
    throw new Error('unreadable request ledger entry');
  }
  if (entry.f !== fingerprint) return { state: 'conflict' };
  const answer = format.read(entry);
  return answer === null ? { state: 'pending' } : { state: 'done', answer };
}

/** The ledger in Redis: `SET NX GET` claims (Redis >= 7.0), shared by every api node. */
export function createRedisRequestLedger<Written, Read>(redis: RedisClientType, prefix: string, format: AnswerFormat<Written, Read>): RequestLedger<Written, Read> {
  const keyOf = (key: string) => `${prefix}${key}`;
  return {
    async claim(key, fingerprint) {
      const pending = JSON.stringify({ f: fingerprint, t: null });
      const old = await redis.sendCommand<string | null>(['SET', keyOf(key), pending, 'NX', 'GET', 'EX', String(REQUEST_PENDING_TTL_SEC)]);
      return readClaim(old, fingerprint, format);
    },
    async complete(key, fingerprint, answer) {
      await redis.sendCommand(['SET', keyOf(key), JSON.stringify({ ...format.fields(answer), f: fingerprint }), 'EX', String(REQUEST_KEY_TTL_SEC)]);
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
