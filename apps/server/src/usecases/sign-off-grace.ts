import type { Logger } from '../logger.js';

/**
 * The time staff get to sign in again after Redis lost their sessions, before a counter whose
 * person has no session is signed off (`system:session-ended`).
 *
 * Why: sessions live in Redis. A teller who closes the browser keeps the counter until the
 * session's idle timeout (SESSION_IDLE_MIN) passes without them: that is the grace the sweeps
 * normally give. When Redis lost its data every session went at once, and the panels' resync
 * after the rebuild found none: every idle teller was signed off within 100 ms, and the wait
 * estimates jumped as if the staff had left. After a rebuild the same grace now runs from the
 * rebuild; the scheduler's sweep signs off whoever has not signed in again by then.
 */
export interface SignOffGrace {
  /** A rebuilt live state: the grace starts now (again). */
  restart(): void;
  /** Whether counters without a session are still left alone. */
  holds(): boolean;
}

export function createSignOffGrace(deps: { graceMs: number; now: () => number; logger: Logger }): SignOffGrace {
  let since: number | null = null;
  return {
    restart() {
      since = deps.now();
      deps.logger.warn(
        { graceMin: Math.round(deps.graceMs / 60_000) },
        'staff sessions were lost with Redis: staff sign in again; counters stay signed on until this grace (SESSION_IDLE_MIN) has passed',
      );
    },
    holds: () => since !== null && deps.now() - since < deps.graceMs,
  };
}
