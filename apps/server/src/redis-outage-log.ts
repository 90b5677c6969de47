import type { Logger } from './logger.js';

/**
 * What the log says while Redis is away. Why: every Redis connection (the main client, BullMQ's
 * queues, workers and their duplicates) reports each failed reconnect as an 'error' event, and
 * each was logged with its stack: about 8 lines a second, 322 for a 40-second outage, burying
 * everything else. Now the process says once that Redis is lost, reminds at most every
 * `remindEveryMs` with how many errors it has had since, and says once that it is back.
 */
export interface RedisOutageLog {
  /** A connection-level error of any Redis connection (`connection` names which, for the first line). */
  error(err: unknown, connection: string): void;
  /** Redis answered the main client again: the outage is over. */
  back(): void;
}

export const REDIS_OUTAGE_REMIND_MS = 30_000;

/** The error in one line: no stack (it is always the same reconnect path). */
function brief(err: unknown): { error: string; code?: string } {
  const e = err as { message?: unknown; code?: unknown; name?: unknown } | null;
  const message = typeof e?.message === 'string' && e.message ? e.message : typeof e?.name === 'string' ? e.name : String(err);
  return typeof e?.code === 'string' ? { error: message, code: e.code } : { error: message };
}

export function createRedisOutageLog(logger: Logger, options: { remindEveryMs?: number; now?: () => number } = {}): RedisOutageLog {
  const remindEveryMs = options.remindEveryMs ?? REDIS_OUTAGE_REMIND_MS;
  const now = options.now ?? (() => Date.now());
  let downSince: number | null = null;
  let lastLine = 0;
  let errorsSinceLine = 0;
  let errorsInOutage = 0;
  return {
    error(err, connection) {
      const t = now();
      if (downSince === null) {
        downSince = t;
        lastLine = t;
        errorsSinceLine = 0;
        errorsInOutage = 1;
        logger.warn({ connection, ...brief(err) }, `redis connection lost; reconnecting (a reminder at most every ${Math.round(remindEveryMs / 1000)} s until it is back)`);
        return;
      }
      errorsSinceLine++;
      errorsInOutage++;
      if (t - lastLine >= remindEveryMs) {
        logger.warn({ downSec: Math.round((t - downSince) / 1000), errors: errorsSinceLine, ...brief(err) }, 'redis still unreachable; reconnecting');
        lastLine = t;
        errorsSinceLine = 0;
      }
    },
    back() {
      if (downSince === null) return;
      logger.info({ downSec: Math.round((now() - downSince) / 1000), errors: errorsInOutage }, 'redis connection back');
      downSince = null;
    },
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_ERRORS = new Set(['SocketClosedUnexpectedlyError', 'ConnectionTimeoutError', 'SocketTimeoutError', 'TimeoutError', 'ClientClosedError', 'ClientOfflineError', 'ReconnectStrategyError']);

/**
 * Whether an error a BullMQ queue or worker emits is its Redis connection failing (then it goes to
 * the outage log) rather than something else worth its own line.
 */
export function isRedisConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; constructor?: { name?: unknown }; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && CONNECTION_ERRORS.has(e.name)) return true;
  if (typeof e.constructor?.name === 'string' && CONNECTION_ERRORS.has(e.constructor.name)) return true;
  return typeof e.message === 'string' && /ECONNREFUSED|ECONNRESET|Socket closed unexpectedly|Connection is closed|The client is closed|client is offline/i.test(e.message);
}

/**
 * The 'error' listener of a BullMQ queue or worker (without one, an 'error' event ends the
 * process): its connection failing goes to the outage log, anything else gets its own line.
 */
export function queueErrorListener(logger: Logger, outage: RedisOutageLog | undefined, label: string): (err: Error) => void {
  return (err) => {
    if (outage && isRedisConnectionError(err)) outage.error(err, label);
    else logger.warn({ err }, `${label} error`);
  };
}
