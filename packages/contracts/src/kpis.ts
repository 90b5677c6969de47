/**
 * KPI reports that managers review (their branch) and admins compare (every branch, pilot
 * branches first): what the branch did over a range of business days.
 */
import { z } from 'zod';
import { dayNumber, HOLD_GRACE_MIN, PUNCTUALITY_GOAL } from '@tellerline/engine';
import { Id, Lang, LocalizedText } from './common.js';
import { LocalDate } from './booking.js';

/** The longest range one report covers (about a quarter), in business days. */
export const KPI_MAX_DAYS = 92;
/** The range when none is given: the last 28 business days, today (branch time) included. */
export const KPI_DEFAULT_DAYS = 28;
/** How many survey comments a branch report lists (the latest). */
export const KPI_COMMENTS = 50;

/**
 * GET /branches/:branchId/kpis and GET /kpis. `from`/`to` are business days in each branch's time
 * zone, both included; one alone gives KPI_DEFAULT_DAYS from (or up to) it. `format=csv` (or a
 * `.csv` path) answers a spreadsheet; `lang` names its header row (default zh).
 */
export const KpiQuery = z
  .strictObject({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    format: z.enum(['json', 'csv']).optional(),
    lang: Lang.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
    else if (dayNumber(q.to) - dayNumber(q.from) + 1 > KPI_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${KPI_MAX_DAYS} days` });
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

const Minutes = z.number().nullable();
/** A share in [0, 1]; null when there was nothing to divide by. */
const Share = z.number().min(0).max(1).nullable();

/**
 * The figures of one group of tickets: a branch, a service, a day, a staff member. A transferred
 * visit is issued under the service chosen at the kiosk; per staff member, `issued` is the visits
 * they called. How a visit ended (served, cancelled, no-show) and its survey answer count for the
 * service and staff member it ended with.
 */
export const KpiFigures = z.object({
  issued: z.number().int(),
  /** Completed. */
  served: z.number().int(),
  cancelled: z.number().int(),
  noShows: z.object({
    /** Called and did not come (过号). */
    called: z.number().int(),
    /**
     * Visits whose last call went ahead (served, no-show, cancelled or still at the counter; not
     * one transferred and waiting again), for the service and staff member of that call.
     */
    calledVisits: z.number().int(),
    /** called / calledVisits: of the customers called, the share who did not come. */
    calledShare: Share,
    /** Booked and did not come (预约未到; by the slot's day; none per staff member). */
    booked: z.number().int(),
    /** Bookings of the days that were due: not cancelled, slot begun by now. */
    bookingsDue: z.number().int(),
    /** booked / bookingsDue: of the bookings due, the share nobody came for. */
    bookedShare: Share,
  }),
  /**
   * How long visits waited before their first call. A transferred visit's wait is this one, under
   * the service chosen at the kiosk and its target, for the staff member who called it first;
   * what it waited after a transfer is in `transfers`.
   */
  wait: z.object({
    /**
     * Tickets called: the waits measured, first call - start of the wait: check-in, except for an
     * appointment that kept its slot, max(check-in, booked time) (as the routing simulator has it;
     * an early customer is not kept waiting by the branch until the slot). Never below 0.
     */
    called: z.number().int(),
    meanMin: Minutes,
    /** Nearest rank: the smallest wait with at least 90% of waits at or below it. */
    p90Min: Minutes,
    /** Called with a wait within the target of the service chosen. */
    withinTarget: z.number().int(),
    /** withinTarget / called. */
    withinTargetShare: Share,
  }),
  /**
   * Totals, days and branches: completed visits, each with every serving stretch added up. Per
   * service and per staff member: serving stretches (to a complete or a transfer), each for the
   * service it was served under and the staff member who served it.
   */
  serviceTime: z.object({ timed: z.number().int(), meanMin: Minutes }),
  /**
   * Transfers made (per service: out of it; per staff member: by them), and the waits they caused:
   * from the transfer to the next call (per service: the one waited for; per staff member: who
   * called). Not in `wait`.
   */
  transfers: z.object({ made: z.number().int(), waited: z.number().int(), waitMeanMin: Minutes }),
  satisfaction: z.object({
    responses: z.number().int(),
    meanRating: z.number().nullable(),
    /** Answers giving 1, 2, 3, 4 and 5. */
    byRating: z.array(z.number().int()).length(5),
    /** responses / served. */
    responseRate: z.number().min(0).nullable(),
  }),
  /** Minutes serving / minutes signed on and not paused. */
  utilisation: z.object({ servingMin: z.number(), availableMin: z.number(), share: z.number().min(0).nullable() }),
  /** Booked customers who kept their slot and were called; on time: by max(slot, check-in) + HOLD_GRACE_MIN. */
  punctuality: z.object({ appointments: z.number().int(), onTime: z.number().int(), share: Share }),
});
export type KpiFigures = z.infer<typeof KpiFigures>;

/** Goals the screen compares with. */
export const KpiGoals = z.object({ punctuality: z.number(), graceMin: z.number().int() });
export const KPI_GOALS = { punctuality: PUNCTUALITY_GOAL, graceMin: HOLD_GRACE_MIN } as const;

export const KpiRange = z.object({ fromDay: LocalDate, toDay: LocalDate });

/**
 * One hour of the branch's week over the period, on the branch's clock: the visits that joined the
 * queue in that hour on business days of that weekday. Managers staff by it. Only hours with
 * visits are listed, Monday first, each day's hours in order.
 */
export const KpiHourCell = z.object({
  /** ISO weekday of the business day: 1 Monday .. 7 Sunday. */
  weekday: z.number().int().min(1).max(7),
  /** 0..23: the hour from hour:00 to hour:59 on the branch's clock (daylight saving included). */
  hour: z.number().int().min(0).max(23),
  /** Business days of this weekday in the period that had any ticket: what perDay divides by. */
  days: z.number().int(),
  /** Visits that joined in this hour over the whole period. */
  issued: z.number().int(),
  /** issued / days: the arrivals to expect in this hour on such a day. */
  perDay: z.number().min(0).nullable(),
  /** The same wait as the report's (to the first call, the target of the service chosen). */
  wait: KpiFigures.shape.wait,
  /** Staff signed on and not paused in this hour, on average over the same days; null when no day counted. */
  staffOnDuty: z.number().min(0).nullable(),
});
export type KpiHourCell = z.infer<typeof KpiHourCell>;

/** A customer's survey comment: the visit's day, the service, the rating; never who wrote it. */
export const KpiComment = z.object({ day: LocalDate, createdAt: z.number(), serviceCode: z.string(), serviceName: LocalizedText, rating: z.number().int().min(1).max(5), comment: z.string() });
export type KpiComment = z.infer<typeof KpiComment>;

/** Days a branch was a pilot (its time zone), both included; `to` null: it still is. */
export const PilotPeriod = z.object({ from: LocalDate, to: LocalDate.nullable() });
export type PilotPeriod = z.infer<typeof PilotPeriod>;

/** Below this many tickets on a side, the before/after comparison says the side is too small to compare. */
export const PILOT_COMPARE_MIN_TICKETS = 30;

/** One side of the before/after comparison: its first and last day and how many had tickets (open days). */
export const PilotComparisonSide = KpiRange.extend({ days: z.number().int().min(1), figures: KpiFigures });
export type PilotComparisonSide = z.infer<typeof PilotComparisonSide>;

/**
 * The branch's figures for up to `days` open days (days with tickets) before its pilot `start`
 * and as many from it on (within the pilot period, up to today); null for a side with no such day.
 * `days` is the report's length (at most KPI_MAX_DAYS).
 */
export const PilotComparison = z.object({ start: LocalDate, days: z.number().int().min(1), before: PilotComparisonSide.nullable(), after: PilotComparisonSide.nullable() });
export type PilotComparison = z.infer<typeof PilotComparison>;

export const BranchKpiReport = KpiRange.extend({
  /** `pilot`: today's flag; `pilotPeriods`: every pilot period, oldest first. */
  branch: z.object({ id: Id, code: z.string(), name: LocalizedText, pilot: z.boolean(), timezone: z.string(), pilotPeriods: z.array(PilotPeriod) }),
  /** Before and after the latest pilot period that began by the report's last day; null when none did. */
  pilotComparison: PilotComparison.nullable(),
  goals: KpiGoals,
  totals: KpiFigures,
  services: z.array(z.object({ serviceId: Id, code: z.string(), name: LocalizedText, targetMin: z.number().int(), figures: KpiFigures })),
  /** Days with tickets, staff time or missed bookings, oldest first. */
  days: z.array(z.object({ day: LocalDate, figures: KpiFigures })),
  staff: z.array(z.object({ staffId: Id, displayName: z.string(), figures: KpiFigures })),
  /** The week hour by hour: when arrivals and waits peak. */
  hours: z.array(KpiHourCell),
  /** The latest KPI_COMMENTS survey comments, newest first: never who wrote them. */
  comments: z.array(KpiComment),
  /** How many comments the period has in all: the rest are at GET .../kpis/comments (and in the CSV). */
  commentCount: z.number().int().min(0),
});
export type BranchKpiReport = z.infer<typeof BranchKpiReport>;

/** GET /api/v1/branches/:branchId/kpis/comments: every survey comment of the period, newest first. */
export const KpiComments = KpiRange.extend({ comments: z.array(KpiComment) });
export type KpiComments = z.infer<typeof KpiComments>;

export const AllBranchesKpiReport = KpiRange.extend({
  goals: KpiGoals,
  /**
   * Pilot branches first, then by code. `pilot`: some day of the period was in one of its pilot
   * periods (`pilotPeriods`, those periods), whatever its flag is today.
   */
  branches: z.array(z.object({ branchId: Id, code: z.string(), name: LocalizedText, pilot: z.boolean(), pilotPeriods: z.array(PilotPeriod), figures: KpiFigures })),
  totals: KpiFigures,
  /** Every branch-day inside a pilot period; `others` every other branch-day: a past period's split never changes. */
  pilot: KpiFigures,
  others: KpiFigures,
});
export type AllBranchesKpiReport = z.infer<typeof AllBranchesKpiReport>;
