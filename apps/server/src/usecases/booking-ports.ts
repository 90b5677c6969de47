/**
 * Ports of booking and appointments. The db package's appointment and customer repositories
 * implement the stores (compose-db.ts hands them over as they are); BullMQ implements the timers
 * (jobs/processors/reminder.ts); the notify package's channels carry reminders.
 */
import type { LocalizedText, RoutingConfig, TicketTimes } from '@tellerline/engine';
import type { BranchAddress } from '@tellerline/contracts';

export type AppointmentState = 'booked' | 'checked-in' | 'done' | 'no-show' | 'cancelled';
export type AppointmentChannel = 'branch' | 'video' | 'phone';
/** Who cancelled: the customer (manage page) or the branch (it stopped offering the service). */
export type AppointmentCanceller = 'customer' | 'branch';

export interface Appointment {
  id: string;
  branchId: string;
  serviceId: string;
  customerId: string | null;
  startsAt: number;
  endsAt: number;
  code: string;
  manageToken: string;
  /**
   * The nonce the store derives `manageToken` with under the link secret; null for an older row
   * (random token). A record kept elsewhere (the booking request ledger) keeps this and the id,
   * never the token.
   */
  manageTokenNonce: number | null;
  state: AppointmentState;
  ticketId: string | null;
  channel: AppointmentChannel;
  joinUrl: string | null;
  version: number;
  checkedInAt: number | null;
  lateArrival: boolean;
  /**
   * This booking made its customer profile in its own transaction (a first booking). Only then is
   * the profile's history consent its to give at once; a booking that joined an existing profile
   * asks the profile's own contact to confirm (usecases/history-consent.ts).
   */
  createdProfile: boolean;
  /**
   * This booking's own history choice, at booking or on its manage page: the needs it ticked
   * when it asked to keep a history, null when it did not. What its manage page shows back.
   */
  historyAsked: Record<string, boolean> | null;
  /** Who cancelled it (state `cancelled`); null otherwise. */
  cancelledBy: AppointmentCanceller | null;
  createdAt: number;
  /** When this version was booked (made, or moved to this time): see the reminders' `rearm`. */
  bookedAt: number;
}

/** Its manage token is the store's to make (derived from the id it gives the row; only its hash is stored). */
export type NewAppointment = Pick<Appointment, 'branchId' | 'serviceId' | 'customerId' | 'startsAt' | 'endsAt' | 'code' | 'channel' | 'joinUrl'> & {
  createdProfile?: boolean;
  createdAt?: number;
  historyAsked?: Record<string, boolean> | null;
  /** The booking's confirmation, owed from the moment the row exists (`NoticeOwed`). */
  noticeOwed?: NoticeOwed;
};

/**
 * A confirmation the customer is owed, written by the very statement that makes the change (in
 * its transaction), and cleared once the notice is queued: a process that dies (or a Redis that
 * is away) between the commit and the queueing leaves it owed, and the owed-notice sweep
 * (booking-notices-owed.ts) queues it. `at`: when, on the server's clock.
 */
export interface NoticeOwed {
  kind: AppointmentChange;
  at: number;
}

/** Stored booking setup of a branch; `settings`, `booking` and `roster` are raw JSON (validated by the use cases). */
export interface BookingSetup {
  branchId: string;
  timezone: string;
  name: LocalizedText;
  /** Street address per language (absent: none). */
  address?: BranchAddress;
  /** False once the branch was taken out of service (absent: in service). */
  active?: boolean;
  /** False while the branch is in preparation (absent: open to customers). */
  customersOpen?: boolean;
  openingHours: Record<string, { open: string; close: string }[]>;
  settings: Record<string, unknown>;
  /** Bumped by every write of settings, service rules or rosters (optimistic concurrency). */
  version: number;
  services: { id: string; code: string; name: LocalizedText; defaultDurationMin: number; documents: { zh: string[]; en: string[] }; booking: Record<string, unknown> }[];
  /** Inactive services: a booking made before the branch stopped offering one still names it. */
  formerServices?: { id: string; code: string; name: LocalizedText; documents: { zh: string[]; en: string[] } }[];
  staff: { id: string; displayName: string; skills: Record<string, number>; roster: unknown }[];
}

/** Reads and writes under a branch's booking lock (serialised per branch; see the repository). */
export interface BookingTx {
  activeBetween(branchId: string, from: number, to: number): Promise<Appointment[]>;
  activeCountForCustomer(customerId: string, now: number, excludeId?: string): Promise<number>;
  /** The customer's next booking still ahead (booked, any branch), or null. */
  nextActiveForCustomer(customerId: string, now: number): Promise<Appointment | null>;
  codeTaken(branchId: string, code: string): Promise<boolean>;
  create(appointment: NewAppointment): Promise<Appointment>;
  /** A new customer profile, written with the booking (a refused booking leaves none behind). */
  createCustomer(customer: NewBookingCustomer): Promise<{ id: string }>;
  /** Profiles with this phone (else e-mail), read inside the booking's transaction. */
  customersByContact(contact: { phone?: string | null; email?: string | null }): Promise<BookingCustomer[]>;
  /** Moves a booked appointment at `version` and bumps the version, the move's confirmation owed at `at`; null if it changed meanwhile. */
  move(id: string, version: number, startsAt: number, endsAt: number, at: number): Promise<Appointment | null>;
  /** Whether the service is still an active service of the branch. */
  serviceActive(branchId: string, serviceId: string): Promise<boolean>;
  /** The service's appointments still booked (null: every service's of the branch), by start time. */
  bookedForService(branchId: string, serviceId: string | null): Promise<Appointment[]>;
  /** Marks the service inactive; false when it is not the branch's. */
  deactivateService(branchId: string, serviceId: string): Promise<boolean>;
  /** Takes the branch out of service; false when there is no such branch. */
  deactivateBranch(branchId: string): Promise<boolean>;
  /** The branch's booking settings version now; null: no such branch. */
  bookingVersion(branchId: string): Promise<number | null>;
  /** `BookingStore.saveBookingSettings` in this transaction: it stands or falls with the other writes made here. */
  saveBookingSettings(branchId: string, update: BookingSettingsUpdate, expectedVersion?: number): Promise<boolean>;
  /** `BookingStore.transition` in this transaction (no version check). */
  transition(id: string, from: readonly AppointmentState[], change: AppointmentStateChange): Promise<Appointment | null>;
  /** Records the refusal notice (`kind`, default 'already-booked') owed to `a`'s customer for an attempt refused at `at` (`BookingStore.owedAlreadyBooked`). */
  owesAlreadyBooked(a: Pick<Appointment, 'id' | 'version'>, at: number, kind?: RefusalNoticeKind): Promise<void>;
}

/** The parts of a booking settings save (raw JSON; validated by the use cases). */
export interface BookingSettingsUpdate {
  settings?: Record<string, unknown>;
  services?: Record<string, Record<string, unknown>>;
  rosters?: Record<string, unknown>;
}

/** A change of an appointment's state; `cancelledBy: null` when a cancel is undone. */
export interface AppointmentStateChange {
  state: AppointmentState;
  ticketId?: string;
  checkedInAt?: number;
  lateArrival?: boolean;
  cancelledBy?: AppointmentCanceller | null;
  /** The confirmation this change owes (a cancel's), written with it; null: none owed any more (a cancel undone). */
  noticeOwed?: NoticeOwed | null;
}

/** Appointments in PostgreSQL. */
export interface BookingStore {
  bookingSetup(branchId: string): Promise<BookingSetup | null>;
  /**
   * Writes the parts given and bumps the version. With `expectedVersion`, a compare-and-set: when
   * the stored version is another, nothing is written and it resolves false.
   */
  saveBookingSettings(branchId: string, update: BookingSettingsUpdate, expectedVersion?: number): Promise<boolean>;
  /**
   * Read-modify-write of the branch settings with no other save in between: `change` gets them as
   * stored and returns what to store (it may throw, and nothing is written). Resolves the new
   * version, null when there is no such branch.
   */
  updateBookingSettings(branchId: string, change: (stored: Record<string, unknown>) => Record<string, unknown>): Promise<number | null>;
  /** Serialises bookings of one branch: a capacity check inside `fn` still holds when `fn` writes. */
  withBookingLock<T>(branchId: string, fn: (tx: BookingTx) => Promise<T>): Promise<T>;
  activeBetween(branchId: string, from: number, to: number): Promise<Appointment[]>;
  findById(id: string): Promise<Appointment | null>;
  /** Records the booking's own history choice (`Appointment.historyAsked`). */
  setHistoryAsked(id: string, asked: Record<string, boolean> | null): Promise<void>;
  /** By the manage link's token (the store keeps only its hash); the appointment carries the token presented. */
  findByManageToken(manageToken: string): Promise<Appointment | null>;
  /** Clears the plaintext tokens of rows from before tokens were hashed, of visits begun by `before` (`AppointmentRepository`). */
  forgetPlainManageTokens(before: number): Promise<number>;
  findByCode(branchId: string, code: string): Promise<Appointment | null>;
  /** A service's (null: every service's) appointments still booked (not checked in, missed or cancelled), by start time. */
  bookedForService(branchId: string, serviceId: string | null): Promise<Appointment[]>;
  listStartingBetween(branchId: string, from: number, to: number): Promise<Appointment[]>;
  /** Compare-and-set on state (and version when given); null when the condition failed. */
  transition(id: string, from: readonly AppointmentState[], change: AppointmentStateChange, version?: number): Promise<Appointment | null>;
  /** Confirmations owed since `before` or earlier, oldest first, at most `limit` (`NoticeOwed`). */
  owedNotices(before: number, limit: number): Promise<{ appointment: Appointment; kind: AppointmentChange; at: number }[]>;
  /** Clears the owed `kind` of the appointment's `version` (its notice is queued); false when another change owes one since. */
  noticeQueued(id: string, version: number, kind: AppointmentChange): Promise<boolean>;
  /**
   * Refusal notices owed since `before` or earlier, oldest first, at most `limit`: each a booking
   * attempt refused at `at` (`kind`: for overlapping `appointment`, or at the booking limit, of
   * which `appointment` is the next booking), `appointment` then at `version`.
   */
  owedAlreadyBooked(before: number, limit: number): Promise<{ appointment: Appointment; version: number; at: number; kind: RefusalNoticeKind }[]>;
  /** Forgets the 'already-booked' notice owed for the attempt at `at` (queued, or no longer of use). */
  alreadyBookedQueued(appointmentId: string, at: number): Promise<void>;
  /** First arrival of a remote ticket wins; returns its time. */
  recordArrival(branchId: string, ticketId: string, at: number): Promise<number>;
  arrivals(ticketIds: readonly string[]): Promise<Record<string, number>>;
  /**
   * Per service, over business days `fromDay`..`toDay` (inclusive, branch time): booked
   * customers who kept their slot and were called, and how many of them were called within
   * HOLD_GRACE_MIN of max(booked time, check-in). Services with none are absent.
   */
  appointmentPunctuality(branchId: string, fromDay: string, toDay: string): Promise<Record<string, { appointments: number; onTime: number }>>;
  /** The window's tickets with their times and its appointments kept and missed (a simulation scenario's input). */
  branchHistory(branchId: string, range: { fromDay: string; toDay: string; from: number; to: number }): Promise<{ tickets: TicketTimes[]; appointments: { kept: number; noShows: number } }>;
}

export interface BookingCustomer {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  language: 'zh' | 'en';
}

/** The customers repository, as booking uses it. */
/** A customer profile's fields as booking writes them. */
export interface NewBookingCustomer {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  language?: 'zh' | 'en';
  consents?: { notices?: boolean; history?: boolean };
  /** Needs for visits (`VisitPreferences`); stored only with `consents.history`. */
  preferences?: Record<string, boolean>;
}

export interface CustomerBook {
  create(c: NewBookingCustomer): Promise<BookingCustomer>;
  findById(id: string): Promise<BookingCustomer | null>;
  findByPhone(phone: string): Promise<BookingCustomer[]>;
  findByEmail(email: string): Promise<BookingCustomer[]>;
  update(id: string, patch: NewBookingCustomer): Promise<BookingCustomer>;
}

/** The job side of an appointment: what to arm when it is booked, moved or cancelled. */
export interface AppointmentTimers {
  /** Arms the reminders (24 h and 1 h before, when still ahead) and the no-show timer at `noShowAt`. */
  schedule(a: Pick<Appointment, 'id' | 'version' | 'startsAt'>, noShowAt: number, now: number): Promise<void>;
  /**
   * Arms them again after Redis lost its jobs: like `schedule`. A reminder whose time passed
   * while the jobs were lost runs at once if it was armed (its time was after `bookedAt`) and is
   * still of use; one already past when the appointment was booked is never sent. A sent one is
   * not sent again (`SentNotices`). Idempotent: the job ids are the ones `schedule` uses.
   */
  rearm(a: Pick<Appointment, 'id' | 'version' | 'startsAt' | 'bookedAt'>, noShowAt: number, now: number): Promise<void>;
  /** Removes the jobs armed for `a`'s version (moved, cancelled, checked in). */
  cancel(a: Pick<Appointment, 'id' | 'version'>): Promise<void>;
  /** Queues the notice that confirms a change now (booked, moved, cancelled), once per version and kind. */
  confirm(a: Pick<Appointment, 'id' | 'version'>, kind: AppointmentChange): Promise<void>;
  /**
   * Queues a refusal notice of `a` to its customer: a booking with their contact was refused at
   * `at`, for overlapping `a` ('already-booked', the default) or at the booking limit, `a` being
   * their next booking ('booking-limit'). One per attempt (`at` is in its id).
   */
  alreadyBooked(a: Pick<Appointment, 'id' | 'version'>, at: number, kind?: RefusalNoticeKind): Promise<void>;
}

/** Customer notices known to have gone out, in PostgreSQL (they outlive Redis and its jobs). */
export interface SentNotices {
  sentAlready(keys: readonly string[]): Promise<boolean[]>;
  markSent(key: string, at: number): Promise<void>;
  /** Forgets marks made before `before` (their jobs and visits are long past). */
  prune(before: number): Promise<number>;
}

/** Changes the customer is told about at once; reminders come before the visit. */
export type AppointmentChange = 'booked' | 'moved' | 'cancelled';
/**
 * Why a booking tried with a customer's contact was refused, told to that contact (never to the
 * caller): `already-booked`, it overlapped this booking; `booking-limit`, they hold the most
 * bookings allowed, and this is their next one.
 */
export type RefusalNoticeKind = 'already-booked' | 'booking-limit';
export type AppointmentNoticeKind = '24h' | '1h' | AppointmentChange | RefusalNoticeKind;

/** The facts of a reminder, already resolved to names and local times. */
export interface AppointmentReminder {
  kind: AppointmentNoticeKind;
  appointment: Pick<Appointment, 'id' | 'code' | 'startsAt' | 'endsAt' | 'channel' | 'joinUrl' | 'manageToken' | 'version'> & { cancelledBy?: AppointmentCanceller | null };
  /** `active` false: the branch was taken out of service (a cancellation says so, not that a service stopped). */
  branch: { name: LocalizedText; timezone: string; active?: boolean; address?: BranchAddress };
  service: { name: LocalizedText; documents: { zh: string[]; en: string[] } };
  localDate: string;
  localTime: string;
  customer: BookingCustomer;
  /**
   * A cancel by the branch over a closure (the branch is closed at the visit's time): its reason
   * in both languages, null when it gave none. Absent for every other notice.
   */
  closed?: { reason: { zh: string; en: string } | null };
}

/**
 * Sends appointment reminders. `remind` resolves with 'sent' once at least one channel took the
 * message, 'no-contact' when the customer left no usable address (or no channel is set up for
 * it), 'failed' when every channel refused for good; it throws when every attempt failed
 * transiently, so the job is retried.
 */
export interface AppointmentNotifier {
  remind(r: AppointmentReminder): Promise<'sent' | 'no-contact' | 'failed'>;
}

/** packages/notify's `buildIcs`, passed in by compose.ts. */
export type IcsWriter = (
  event: {
    uid: string;
    start: number;
    end: number;
    stamp: number;
    summary: string;
    description?: string;
    location?: string;
    url?: string;
    sequence?: number;
    alarmMinutesBefore?: number;
  },
  options?: { method?: 'PUBLISH' | 'CANCEL' },
) => string;

/** A fixed-window counter; `hit` counts one and says whether it is still allowed. */
export interface RateLimiter {
  hit(key: string): Promise<boolean>;
}

/** The live routing config of a branch (the engine's windows for appointments). */
export type RoutingSource = (branchId: string) => Promise<RoutingConfig>;
