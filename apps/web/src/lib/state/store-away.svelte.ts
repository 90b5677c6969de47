import type { ErrorDetails } from './staff-errors.js';

/** Between checks when the refusal says nothing (the server sends 5 s), and never more than this. */
const DEFAULT_RETRY_SEC = 5;
const MAX_RETRY_SEC = 30;

/** The refusal that means "the server's store is away for a moment; the same request will work soon". */
export const STORE_AWAY = 'TEMPORARILY_UNAVAILABLE';

/**
 * While the server answers TEMPORARILY_UNAVAILABLE (Redis restarting or failing over), a screen
 * says it is reconnecting and tries again by itself after Retry-After (`details.retryAfterSec`),
 * until an answer comes: the staff panel reloads its snapshot, the kiosk resends the ticket
 * request (under the same request id, so never two tickets). `retry` reports each new refusal
 * back through `report`; whoever gets an answer calls `back`.
 */
export class StoreAwayWatch {
  away = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly retry: () => Promise<unknown>) {}

  /** The server said its store is away: mark it, and try again after the delay it asked for. */
  report(details: ErrorDetails | null | undefined): void {
    this.away = true;
    if (this.timer !== undefined) return;
    const asked = details?.retryAfterSec;
    const sec = typeof asked === 'number' && asked > 0 ? Math.min(MAX_RETRY_SEC, asked) : DEFAULT_RETRY_SEC;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry().finally(() => {
        // Still away and nobody re-armed it (a refusal other than "away" ends the watch too).
        if (this.away && this.timer === undefined) this.report(details);
      });
    }, sec * 1000);
  }

  /** An answer came: the store is back. */
  back(): void {
    this.away = false;
    this.stop();
  }

  /** Stops trying (the screen is closing, the customer walked away). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
