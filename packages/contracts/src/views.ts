import { z } from 'zod';
import { WEEK, type Weekday } from '@tellerline/engine';
import { CallReasonView, Id, Lang, LocalizedText, Priority, TicketKind } from './common.js';
import { BranchAddress } from './branch-address.js';
import { VisitPreferences } from './consent.js';
import { ServiceRecordView } from './service-records.js';

export const WaitRange = z.object({ lowMin: z.number(), highMin: z.number(), expectedMin: z.number() });

/** One service's line as the lobby and the kiosk see it: counts only, nobody's data. */
export const ServiceQueueView = z.object({
  serviceId: Id,
  code: z.string(),
  name: LocalizedText,
  waiting: z.number().int(),
  longestWaitMin: z.number(),
  targetMin: z.number(),
  /** What a ticket taken now would be told; null when `noStaff` (no wait can be promised). */
  wait: WaitRange.nullable(),
  /**
   * Nobody signed on can serve this service right now (everyone with the skill is signed off;
   * staff on a break still count). Screens say so instead of a wait; the kiosk still issues.
   */
  noStaff: z.boolean(),
  /** False: by appointment only; the kiosk offers no walk-in ticket for it. */
  walkIns: z.boolean(),
});
export type ServiceQueueView = z.infer<typeof ServiceQueueView>;

/**
 * Where a call stands now, for the lobby: `calling` while the counter waits for the customer,
 * `serving` once they are at the counter, `over` when the ticket was finished (done, no-show,
 * cancelled) or left that call (transferred, requeued, its number changed). Nothing more (no
 * reason, no outcome): a lobby needs only whether the call still stands.
 */
export const CallPhase = z.enum(['calling', 'serving', 'over']);
export type CallPhase = z.infer<typeof CallPhase>;

/** A call as shown on signage. Deliberately lacks any customer field. */
export const PublicCall = z.object({
  seq: z.number().int(),
  at: z.number(),
  number: z.string(),
  counterLabel: z.string(),
  serviceName: LocalizedText,
  recall: z.boolean(),
  /** As of the event that carried it (the call itself: `calling`; a snapshot: as of its seq). */
  phase: CallPhase,
});
export type PublicCall = z.infer<typeof PublicCall>;

/**
 * A called ticket's call moved on (`serving` or `over`): the calls for `number` before `seq`
 * now stand so. Public by construction: a ticket number and a phase.
 */
export const CallPhaseChange = z.object({ seq: z.number().int(), number: z.string(), phase: CallPhase });
export type CallPhaseChange = z.infer<typeof CallPhaseChange>;

export const SignageSnapshot = z.object({
  seq: z.number().int(),
  branch: z.object({ id: Id, name: LocalizedText, timezone: z.string() }),
  calls: z.array(PublicCall),
  services: z.array(ServiceQueueView),
});
export type SignageSnapshot = z.infer<typeof SignageSnapshot>;

/** The customer's phone page. Reached only through the ticket's unguessable token. */
export const TicketView = z.object({
  seq: z.number().int(),
  /** The ticket's branch (public, as in GET /branches): the phone page links to its help assistant. */
  branchId: Id,
  number: z.string(),
  service: z.object({ id: Id, code: z.string(), name: LocalizedText }),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'no-show', 'cancelled']),
  ahead: z.number().int(),
  /** Null once called, and while `noStaff`. */
  wait: WaitRange.nullable(),
  /** Waiting, and nobody signed on can serve its service right now: no wait is promised. */
  noStaff: z.boolean(),
  counterLabel: z.string().nullable(),
  issuedAt: z.number(),
  /** First call (the wait ends here); a recall does not move it. */
  calledAt: z.number().nullable(),
  /** Latest call or recall: the phone alerts again whenever it moves. */
  lastCalledAt: z.number().nullable(),
  /** Recalls in the current call (0 on the first call; a transfer starts over). */
  recalls: z.number().int(),
  /**
   * The number and service before the latest transfer that renumbered the ticket (A003 moved to
   * another service becomes D001): the phone says so, since the paper ticket still reads A003.
   * Null when it was never renumbered.
   */
  transferredFrom: z.object({ number: z.string(), service: z.object({ id: Id, code: z.string(), name: LocalizedText }) }).nullable(),
  /**
   * A booked customer who keeps the slot: the booked time (epoch ms). Until shortly before it
   * they are queued like anyone who just came, then called around it, so screens word the wait
   * against it. Null (or absent, from an older server) for everyone else.
   */
  appointmentAt: z.number().nullable().optional(),
  /**
   * True: joined from the phone (remote queue), so the customer may not be at the branch yet and
   * the phone page says where to go. Absent for tickets taken at the branch.
   */
  remote: z.literal(true).optional(),
  /**
   * A remote ticket whose holder checked in at the branch's kiosk (scanned the phone page's QR):
   * when (epoch ms). Absent until then, and for tickets taken at the branch.
   */
  arrivedAt: z.number().optional(),
});
export type TicketView = z.infer<typeof TicketView>;

export const IssuedTicket = z.object({ token: z.string(), ticketId: Id, view: TicketView });
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** A waiting or held ticket as staff see it (no contact details; profile comes separately). */
export const StaffTicketView = z.object({
  id: Id,
  number: z.string(),
  serviceId: Id,
  kind: TicketKind,
  priority: Priority,
  status: z.enum(['waiting', 'called', 'serving']),
  waitedMin: z.number(),
  targetMin: z.number(),
  counterId: z.string().nullable(),
  staffId: z.string().nullable(),
  recalls: z.number().int(),
  transfers: z.number().int(),
  appointmentAt: z.number().nullable(),
  /** A transfer to a named counter: only that counter may take it. */
  reservedCounterId: z.string().nullable(),
  /** Why the current call picked this ticket (called/serving tickets). */
  callReason: CallReasonView.nullable(),
  /**
   * A remote ticket (`kind` 'remote') whose holder checked in at the kiosk: when (epoch ms).
   * Absent while they are not here yet, and for tickets taken at the branch. Routing ignores it.
   */
  arrivedAt: z.number().optional(),
});
export type StaffTicketView = z.infer<typeof StaffTicketView>;

export const StaffQueueSnapshot = z.object({
  seq: z.number().int(),
  tickets: z.array(StaffTicketView),
  staff: z.array(
    z.object({
      id: Id,
      status: z.enum(['offline', 'available', 'serving', 'paused']),
      counterId: z.string().nullable(),
      ticketId: z.string().nullable(),
      pauseReason: z.string().nullable(),
      /** Colleagues see who sits where; names are staff-only data, never sent to signage. */
      displayName: z.string(),
      /** serviceId -> proficiency: lets a panel show "my" services. */
      skills: z.record(z.string(), z.number()),
    }),
  ),
  services: z.array(ServiceQueueView),
  /** The branch's counters as the queue runs them now (a counter added or renamed on the set-up screen shows at once). */
  counters: z.array(z.object({ id: Id, label: z.string() })),
});
export type StaffQueueSnapshot = z.infer<typeof StaffQueueSnapshot>;

export const BranchInfo = z.object({
  id: Id,
  code: z.string(),
  name: LocalizedText,
  timezone: z.string(),
  /** False once an admin took the branch out of service (the staff panel says so instead of a queue). */
  active: z.boolean(),
  services: z.array(z.object({ id: Id, code: z.string(), name: LocalizedText, targetMin: z.number() })),
  counters: z.array(z.object({ id: Id, label: z.string() })),
});
export type BranchInfo = z.infer<typeof BranchInfo>;

/** Local wall-clock opening intervals ('HH:MM', branch time zone) per weekday; [] is closed. */
const OpeningDay = z.array(z.object({ open: z.string(), close: z.string() }));
const OpeningHoursView = z.object(Object.fromEntries(WEEK.map((d) => [d, OpeningDay])) as Record<Weekday, typeof OpeningDay>);

/**
 * One item of GET /api/v1/branches: the directory's row (opening hours, pilot flag), not the
 * live services and counters of BranchInfo, which would mean reading every branch's state.
 */
export const BranchListItem = z.object({
  id: Id,
  code: z.string(),
  name: LocalizedText,
  timezone: z.string(),
  openingHours: OpeningHoursView,
  /** Its street address per language (null where not set). */
  address: BranchAddress,
  /** The branch's pilot flag, as configured. */
  pilot: z.boolean(),
  /** False once an admin took it out of service: listed for history and reports, offered for nothing. */
  active: z.boolean(),
  /**
   * False while "in preparation": staff, kiosk and signage work there, customers are offered
   * nothing (the public list leaves it out; booking and the remote queue answer BRANCH_NOT_OPEN).
   */
  customersOpen: z.boolean(),
});
export type BranchListItem = z.infer<typeof BranchListItem>;

export { Lang };

/** What staff see about the customer holding a ticket: for service, never shown in the lobby. */
export const CustomerProfileView = z.object({
  customer: z
    .object({
      id: Id,
      name: z.string().nullable(),
      /** Masked except the last four digits: staff recognise, they do not copy. */
      phoneMasked: z.string().nullable(),
      language: Lang,
      /** The customer agreed to keep their visit history: without it `visits` holds the current visit only. */
      historyKept: z.boolean(),
      /** Needs to prepare for (only with `historyKept`). */
      preferences: VisitPreferences,
    })
    .nullable(),
  visits: z.array(
    z.object({
      /** With `branchId`: where the visit's service report is (`/staff/report/<ticketId>?branch=<branchId>`). */
      ticketId: z.string(),
      branchId: z.string(),
      number: z.string(),
      serviceId: z.string(),
      status: z.string(),
      issuedAt: z.number(),
      day: z.string(),
      /** What each staff member who served the visit recorded (outcome and notes), oldest first. */
      records: z.array(ServiceRecordView),
    }),
  ),
});
export type CustomerProfileView = z.infer<typeof CustomerProfileView>;
