import {
  BookingSettings,
  neededOnly,
  type BookAppointmentBody,
  type BookedAppointment,
  type BookingSettingsBody,
  type BookingSettingsPatchBody,
  type BookingSettingsView,
  type ClosureHasBookingsDetails,
  type StaleSettingsDetails,
} from '@tellerline/contracts';
import { checkSlot, type SlotCheck } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BookingCalendar } from './booking-calendar.js';
import { newBookingCode, newRoomName } from './booking-ids.js';
import type {
  Appointment,
  AppointmentChange,
  AppointmentTimers,
  BookingCustomer,
  BookingSettingsUpdate,
  BookingStore,
  BookingTx,
  CustomerBook,
  NewBookingCustomer,
  RefusalNoticeKind,
} from './booking-ports.js';
import { bookableService, settingsView, toBranchBooking, type BookingService, type BranchBooking } from './booking-settings.js';
import { bookingSettingsChanges, type BookingSettingsChanges } from './booking-settings-changes.js';
import { addedClosures, bookingsTaken, refuseBadClosures, type AddedClosure } from './closure-rules.js';
import type { Actor } from './branch-commands.js';
import type { ContactAddresses, ContactSends, TakenSend } from './contact-sends.js';
import type { ConsentRequests } from './history-consent-requests.js';
import type { Clock } from './ports.js';

const MIN = 60_000;
/** Bookings read around a slot for its capacity check: more than any duration plus buffers. */
const AROUND = 24 * 60 * MIN;

export interface BookingManageDeps {
  store: BookingStore;
  customers: CustomerBook;
  timers: AppointmentTimers;
  /** Tells the branch's live state which of today's appointments to expect. */
  calendar: Pick<BookingCalendar, 'booked' | 'dropped'>;
  /**
   * Applies the branch's stored configuration to its live state (a `configure` command): whether
   * a service takes walk-ins is part of it, and the kiosk must stop (or start) offering it at once.
   */
  reconfigure(branchId: string, actor: Actor | null): Promise<unknown>;
  /**
   * Asks a joined profile's own contact to confirm a ticked consent (history-consent-requests.ts);
   * without it a joined profile's consent is never given by a booking.
   */
  consentRequests?: Pick<ConsentRequests, 'ask'>;
  /** Tells what this node keeps of a branch's settings (its walk-in hours) that they were just written. */
  settingsSaved?(branchId: string): void;
  /** Confirmations per phone number and e-mail address (contact-sends.ts); none: not limited. */
  contactSends?: ContactSends;
  clock: Clock;
  logger: Logger;
}

export function icsPath(a: Pick<Appointment, 'manageToken'>): string {
  return `/api/v1/appointments/${a.manageToken}/ics`;
}

export function presentBooked(a: Appointment): BookedAppointment {
  return {
    code: a.code,
    manageToken: a.manageToken,
    branchId: a.branchId,
    serviceId: a.serviceId,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    channel: a.channel,
    joinUrl: a.joinUrl,
    state: a.state,
    cancelledBy: a.state === 'cancelled' ? (a.cancelledBy ?? 'customer') : null,
    icsUrl: icsPath(a),
  };
}

/** Refuses a change to an appointment that is no longer booked, saying why. */
export function assertBooked(a: Appointment): void {
  if (a.state === 'cancelled') throw new AppError('APPOINTMENT_CANCELLED', 'This appointment was cancelled.');
  if (a.state === 'no-show') throw new AppError('APPOINTMENT_MISSED', 'This appointment was missed.');
  if (a.state !== 'booked') throw new AppError('APPOINTMENT_CHECKED_IN', 'You have checked in already; ask at the branch.');
}

/** Who a request (or a stored profile) says the person is. */
type ContactDetails = { name?: string | null; phone?: string | null; email?: string | null };

/**
 * A profile is the requester's only when it says what they said: the same name (or both none),
 * the phone they gave, and the e-mail they gave. A profile without the e-mail they gave is not
 * theirs to add it to. Addresses the profile has and the request leaves out do not matter.
 */
export function agrees(c: Pick<BookingCustomer, 'name' | 'phone' | 'email'>, contact: ContactDetails): boolean {
  const norm = (s: string | null | undefined) => s?.trim().toLowerCase() || null;
  if (norm(c.name) !== norm(contact.name)) return false;
  if (contact.phone && c.phone !== contact.phone) return false;
  if (contact.email && norm(c.email) !== norm(contact.email)) return false;
  return true;
}

/** What a booking rules save answers: the rules now in force, and what it changed. */
export interface SavedBookingSettings {
  view: BookingSettingsView;
  changes: BookingSettingsChanges;
}

/** CLOSURE_HAS_BOOKINGS: how many booked visits the added closures take, per closure (its index in the list saved). */
function closureHasBookings(taken: readonly { index: number; bookings: readonly Appointment[] }[]): AppError {
  const count = new Set(taken.flatMap((x) => x.bookings.map((a) => a.id))).size;
  const details: ClosureHasBookingsDetails = {
    count,
    closures: Object.fromEntries(taken.map((x) => [String(x.index), { count: x.bookings.length, firstAt: Math.min(...x.bookings.map((a) => a.startsAt)) }])),
  };
  const visits = count === 1 ? '1 booked visit falls' : `${count} booked visits fall`;
  const message = `${visits} in the closures added (${taken.map((x) => `closure ${x.index + 1}: ${x.bookings.length}`).join(', ')}); nothing was saved. Save again with cancelBookings to cancel them and tell the customers.`;
  return new AppError('CLOSURE_HAS_BOOKINGS', message, undefined, { ...details });
}

/**
 * A booking checked against settings read before another save landed (a closure added while it
 * waited for the lock) could fall into that closure: refused, the customer simply tries again.
 */
const settingsMoved = () => new AppError('BUSY_RETRY', "The branch's booking rules changed just now; please try again.");

/**
 * Refuses rules under which nobody could get the service: no walk-in tickets (the kiosk only
 * checks booked customers in) and no bookings (the booking page hides it).
 */
function refuseUnreachable(service: BookingService, rules: { walkIns: boolean; bookable: boolean }): void {
  if (rules.walkIns || rules.bookable) return;
  const message = `Service ${service.code} would take neither walk-ins nor bookings, so no customer could get it; let it take walk-ins, bookings or both.`;
  throw new AppError('SERVICE_UNREACHABLE', message, [
    { path: `services.${service.id}.walkIns`, message },
    { path: `services.${service.id}.bookable`, message },
  ]);
}

/** STALE_SETTINGS with what is stored now, so the screen can show it and keep what the user typed. */
export function staleSettings(current: BookingSettingsView): AppError {
  const details: StaleSettingsDetails = { current };
  return new AppError('STALE_SETTINGS', 'Someone changed these settings since you opened them; here is what is stored now.', undefined, details);
}

/** The service was deactivated after the booking page read it: refused like any unknown service. */
const serviceGone = () => new AppError('UNKNOWN_SERVICE', 'No such service at this branch.');

const slotRefused = (check: Extract<SlotCheck, { ok: false }>) => new AppError(check.code, check.message);

function refuseUnless(check: SlotCheck): void {
  if (!check.ok) throw slotRefused(check);
}

/**
 * One customer, one place at a time: a booking (or a move) that overlaps another active booking
 * of the same profile at the branch is refused, or one person could take every place of a slot
 * under fresh request ids. `bookings` are the branch's active bookings read under the booking lock.
 * Run it after the slot's own checks (`checkSlot`): a time that is no slot, too soon or full must
 * answer so whoever's contact it is, or probing such times would find someone's booking for free.
 */
export function refuseOverlap(bookings: readonly Appointment[], customerIds: readonly string[], startsAt: number, endsAt: number, ignoreId?: string): void {
  if (overlapOf(bookings, customerIds, startsAt, endsAt, ignoreId)) throw overlapping();
}

/** The active booking of these profiles that [startsAt, endsAt) overlaps, if any (see `refuseOverlap`). */
function overlapOf(bookings: readonly Appointment[], customerIds: readonly string[], startsAt: number, endsAt: number, ignoreId?: string): Appointment | undefined {
  return bookings.find((x) => x.customerId !== null && customerIds.includes(x.customerId) && x.id !== ignoreId && x.startsAt < endsAt && startsAt < x.endsAt);
}

// Not "you already have a booking then": whoever typed the contact may not be its owner.
const overlapping = () => new AppError('OVERLAPPING_BOOKING', 'This time cannot be booked for this contact; please choose another time, or use the links we sent to change a booking.');

/** When the check-in window closes and the appointment becomes a no-show. */
export function noShowAt(a: Pick<Appointment, 'startsAt'>, b: BranchBooking): number {
  return a.startsAt + b.settings.checkInLateMin * MIN;
}

/**
 * Booking, moving and cancelling. A booking is checked again under the branch's booking lock
 * with the bookings read there, so two people taking the last place cannot both get it.
 */
export function createBookingManage(deps: BookingManageDeps) {
  const { store, customers, timers, calendar, clock, logger } = deps;
  const contactSends: ContactSends = deps.contactSends ?? { take: async () => ({ release: async () => undefined }) };

  /**
   * A booking or a move takes a confirmation from its contact's counts first (RATE_LIMITED before
   * anything is written) and gives it back when the change is refused: only a change that is made
   * sends, so only it counts. Except the refusals that tell something about the contact's own
   * bookings (OVERLAPPING_BOOKING, BOOKING_LIMIT): they keep it, or probing them would be free.
   */
  const takeSend = (contact: ContactAddresses): Promise<TakenSend> => contactSends.take(contact, clock.now());

  async function giveBack(taken: TakenSend): Promise<void> {
    // Not giving it back only counts a send that did not happen until the window passes.
    await taken.release().catch((err: unknown) => logger.error({ err }, 'could not give back a contact send'));
  }

  /** A `.catch` for the change a send was taken for: gives it back, then rethrows. */
  const givingBack = (taken: TakenSend) => async (err: unknown): Promise<never> => {
    await giveBack(taken);
    throw err;
  };

  async function branch(branchId: string): Promise<BranchBooking> {
    const setup = await store.bookingSetup(branchId);
    if (!setup) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    return toBranchBooking(setup);
  }

  async function byToken(manageToken: string): Promise<Appointment> {
    const a = await store.findByManageToken(manageToken);
    if (!a) throw new AppError('APPOINTMENT_NOT_FOUND', 'No such appointment');
    return a;
  }

  /**
   * The profiles a booking may belong to: those with this phone (else e-mail) whose name and
   * addresses agree with the request (`agrees`). The booking joins the first; none, and it makes
   * one. Booking needs no sign-in, so a request never changes whose notices go where: knowing
   * someone's phone number must not let a stranger add their own e-mail to that person's
   * reminders, rename them or read their name back from a booking. A family sharing a phone keeps
   * separate profiles. More than one agrees where two bookings made the same person's profile at
   * once (before profiles were looked up under the booking lock): a booking of any is theirs.
   */
  async function profilesOf(contact: ContactDetails, tx?: Pick<BookingTx, 'customersByContact'>): Promise<BookingCustomer[]> {
    const matches = tx
      ? await tx.customersByContact(contact)
      : contact.phone
        ? await customers.findByPhone(contact.phone)
        : contact.email
          ? await customers.findByEmail(contact.email)
          : [];
    return matches.filter((c) => agrees(c, contact));
  }

  function newProfile(body: BookAppointmentBody): NewBookingCustomer {
    const { contact } = body;
    return {
      language: contact.language,
      consents: { notices: true, ...(body.history?.keep ? { history: true } : {}) },
      ...(body.history?.keep ? { preferences: neededOnly(body.history.preferences) } : {}),
      name: contact.name ?? null,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
    };
  }

  async function freeCode(tx: BookingTx, branchId: string): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = newBookingCode();
      if (!(await tx.codeTaken(branchId, code))) return code;
    }
    throw new AppError('BUSY_RETRY', 'Could not find a free booking code; try again.');
  }

  async function arm(a: Appointment, b: BranchBooking): Promise<void> {
    // The booking is made; a failure here must not make the customer book twice. Log it loudly.
    await timers.schedule(a, noShowAt(a, b), clock.now()).catch((err: unknown) => logger.error({ err, appointmentId: a.id }, 'could not arm appointment jobs'));
  }

  /**
   * Tells the customer what changed: queues the notice the change recorded as owed (in its own
   * statement), then clears that record. Like `arm`, a failure is logged, never undone: the
   * notice stays owed and the owed-notice sweep (booking-notices-owed.ts) queues it.
   */
  async function confirm(a: Appointment, kind: AppointmentChange): Promise<void> {
    try {
      await timers.confirm(a, kind);
      await store.noticeQueued(a.id, a.version, kind);
    } catch (err) {
      logger.error({ err, appointmentId: a.id, kind }, 'could not queue the confirmation; the owed-notice sweep will');
    }
  }

  /** As `confirm`, for the refusal notice (`kind`) a refused attempt at `at` recorded owed. */
  async function tellAlreadyBooked(a: Appointment, at: number, kind: RefusalNoticeKind = 'already-booked'): Promise<void> {
    try {
      await timers.alreadyBooked(a, at, kind);
      await store.alreadyBookedQueued(a.id, at);
    } catch (err) {
      logger.error({ err, appointmentId: a.id, kind }, 'could not queue the refusal notice; the owed-notice sweep will');
    }
  }

  async function disarm(a: Appointment): Promise<void> {
    await timers.cancel(a).catch((err: unknown) => logger.error({ err, appointmentId: a.id }, 'could not remove appointment jobs'));
  }

  /** After a cancel committed: its reminders and no-show go, the customer is told, today's calendar forgets it. */
  async function tellCancelled(was: Appointment, now: Appointment): Promise<void> {
    await disarm(was);
    await confirm(now, 'cancelled');
    await calendar.dropped(was);
  }

  /** Re-reads an appointment whose compare-and-set failed and says why. */
  async function changedMeanwhile(id: string): Promise<never> {
    const again = await store.findById(id);
    if (again) assertBooked(again);
    throw new AppError('BUSY_RETRY', 'The appointment changed meanwhile; try again.');
  }

  /**
   * Writes a save that adds closures under the booking lock, in one transaction with the cancels
   * it needs: bookings still booked and not yet over that an added closure takes refuse it
   * (CLOSURE_HAS_BOOKINGS, nothing written) unless `cancelBookings` confirms them; then they are
   * cancelled by the branch and the settings written (compare-and-set on the version) together,
   * so neither stands without the other. A booking waiting for the lock meanwhile finds the
   * version moved (`book`). Resolves the bookings cancelled, as they were and as they are now.
   */
  async function closeOverBookings(branchId: string, added: readonly AddedClosure[], update: BookingSettingsUpdate, body: BookingSettingsBody): Promise<{ was: Appointment; now: Appointment }[]> {
    const stale = new Error('stale'); // thrown inside the transaction to roll it back; answered below
    return store
      .withBookingLock(branchId, async (tx) => {
        const now = clock.now();
        const from = Math.min(...added.map((c) => c.from));
        const to = Math.max(...added.map((c) => c.to));
        const booked = (await tx.activeBetween(branchId, from, to)).filter((a) => a.state === 'booked');
        const taken = bookingsTaken(added, booked, now);
        if (taken.length > 0 && body.cancelBookings !== true) throw closureHasBookings(taken);
        const done: { was: Appointment; now: Appointment }[] = [];
        const seen = new Set<string>();
        for (const a of taken.flatMap((x) => x.bookings)) {
          if (seen.has(a.id)) continue;
          seen.add(a.id);
          const c = await tx.transition(a.id, ['booked'], { state: 'cancelled', cancelledBy: 'branch', noticeOwed: { kind: 'cancelled', at: now } });
          if (c) done.push({ was: a, now: c });
        }
        if (!(await tx.saveBookingSettings(branchId, update, body.version))) throw stale;
        return done;
      })
      .catch(async (err: unknown) => {
        throw err === stale ? staleSettings(settingsView(await branch(branchId))) : err;
      });
  }

  return {
    branch,
    byToken,
    disarm,

    /**
     * Books for the caller at `ip` (a consent link it asks for counts against that address). The
     * appointment as stored (`presentBooked` makes the answer): the request ledger keeps its id and
     * token nonce.
     */
    async book(body: BookAppointmentBody, ip: string): Promise<Appointment> {
      const b = await branch(body.branchId);
      const service = bookableService(b, body.serviceId, body.channel);
      const startsAt = body.startsAt;
      const endsAt = startsAt + service.durationMin * MIN;
      const joinUrl = body.channel === 'video' && b.settings.videoRoomUrl ? b.settings.videoRoomUrl.replace('{room}', newRoomName()) : null;
      const taken = await takeSend(body.contact);
      const made = await store
        .withBookingLock(b.branchId, async (tx) => {
          // Under the lock a deactivation takes too (deactivateService): once a service is being
          // deactivated, no booking lands on it, and a booking made first is seen by its check.
          if (!(await tx.serviceActive(b.branchId, service.id))) throw serviceGone();
          if ((await tx.bookingVersion(b.branchId)) !== b.version) throw settingsMoved();
          const now = clock.now();
          const bookings = await tx.activeBetween(b.branchId, startsAt - AROUND, endsAt + AROUND);
          // Read under the lock: a booking of this branch that made the person's profile a moment
          // ago (a double tap under two request ids) has committed by now, so it is found and joined.
          // In the transaction (tx): on PGlite's one connection a read beside it waits for it to end.
          const mine = await profilesOf(body.contact, tx);
          const profile = mine[0];
          const active = profile ? await tx.activeCountForCustomer(profile.id, now) : 0;
          const check = checkSlot(b.slotInput(bookings), service.id, startsAt, now, { activeForCustomer: active });
          // Thrown after the transaction, keeping the send taken: see `atLimit` below. The contact on
          // file is told, as for an overlap, with the link of their next booking (owed with the
          // refusal, in its transaction): a customer who forgot what they hold finds it there, and
          // the real person learns someone tried to book in their name.
          if (!check.ok && check.code === 'BOOKING_LIMIT') {
            const next = profile ? await tx.nextActiveForCustomer(profile.id, now) : null;
            if (next) await tx.owesAlreadyBooked(next, now, 'booking-limit');
            return { atLimit: check, next, at: now };
          }
          refuseUnless(check);
          const clash = overlapOf(bookings, mine.map((c) => c.id), startsAt, endsAt);
          if (clash) {
            // Recorded owed with the refusal, as a booking's confirmation is with the booking: a
            // queue away now (Redis down) or a process dying next does not lose the notice.
            await tx.owesAlreadyBooked(clash, now);
            return { clash, at: now };
          }
          const code = await freeCode(tx, b.branchId);
          // Made here, in the booking's transaction: recorded on the appointment, so its manage page
          // may give the consent at once later too (history-consent.ts).
          const customerId = profile?.id ?? (await tx.createCustomer(newProfile(body))).id;
          const made = await tx.create({ branchId: b.branchId, serviceId: service.id, customerId, startsAt, endsAt, code, channel: body.channel, joinUrl, createdProfile: !profile, createdAt: now, historyAsked: body.history?.keep ? (neededOnly(body.history.preferences) as Record<string, boolean>) : null, noticeOwed: { kind: 'booked', at: now } });
          return { a: made, profile };
        })
        .catch(givingBack(taken));
      // Answered only where anyone else would have booked (checkSlot), so it tells the caller this
      // contact holds the most bookings. Free, it would let someone with a person's name and phone
      // learn that slot by slot; kept against the contact, it costs as a booking would.
      if (made.atLimit) {
        if (made.next) await tellAlreadyBooked(made.next, made.at, 'booking-limit');
        throw slotRefused(made.atLimit);
      }
      if (made.clash) {
        // The caller hears only that this time cannot be booked for this contact; the contact on
        // file hears why, with the link to the booking it has (a customer who forgot it finds it,
        // someone trying a stranger's name and phone alerts them). A message goes out, so the
        // attempt keeps its count against the contact, as a booking would.
        await tellAlreadyBooked(made.clash, made.at);
        throw overlapping();
      }
      const { a, profile } = made;
      // What a booking changes on the profile it joined: only the language it asks to be written
      // in (their latest booking's). Only after the booking was made: a refused booking writes
      // nothing. Not the consent: name and phone are no proof of being the person, so a ticked
      // box asks the profile's own contact to confirm (below); an unticked box is no withdrawal
      // either (that is an explicit step on the manage page).
      if (profile && profile.language !== body.contact.language) {
        await customers.update(profile.id, { language: body.contact.language }).catch((err: unknown) => logger.error({ err, customerId: profile.id }, 'could not update the language'));
      }
      // A ticked box on a profile this booking joined: the profile's own contact confirms it. The
      // answer does not say so: it would tell whoever books with a name and phone that this person
      // has a profile here. It reads the same as for a new profile; the page says "if we already
      // know this contact, we'll send a link to confirm" either way.
      if (profile && body.history?.keep) {
        // Sent by the notice queue, so the answer does not wait on it either (its timing would tell).
        await deps.consentRequests?.ask(a, { keep: true, preferences: body.history.preferences }, ip).catch((err: unknown) => logger.error({ err, appointmentId: a.id }, 'could not ask for the consent confirmation'));
      }
      await arm(a, b);
      await confirm(a, 'booked');
      await calendar.booked(a, { timezone: b.timezone });
      return a;
    },

    async reschedule(manageToken: string, startsAt: number): Promise<BookedAppointment> {
      const a = await byToken(manageToken);
      assertBooked(a);
      const b = await branch(a.branchId);
      const service = bookableService(b, a.serviceId, a.channel);
      const endsAt = startsAt + service.durationMin * MIN;
      const owner = a.customerId ? await customers.findById(a.customerId) : null;
      const mine = owner ? [owner.id, ...(await profilesOf(owner)).map((c) => c.id)] : [];
      // The move's confirmation goes to the profile's addresses: counted there, like a booking.
      const taken = await takeSend(owner ?? {});
      const moved = await store
        .withBookingLock(a.branchId, async (tx) => {
          if (!(await tx.serviceActive(a.branchId, service.id))) throw serviceGone();
          if ((await tx.bookingVersion(a.branchId)) !== b.version) throw settingsMoved();
          const now = clock.now();
          const bookings = await tx.activeBetween(a.branchId, startsAt - AROUND, endsAt + AROUND);
          const active = a.customerId ? await tx.activeCountForCustomer(a.customerId, now, a.id) : 0;
          refuseUnless(checkSlot(b.slotInput(bookings), service.id, startsAt, now, { activeForCustomer: active, ignoreBookingId: a.id }));
          refuseOverlap(bookings, mine, startsAt, endsAt, a.id);
          return tx.move(a.id, a.version, startsAt, endsAt, now);
        })
        .catch(givingBack(taken));
      if (!moved) {
        await giveBack(taken);
        return changedMeanwhile(a.id);
      }
      await disarm(a);
      await arm(moved, b);
      await confirm(moved, 'moved');
      await calendar.booked(moved, { timezone: b.timezone, before: a });
      return presentBooked(moved);
    },

    /** Idempotent: cancelling a cancelled appointment answers the same. */
    async cancel(manageToken: string): Promise<BookedAppointment> {
      const a = await byToken(manageToken);
      if (a.state === 'cancelled') return presentBooked(a);
      assertBooked(a);
      const cancelled = await store.transition(a.id, ['booked'], { state: 'cancelled', cancelledBy: 'customer', noticeOwed: { kind: 'cancelled', at: clock.now() } });
      if (!cancelled) {
        const again = await store.findById(a.id);
        if (again?.state === 'cancelled') return presentBooked(again);
        return changedMeanwhile(a.id);
      }
      await tellCancelled(a, cancelled);
      return presentBooked(cancelled);
    },

    /** The service's (null: the whole branch's) bookings still to come (booked, not yet checked in), by start time. */
    bookedForService(branchId: string, serviceId: string | null): Promise<Appointment[]> {
      return store.bookedForService(branchId, serviceId);
    },

    /**
     * Marks the service (null: the whole branch) inactive under the booking lock, after checking
     * there (unless `evenIfBooked`) that nobody has booked it: a booking is either made before (and
     * found here, so nothing is written and its bookings are answered) or refused after (`book`
     * checks the service, and its branch, under the same lock). Resolves the bookings that stopped
     * it ([]: deactivated; false: not the branch's, or no such branch).
     */
    async deactivateService(branchId: string, serviceId: string | null, evenIfBooked: boolean): Promise<Appointment[] | false> {
      return store.withBookingLock(branchId, async (tx) => {
        if (!evenIfBooked) {
          const booked = await tx.bookedForService(branchId, serviceId);
          if (booked.length > 0) return booked;
        }
        return (await (serviceId === null ? tx.deactivateBranch(branchId) : tx.deactivateService(branchId, serviceId))) ? [] : false;
      });
    },

    /**
     * The branch stopped offering the service (null: was taken out of service): each booking still
     * booked is cancelled (by the branch), its reminders and no-show removed, the customer told in
     * their language with the manage link (which offers to book again), and today's calendar told
     * not to expect it. A booking checked in or cancelled meanwhile is left as it is. Resolves the
     * ones cancelled.
     */
    async cancelForService(branchId: string, serviceId: string | null): Promise<Appointment[]> {
      // All or none, in one transaction under the booking lock: a process dying part-way used to
      // leave some customers booked on a service that no longer exists. Each cancel owes its
      // notice by the same statement, so a death after the commit leaves them to the owed-notice sweep.
      const cancelled = await store.withBookingLock(branchId, async (tx) => {
        const now = clock.now();
        const done: { was: Appointment; now: Appointment }[] = [];
        for (const a of await tx.bookedForService(branchId, serviceId)) {
          const c = await tx.transition(a.id, ['booked'], { state: 'cancelled', cancelledBy: 'branch', noticeOwed: { kind: 'cancelled', at: now } });
          if (c) done.push({ was: a, now: c });
        }
        return done;
      });
      for (const c of cancelled) await tellCancelled(c.was, c.now);
      return cancelled.map((c) => c.now);
    },

    async settings(branchId: string): Promise<BookingSettingsView> {
      return settingsView(await branch(branchId));
    },

    /**
     * Saves booking rules, all or nothing as users see them: the booking page reads the stored
     * rules, the kiosk and the live queue the live configuration, and the two must not disagree.
     * Returns the rules now in force and what changed (for the audit log; empty when nothing did).
     */
    async saveSettings(branchId: string, body: BookingSettingsBody, actor: Actor | null = null): Promise<SavedBookingSettings> {
      const setup = await store.bookingSetup(branchId);
      if (!setup) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      const before = toBranchBooking(setup);
      // A save based on an older version would put back what the other save changed: refused
      // early here, and again by the store's compare-and-set for a save landing in between.
      if (body.version !== before.version) throw staleSettings(settingsView(before));
      // Maps, not `id in record`: ids come from the request, and a plain object answers to
      // "constructor" or "toString" without having such a service or colleague.
      const storedServices = new Map(setup.services.map((s) => [s.id, s]));
      const storedStaff = new Map(setup.staff.map((m) => [m.id, m]));
      for (const id of Object.keys(body.services ?? {})) if (!before.services.has(id)) throw new AppError('UNKNOWN_SERVICE', `Service ${id} is not an active service of this branch.`);
      for (const id of Object.keys(body.rosters ?? {})) if (!storedStaff.has(id)) throw new AppError('UNKNOWN_STAFF', `Staff ${id} is not active at this branch.`);
      for (const [id, rules] of Object.entries(body.services ?? {})) refuseUnreachable(before.services.get(id)!, rules);
      if (body.settings?.closures) refuseBadClosures(body.settings.closures, before.settings.closures, setup.timezone, clock.now());

      const update = {
        ...(body.settings ? { settings: body.settings } : {}),
        ...(body.services ? { services: body.services } : {}),
        ...(body.rosters ? { rosters: body.rosters } : {}),
      };
      if (Object.keys(update).length === 0) return { view: settingsView(before), changes: { parts: [] } };
      // What the parts being replaced hold now, exactly as stored (not re-parsed with defaults).
      const previous = {
        ...(body.settings ? { settings: setup.settings } : {}),
        ...(body.services ? { services: Object.fromEntries(Object.keys(body.services).map((id) => [id, storedServices.get(id)!.booking])) } : {}),
        ...(body.rosters ? { rosters: Object.fromEntries(Object.keys(body.rosters).map((id) => [id, storedStaff.get(id)!.roster ?? null])) } : {}),
      };

      // Stored first, live second, and the stored change undone when the live one is refused.
      // The live change cannot go first: `reconfigure` builds the configuration from what is
      // stored. And this order's undo cannot be refused: putting back the rows read above is a
      // plain write no queue state objects to, whereas undoing a live change is another configure
      // command, which the queue may refuse for the very reasons the first was (CONFIG_CONFLICT,
      // BUSY_RETRY). So after a failed write nothing changed, and after a refused live update the
      // write is undone: the booking page and the kiosk keep agreeing. (A process dying between
      // the two steps is the one gap: the next save of service rules re-applies the stored ones.)
      const added = body.settings?.closures ? addedClosures(body.settings.closures, before.settings.closures, setup.timezone) : [];
      let cancelled: { was: Appointment; now: Appointment }[] = [];
      if (added.length === 0) {
        if (!(await store.saveBookingSettings(branchId, update, body.version))) throw staleSettings(settingsView(await branch(branchId)));
      } else {
        cancelled = await closeOverBookings(branchId, added, update, body);
      }
      // Undoes the write: the rows read above back, and the bookings it cancelled booked again, in
      // one transaction. Their customers were not told yet (below, once the save stands), so the
      // notices their cancels owed are owed no more.
      const undo = () =>
        cancelled.length === 0
          ? store.saveBookingSettings(branchId, previous)
          : store.withBookingLock(branchId, async (tx) => {
              await tx.saveBookingSettings(branchId, previous);
              for (const c of cancelled) await tx.transition(c.now.id, ['cancelled'], { state: 'booked', cancelledBy: null, noticeOwed: null });
            });
      deps.settingsSaved?.(branchId);
      if (body.services) {
        try {
          await deps.reconfigure(branchId, actor);
        } catch (err) {
          await undo().catch((undoErr: unknown) =>
            logger.error({ err: undoErr, refusedWith: err instanceof Error ? err.message : String(err), branchId }, 'could not undo a booking rules save the live queue refused: stored and live rules now differ'),
          );
          deps.settingsSaved?.(branchId);
          throw err;
        }
      }
      // The save stands: each customer is told (in their language, by the notice queue), their
      // reminders go, and today's calendar stops expecting them. The notices were recorded owed
      // with the cancels: if this process dies first, the owed-notice sweep does all of this.
      for (const c of cancelled) {
        await tellCancelled(c.was, c.now);
      }
      const after = await branch(branchId);
      const changes = bookingSettingsChanges(before, after);
      if (changes.closures && cancelled.length > 0) changes.closures.cancelledBookings = cancelled.length;
      return { view: settingsView(after), changes };
    },

    /**
     * Changes only the branch settings fields given (the set-up screen's early window), read and
     * written with no other save in between, so it never overwrites service rules, rosters or a
     * field a colleague saved meanwhile. A field of `expected` that is stored otherwise now (defaults
     * filled in) refuses it with STALE_SETTINGS. Service rules are untouched: no live reconfigure.
     */
    async patchSettings(branchId: string, body: BookingSettingsPatchBody): Promise<SavedBookingSettings> {
      const before = await branch(branchId);
      const stale = new Error('stale'); // thrown inside the write to roll it back; answered below
      // The settings as the write found them (another save may have come since `before` was read).
      let replaced = before.settings;
      const version = await store
        .updateBookingSettings(branchId, (stored) => {
          const parsed = BookingSettings.safeParse(stored);
          replaced = parsed.success ? parsed.data : BookingSettings.parse({});
          const inForce: Record<string, unknown> = replaced;
          if (Object.entries(body.expected ?? {}).some(([k, v]) => inForce[k] !== v)) throw stale;
          // Stored partial, as the other saves store it: defaults are filled in on reading.
          return { ...stored, ...body.settings };
        })
        .catch(async (err: unknown) => {
          throw err === stale ? staleSettings(settingsView(await branch(branchId))) : err;
        });
      if (version === null) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      deps.settingsSaved?.(branchId);
      const after = await branch(branchId);
      // Only settings fields change here: the audit compares them with what this write replaced.
      return { view: settingsView(after), changes: bookingSettingsChanges({ ...after, settings: replaced }, after) };
    },
  };
}

export type BookingManage = ReturnType<typeof createBookingManage>;
