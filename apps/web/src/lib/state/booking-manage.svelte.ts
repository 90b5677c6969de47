import type { AppointmentView, BookedAppointment, CheckInResult, SlotsView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { DAYS_SHOWN } from './booking-flow.svelte.js';
import { firstOpenDay, SLOT_GONE, type Slot } from './booking-logic.js';
import { checkInPhase, nextCheckInChangeIn, type CheckInPhase } from './check-in-window.js';
import { opensAtOf, type CheckInOpens } from './kiosk-checkin.js';

const codeOf = (err: unknown) => (err instanceof ApiFailure ? err.code : 'generic');

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
      const view = await api<AppointmentView>('GET', this.base);
      this.clockOffset = view.now - Date.now();
      this.view = view;
      this.look();
      this.load = 'ready';
    } catch (err) {
      const code = codeOf(err);
      this.load = code === 'APPOINTMENT_NOT_FOUND' || code === 'VALIDATION_FAILED' || code === 'NOT_FOUND' ? 'not-found' : 'error';
    }
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
      } else this.error = code;
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
      if (this.error === 'CHECK_IN_CLOSED' || this.error === 'APPOINTMENT_MISSED') await this.refresh();
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
    } finally {
      this.busy = null;
    }
  }
}
