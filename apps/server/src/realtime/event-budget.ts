/**
 * What one socket may send. Our clients send little: a resync on every (re)connect, a lobby
 * screen's or kiosk's resync after each `lobby:changed` (one per saved set-up change), a phone's
 * resync once a minute, a staff panel's commands one at a time (each awaits its answer before
 * the next button works). A burst of 40 covers a reconnect landing among a run of set-up saves
 * many times over; 10 a second sustained is beyond any person pressing buttons. A script over
 * one socket met the old unlimited loop with thousands of resyncs a second, which queued the
 * node's Redis and database work behind them (and its Redis health probe: a false stall).
 */
export const SOCKET_EVENT_BURST = 40;
export const SOCKET_EVENTS_PER_SEC = 10;
/**
 * Refused events in one window after which the socket is closed: a client that ignores
 * RATE_LIMITED and keeps sending at twenty times the sustained rate is no screen of ours, and
 * even its refusals cost an answer each.
 */
export const SOCKET_REFUSALS_TO_CUT = 200;
export const SOCKET_REFUSAL_WINDOW_MS = 10_000;

export type Verdict = 'ok' | 'refused' | 'cut';

export interface EventBudgetLimits {
  burst: number;
  perSec: number;
  refusalsToCut: number;
  refusalWindowMs: number;
}

export const EVENT_BUDGET: EventBudgetLimits = {
  burst: SOCKET_EVENT_BURST,
  perSec: SOCKET_EVENTS_PER_SEC,
  refusalsToCut: SOCKET_REFUSALS_TO_CUT,
  refusalWindowMs: SOCKET_REFUSAL_WINDOW_MS,
};

/**
 * A token bucket per socket, in memory: the check is a few arithmetic operations, no Redis round
 * trip on every event. It lives as long as its socket; a reconnect starts full, which the
 * handshake (authenticated, and limited for ticket tokens) already costs a flood to obtain.
 */
export class EventBudget {
  private tokens: number;
  private refilledAt: number;
  private refusals = 0;
  private refusalsSince = 0;

  constructor(
    now: number,
    private readonly limits: EventBudgetLimits = EVENT_BUDGET,
  ) {
    this.tokens = limits.burst;
    this.refilledAt = now;
  }

  /** Takes one event's worth at `now` (ms): 'ok' to handle it, 'refused' to answer RATE_LIMITED, 'cut' to close the socket. */
  take(now: number): Verdict {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.limits.burst, this.tokens + (elapsed * this.limits.perSec) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'ok';
    }
    if (now - this.refusalsSince >= this.limits.refusalWindowMs) {
      this.refusals = 0;
      this.refusalsSince = now;
    }
    this.refusals += 1;
    return this.refusals > this.limits.refusalsToCut ? 'cut' : 'refused';
  }
}
