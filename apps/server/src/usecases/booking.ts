import { DEFAULT_ROUTING, type BranchState } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { BranchCommands } from './branch-commands.js';
import { createArrival } from './booking-arrival.js';
import { createBookingCalendar } from './booking-calendar.js';
import { createBookingManage } from './booking-manage.js';
import type { AppointmentNotifier, AppointmentTimers, BookingStore, CustomerBook, IcsWriter, RateLimiter, RoutingSource, SentNotices } from './booking-ports.js';
import { queueOwedNotices, watchOwedNotices, type OwedNoticeDeps } from './booking-notices-owed.js';
import { rearmAppointmentTimers } from './booking-rearm.js';
import { createRemoteQueue } from './booking-remote.js';
import type { Reconfigure } from './reconfigure.js';
import { createBookingRequests, type BookingAnswer, type LegacyBookingAnswer } from './booking-requests.js';
import type { RequestLedger } from './request-ledger.js';
import type { ContactSends } from './contact-sends.js';
import type { ConsentRequests } from './history-consent-requests.js';
import type { ContactChecks } from './contact-checks.js';
import { createReminders } from './booking-reminders.js';
import { createBookingViews } from './booking-views.js';
import type { GuessGuard } from './kiosk-guesses.js';
import type { Clock, TicketLookup } from './ports.js';
import type { Views } from './views.js';
import type { WalkInHours } from './walk-in-hours.js';

export interface BookingDeps {
  store: BookingStore;
  customers: CustomerBook;
  tickets: TicketLookup;
  commands: BranchCommands;
  views: Pick<Views, 'ticketFrom' | 'fromRecord' | 'liveState' | 'noteArrival'>;
  /** The live state of a branch, or null when it is not open (no error). */
  liveState(branchId: string): Promise<BranchState | null>;
  /** The stored configuration into the live queue (a service's walk-in rule changed). */
  reconfigure: Reconfigure;
  timers: AppointmentTimers;
  notifier: AppointmentNotifier;
  /** Notices that went out (PostgreSQL): a reminder re-armed after a Redis loss is not sent twice. */
  sentNotices: SentNotices;
  ics: IcsWriter;
  /** Remote-queue joins per IP and branch. */
  limiter: RateLimiter;
  /** Booking attempts per IP. */
  bookingLimiter: RateLimiter;
  /** Booking and move confirmations per phone number and e-mail address (contact-sends.ts). */
  contactSends: ContactSends;
  /** Wrong check-in codes and unknown arrival tickets per kiosk (kiosk-guesses.ts). */
  guesses: GuessGuard;
  /** Idempotency keys of booking requests (`bookingAnswer`: the appointment id and token nonce, never the token). */
  requests: RequestLedger<BookingAnswer, BookingAnswer | LegacyBookingAnswer>;
  /** Consent confirmations for profiles a booking joined (history-consent-requests.ts). */
  consentRequests: ConsentRequests;
  /** Texted codes that confirm a booking's phone number, at branches whose settings ask for them. */
  phoneChecks: ContactChecks;
  /** Mailed codes that confirm a booking's e-mail address, at branches whose settings ask for them. */
  emailChecks: ContactChecks;
  /** When the branch takes walk-in tickets: the remote queue refuses outside them. */
  walkInHours: Pick<WalkInHours, 'requireOpen' | 'forget'>;
  /** The booking settings were saved (walk-in early window, closures): kiosks on every node follow at once. */
  lobbyChanged?: (branchId: string) => void;
  /** A remote ticket's holder checked in at the kiosk: every realtime node shows it (`arrival-signal.ts`). */
  remoteArrived?: (branchId: string, ticketId: string, at: number) => void;
  clock: Clock;
  logger: Logger;
}

/**
 * Booking and appointments, assembled: `requests` (the booking endpoint: idempotency key and
 * per-IP limit around `manage.book`), `manage` (book, move, cancel, settings; bookings and moves
 * counted per phone number and e-mail address), `views` (booking
 * page, manage page, calendar file, staff day list), `arrival` (check-in, no-show), `remote`
 * (remote queue), `reminders`, `calendar` (today's appointments in the branch's live state, so
 * routing can keep someone free for them).
 */
export function createBooking(deps: BookingDeps) {
  const { store, customers, tickets, commands, views, clock } = deps;
  // The engine's windows as the branch runs now; defaults for a branch that has not opened yet.
  const routing: RoutingSource = async (branchId) => (await deps.liveState(branchId))?.routing ?? DEFAULT_ROUTING;
  const calendar = createBookingCalendar({ store, commands, liveState: deps.liveState, clock, logger: deps.logger });
  const { reconfigure } = deps;
  const manage = createBookingManage({
    store,
    customers,
    timers: deps.timers,
    calendar,
    reconfigure,
    consentRequests: deps.consentRequests,
    contactSends: deps.contactSends,
    settingsSaved: (branchId) => {
      deps.walkInHours.forget(branchId);
      deps.lobbyChanged?.(branchId);
    },
    clock,
    logger: deps.logger,
  });
  const owed: OwedNoticeDeps = { store, manage, timers: deps.timers, calendar, clock, logger: deps.logger };
  const bookingViews = createBookingViews({ manage, store, customers, tickets, routing, liveState: deps.liveState, ics: deps.ics, phoneCheckMode: deps.phoneChecks.mode, emailCheckMode: deps.emailChecks.mode, clock });
  return {
    requests: createBookingRequests({ manage, store, ledger: deps.requests, limiter: deps.bookingLimiter, contactChecks: [deps.phoneChecks, deps.emailChecks] }),
    manage,
    views: bookingViews,
    arrival: createArrival({ manage, bookingViews, store, commands, views, tickets, calendar, guesses: deps.guesses, clock }),
    remote: createRemoteQueue({ manage, store, customers, commands, views, tickets, limiter: deps.limiter, contactSends: deps.contactSends, contactChecks: [deps.phoneChecks, deps.emailChecks], walkInHours: deps.walkInHours, guesses: deps.guesses, ...(deps.remoteArrived ? { announceArrival: deps.remoteArrived } : {}), clock }),
    reminders: createReminders({ manage, store, customers, notifier: deps.notifier, sent: deps.sentNotices, clock }),
    /** Re-arms the reminders and no-show timers of the branch's booked appointments (Redis lost its jobs). */
    rearmTimers: (branchId: string) => rearmAppointmentTimers(branchId, { manage, store, timers: deps.timers, clock, logger: deps.logger }),
    /** Queues the confirmations changes left owed (booking-notices-owed.ts): one sweep. */
    queueOwedNotices: () => queueOwedNotices(owed),
    /** The worker role's owed-notice sweep: at once, then every 30 s; returns its stop. */
    watchOwedNotices: () => watchOwedNotices(owed),
    calendar,
    consentRequests: deps.consentRequests,
    phoneChecks: deps.phoneChecks,
    emailChecks: deps.emailChecks,
  };
}

export type Booking = ReturnType<typeof createBooking>;
