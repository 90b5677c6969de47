import { BACKGROUND_REQUEST_HEADER, type StaffAppointmentsView } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';

/** Branch events come in bursts (a call is several events): one reload for a burst. */
const SETTLE_MS = 400;
/** Without events (a quiet branch, a broken socket) the list still refreshes: no-shows, new bookings. */
const EVERY_MS = 60_000;

/**
 * The branch's appointments for today (the server's today, in the branch's zone) for the staff
 * panel: reloaded shortly after the branch's events arrive (`changed`, fed from the staff
 * snapshot's seq), and every minute. These loads are the panel's own doing, not the staff
 * member's: they are marked as background requests so an unattended panel still reaches the
 * session's idle timeout, and a load refused for an ended session hands over to `onSignedOut`.
 */
export class TodayAppointments {
  view = $state<StaffAppointmentsView | null>(null);
  /** The last load's error code; the last good list stays shown. */
  error = $state<string | null>(null);
  loading = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private again = false;

  constructor(
    private readonly branchId: string,
    /** The session has ended (UNAUTHENTICATED / SESSION_EXPIRED): the page goes to the sign-in. */
    private readonly onSignedOut: (code: string) => void = () => undefined,
  ) {}

  /** Starts the minute refresh; returns the teardown. */
  start(): () => void {
    void this.refresh();
    const every = setInterval(() => void this.refresh(), EVERY_MS);
    return () => {
      clearInterval(every);
      clearTimeout(this.timer);
    };
  }

  /** The branch changed (a check-in, a call, a no-show): reload once things settle. */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  async refresh(): Promise<void> {
    // One request at a time; a change during it asks for one more.
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      this.view = await api<StaffAppointmentsView>('GET', `/api/v1/branches/${encodeURIComponent(this.branchId)}/appointments`, undefined, {
        [BACKGROUND_REQUEST_HEADER]: '1',
      });
      this.error = null;
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) {
        this.again = false;
        this.onSignedOut(code);
      } else this.error = code;
    } finally {
      this.loading = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }
}
