import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { BookAppointmentBody, BookedAppointment } from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { BookingManage } from './booking-manage.js';
import { presentBooked } from './booking-manage.js';
import type { BookingStore, RateLimiter } from './booking-ports.js';

/** How long a booking's idempotency key is remembered. */
export const REQUEST_KEY_TTL_SEC = 24 * 60 * 60;
/**
 * How long a claimed key may stay "in flight": a node that died while booking must not block
 * the key for a day. Far longer than a booking takes.
 */
export const REQUEST_PENDING_TTL_SEC = 60;
/** How long a duplicate waits for the first copy of its request to finish. */
const WAIT_STEP_MS = 50;
const WAIT_STEPS = 200;

/** What the ledger knows about a key when a request claims it. */
export type RequestClaim =
  /** Nobody had it: this request books, then calls `complete` (or `release` on failure). */
  | { state: 'claimed' }
  /** Another copy of this request is booking right now. */
  | { state: 'pending' }
  /** Answered already: the booking's manage token. */
  | { state: 'done'; manageToken: string }
  /** The key was used for a request with a different body. */
  | { state: 'conflict' };

/**
 * Idempotency keys of requests (bookings, kiosk tickets). `claim` is atomic: of many requests
 * claiming a fresh key at once exactly one gets 'claimed'. Keys are forgotten after
 * `REQUEST_KEY_TTL_SEC`.
 */
export interface BookingRequestLedger {
  claim(key: string, fingerprint: string): Promise<RequestClaim>;
  complete(key: string, fingerprint: string, manageToken: string): Promise<void>;
  release(key: string): Promise<void>;
}

type Entry = { f: string; t: string | null };

function readClaim(raw: string | null, fingerprint: string): RequestClaim {
  if (raw === null) return { state: 'claimed' };
  const entry = JSON.parse(raw) as Entry;
  if (entry.f !== fingerprint) return { state: 'conflict' };
  return entry.t ? { state: 'done', manageToken: entry.t } : { state: 'pending' };
}

/** The ledger in Redis: `SET NX GET` claims (Redis >= 7.0), shared by every api node. */
export function createRedisRequestLedger(redis: RedisClientType, prefix: string): BookingRequestLedger {
  const keyOf = (key: string) => `${prefix}${key}`;
  return {
    async claim(key, fingerprint) {
      const pending = JSON.stringify({ f: fingerprint, t: null } satisfies Entry);
      const old = await redis.sendCommand<string | null>(['SET', keyOf(key), pending, 'NX', 'GET', 'EX', String(REQUEST_PENDING_TTL_SEC)]);
      return readClaim(old, fingerprint);
    },
    async complete(key, fingerprint, manageToken) {
      await redis.sendCommand(['SET', keyOf(key), JSON.stringify({ f: fingerprint, t: manageToken } satisfies Entry), 'EX', String(REQUEST_KEY_TTL_SEC)]);
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

export interface BookingRequestDeps {
  manage: Pick<BookingManage, 'book'>;
  store: Pick<BookingStore, 'findByManageToken'>;
  ledger: BookingRequestLedger;
  /** Bookings per caller IP (every attempt that reaches the slot check counts). */
  limiter: RateLimiter;
}

/**
 * POST /appointments made safe against retries and abuse. A request with a `requestId` claims
 * it first: a retry of an answered request gets the same booking back (it does not count against
 * the limit, and the slot may be full by now: it is this customer's place), a copy arriving while
 * the first is still booking waits for it, and a different request under the same key is
 * refused. Every new attempt counts against the caller's IP limit.
 */
export function createBookingRequests(deps: BookingRequestDeps) {
  const { manage, store, ledger, limiter } = deps;

  async function limited(ip: string): Promise<void> {
    if (!(await limiter.hit(ip))) throw new AppError('RATE_LIMITED', 'Too many bookings from this address; please try again later.');
  }

  async function replay(manageToken: string): Promise<BookedAppointment> {
    const a = await store.findByManageToken(manageToken);
    if (!a) throw new AppError('APPOINTMENT_NOT_FOUND', 'The booking made for this request no longer exists.');
    return presentBooked(a);
  }

  return {
    /** Books; `replayed` when the answer is the booking an earlier copy of this request made. */
    async book(body: BookAppointmentBody, ip: string): Promise<{ booked: BookedAppointment; replayed: boolean }> {
      const { requestId, ...request } = body;
      if (!requestId) {
        await limited(ip);
        return { booked: await manage.book(request), replayed: false };
      }
      const fingerprint = requestFingerprint(request);
      for (let step = 0; step < WAIT_STEPS; step++) {
        const claim = await ledger.claim(requestId, fingerprint);
        if (claim.state === 'conflict') throw new AppError('REQUEST_ID_REUSED', 'This requestId was used for a different booking request; send a new one.');
        if (claim.state === 'done') return { booked: await replay(claim.manageToken), replayed: true };
        if (claim.state === 'pending') {
          await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
          continue;
        }
        let booked: BookedAppointment;
        try {
          await limited(ip);
          booked = await manage.book(request);
        } catch (err) {
          // Not booked: a retry of this request may try again (and a waiting copy will).
          await ledger.release(requestId);
          throw err;
        }
        // Booked: answer even if the ledger write fails (the key then expires as pending, and only
        // a retry after that could book again), rather than make the customer think it failed.
        await ledger.complete(requestId, fingerprint, booked.manageToken).catch(() => undefined);
        return { booked, replayed: false };
      }
      throw new AppError('BUSY_RETRY', 'The same booking request is still being handled; try again.');
    },
  };
}

export type BookingRequests = ReturnType<typeof createBookingRequests>;
