import type { AppointmentView, BookedAppointment, CheckInResult, SlotsView } from '@tellerline/contracts';
import { api, ApiFailure, NO_CONNECTION } from '$lib/api.js';
import { DAYS_SHOWN } from './booking-flow.svelte.js';
import { firstOpenDay, SLOT_GONE, type Slot } from './booking-logic.js';
import { checkInPhase, nextCheckInChangeIn, type CheckInPhase } from './check-in-window.js';
import { opensAtOf, type CheckInOpens } from './kiosk-checkin.js';

const codeOf = (err: unknown) => (err instanceof ApiFailure ? err.code : 'generic');

/** The server answered no (not a lost answer): whatever it refused, the page may show a booking that changed. */
const refused = (err: unknown) => err instanceof ApiFailure && err.code !== NO_CONNECTION;

/**
 * How often an open manage page reads the booking again while it offers "I'm here": the customer
 * may check in at the kiosk with the code on this very screen, which stays visible meanwhile (no
 * visibilitychange), and the button must not linger. Only inside the window (45 minutes by default),
 * only while visible: a light GET, never a socket for a page that is open for days.
 */
export const MANAGE_WATCH_MS = 30_000;

/** The manage page (/a/<manageToken>): the appointment, rescheduling to a new slot, cancelling. */
export class ManagedAppointment {
  load = $state<'loading' | 'ready' | 'not-found' | 'error'>('loading');
  view = $state<AppointmentView | null>(null);
  /** Set while the customer picks a new time. */
  slots = $state<SlotsView | null>(null);
  slotsLoading = $state(false);
  day = $state<string | null>(null);
  newSlot = $state<Slot | null>(null);
  busy = $state<'reschedule' | 'cancel' | 'check-in' | null>(null);
  /** What just happened ('appt.rescheduled', 'booking.slotFull', …), a key for the page. */
  notice = $state<string | null>(null);
  error = $state<string | null>(null);
  /** CHECK_IN_TOO_EARLY's opening (branch time and day), from the refusal's details. */
  opensAt = $state<CheckInOpens | null>(null);
  /** The server's clock as this page last looked (`look`): the check-in window is the server's. */
  now = $state(Date.now());
  /** The server's clock minus this phone's, as of the last load. */
  private clockOffset = 0;

  constructor(private readonly token: string) {}

  /** Before, inside or after the check-in window, at `now`; null until loaded. */
  get checkInPhase(): CheckInPhase | null {
    return this.view ? checkInPhase(this.view.checkIn, this.now) : null;
  }

  /** When the page should `look` again for the check-in phase to change; null when it never will. */
  get checkInChangeIn(): number | null {
    return this.view && this.view.state === 'booked' ? nextCheckInChangeIn(this.view.checkIn, this.now) : null;
  }

  /** Reads the clock again (a timer calls it when the check-in window opens or closes). */
  look(): void {
    this.now = Date.now() + this.clockOffset;
  }

  private get base(): string {
    return `/api/v1/appointments/${encodeURIComponent(this.token)}`;
  }

  async refresh(): Promise<void> {
    try {
      this.apply(await api<AppointmentView>('GET', this.base));
      this.load = 'ready';
    } catch (err) {
      const code = codeOf(err);
      this.load = code === 'APPOINTMENT_NOT_FOUND' || code === 'VALIDATION_FAILED' || code === 'NOT_FOUND' ? 'not-found' : 'error';
    }
  }

  /**
   * Reads the booking again behind a page already shown (it was cancelled in another tab, checked
   * in at the kiosk, moved by the branch): a failed read keeps what is on screen, and the error or
   * notice of the last action stays (it says why the page changed).
   */
  async reload(): Promise<void> {
    if (this.load !== 'ready') return;
    try {
      this.apply(await api<AppointmentView>('GET', this.base));
    } catch {
      /* keep the page as it is: the next look (visible again, the next tick) tries again */
    }
  }

  private apply(view: AppointmentView): void {
    this.clockOffset = view.now - Date.now();
    this.view = view;
    this.look();
    // No longer booked: no new time to pick for it.
    if (view.state !== 'booked') this.closeReschedule();
  }

  /** "I'm here" is on screen: the one moment the booking changes elsewhere (the kiosk) while the page is watched. */
  get checkInOffered(): boolean {
    return this.view?.state === 'booked' && this.checkInPhase === 'open';
  }

  /**
   * Keeps an open page true to the booking: read again whenever the page becomes visible (another
   * tab or app may have changed it meanwhile) and every MANAGE_WATCH_MS while "I'm here" is
   * offered. Not during an action: it reads the booking itself when done. Returns the stop function.
   */
  watch(): () => void {
    const visible = () => document.visibilityState === 'visible';
    const look = () => {
      if (this.busy === null) void this.reload();
    };
    const onVisible = () => {
      if (visible()) look();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(() => {
      if (visible() && this.checkInOffered) look();
    }, MANAGE_WATCH_MS);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  async openReschedule(): Promise<void> {
    this.notice = null;
    this.error = null;
    this.newSlot = null;
    await this.loadSlots(true);
  }

  closeReschedule(): void {
    this.slots = null;
    this.newSlot = null;
  }

  async loadSlots(pickDay = false): Promise<void> {
    if (!this.view) return;
    this.slotsLoading = true;
    try {
      // Its own slot is left out of the count: the times next to it are free for this move.
      const view = await api<SlotsView>('GET', `${this.base}/slots?days=${DAYS_SHOWN}`);
      // The current slot is not a "new" time.
      const current = this.view.startsAt;
      view.days = view.days.map((d) => ({ ...d, slots: d.slots.filter((s) => s.startsAt !== current) }));
      this.slots = view;
      const still = view.days.find((d) => d.date === this.day);
      if (pickDay || !still || still.slots.length === 0) this.day = firstOpenDay(view.days)?.date ?? null;
    } catch (err) {
      this.error = codeOf(err);
      // Refused (cancelled in another tab...): the picker goes, the page shows the booking as it is.
      if (refused(err)) await this.reload();
    } finally {
      this.slotsLoading = false;
    }
  }

  async reschedule(slot: Slot): Promise<boolean> {
    if (this.busy) return false;
    this.busy = 'reschedule';
    this.error = null;
    this.notice = null;
    try {
      await api<BookedAppointment>('POST', `${this.base}/reschedule`, { startsAt: slot.startsAt });
      this.closeReschedule();
      await this.refresh();
      this.notice = 'appt.rescheduled';
      return true;
    } catch (err) {
      const code = codeOf(err);
      if (SLOT_GONE.has(code)) {
        this.notice = code === 'SLOT_FULL' ? 'booking.slotFull' : 'booking.slotGone';
        this.newSlot = null;
        await this.loadSlots();
      } else {
        this.error = code;
        // Cancelled elsewhere, checked in, missed...: the page shows the booking as it now is.
        if (refused(err)) await this.reload();
      }
      return false;
    } finally {
      this.busy = null;
    }
  }

  /**
   * "I am here" (or the start of a video/phone appointment): checks in from the phone inside the
   * window; the page then shows the queue number and links the ticket page. Too early, it says
   * when check-in opens.
   */
  async checkIn(): Promise<CheckInResult | null> {
    if (this.busy) return null;
    this.busy = 'check-in';
    this.error = null;
    this.notice = null;
    this.opensAt = null;
    try {
      const result = await api<CheckInResult>('POST', `${this.base}/check-in`);
      await this.refresh();
      this.notice = result.late ? 'appt.checkIn.late' : 'appt.checkIn.done';
      return result;
    } catch (err) {
      this.error = codeOf(err);
      if (err instanceof ApiFailure) this.opensAt = opensAtOf({ code: err.code, message: err.message, details: err.details });
      if (refused(err)) await this.reload();
      return null;
    } finally {
      this.busy = null;
    }
  }

  async cancel(): Promise<void> {
    if (this.busy) return;
    this.busy = 'cancel';
    this.error = null;
    this.notice = null;
    try {
      await api<BookedAppointment>('POST', `${this.base}/cancel`);
      this.closeReschedule();
      await this.refresh();
      this.notice = 'appt.cancelled';
    } catch (err) {
      this.error = codeOf(err);
      if (refused(err)) await this.reload();
    } finally {
      this.busy = null;
    }
  }
}
