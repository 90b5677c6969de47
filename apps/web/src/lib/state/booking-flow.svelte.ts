import type { BranchAddressText } from '@tellerline/contracts/address-text';
import type { BookAppointmentBody, BookedAppointment, BookingChannel, BookingInfo, SlotsView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { BOOKING_RETRY_DELAYS_MS, firstOpenDay, isRetryable, SLOT_GONE, type Slot } from './booking-logic.js';
import { newRequestId } from './kiosk-logic.js';
import { PhoneCheck } from './phone-check.svelte.js';
import { CODE_REFUSALS } from './phone-check-logic.js';

export type BookingStep = 'loading' | 'branch' | 'service' | 'when' | 'contact' | 'verify' | 'error';
/** A branch as the list offers it; `address` per language, null where not set. */
export type BranchSummary = { id: string; name: { zh: string; en: string }; timezone: string; address?: BranchAddressText };
export type BookableService = BookingInfo['services'][number];

/** How many days of slots the page offers (the server allows up to 31 per request). */
export const DAYS_SHOWN = 14;

const path = (s: string) => encodeURIComponent(s);

/** Fetches the free slots of a service from the branch's today (server time) for `days` days. */
export function fetchSlots(branchId: string, serviceId: string, days: number): Promise<SlotsView> {
  return api<SlotsView>('GET', `/api/v1/branches/${path(branchId)}/services/${path(serviceId)}/slots?days=${days}`);
}

/**
 * The booking page: branch (skipped when there is one), service (and channel when it can be done
 * remotely), day and slot, contact details with consent, confirm. The days come from the server
 * (its "today" in the branch's zone), not from the phone's clock.
 */
export class BookingFlow {
  step = $state<BookingStep>('loading');
  branches = $state<BranchSummary[]>([]);
  info = $state<BookingInfo | null>(null);
  service = $state<BookableService | null>(null);
  channel = $state<BookingChannel>('branch');
  slots = $state<SlotsView | null>(null);
  slotsLoading = $state(false);
  day = $state<string | null>(null);
  slot = $state<Slot | null>(null);
  booking = $state(false);
  /** Key of a message about the last action (translated by the page), null when none. */
  notice = $state<string | null>(null);
  error = $state<string | null>(null);
  /**
   * The idempotency key of the booking request whose outcome is unknown (its answer was lost):
   * minted per confirm tap, resent by automatic retries and by the next tap of the same request,
   * so a booking that did reach the server is answered again instead of made twice.
   */
  private pending: { requestId: string; request: string } | null = null;
  /** The texted code, at a branch that confirms phone numbers (BookingInfo.phoneCheck). */
  readonly phoneCheck = new PhoneCheck();
  /** The details given, while the customer types the code texted to their number. */
  held = $state<{ contact: BookAppointmentBody['contact']; history?: BookAppointmentBody['history'] } | null>(null);

  /** A booking with a phone number needs a texted code here (e-mail bookings never do). */
  get needsCode(): boolean {
    return this.info?.phoneCheck === 'required' && this.held?.contact.email === undefined;
  }

  async start(): Promise<void> {
    try {
      // Only branches a customer can book at: a new branch without bookable services is not offered.
      this.branches = await api<BranchSummary[]>('GET', '/api/v1/branches?bookable=true');
      if (this.branches.length === 1) await this.chooseBranch(this.branches[0]!.id, true);
      else this.step = 'branch';
    } catch (err) {
      this.fail(err);
    }
  }

  /** Steps shown so far, for "step n of N" and Back. */
  get steps(): BookingStep[] {
    return [...(this.branches.length > 1 ? (['branch'] as const) : []), 'service', 'when', 'contact', ...(this.needsCode ? (['verify'] as const) : [])];
  }

  async chooseBranch(branchId: string, only = false): Promise<void> {
    this.step = 'loading';
    try {
      this.info = await api<BookingInfo>('GET', `/api/v1/branches/${path(branchId)}/booking`);
      this.service = null;
      this.held = null;
      this.phoneCheck.reset();
      this.step = 'service';
    } catch (err) {
      if (only) this.fail(err);
      else {
        this.error = err instanceof ApiFailure ? err.code : 'generic';
        this.step = 'branch';
      }
    }
  }

  chooseService(service: BookableService): void {
    this.service = service;
    this.channel = service.channels.includes('branch') ? 'branch' : (service.channels[0] ?? 'branch');
    this.slot = null;
    this.notice = null;
    this.step = 'when';
    void this.loadSlots(true);
  }

  chooseChannel(channel: BookingChannel): void {
    if (this.service?.channels.includes(channel)) this.channel = channel;
  }

  /** (Re)loads the slots; `pickDay` moves to the first day with a free slot. */
  async loadSlots(pickDay = false): Promise<void> {
    if (!this.info || !this.service) return;
    this.slotsLoading = true;
    try {
      const view = await fetchSlots(this.info.branchId, this.service.id, Math.min(DAYS_SHOWN, Math.max(1, this.info.maxDaysAhead + 1)));
      this.slots = view;
      const stillThere = view.days.find((d) => d.date === this.day);
      if (pickDay || !stillThere || stillThere.slots.length === 0) this.day = firstOpenDay(view.days)?.date ?? null;
      if (this.slot && !view.days.some((d) => d.slots.some((s) => s.startsAt === this.slot!.startsAt))) this.slot = null;
    } catch (err) {
      this.error = err instanceof ApiFailure ? err.code : 'generic';
    } finally {
      this.slotsLoading = false;
    }
  }

  chooseDay(date: string): void {
    this.day = date;
  }

  chooseSlot(slot: Slot): void {
    this.slot = slot;
    this.notice = null;
    this.error = null;
    this.step = 'contact';
  }

  back(): void {
    this.error = null;
    this.notice = null;
    if (this.step === 'verify') this.step = 'contact';
    else if (this.step === 'contact') this.step = 'when';
    else if (this.step === 'when') this.step = 'service';
    else if (this.step === 'service' && this.branches.length > 1) this.step = 'branch';
  }

  /**
   * Shows a step the customer reached before, as the browser's Back and Forward ask: only with
   * what that step needs still chosen (a Forward to the contact step after the slot went stays
   * on the times). Not while loading, on the error page or while a booking is being sent.
   */
  show(step: BookingStep): void {
    if (this.step === 'loading' || this.step === 'error' || this.booking || step === this.step) return;
    const reachable =
      step === 'branch' ? this.branches.length > 1 : step === 'service' ? this.info !== null : step === 'when' ? this.service !== null : step === 'contact' ? this.service !== null && this.slot !== null : step === 'verify' ? this.held !== null && this.slot !== null : false;
    if (!reachable) return;
    this.error = null;
    this.notice = null;
    this.step = step;
  }

  /**
   * The details are given: books the chosen slot, or, for a phone number at a branch that confirms
   * numbers, texts a code (unless one sent to that number can still be typed) and asks for it.
   * `history`: the customer's opt-in to a kept profile with their needs; absent when unticked.
   */
  async confirm(contact: BookAppointmentBody['contact'], history?: BookAppointmentBody['history']): Promise<BookedAppointment | null> {
    if (this.booking || !this.info || !this.slot) return null;
    const mode = this.info.phoneCheck;
    if (contact.phone === undefined || mode === 'off') return this.book(contact, history);
    this.error = null;
    this.notice = null;
    if (mode === 'unavailable') {
      this.error = 'PHONE_CHECK_UNAVAILABLE';
      return null;
    }
    this.held = { contact, ...(history ? { history } : {}) };
    this.step = 'verify';
    if (!this.phoneCheck.usableFor(contact.phone)) await this.sendCode();
    return null;
  }

  /** Texts a (new) code to the number given; the step shows the countdown and any refusal. */
  async sendCode(): Promise<boolean> {
    const phone = this.held?.contact.phone;
    if (!this.info || !phone) return false;
    return this.phoneCheck.send(this.info.branchId, phone, this.held!.contact.language);
  }

  /** Books with the code typed (six digits, `typedCode`). */
  async confirmCode(code: string): Promise<BookedAppointment | null> {
    const checkId = this.phoneCheck.checkId;
    if (!this.held || !checkId) return null;
    this.phoneCheck.error = null;
    return this.book(this.held.contact, this.held.history, { checkId, code });
  }

  /** Books the chosen slot; a slot that went meanwhile sends the customer back to the times, refreshed. */
  private async book(contact: BookAppointmentBody['contact'], history?: BookAppointmentBody['history'], phoneCheck?: BookAppointmentBody['phoneCheck']): Promise<BookedAppointment | null> {
    if (this.booking || !this.info || !this.service || !this.slot) return null;
    this.booking = true;
    this.error = null;
    this.notice = null;
    const request = { branchId: this.info.branchId, serviceId: this.service.id, startsAt: this.slot.startsAt, channel: this.channel, contact, ...(history ? { history } : {}) };
    // The code is not part of the request: a retry after a lost answer keeps its key whatever is typed.
    const same = JSON.stringify(request);
    if (this.pending?.request !== same) this.pending = { requestId: newRequestId(), request: same };
    const body: BookAppointmentBody = { ...request, ...(phoneCheck ? { phoneCheck } : {}), requestId: this.pending.requestId };
    try {
      const booked = await this.send(body);
      this.pending = null;
      this.phoneCheck.reset();
      return booked;
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'generic';
      // A refusal is an answer: the next tap is a new request. A lost answer keeps the key.
      if (!isRetryable(code)) this.pending = null;
      if (CODE_REFUSALS.has(code) && this.step === 'verify') {
        this.phoneCheck.refused(code, err instanceof ApiFailure ? err.details : undefined);
      } else if (SLOT_GONE.has(code)) {
        this.notice = code === 'SLOT_FULL' ? 'booking.slotFull' : 'booking.slotGone';
        this.slot = null;
        this.step = 'when';
        await this.loadSlots();
      } else {
        this.error = code;
      }
      return null;
    } finally {
      this.booking = false;
    }
  }

  /** Sends the booking, retrying a lost answer or a busy server a few times with the same key. */
  private async send(body: BookAppointmentBody): Promise<BookedAppointment> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api<BookedAppointment>('POST', '/api/v1/appointments', body);
      } catch (err) {
        const code = err instanceof ApiFailure ? err.code : 'generic';
        const delay = BOOKING_RETRY_DELAYS_MS[attempt];
        if (!isRetryable(code) || delay === undefined) throw err;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private fail(err: unknown): void {
    this.error = err instanceof ApiFailure ? err.code : 'generic';
    this.step = 'error';
  }
}
