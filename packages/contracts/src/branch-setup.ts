/**
 * Setting a branch up from the product: admins create and edit branches; a branch's managers (and
 * admins) keep its services, counters and opening hours. The bodies, the views and the codes of
 * the refusals (see `setupStatus`).
 */
import { z } from 'zod';
import { WEEK, type Weekday } from '@tellerline/engine';
import { BranchAddressBody } from './branch-address.js';
import { LocalWindow } from './booking.js';
import { Id, plainName } from './common.js';
import {
  BRANCH_CODE_MAX,
  BRANCH_CODE_PATTERN,
  BRANCH_NAME_MAX,
  canonicalTimeZone,
  COUNTER_LABEL_MAX,
  DOCUMENT_MAX,
  DOCUMENTS_MAX,
  INTERVALS_PER_DAY_MAX,
  intervalsOverlap,
  isTimeZone,
  SERVICE_CODE_PATTERN,
  SERVICE_MINUTES_MAX,
  SERVICE_NAME_MAX,
} from './setup-rules.js';
import { BranchListItem } from './views.js';

/** Codes the set-up adds (see `setupStatus`). */
export const SETUP_ERROR_CODES = [
  /** Another branch has this code (codes are unique across the installation). */
  'BRANCH_CODE_TAKEN',
  /** Another service of the branch, active or not, has this code. */
  'SERVICE_CODE_TAKEN',
  /** Another counter of the branch, active or not, has this label. */
  'COUNTER_LABEL_TAKEN',
  /** Customers are waiting for or being served at the service: deactivate it once they are served (`ServiceInUseDetails`). */
  'SERVICE_IN_USE',
  /**
   * The service's code cannot change while it has live tickets (waiting, called or being served):
   * they would show under the new code though the customers hold numbers of the old one
   * (`ServiceInUseDetails`).
   */
  'SERVICE_CODE_IN_USE',
  /** Someone is signed on at the counter: deactivate it once they have signed off (`CounterInUseDetails`). */
  'COUNTER_IN_USE',
  /** The branch's only active service: a branch that is open needs at least one. */
  'LAST_ACTIVE_SERVICE',
  /**
   * Customers have booked the service being deactivated (`ServiceHasBookingsDetails`): nothing was
   * changed; send the deactivation again with `cancelBookings: true` to cancel those bookings and
   * tell each customer.
   */
  'SERVICE_HAS_BOOKINGS',
  /** Someone is signed on at a counter of the branch being taken out of service (`BranchInUseDetails`). */
  'BRANCH_IN_USE',
  /** Customers wait, are called or are served in the branch's live queue (`BranchHasCustomersDetails`). */
  'BRANCH_HAS_CUSTOMERS',
  /**
   * Customers have booked visits at the branch being taken out of service (`BranchHasBookingsDetails`):
   * nothing was changed; send it again with `cancelBookings: true` to cancel them and tell each customer.
   */
  'BRANCH_HAS_BOOKINGS',
  /**
   * Someone saved the branch since the screen read it: a field of `expected` (what the screen
   * showed) is stored otherwise now. Nothing was written; `details`: StaleBranchDetails (the branch
   * as stored now), so the screen can show it and keep what the person typed.
   */
  'STALE_BRANCH',
  /** The branch a new branch was to be copied from (`copyFrom`) does not exist: nothing was made (404). */
  'COPY_SOURCE_UNKNOWN',
  /** The branch a new branch was to be copied from is out of service: nothing was made (422). */
  'COPY_SOURCE_INACTIVE',
] as const;
export type SetupErrorCode = (typeof SETUP_ERROR_CODES)[number];

/** HTTP status of a set-up code, or undefined for a code that is not the set-up's: a conflict with what is there, but for a copy's source. */
export function setupStatus(code: string): number | undefined {
  if (code === 'COPY_SOURCE_UNKNOWN') return 404;
  if (code === 'COPY_SOURCE_INACTIVE') return 422;
  return (SETUP_ERROR_CODES as readonly string[]).includes(code) ? 409 : undefined;
}

/** `error.details` of SERVICE_IN_USE and SERVICE_CODE_IN_USE: the live tickets of the service, by status. */
export const ServiceInUseDetails = z.object({
  serviceCode: z.string(),
  waiting: z.number().int().min(0),
  called: z.number().int().min(0),
  serving: z.number().int().min(0),
});
export type ServiceInUseDetails = z.infer<typeof ServiceInUseDetails>;

/** `error.details` of SERVICE_HAS_BOOKINGS: how many booked visits, and the first one (epoch ms, and its day in the branch's zone). */
export const ServiceHasBookingsDetails = z.object({
  serviceCode: z.string(),
  count: z.number().int().min(1),
  firstAt: z.number(),
  /** YYYY-MM-DD in the branch's time zone. */
  firstDate: z.string(),
});
export type ServiceHasBookingsDetails = z.infer<typeof ServiceHasBookingsDetails>;

/** `error.details` of STALE_BRANCH: the branch as stored now (all its fields, as GET /api/v1/branches lists it). */
export const StaleBranchDetails = z.object({ current: BranchListItem });
export type StaleBranchDetails = z.infer<typeof StaleBranchDetails>;

/** `error.details` of BRANCH_IN_USE: how many are signed on at its counters, and the first one's display name (when known). */
export const BranchInUseDetails = z.object({
  count: z.number().int().min(1),
  staffName: z.string().optional(),
});
export type BranchInUseDetails = z.infer<typeof BranchInUseDetails>;

/** `error.details` of BRANCH_HAS_CUSTOMERS: the live tickets of the branch, by status. */
export const BranchHasCustomersDetails = z.object({
  waiting: z.number().int().min(0),
  called: z.number().int().min(0),
  serving: z.number().int().min(0),
});
export type BranchHasCustomersDetails = z.infer<typeof BranchHasCustomersDetails>;

/** `error.details` of BRANCH_HAS_BOOKINGS: as SERVICE_HAS_BOOKINGS, for every service of the branch. */
export const BranchHasBookingsDetails = z.object({
  count: z.number().int().min(1),
  firstAt: z.number(),
  /** YYYY-MM-DD in the branch's time zone. */
  firstDate: z.string(),
});
export type BranchHasBookingsDetails = z.infer<typeof BranchHasBookingsDetails>;

/** `error.details` of COUNTER_IN_USE: the counter and who is signed on there (their display name, when known). */
export const CounterInUseDetails = z.object({
  counterLabel: z.string(),
  staffName: z.string().optional(),
});
export type CounterInUseDetails = z.infer<typeof CounterInUseDetails>;

// --- building blocks ---------------------------------------------------------------------------

export const BranchCode = z
  .string()
  .min(2)
  .max(BRANCH_CODE_MAX)
  .regex(BRANCH_CODE_PATTERN, "lower-case letters and digits, words joined by '-' (e.g. sh-pudong)");

export const ServiceCode = z.string().regex(SERVICE_CODE_PATTERN, 'one or two capital letters (the ticket number prefix, e.g. A or VB)');

/** An IANA time zone, stored in its canonical spelling. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')
  .transform(canonicalTimeZone);

const Names = (max: number) => z.strictObject({ zh: plainName(max), en: plainName(max) });

const OpeningDay = z
  .array(LocalWindow)
  .max(INTERVALS_PER_DAY_MAX)
  .refine((day) => !intervalsOverlap(day), 'the intervals of a day must not overlap')
  // Stored in time order: the screens, the help assistant and the slot finder read them so.
  .transform((day) => [...day].sort((a, b) => (a.open < b.open ? -1 : 1)));

/** Weekly opening hours in the branch's time zone: every weekday, [] is closed. */
export const OpeningHoursBody = z.strictObject(Object.fromEntries(WEEK.map((d) => [d, OpeningDay])) as Record<Weekday, typeof OpeningDay>);
export type OpeningHoursBody = z.infer<typeof OpeningHoursBody>;

const Minutes = z.number().int().min(1).max(SERVICE_MINUTES_MAX);
const DocumentList = z.array(plainName(DOCUMENT_MAX)).max(DOCUMENTS_MAX);
/** What to bring, in each language (the kiosk, the booking page and the help assistant list it). */
export const ServiceDocuments = z.strictObject({ zh: DocumentList, en: DocumentList });

const atLeastOne = (b: object) => Object.keys(b).length > 0;

// --- bodies --------------------------------------------------------------------------------------

/**
 * POST /api/v1/branches (admin). The code is fixed once made: it is in links and the help assistant.
 * `copyFrom`: an active branch whose set-up the new one starts with (its description says what is copied); then
 * `openingHours` may be left out (the source's are taken), and when given it wins.
 */
export const NewBranchBody = z
  .strictObject({
    code: BranchCode,
    name: Names(BRANCH_NAME_MAX),
    timezone: TimeZone,
    openingHours: OpeningHoursBody.optional(),
    address: BranchAddressBody.default({ zh: null, en: null }),
    pilot: z.boolean().default(false),
    customersOpen: z
      .boolean()
      .optional()
      .describe('Open to customers at once (booking, remote queue, public lists, help). Default false: the branch starts "in preparation" while it is set up (services, counters, staff, address), and an admin opens it later (PATCH with customersOpen).'),
    copyFrom: Id.optional().describe(
      'An active branch to start from: its active services (codes, names, targets, durations, documents, booking rules and walk-in flag), opening hours, booking settings with the closures not yet over, queue rules, and its active counters. Never its staff, rosters, devices, tickets, bookings, customers, pilot flag or whether it is open to customers (see customersOpen).',
    ),
  })
  .refine((b) => b.openingHours !== undefined || b.copyFrom !== undefined, { path: ['openingHours'], message: 'give the opening hours, or a branch to copy them from (copyFrom)' });
export type NewBranchBody = z.infer<typeof NewBranchBody>;

const branchFields = {
  name: Names(BRANCH_NAME_MAX).optional(),
  timezone: TimeZone.optional(),
  openingHours: OpeningHoursBody.optional(),
  address: BranchAddressBody.optional(),
  pilot: z.boolean().optional(),
  /** Open to customers (true) or in preparation (false); closing again keeps the bookings already made. */
  customersOpen: z.boolean().optional(),
};

/**
 * What the screen showed for the fields it changes (their values when it read the branch): when
 * one is stored otherwise now, someone saved in between and the write is refused (STALE_BRANCH)
 * rather than overwriting them. Without it the fields given are written whatever is stored.
 */
export const ExpectedBranchFields = z.strictObject(branchFields);
export type ExpectedBranchFields = z.infer<typeof ExpectedBranchFields>;

/**
 * PATCH /api/v1/branches/:branchId (admin): any of these (`address`: both languages, null or '' for
 * one not set); not the code. Only the fields given
 * change (the screens send only those the person changed), each checked against `expected`.
 */
export const BranchPatchBody = z
  .strictObject({ ...branchFields, expected: ExpectedBranchFields.optional() })
  .refine(({ expected: _, ...fields }) => atLeastOne(fields), 'change at least one of name, timezone, openingHours, address, pilot, customersOpen');
export type BranchPatchBody = z.infer<typeof BranchPatchBody>;

/**
 * POST /api/v1/branches/:branchId/deactivate (admin): takes the branch out of service.
 * `cancelBookings`: the admin was told of its bookings (BRANCH_HAS_BOOKINGS, or the preview) and
 * confirms cancelling them; each customer gets a cancellation notice.
 */
export const BranchDeactivateBody = z.strictObject({ cancelBookings: z.literal(true).optional() });
export type BranchDeactivateBody = z.infer<typeof BranchDeactivateBody>;

/** GET /api/v1/branches/:branchId/deactivation (admin): what taking the branch out of service would cancel. */
export const BranchDeactivationView = z.object({
  /** Booked visits still to come (they are cancelled, each customer told). */
  bookings: z.number().int().min(0),
  /** The first one's day in the branch's zone (YYYY-MM-DD); null without bookings. */
  firstDate: z.string().nullable(),
});
export type BranchDeactivationView = z.infer<typeof BranchDeactivationView>;

/**
 * PUT /api/v1/branches/:branchId/opening-hours (the branch's managers, admins). `expected`: the
 * hours the screen showed (STALE_BRANCH when stored otherwise now), as in BranchPatchBody.
 */
export const OpeningHoursUpdateBody = z.strictObject({ openingHours: OpeningHoursBody, expected: z.strictObject({ openingHours: OpeningHoursBody }).optional() });
export type OpeningHoursUpdateBody = z.infer<typeof OpeningHoursUpdateBody>;

/**
 * PUT /api/v1/branches/:branchId/address (the branch's managers, admins): where customers are told
 * to go, both languages at once (null or '' for one not set). `expected`: the address the screen
 * showed (STALE_BRANCH when stored otherwise now), as in BranchPatchBody.
 */
export const BranchAddressUpdateBody = z.strictObject({ address: BranchAddressBody, expected: z.strictObject({ address: BranchAddressBody }).optional() });
export type BranchAddressUpdateBody = z.infer<typeof BranchAddressUpdateBody>;

const serviceFields = {
  code: ServiceCode,
  name: Names(SERVICE_NAME_MAX),
  targetMin: Minutes.describe('Customers should be called within this many minutes'),
  defaultDurationMin: Minutes.describe('Typical minutes at the counter, until the branch has measured its own'),
  documents: ServiceDocuments,
};

/** POST /api/v1/branches/:branchId/services. A new service is active. */
export const NewServiceBody = z.strictObject({ ...serviceFields, documents: ServiceDocuments.default({ zh: [], en: [] }) });
export type NewServiceBody = z.infer<typeof NewServiceBody>;

/** PATCH /api/v1/branches/:branchId/services/:serviceId: any of the fields; `active: false` deactivates it. */
export const ServicePatchBody = z
  .strictObject({
    code: serviceFields.code.optional(),
    name: serviceFields.name.optional(),
    targetMin: serviceFields.targetMin.optional(),
    defaultDurationMin: serviceFields.defaultDurationMin.optional(),
    documents: serviceFields.documents.optional(),
    active: z.boolean().optional(),
    /**
     * With `active: false`: the manager has been told of the service's bookings
     * (SERVICE_HAS_BOOKINGS) and confirms cancelling them; each customer gets a cancellation notice.
     */
    cancelBookings: z.literal(true).optional(),
  })
  .refine(atLeastOne, 'change at least one field')
  .refine((b) => b.cancelBookings === undefined || b.active === false, { path: ['cancelBookings'], message: 'only with active: false' });
export type ServicePatchBody = z.infer<typeof ServicePatchBody>;

/** POST /api/v1/branches/:branchId/counters ("3", "VIP 1": what the lobby screen says). */
export const NewCounterBody = z.strictObject({ label: plainName(COUNTER_LABEL_MAX) });
export type NewCounterBody = z.infer<typeof NewCounterBody>;

/** PATCH /api/v1/branches/:branchId/counters/:counterId. */
export const CounterPatchBody = z
  .strictObject({ label: plainName(COUNTER_LABEL_MAX).optional(), active: z.boolean().optional() })
  .refine(atLeastOne, 'change the label or active');
export type CounterPatchBody = z.infer<typeof CounterPatchBody>;

export const ServiceParams = z.strictObject({ branchId: Id, serviceId: Id });
export const CounterParams = z.strictObject({ branchId: Id, counterId: Id });

// --- views ---------------------------------------------------------------------------------------

export const ServiceSetupView = z.object({
  id: Id,
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  targetMin: z.number().int(),
  defaultDurationMin: z.number().int(),
  documents: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
  active: z.boolean(),
});
export type ServiceSetupView = z.infer<typeof ServiceSetupView>;

export const CounterSetupView = z.object({ id: Id, label: z.string(), active: z.boolean() });
export type CounterSetupView = z.infer<typeof CounterSetupView>;

/** GET /api/v1/branches/:branchId/setup: the branch and all its services and counters, inactive ones included. */
export const BranchSetupView = z.object({
  branch: BranchListItem,
  /** By code. */
  services: z.array(ServiceSetupView),
  /** By label, numbers by value (2 before 10). */
  counters: z.array(CounterSetupView),
});
export type BranchSetupView = z.infer<typeof BranchSetupView>;
