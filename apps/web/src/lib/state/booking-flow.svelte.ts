import type { BookAppointmentBody, BookedAppointment, BookingChannel, BookingInfo, SlotsView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { firstOpenDay, SLOT_GONE, type Slot } from './booking-logic.js';

export type BookingStep = 'loading' | 'branch' | 'service' | 'when' | 'contact' | 'error';
export type BranchSummary = { id: string; name: { zh: string; en: string }; timezone: string };
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

  async start(): Promise<void> {
    try {
      this.branches = await api<BranchSummary[]>('GET', '/api/v1/branches');
      if (this.branches.length === 1) await this.chooseBranch(this.branches[0]!.id, true);
      else this.step = 'branch';
    } catch (err) {
      this.fail(err);
    }
  }

  /** Steps shown so far, for "step n of N" and Back. */
  get steps(): BookingStep[] {
    return [...(this.branches.length > 1 ? (['branch'] as const) : []), 'service', 'when', 'contact'];
  }

  async chooseBranch(branchId: string, only = false): Promise<void> {
    this.step = 'loading';
    try {
      this.info = await api<BookingInfo>('GET', `/api/v1/branches/${path(branchId)}/booking`);
      this.service = null;
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
    if (this.step === 'contact') this.step = 'when';
    else if (this.step === 'when') this.step = 'service';
    else if (this.step === 'service' && this.branches.length > 1) this.step = 'branch';
  }

  /** Books the chosen slot; a slot that went meanwhile sends the customer back to the times, refreshed. */
  async confirm(contact: BookAppointmentBody['contact']): Promise<BookedAppointment | null> {
    if (this.booking || !this.info || !this.service || !this.slot) return null;
    this.booking = true;
    this.error = null;
    this.notice = null;
    try {
      return await api<BookedAppointment>('POST', '/api/v1/appointments', {
        branchId: this.info.branchId,
        serviceId: this.service.id,
        startsAt: this.slot.startsAt,
        channel: this.channel,
        contact,
      } satisfies BookAppointmentBody);
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'generic';
      if (SLOT_GONE.has(code)) {
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

  private fail(err: unknown): void {
    this.error = err instanceof ApiFailure ? err.code : 'generic';
    this.step = 'error';
  }
}
