import type { BranchAddressText } from '@tellerline/contracts/address-text';
import type { BookAppointmentBody, BookedAppointment, BookingChannel, BookingInfo, SlotsView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { BOOKING_RETRY_DELAYS_MS, firstOpenDay, isRetryable, SLOT_GONE, type Slot } from './booking-logic.js';
import { newRequestId } from './kiosk-logic.js';
import { ContactCheck } from './contact-check.svelte.js';
import { CODE_REFUSALS } from './contact-check-logic.js';

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
  readonly phoneCheck = new ContactCheck('sms');
  /** The mailed code, at a branch that confirms e-mail addresses (BookingInfo.emailCheck). */
  readonly emailCheck = new ContactCheck('email');
  /** The details given, while the customer types the code sent to their number or address. */
  held = $state<{ contact: BookAppointmentBody['contact']; history?: BookAppointmentBody['history'] } | null>(null);

  /**
   * The check the details held need: the page's details give a phone number or an e-mail
   * address, and the branch may confirm either (or both, or neither). Null: no code here.
   */
  get check(): ContactCheck | null {
    return this.held ? this.checkFor(this.held.contact) : null;
  }

  /** The number or address the code goes to, null when no code is needed. */
  get codeTo(): string | null {
    const check = this.check;
    return check && this.held ? (this.addressFor(check, this.held.contact) ?? null) : null;
  }

  /** The details held need a code here. */
  get needsCode(): boolean {
    return this.check !== null;
  }

  /** The check a contact needs at this branch, the phone number's first (the page gives one of the two). */
  private checkFor(contact: BookAppointmentBody['contact']): ContactCheck | null {
    if (contact.phone !== undefined && this.info?.phoneCheck === 'required') return this.phoneCheck;
    if (contact.email !== undefined && this.info?.emailCheck === 'required') return this.emailCheck;
    return null;
  }

  /** The address the check goes to, from the details. */
  private addressFor(check: ContactCheck, contact: BookAppointmentBody['contact']): string | undefined {
    return check.channel === 'sms' ? contact.phone : contact.email;
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

  /**
   * The steps, for "step n of N" and Back. The code step counts from the start at a branch that
   * confirms phone numbers or e-mail addresses, so "step 4 of 5" does not turn into "5 of 5" under
   * the customer when the code is sent; once the details are given, only if they need it.
   */
  get steps(): BookingStep[] {
    const code = this.held ? this.needsCode : this.info?.phoneCheck === 'required' || this.info?.emailCheck === 'required';
    return [...(this.branches.length > 1 ? (['branch'] as const) : []), 'service', 'when', 'contact', ...(code ? (['verify'] as const) : [])];
  }

  async chooseBranch(branchId: string, only = false): Promise<void> {
    this.step = 'loading';
    try {
      this.info = await api<BookingInfo>('GET', `/api/v1/branches/${path(branchId)}/booking`);
      this.service = null;
      this.held = null;
      this.phoneCheck.reset();
      this.emailCheck.reset();
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
   * The customer changed their details, or the form found one wrong before sending: a refusal of
   * what was sent before no longer stands beside (or instead of) what they type now.
   */
  edited(): void {
    if (this.step === 'contact') this.error = null;
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
   * The details are given: books the chosen slot, or, for a phone number or e-mail address at a
   * branch that confirms it, sends a code (unless one sent to that address can still be typed) and
   * asks for it. `history`: the customer's opt-in to a kept profile with their needs; absent when unticked.
   */
  async confirm(contact: BookAppointmentBody['contact'], history?: BookAppointmentBody['history']): Promise<BookedAppointment | null> {
    if (this.booking || !this.info || !this.slot) return null;
    const unavailable = (contact.phone !== undefined && this.info.phoneCheck === 'unavailable' && 'PHONE_CHECK_UNAVAILABLE') || (contact.email !== undefined && this.info.emailCheck === 'unavailable' && 'EMAIL_CHECK_UNAVAILABLE');
    const check = this.checkFor(contact);
    if (!check && !unavailable) return this.book(contact, history);
    this.error = null;
    this.notice = null;
    if (unavailable) {
      this.error = unavailable;
      return null;
    }
    this.held = { contact, ...(history ? { history } : {}) };
    this.step = 'verify';
    if (!check!.usableFor(this.addressFor(check!, contact)!)) await this.sendCode();
    return null;
  }

  /** Sends a (new) code to the number or address given; the step shows the countdown and any refusal. */
  async sendCode(): Promise<boolean> {
    const check = this.check;
    const to = this.codeTo;
    if (!this.info || !check || !to) return false;
    return check.send(this.info.branchId, to, this.held!.contact.language);
  }

  /** Books with the code typed (six digits, `typedCode`). */
  async confirmCode(code: string): Promise<BookedAppointment | null> {
    const check = this.check;
    const checkId = check?.checkId;
    if (!this.held || !check || !checkId) return null;
    check.error = null;
    const proof = { checkId, code };
    return this.book(this.held.contact, this.held.history, check.channel === 'sms' ? { phoneCheck: proof } : { emailCheck: proof });
  }

  /** Books the chosen slot; a slot that went meanwhile sends the customer back to the times, refreshed. */
  private async book(contact: BookAppointmentBody['contact'], history?: BookAppointmentBody['history'], proof: Pick<BookAppointmentBody, 'phoneCheck' | 'emailCheck'> = {}): Promise<BookedAppointment | null> {
    if (this.booking || !this.info || !this.service || !this.slot) return null;
    this.booking = true;
    this.error = null;
    this.notice = null;
    const request = { branchId: this.info.branchId, serviceId: this.service.id, startsAt: this.slot.startsAt, channel: this.channel, contact, ...(history ? { history } : {}) };
    // The code is not part of the request: a retry after a lost answer keeps its key whatever is typed.
    const same = JSON.stringify(request);
    if (this.pending?.request !== same) this.pending = { requestId: newRequestId(), request: same };
    const body: BookAppointmentBody = { ...request, ...proof, requestId: this.pending.requestId };
    try {
      const booked = await this.send(body);
      this.pending = null;
      this.phoneCheck.reset();
      this.emailCheck.reset();
      return booked;
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'generic';
      // A refusal is an answer: the next tap is a new request. A lost answer keeps the key.
      if (!isRetryable(code)) this.pending = null;
      const check = this.check;
      if (CODE_REFUSALS.has(code) && this.step === 'verify' && check) {
        check.refused(code, err instanceof ApiFailure ? err.details : undefined);
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
