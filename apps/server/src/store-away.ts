import { ClientClosedError, ClientOfflineError, ConnectionTimeoutError, DisconnectsClientError, ReconnectStrategyError, SocketClosedUnexpectedlyError, SocketTimeoutError, TimeoutError } from 'redis';

/** What a client is told to wait before trying again while Redis is away (its reconnects are sub-second; a restart takes a few). */
export const STORE_AWAY_RETRY_AFTER_SEC = 5;

/** Node's codes for a connection refused, reset or unreachable: the peer is away, not wrong. */
const AWAY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTCONN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether `err` means "Redis is away for a moment" rather than a bug: the node-redis client's
 * own errors for a connection that is closed, closing or being re-established (commands queued
 * while it reconnects fail with TimeoutError after the client's command timeout), a connection
 * that stopped answering (SocketTimeoutError: see `REDIS_STALL_MS` in compose.ts), and
 * socket errors of a refused or reset connection. Looks through `cause` chains and
 * AggregateErrors (BullMQ and the live store may wrap them).
 *
 * Why it matters: during a Redis restart or failover every request that touches the queue or a
 * session fails this way, and a 500 INTERNAL tells screens "something is broken" when the truth
 * is "wait a moment": the edges answer 503 TEMPORARILY_UNAVAILABLE with Retry-After instead.
 */
export function isStoreAway(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  if (
    err instanceof ClientClosedError ||
    err instanceof ClientOfflineError ||
    // The stall watch (redis-stall-watch.ts) ended a connection that stopped answering.
    err instanceof DisconnectsClientError ||
    err instanceof ConnectionTimeoutError ||
    err instanceof ReconnectStrategyError ||
    err instanceof SocketClosedUnexpectedlyError ||
    err instanceof SocketTimeoutError ||
    err instanceof TimeoutError
  ) {
    return true;
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && AWAY_CODES.has(code)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isStoreAway(e, depth + 1))) return true;
  return isStoreAway(err.cause, depth + 1);
}
