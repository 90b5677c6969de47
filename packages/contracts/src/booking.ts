/**
 * Booking and appointments: settings, the booking page's requests and answers, kiosk and phone
 * check-in, the staff day list, the remote queue, and the error codes they add.
 */
import { z } from 'zod';
import { DEFAULT_WALK_IN_SHARE, isLocalDate, PUNCTUALITY_GOAL, SLOT_ERROR_CODES, WEEK, type SlotErrorCode, type Weekday } from '@tellerline/engine';
import { EmailAddress, Id, Lang, LocalizedText, PhoneNumber, plainName, plainText, Priority, reachable, Token } from './common.js';
import { BranchAddress } from './branch-address.js';
import { HistoryConsentBody } from './consent.js';
import { ContactCheckMode, ContactCheckProof } from './contact-check.js';
import { intervalsOverlap } from './setup-rules.js';
import { IssuedTicket, TicketView } from './views.js';

/** Codes booking adds to the engine's and the edges' (see `statusForCode`). */
export const BOOKING_ERROR_CODES = [
  ...SLOT_ERROR_CODES,
  /** Online booking is switched off for the branch. */
  'BOOKING_OFF',
  'SERVICE_NOT_BOOKABLE',
  /** The service is not offered by video / phone / in the branch. */
  'CHANNEL_NOT_OFFERED',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_CANCELLED',
  /** Marked no-show: the check-in window passed. */
  'APPOINTMENT_MISSED',
  /** Checked in (or served) already: no more changes. */
  'APPOINTMENT_CHECKED_IN',
  'CHECK_IN_TOO_EARLY',
  /** The check-in window has passed; take a walk-in ticket. */
  'CHECK_IN_CLOSED',
  'REMOTE_QUEUE_OFF',
  /** A booking `requestId` already used (within 24 h) for a request with a different body. */
  'REQUEST_ID_REUSED',
  /** The customer (the profile the booking joins) already holds a booking at the branch at an overlapping time. */
  'OVERLAPPING_BOOKING',
  /** A simulation scenario was asked for a weekday without tickets in the period. */
  'NO_HISTORY',
  /** ... or for a weekday the branch does not open. */
  'CLOSED_THAT_DAY',
  /** Booking rules that would leave a service with neither walk-ins nor bookings: nobody could be served. */
  'SERVICE_UNREACHABLE',
  /** A closure added (not one already stored) that ends before today in branch time. */
  'CLOSURE_IN_PAST',
  /** Two closures that take the same day or instant: the manager meant one, or mistyped a date. */
  'CLOSURES_OVERLAP',
  /**
   * A closure added (not one already stored) takes the time of bookings still booked and not yet
   * over: nothing was saved. `details`: ClosureHasBookingsDetails (how many per closure). Save
   * again with `cancelBookings: true` to cancel them and tell each customer.
   */
  'CLOSURE_HAS_BOOKINGS',
  /**
   * A booking settings save based on a version (or values) read before another save changed them:
   * nothing was written. `details`: StaleSettingsDetails (what is stored now).
   */
  'STALE_SETTINGS',
] as const;
export type BookingErrorCode = (typeof BOOKING_ERROR_CODES)[number];

/** HTTP status of a booking code, or undefined for a code that is not booking's. */
export function bookingStatus(code: string): number | undefined {
  switch (code as BookingErrorCode) {
    case 'APPOINTMENT_NOT_FOUND':
      return 404;
    case 'BOOKING_OFF':
    case 'REMOTE_QUEUE_OFF':
      return 403;
    case 'SERVICE_NOT_BOOKABLE':
    case 'CHANNEL_NOT_OFFERED':
    case 'NO_HISTORY':
    case 'CLOSED_THAT_DAY':
    case 'SERVICE_UNREACHABLE':
    case 'CLOSURE_IN_PAST':
    case 'CLOSURES_OVERLAP':
      return 422;
    default:
      return (BOOKING_ERROR_CODES as readonly string[]).includes(code) ? 409 : undefined;
  }
}
export type { SlotErrorCode };

// --- building blocks ---------------------------------------------------------------------------

/**
 * The years dates and instants from outside may fall in: far wider than any booking window or
 * history. Values beyond it are typos or probes, and the extremes (epoch ms past 8.64e15, year
 * 9999 or 0001) are no valid Date at all or break date arithmetic and the database further in.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const DATE_RANGE = `between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`;
const FIRST_INSTANT = Date.UTC(FIRST_YEAR, 0, 1);
const LAST_INSTANT = Date.UTC(LAST_YEAR + 1, 0, 1) - 1;

export const LocalDate = z
  .string()
  .refine(isLocalDate, 'a date written YYYY-MM-DD')
  // 'YYYY-MM-DD' strings sort as the dates do.
  .refine((d) => d >= `${FIRST_YEAR}-01-01` && d <= `${LAST_YEAR}-12-31`, `a date ${DATE_RANGE}`)
  .describe(`A local date YYYY-MM-DD, ${DATE_RANGE}`);
/** Epoch milliseconds, within the same years. */
export const EpochMs = z.number().int().min(FIRST_INSTANT, `a time ${DATE_RANGE} (UTC)`).max(LAST_INSTANT, `a time ${DATE_RANGE} (UTC)`);
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
export const LocalWindow = z
  .strictObject({ open: LocalTime, close: LocalTime })
  .refine((w) => w.close > w.open, { message: 'close must be after open', path: ['close'] });
const day = z.array(LocalWindow).max(6).optional();
/** Weekly local windows (opening hours, a staff roster); a missing day is closed / off. */
export const WeeklyWindows = z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });
export type WeeklyWindows = z.infer<typeof WeeklyWindows>;

/**
 * A roster as a save sends it: weekly windows whose shifts within a day do not overlap (touching
 * ends may: 09:00-12:00 and 12:00-17:00). Only saves are held to it: a roster stored before this
 * check is still read (as `WeeklyWindows`), so the screen can show it and the manager correct it.
 */
export const RosterWeek = z.strictObject(
  Object.fromEntries(WEEK.map((d) => [d, day.refine((shifts) => !shifts || !intervalsOverlap(shifts), 'the shifts of a day must not overlap')])) as Record<Weekday, typeof day>,
);

/**
 * Why the branch is closed, as customers read it: one text in both languages (as stored before
 * bilingual reasons existed, so older rows keep reading), or a text per language. A language left
 * empty falls back to the other (`closureReasonIn`).
 */
export const ClosureReason = z.union([
  plainText(200),
  z
    .strictObject({ zh: plainText(200).optional(), en: plainText(200).optional() })
    .refine((r) => Boolean(r.zh || r.en), { message: 'give the reason in at least one language', path: ['zh'] }),
]);
export type ClosureReason = z.infer<typeof ClosureReason>;

/** A closure's reason in `lang`: that language's text, else the other's, else null. */
export function closureReasonIn(reason: ClosureReason | undefined | null, lang: z.infer<typeof Lang>): string | null {
  if (!reason) return null;
  if (typeof reason === 'string') return reason;
  const other = lang === 'zh' ? reason.en : reason.zh;
  return reason[lang] || other || null;
}

/** Both languages of a closure's reason (a plain one in both), or null. */
export function closureReasonTexts(reason: ClosureReason | undefined | null): { zh: string; en: string } | null {
  const zh = closureReasonIn(reason, 'zh');
  const en = closureReasonIn(reason, 'en');
  return zh && en ? { zh, en } : null;
}

/** Whole local days (a holiday; `until` inclusive), or an interval of instants (epoch ms). */
export const Closure = z.union([
  z
    .strictObject({ date: LocalDate, until: LocalDate.optional(), reason: ClosureReason.optional() })
    // 'YYYY-MM-DD' strings sort as the dates do; an `until` before `date` closes no day at all,
    // which is never what the manager meant.
    .refine((c) => c.until === undefined || c.until >= c.date, { message: 'until must be on or after date (the last closed day)', path: ['until'] }),
  z.strictObject({ from: EpochMs, to: EpochMs, reason: ClosureReason.optional() }).refine((c) => c.to > c.from, { message: 'to must be after from', path: ['to'] }),
]);
export type Closure = z.infer<typeof Closure>;

export const BookingChannel = z.enum(['branch', 'video', 'phone']);
export type BookingChannel = z.infer<typeof BookingChannel>;

/**
 * An instant: epoch ms, or an ISO 8601 date-time with an offset ('2026-01-06T10:00:00+08:00');
 * either way between FIRST_YEAR and LAST_YEAR.
 */
export const Instant = z
  .union([z.number(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))])
  .pipe(EpochMs)
  .describe(`Epoch milliseconds, or an ISO 8601 date-time with an offset; ${DATE_RANGE}`);

// --- settings ----------------------------------------------------------------------------------

/** Per-branch booking settings; stored partial, read with these defaults. */
export const BookingSettings = z.object({
  enabled: z.boolean().default(true),
  /** Slots start every this many minutes from each opening time. */
  slotStepMin: z.number().int().min(5).max(240).default(15),
  minNoticeMin: z.number().int().min(0).max(43_200).default(60),
  maxDaysAhead: z.number().int().min(0).max(365).default(30),
  maxActivePerCustomer: z.number().int().min(1).max(20).default(2),
  /** Check-in opens this long before the slot (kiosk and phone). */
  checkInEarlyMin: z.number().int().min(0).max(240).default(30),
  /**
   * Check-in closes this long after the slot; then the appointment is a no-show. Arriving after
   * the branch's `routing.appointmentLateMin` but before this queues the customer as a walk-in.
   */
  checkInLateMin: z.number().int().min(0).max(240).default(15),
  /** Customers may join the walk-in queue from their phone before arriving. */
  remoteQueue: z.boolean().default(false),
  /**
   * A booking or a remote-queue join with a phone number needs a one-time code texted to that
   * number first (contact-check.ts): a booking joins that number's profile, and the bank texts it
   * (a ticket's near-turn and call notices too).
   */
  verifyPhone: z.boolean().default(false),
  /**
   * A booking or a remote-queue join with an e-mail address needs a one-time code e-mailed to that
   * address first (contact-check.ts): the confirmation with its manage link (a ticket's notices) goes there. A switch of its own,
   * not `verifyPhone` widened: branches that turned on texted codes did not ask for mailed ones,
   * an installation may have SMS and no e-mail (or the reverse), and a stored `verifyPhone: true`
   * keeps meaning "phone numbers only".
   */
  verifyEmail: z.boolean().default(false),
  /**
   * The kiosk and the remote queue issue walk-in tickets from this long before each opening
   * (customers queue at the door), until closing; outside that they refuse with BRANCH_CLOSED.
   */
  walkInEarlyMin: z.number().int().min(0).max(240).default(30),
  /** Video room link for video appointments; `{room}` becomes an unguessable room name. */
  videoRoomUrl: z.url({ protocol: /^https$/ }).max(500).regex(/\{room\}/, 'must contain {room}').optional(),
  closures: z.array(Closure).max(1000).default([]),
});
export type BookingSettings = z.infer<typeof BookingSettings>;

/** Per-service booking rules; stored partial, read with these defaults. */
export const ServiceBookingRules = z.object({
  bookable: z.boolean().default(true),
  /** Length of an appointment; default: the service's default duration. */
  durationMin: z.number().int().min(5).max(480).optional(),
  bufferBeforeMin: z.number().int().min(0).max(120).default(0),
  bufferAfterMin: z.number().int().min(0).max(120).default(0),
  /**
   * The kiosk and the phone's remote queue issue walk-in tickets for this service. False: by
   * appointment only (booked customers still check in at the kiosk).
   */
  walkIns: z
    .boolean()
    .default(true)
    .describe('The kiosk and the remote queue issue walk-in tickets for this service; false makes it appointment-only (booked customers still check in).'),
  /**
   * Share of the skilled staff held back for walk-ins: at most floor(skilled x (1 - share))
   * bookings at once. Unset: DEFAULT_WALK_IN_SHARE when the service takes walk-ins, 0 when it is
   * by appointment only (`walkInShareOf`).
   */
  walkInShare: z
    .number()
    .min(0)
    .max(1)
    .optional()
    // Why the default: over 200 simulated branches a 25% share kept 95% of appointments on time
    // in 149 instead of 118, at no refused bookings overall (packages/simulator/README.md).
    .describe(
      'Share of the skilled staff kept for walk-ins: at most floor(skilled x (1 - share)) bookings at once (a day where that leaves none takes one at a time). Unset: 0.25 for a service that takes walk-ins, 0 for one by appointment only. 0 sells every skilled minute.',
    ),
  channels: z.array(BookingChannel).min(1).max(3).default(['branch']),
});
export type ServiceBookingRules = z.infer<typeof ServiceBookingRules>;

/** The walk-in share in force: the one set, else DEFAULT_WALK_IN_SHARE for a service that takes walk-ins, else 0. */
export function walkInShareOf(rules: Pick<ServiceBookingRules, 'walkIns' | 'walkInShare'>): number {
  return rules.walkInShare ?? (rules.walkIns ? DEFAULT_WALK_IN_SHARE : 0);
}

/**
 * Names every plain object answers to without having them: `Object.prototype`'s own properties
 * (`constructor`, `toString`, `__proto__`, ...) and `prototype`. Never a service's or a staff
 * member's id (those are UUIDs), but keys of records that code looks ids up in.
 */
const BUILT_IN_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * A record keyed by service or staff ids from the request, refusing built-in names as keys. Why
 * before the record parses: zod drops a `__proto__` key without a word (assigning it would swap
 * the result's prototype), so `{"__proto__": ...}` would be "saved" as nothing; and a key such as
 * `constructor` would find `Object.prototype`'s function in a lookup by `in` or `[id]`.
 */
function idRecord<V extends z.ZodType>(value: V) {
  return z.preprocess((raw, ctx) => {
    if (raw === null || typeof raw !== 'object') return raw; // the record says what it expected
    for (const key of Object.keys(raw)) {
      if (BUILT_IN_NAMES.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not an id (a built-in name)`, input: raw });
    }
    return raw;
  }, z.record(Id, value));
}

/** PUT /api/v1/branches/:branchId/booking/settings (manager, admin): each part given replaces what is stored. */
export const BookingSettingsBody = z.strictObject({
  /**
   * The version of the settings this save is based on (BookingSettingsView.version): when another
   * save came since, nothing is written and the answer is 409 STALE_SETTINGS with what is stored
   * now. Required: a save without it would overwrite whatever a colleague stored since.
   */
  version: z.number({ error: (issue) => (issue.input === undefined ? 'required: the version of the settings this save is based on (BookingSettingsView.version from GET)' : undefined) }).int().min(0),
  settings: BookingSettings.strict().optional(),
  // A service by appointment only has no walk-ins to keep staff for: a share there says two
  // contradicting things, which the booking screen never sends.
  services: idRecord(
    ServiceBookingRules.strict().refine((r) => r.walkIns || !r.walkInShare, {
      path: ['walkInShare'],
      message: 'a service by appointment only keeps no staff for walk-ins: leave walkInShare out, or 0',
    }),
  ).optional(),
  /** staffId -> weekly shifts in branch time, or null for "works the opening hours". */
  rosters: idRecord(RosterWeek.nullable()).optional(),
  /**
   * Confirms cancelling the bookings that closures added by this save take (after a
   * CLOSURE_HAS_BOOKINGS): each is cancelled by the branch and its customer told, in the same
   * transaction as the save. Without it such a save is refused and nothing changes.
   */
  cancelBookings: z.boolean().optional(),
});
export type BookingSettingsBody = z.infer<typeof BookingSettingsBody>;

export const BookingSettingsView = z.object({
  /** Bumped by every save of settings, service rules or rosters; send it back with a save. */
  version: z.number().int().min(0),
  settings: BookingSettings,
  services: z.record(z.string(), ServiceBookingRules),
  rosters: z.record(z.string(), WeeklyWindows.nullable()),
});
export type BookingSettingsView = z.infer<typeof BookingSettingsView>;

/**
 * `error.details` of CLOSURE_HAS_BOOKINGS: the bookings in all, and per added closure that takes
 * some, keyed by its index in the saved `settings.closures`, how many and the first one (epoch ms).
 */
export const ClosureHasBookingsDetails = z.object({
  count: z.number().int().min(1),
  closures: z.record(z.string(), z.object({ count: z.number().int().min(1), firstAt: z.number() })),
});
export type ClosureHasBookingsDetails = z.infer<typeof ClosureHasBookingsDetails>;

/** `error.details` of STALE_SETTINGS: the settings as stored now (with their version). */
export const StaleSettingsDetails = z.object({ current: BookingSettingsView });
export type StaleSettingsDetails = z.infer<typeof StaleSettingsDetails>;

/** The branch settings one field at a time (no defaults: a field left out is left as stored). */
const SettingsFields = z.strictObject({
  enabled: BookingSettings.shape.enabled.unwrap().optional(),
  slotStepMin: BookingSettings.shape.slotStepMin.unwrap().optional(),
  minNoticeMin: BookingSettings.shape.minNoticeMin.unwrap().optional(),
  maxDaysAhead: BookingSettings.shape.maxDaysAhead.unwrap().optional(),
  maxActivePerCustomer: BookingSettings.shape.maxActivePerCustomer.unwrap().optional(),
  checkInEarlyMin: BookingSettings.shape.checkInEarlyMin.unwrap().optional(),
  checkInLateMin: BookingSettings.shape.checkInLateMin.unwrap().optional(),
  remoteQueue: BookingSettings.shape.remoteQueue.unwrap().optional(),
  verifyPhone: BookingSettings.shape.verifyPhone.unwrap().optional(),
  verifyEmail: BookingSettings.shape.verifyEmail.unwrap().optional(),
  walkInEarlyMin: BookingSettings.shape.walkInEarlyMin.unwrap().optional(),
});
export type BookingSettingsFields = z.infer<typeof SettingsFields>;

/**
 * PATCH /api/v1/branches/:branchId/booking/settings (manager, admin): changes only the settings
 * fields given (the set-up screen's early window sends `walkInEarlyMin` alone), so it never
 * overwrites service rules, rosters, closures or any other field a colleague saved meanwhile.
 * `expected`: the values the screen showed, one for each field changed (required); when a stored
 * one differs (defaults filled in), nothing is written and the answer is 409 STALE_SETTINGS.
 */
export const BookingSettingsPatchBody = z
  .strictObject({
    settings: SettingsFields.refine((f) => Object.keys(f).length > 0, { message: 'give at least one setting to change' }),
    expected: SettingsFields.optional(),
  })
  // Its `version`: without the value it replaces, a field changed by a colleague meanwhile would be overwritten unseen.
  .superRefine((body, ctx) => {
    for (const field of Object.keys(body.settings)) {
      if (body.expected?.[field as keyof typeof body.expected] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['expected', field], message: `required: the ${field} this change replaces (as GET showed it)` });
      }
    }
  });
export type BookingSettingsPatchBody = z.infer<typeof BookingSettingsPatchBody>;

// --- punctuality ---------------------------------------------------------------------------------

/** The routing goal for booked customers (the engine's, which the simulator judges by). */
export { PUNCTUALITY_GOAL };

/** GET /api/v1/branches/:branchId/booking/punctuality (manager, admin). */
export const PunctualityQuery = z.strictObject({
  /** The branch's last this many business days, today (branch time) included. */
  days: z.coerce.number().int().min(1).max(365).default(28),
});
export type PunctualityQuery = z.infer<typeof PunctualityQuery>;

/** A day of the week, as the engine's weekly windows name it. */
const WeekdayName = z.enum(WEEK as readonly Weekday[] as [Weekday, ...Weekday[]]);

/** GET /branches/:id/simulation/scenario: which of the branch's recent days to build the scenario from. */
export const BranchScenarioQuery = z.strictObject({
  /** The branch's last this many business days, today (branch time) included. */
  days: z.coerce.number().int().min(7).max(365).default(28),
  /** The weekday the scenario is; unless given, the one with the most tickets in the period. */
  weekday: WeekdayName.optional(),
});
export type BranchScenarioQuery = z.infer<typeof BranchScenarioQuery>;

export const BranchScenarioView = z.object({
  fromDay: z.string(),
  toDay: z.string(),
  weekday: WeekdayName,
  /** Dates of that weekday in the period with tickets: what the rates are averaged over. */
  days: z.number().int(),
  /** A simulator scenario file (packages/simulator): `npm run simulate -- --scenario <it>`. */
  scenario: z.record(z.string(), z.unknown()),
});
export type BranchScenarioView = z.infer<typeof BranchScenarioView>;

export const ServicePunctuality = z.object({
  /** Booked customers who kept their slot and were called (late arrivals queue as walk-ins and are not counted). */
  appointments: z.number().int(),
  /** Of those, called no later than HOLD_GRACE_MIN (engine) after max(booked time, check-in). */
  onTime: z.number().int(),
});
export type ServicePunctuality = z.infer<typeof ServicePunctuality>;

export const PunctualityView = z.object({
  days: z.number().int(),
  /** First and last business day counted (YYYY-MM-DD, branch time). */
  fromDay: z.string(),
  toDay: z.string(),
  goal: z.number(),
  /** serviceId -> counts; a service without such appointments is absent. */
  services: z.record(z.string(), ServicePunctuality),
});
export type PunctualityView = z.infer<typeof PunctualityView>;

// --- the booking page --------------------------------------------------------------------------

export const BookableService = z.object({
  id: Id,
  code: z.string(),
  name: LocalizedText,
  durationMin: z.number().int(),
  channels: z.array(BookingChannel),
  documents: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
});

/** GET /api/v1/branches/:branchId/booking: what the booking page needs to start. */
export const BookingInfo = z.object({
  branchId: Id,
  name: LocalizedText,
  /** Where the branch is (null per language where not set). */
  address: BranchAddress,
  timezone: z.string(),
  enabled: z.boolean(),
  remoteQueue: z.boolean(),
  minNoticeMin: z.number().int(),
  maxDaysAhead: z.number().int(),
  checkInEarlyMin: z.number().int(),
  checkInLateMin: z.number().int(),
  /** Whether a booking (or a remote-queue join) with a phone number needs a texted code first (`unavailable`: it cannot be sent here: book with an e-mail address). */
  phoneCheck: ContactCheckMode,
  /** Whether a booking (or a remote-queue join) with an e-mail address needs a mailed code first (`unavailable`: no e-mail is set up here: book with a phone number). */
  emailCheck: ContactCheckMode,
  services: z.array(BookableService),
});
export type BookingInfo = z.infer<typeof BookingInfo>;

export const SlotParams = z.strictObject({ branchId: Id, serviceId: Id });
export const SlotsQuery = z.strictObject({
  /** First local day (branch time); default today. */
  from: LocalDate.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

export const SlotView = z.object({
  startsAt: z.number(),
  endsAt: z.number(),
  /** Local start time in the branch's zone, HH:MM. */
  time: z.string(),
  /** Places left (at least 1). */
  remaining: z.number().int(),
});
export const SlotsView = z.object({
  branchId: Id,
  serviceId: Id,
  timezone: z.string(),
  durationMin: z.number().int(),
  days: z.array(z.object({ date: z.string(), closed: z.boolean(), slots: z.array(SlotView) })),
});
export type SlotsView = z.infer<typeof SlotsView>;

/** Who booked, and how to remind them: a phone number, an e-mail address or both. */
export const BookingContact = reachable(
  z.strictObject({
    name: plainName(100).optional(),
    phone: PhoneNumber.optional(),
    email: EmailAddress.optional(),
    language: Lang,
    /** The customer agrees that we keep these details and send reminders about this appointment. */
    consent: z.literal(true),
  }),
);

/** POST /api/v1/appointments */
export const BookAppointmentBody = z.strictObject({
  branchId: Id,
  serviceId: Id,
  startsAt: Instant,
  contact: BookingContact,
  channel: BookingChannel.default('branch'),
  /**
   * Optional opt-in to a kept profile (visit history and needs). Absent or `keep: false` keeps
   * nothing new and withdraws nothing: withdrawing is done on the manage page.
   */
  history: HistoryConsentBody.optional(),
  /**
   * The texted code for the contact's phone number (POST /phone-checks), at a branch that
   * confirms numbers (BookingInfo.phoneCheck `required`); ignored elsewhere. Not part of the
   * request's identity: a replay under the same `requestId` needs no (fresh) code.
   */
  phoneCheck: ContactCheckProof.optional(),
  /** The same for the contact's e-mail address (POST /email-checks, BookingInfo.emailCheck `required`). */
  emailCheck: ContactCheckProof.optional(),
  /**
   * Idempotency key, chosen by the booking page per confirm tap (e.g. a UUID) and resent when
   * that tap is retried: for 24 h the same key with the same request answers with the booking
   * it already made (same code, same manage token) instead of a second booking or SLOT_FULL;
   * the same key with a different request is refused with REQUEST_ID_REUSED.
   */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -')
    .optional()
    .describe('Idempotency key: the same key within 24 h returns the same booking; with a different body, 409 REQUEST_ID_REUSED'),
});
export type BookAppointmentBody = z.infer<typeof BookAppointmentBody>;

export const ManageTokenParams = z.strictObject({ manageToken: Token });
export const RescheduleBody = z.strictObject({ startsAt: Instant });

export const AppointmentState = z.enum(['booked', 'checked-in', 'done', 'no-show', 'cancelled']);

/** What booking and rescheduling return. */
export const BookedAppointment = z.object({
  /** Six letters/digits for the kiosk (no 0/O/1/I). */
  code: z.string(),
  /** Secret of the manage link; the only key to the appointment. */
  manageToken: z.string(),
  branchId: Id,
  serviceId: Id,
  startsAt: z.number(),
  endsAt: z.number(),
  channel: BookingChannel,
  joinUrl: z.string().nullable(),
  state: AppointmentState,
  /** Who cancelled a cancelled appointment: the customer, or the branch (it stopped offering the service); null otherwise. */
  cancelledBy: z.enum(['customer', 'branch']).nullable(),
  /**
   * Relative URL of the calendar file. (No word on the history consent: whether the contact
   * already had a profile, and so was sent a link to confirm, is not the booker's to learn.)
   */
  icsUrl: z.string(),
});
export type BookedAppointment = z.infer<typeof BookedAppointment>;

/** GET /api/v1/appointments/:manageToken */
export const AppointmentView = BookedAppointment.extend({
  branch: z.object({ id: Id, name: LocalizedText, address: BranchAddress, timezone: z.string() }),
  service: z.object({ id: Id, code: z.string(), name: LocalizedText, documents: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }) }),
  /** Local date and time of the slot in the branch's zone. */
  localDate: z.string(),
  localTime: z.string(),
  /**
   * Masked, and without the name: the page never shows it, and anyone holding the link (a
   * forwarded message, a shared screen) should not learn who booked.
   */
  contact: z.object({ phoneMasked: z.string().nullable(), emailMasked: z.string().nullable(), language: Lang }),
  checkIn: z.object({
    opensAt: z.number(),
    /** After this the customer keeps no slot: queued as a walk-in. */
    keepsSlotUntil: z.number(),
    closesAt: z.number(),
  }),
  /**
   * The server's clock when this view was made: the page measures the check-in window against
   * it, not against the phone's own clock (which may be off; the server decides either way).
   */
  now: z.number(),
  /** The queue ticket once checked in: the phone page is /t/<token>. */
  ticket: z.object({ token: z.string(), number: z.string() }).nullable(),
  lateArrival: z.boolean(),
  canReschedule: z.boolean(),
  canCancel: z.boolean(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

// --- arrival -------------------------------------------------------------------------------------

/**
 * POST /api/v1/branches/:branchId/check-in (kiosk device token): by the six-character code
 * (typed, or scanned from the confirmation's QR code), or by the manage token when a scanner
 * read a manage link. Either way the kiosk gets the check-in's ticket, never the manage page.
 */
export const CheckInBody = z.union([
  z.strictObject({
    code: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[A-Z0-9]{6}$/, 'the six-character booking code')),
  }),
  z.strictObject({ manageToken: Token }),
]);
export type CheckInBody = z.infer<typeof CheckInBody>;

/** `error.details` of CHECK_IN_TOO_EARLY: when check-in opens, so screens need not read the message. */
export const CheckInTooEarlyDetails = z.object({
  /** ISO 8601 with the branch's UTC offset, e.g. '2026-11-30T09:00:00+08:00'. */
  opensAt: z.string(),
  /** The same instant as the branch's local wall-clock time, HH:MM. */
  opensAtLocal: LocalTime,
});
export type CheckInTooEarlyDetails = z.infer<typeof CheckInTooEarlyDetails>;

/** The ticket a check-in issues: the kiosk issue's shape, plus how the customer was queued. */
export const CheckInResult = IssuedTicket.extend({
  /** 'walk-in' when the customer came after the slot-keeping window. */
  kind: z.enum(['appointment', 'walk-in']),
  late: z.boolean(),
  appointmentAt: z.number(),
  code: z.string(),
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const DayQuery = z.strictObject({ day: LocalDate.optional() });

/**
 * One appointment in the staff day list: what the panel shows, no more. The name masked as the
 * panel shows it (`maskName`), and no check-in code: nobody checks a customer in from the list
 * (the kiosk does), and a code read off a counter screen would check someone else's booking in.
 */
export const StaffAppointmentView = z.object({
  id: Id,
  startsAt: z.number(),
  endsAt: z.number(),
  time: z.string(),
  service: z.object({ id: Id, code: z.string(), name: LocalizedText }),
  /** The stored state, or 'done' / 'no-show' once the check-in ticket finished so. */
  state: AppointmentState,
  channel: BookingChannel,
  /** The customer's name masked ("王••"); null when they gave none. */
  name: z.string().nullable(),
  /** In full for phone appointments (staff call the customer), masked otherwise. */
  phone: z.string().nullable(),
  /** Video room link (video appointments). */
  joinUrl: z.string().nullable(),
  ticket: z.object({ id: Id, number: z.string(), status: z.string() }).nullable(),
  checkedInAt: z.number().nullable(),
  lateArrival: z.boolean(),
});
export const StaffRemoteTicketView = z.object({
  ticketId: Id,
  number: z.string(),
  serviceId: Id,
  status: z.string(),
  joinedAt: z.number(),
  arrivedAt: z.number().nullable(),
});
/** GET /api/v1/branches/:branchId/appointments?day=YYYY-MM-DD (staff session). */
export const StaffAppointmentsView = z.object({
  branchId: Id,
  day: z.string(),
  timezone: z.string(),
  appointments: z.array(StaffAppointmentView),
  /** Remote-queue tickets in today's live queue and whether they have arrived. */
  remoteTickets: z.array(StaffRemoteTicketView),
});
export type StaffAppointmentsView = z.infer<typeof StaffAppointmentsView>;

// --- remote queue ----------------------------------------------------------------------------------

/** POST /api/v1/branches/:branchId/remote-tickets: join the walk-in queue from the phone. */
export const RemoteTicketBody = z.strictObject({
  serviceId: Id,
  /** Only `normal` is issued remotely (anything else: 403 PRIORITY_NOT_ALLOWED); priority is given at the branch. */
  priority: Priority.optional(),
  lang: Lang.default('zh'),
  contact: reachable(z.strictObject({ phone: PhoneNumber.optional(), email: EmailAddress.optional(), consent: z.literal(true) })).optional(),
  /**
   * The texted code for the contact's phone number (POST /phone-checks), at a branch that confirms
   * numbers (BookingInfo.phoneCheck `required`), as for a booking: the ticket's notices are texted
   * there, so an unconfirmed number would let anyone make the branch text strangers.
   */
  phoneCheck: ContactCheckProof.optional(),
  /**
   * The mailed code for the contact's e-mail address (POST /email-checks), at a branch that
   * confirms addresses (BookingInfo.emailCheck `required`): the ticket's notices go there.
   */
  emailCheck: ContactCheckProof.optional(),
});
export type RemoteTicketBody = z.infer<typeof RemoteTicketBody>;

/** POST /api/v1/branches/:branchId/arrive (kiosk): by the phone page's QR (token) or the ticket number. */
/**
 * A remote ticket's arrival at the kiosk: the ticket token from the customer's phone page (its
 * QR). Not the ticket number: the lobby screen shows numbers to everyone.
 */
export const ArriveBody = z.strictObject({ ticketToken: Token });
export type ArriveBody = z.infer<typeof ArriveBody>;

export const ArrivalResult = z.object({ ticketId: Id, number: z.string(), arrivedAt: z.number(), view: TicketView });
export type ArrivalResult = z.infer<typeof ArrivalResult>;
