import type { CheckInResult, CheckInTooEarlyDetails } from '@tellerline/contracts';
import { DomainError, formatHm, localTimeOf, offsetAt, type BranchState, type Ticket } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Actor, BranchCommands } from './branch-commands.js';
import type { BookingCalendar } from './booking-calendar.js';
import { appointmentTicketId } from './booking-ids.js';
import { noShowAt, type BookingManage } from './booking-manage.js';
import type { Appointment, BookingStore } from './booking-ports.js';
import type { BookingViews } from './booking-views.js';
import { newToken } from './ids.js';
import type { GuessGuard } from './kiosk-guesses.js';
import type { Clock, TicketLookup } from './ports.js';
import type { Views } from './views.js';

/** How early a no-show job may run and still count as due (clock skew between nodes). */
const NO_SHOW_TOLERANCE_MS = 5_000;

/** When check-in opens, in the branch's wall clock: ISO 8601 with its UTC offset, and HH:MM. */
export function opensAtDetails(instant: number, timeZone: string): CheckInTooEarlyDetails {
  const { date, minutes } = localTimeOf(instant, timeZone);
  const hm = formatHm(minutes);
  const offsetMin = Math.round(offsetAt(instant, timeZone) / 60_000);
  const abs = Math.abs(offsetMin);
  const offset = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { opensAt: `${date}T${hm}:00${offset}`, opensAtLocal: hm };
}

export interface ArrivalDeps {
  manage: BookingManage;
  bookingViews: BookingViews;
  store: BookingStore;
  commands: BranchCommands;
  views: Pick<Views, 'ticketFrom' | 'fromRecord' | 'liveState'>;
  tickets: TicketLookup;
  calendar: Pick<BookingCalendar, 'dropped'>;
  /** Wrong codes per kiosk: a device token must not become a way to guess strangers' codes. */
  guesses: GuessGuard;
  clock: Clock;
}

const notFound = (err: unknown) => err instanceof AppError && err.code === 'APPOINTMENT_NOT_FOUND';

/**
 * Check-in at the kiosk (by code) or from the phone (manage link), inside the window from
 * `checkInEarlyMin` before the slot to `checkInLateMin` after it. It issues the queue ticket
 * `kind: 'appointment', appointmentAt: startsAt` (the engine raises its urgency near that time),
 * or a walk-in ticket when the customer came after the branch's `routing.appointmentLateMin`.
 * A repeated check-in answers with the same ticket while it is in the queue (TICKET_ENDED once it
 * has left it): the ticket id is derived from the appointment, and the appointment moves
 * booked -> checked-in by compare-and-set.
 */
export function createArrival(deps: ArrivalDeps) {
  const { manage, bookingViews, store, commands, views, tickets, calendar, guesses, clock } = deps;

  async function ticketFor(a: Appointment, state: BranchState, actor: Actor | null): Promise<CheckInResult> {
    const ticketId = a.ticketId ?? appointmentTicketId(a.id);
    const kind = a.lateArrival ? 'walk-in' : 'appointment';
    const result = (s: BranchState, t: Ticket): CheckInResult => ({ token: t.token, ticketId, view: views.ticketFrom(s, t), kind, late: a.lateArrival, appointmentAt: a.startsAt, code: a.code });
    const live = state.tickets[ticketId];
    if (live) return result(state, live);
    const record = await tickets.byId(ticketId);
    if (record) return { token: record.token, ticketId, view: views.fromRecord(state, record), kind, late: a.lateArrival, appointmentAt: a.startsAt, code: a.code };
    const issue = {
      type: 'issue',
      ticketId,
      token: newToken(),
      serviceId: a.serviceId,
      kind,
      priority: 'normal',
      ...(a.customerId ? { customerId: a.customerId } : {}),
      ...(kind === 'appointment' ? { appointmentAt: a.startsAt } : { booked: true }),
    } as const;
    try {
      const out = await commands.run(a.branchId, issue, actor);
      return result(out.state, out.state.tickets[ticketId]!);
    } catch (err) {
      // A racing copy of this check-in issued it first.
      if (err instanceof DomainError && err.code === 'DUPLICATE_TICKET') {
        const s = await views.liveState(a.branchId);
        const t = s.tickets[ticketId];
        if (t) return result(s, t);
      }
      throw err;
    }
  }

  /**
   * A repeated check-in answers with the ticket only while it is still in the queue. Once the visit
   * is over (served, missed when called, cancelled) "you are checked in" would send the customer to
   * wait for a number nobody will call: TICKET_ENDED, as for a scanned ticket that left the queue,
   * with the number and what became of it, so the kiosk says so and offers a new ticket.
   */
  function stillQueued(r: CheckInResult): CheckInResult {
    const { status, number } = r.view;
    if (status === 'done' || status === 'cancelled' || status === 'no-show') {
      throw new AppError('TICKET_ENDED', `${number} has left the queue (${status}); take a new ticket if you still need service.`, undefined, { number, status });
    }
    return r;
  }

  async function checkIn(a: Appointment, actor: Actor | null, retried = false): Promise<CheckInResult> {
    if (a.state === 'cancelled') throw new AppError('APPOINTMENT_CANCELLED', 'This appointment was cancelled.');
    if (a.state === 'no-show') throw new AppError('APPOINTMENT_MISSED', 'This appointment was missed; please take a ticket.');
    const state = await views.liveState(a.branchId);
    if (a.state !== 'booked') return stillQueued(await ticketFor(a, state, actor));

    const b = await manage.branch(a.branchId);
    const w = await bookingViews.windows(a, b);
    const now = clock.now();
    if (now < w.opensAt) {
      // The time in `details` too: screens show it in their own words without reading the message.
      const opens = opensAtDetails(w.opensAt, b.timezone);
      throw new AppError('CHECK_IN_TOO_EARLY', `Check-in opens at ${opens.opensAtLocal}, ${b.settings.checkInEarlyMin} minutes before your appointment.`, undefined, opens);
    }
    if (now > w.closesAt) {
      if (await store.transition(a.id, ['booked'], { state: 'no-show' }, a.version)) await calendar.dropped(a);
      throw new AppError('CHECK_IN_CLOSED', 'Check-in for this appointment has closed; please take a ticket.');
    }
    const late = now > w.keepsSlotUntil;
    const ticketId = appointmentTicketId(a.id);
    const checkedIn = await store.transition(a.id, ['booked'], { state: 'checked-in', ticketId, checkedInAt: now, lateArrival: late }, a.version);
    if (!checkedIn) {
      // Checked in by a racing request, moved, or cancelled meanwhile: decide on what is stored now.
      const again = await store.findById(a.id);
      if (!again || retried) throw new AppError('BUSY_RETRY', 'The appointment changed meanwhile; try again.');
      return checkIn(again, actor, true);
    }
    let result: CheckInResult;
    try {
      result = await ticketFor(checkedIn, state, actor);
    } catch (err) {
      // No ticket: let the customer try again (or take a walk-in ticket) rather than hold a dead check-in.
      await store.transition(a.id, ['checked-in'], { state: 'booked' });
      throw err;
    }
    await manage.disarm(a);
    return result;
  }

  return {
    /**
     * Kiosk: the six-character code, at the branch whose kiosk it is. Wrong codes are limited per
     * kiosk (RATE_LIMITED past KIOSK_GUESSES_MAX in the window; kiosk-guesses.ts).
     */
    async byCode(branchId: string, code: string, actor: Actor): Promise<CheckInResult> {
      return guesses.run(actor, branchId, 'check-in', notFound, async () => {
        const a = await store.findByCode(branchId, code);
        if (!a) throw new AppError('APPOINTMENT_NOT_FOUND', 'No appointment with this code at this branch.');
        return checkIn(a, actor);
      });
    },

    /**
     * Kiosk: a scanned manage link. The kiosk (device token) checks in an appointment of its own
     * branch and gets the ticket, as with the code; another branch's appointment is "not found".
     */
    async byManageTokenAtKiosk(branchId: string, manageToken: string, actor: Actor): Promise<CheckInResult> {
      return guesses.run(actor, branchId, 'check-in', notFound, async () => {
        const a = await store.findByManageToken(manageToken);
        if (!a || a.branchId !== branchId) throw new AppError('APPOINTMENT_NOT_FOUND', 'No appointment with this link at this branch.');
        return checkIn(a, actor);
      });
    },

    /** Phone: the manage link ("I am here", or the start of a video/phone appointment). */
    async byManageToken(manageToken: string, actor: Actor | null): Promise<CheckInResult> {
      return checkIn(await manage.byToken(manageToken), actor);
    },

    /**
     * The no-show timer: a booked appointment of this version whose check-in window has closed.
     * Throws when it runs early (clock skew), so BullMQ retries it a little later.
     */
    async markNoShow(appointmentId: string, version: number): Promise<'no-show' | 'skipped'> {
      const a = await store.findById(appointmentId);
      if (!a || a.state !== 'booked' || a.version !== version) return 'skipped';
      const due = noShowAt(a, await manage.branch(a.branchId));
      if (clock.now() < due - NO_SHOW_TOLERANCE_MS) throw new Error(`appointment ${a.id} no-show is due at ${due}, not yet`);
      if (!(await store.transition(a.id, ['booked'], { state: 'no-show' }, version))) return 'skipped';
      await calendar.dropped(a);
      return 'no-show';
    },
  };
}

export type Arrival = ReturnType<typeof createArrival>;
