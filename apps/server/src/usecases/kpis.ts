import { addDays, localDateOf } from '@tellerline/engine';
import {
  KPI_DEFAULT_DAYS,
  KPI_GOALS,
  type AllBranchesKpiReport,
  type BranchKpiReport,
  type KpiComment,
  type KpiComments,
  type KpiFigures,
  type KpiHourCell,
  type KpiQuery,
  type PilotComparison,
  type PilotPeriod,
} from '@tellerline/contracts';
import { maskContacts } from './comment-privacy.js';
import { AppError } from '../errors.js';
import { pilotComparisonPlan } from './pilot-comparison.js';
import type { BranchDirectory } from './ports.js';

/** Raw counts and sums of one group, as the db's KPI repository computes them (see its TSDoc). */
export interface KpiCounts {
  issued: number;
  served: number;
  cancelled: number;
  noShowsCalled: number;
  calledVisits: number;
  noShowsBooked: number;
  bookingsDue: number;
  called: number;
  waitMeanMin: number | null;
  waitP90Min: number | null;
  withinTarget: number;
  serviceTimed: number;
  serviceMeanMin: number | null;
  transfers: number;
  transferWaited: number;
  transferWaitMeanMin: number | null;
  responses: number;
  ratingMean: number | null;
  ratings: number[];
  servingMin: number;
  availableMin: number;
  appointments: number;
  appointmentsOnTime: number;
}

/** One hour of the branch's week, as the db's KPI repository computes it (see KpiHourRecord). */
export interface KpiHourCounts {
  weekday: number;
  hour: number;
  days: number;
  issued: number;
  called: number;
  waitMeanMin: number | null;
  waitP90Min: number | null;
  withinTarget: number;
  /** Staff minutes signed on and not paused in this hour over the days counted. */
  staffMin: number;
}

type Named = { code: string; name: { zh: string; en: string } };
type DaysCounts = { fromDay: string; toDay: string; days: number; totals: KpiCounts };
type StoredComment = { day: string; createdAt: number; serviceId: string; rating: number; comment: string };

/**
 * A stored comment for people: its service by code and name (a service gone since keeps them), the
 * customer's phone numbers and e-mail addresses in it masked (the report, its CSV and the comments list).
 */
function presentComment(c: StoredComment, serviceOf: (id: string) => Named | undefined): KpiComment {
  const s = serviceOf(c.serviceId);
  return { day: c.day, createdAt: c.createdAt, serviceCode: s?.code ?? '', serviceName: s?.name ?? { zh: '', en: '' }, rating: c.rating, comment: maskContacts(c.comment) };
}

/** The db's KPI repository, as the reports use it. */
export interface KpiStore {
  branchReport(
    branchId: string,
    range: { fromDay: string; toDay: string; now: number },
  ): Promise<{
    branch: Named & { id: string; pilot: boolean; timezone: string; pilotPeriods: PilotPeriod[] };
    totals: KpiCounts;
    services: (KpiCounts & Named & { serviceId: string; targetMin: number })[];
    days: (KpiCounts & { day: string })[];
    staff: (KpiCounts & { staffId: string; displayName: string })[];
    hours: KpiHourCounts[];
    comments: StoredComment[];
    commentCount: number;
  } | null>;
  comments(branchId: string, range: { fromDay: string; toDay: string }): Promise<StoredComment[]>;
  /** Up to `days` open days (with tickets) before `start`, and from it up to `until`. */
  aroundDay(branchId: string, q: { start: string; until: string; days: number; now: number }): Promise<{ before: DaysCounts | null; after: DaysCounts | null }>;
  allBranches(range: { fromDay: string; toDay: string; now: number }): Promise<{
    branches: (KpiCounts & Named & { branchId: string; pilot: boolean; pilotPeriods: PilotPeriod[] })[];
    totals: KpiCounts;
    pilot: KpiCounts;
    others: KpiCounts;
  }>;
}

export interface KpiDeps {
  store: KpiStore;
  directory: Pick<BranchDirectory, 'list' | 'profile' | 'labels'>;
  now: () => number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Counts -> the figures people read: shares next to what they divide. */
export function kpiFigures(c: KpiCounts): KpiFigures {
  return {
    issued: c.issued,
    served: c.served,
    cancelled: c.cancelled,
    noShows: {
      called: c.noShowsCalled,
      calledVisits: c.calledVisits,
      calledShare: share(c.noShowsCalled, c.calledVisits),
      booked: c.noShowsBooked,
      bookingsDue: c.bookingsDue,
      bookedShare: share(c.noShowsBooked, c.bookingsDue),
    },
    wait: { called: c.called, meanMin: c.waitMeanMin, p90Min: c.waitP90Min, withinTarget: c.withinTarget, withinTargetShare: share(c.withinTarget, c.called) },
    serviceTime: { timed: c.serviceTimed, meanMin: c.serviceMeanMin },
    transfers: { made: c.transfers, waited: c.transferWaited, waitMeanMin: c.transferWaitMeanMin },
    satisfaction: { responses: c.responses, meanRating: c.ratingMean, byRating: [...c.ratings], responseRate: share(c.responses, c.served) },
    utilisation: { servingMin: c.servingMin, availableMin: c.availableMin, share: share(c.servingMin, c.availableMin) },
    punctuality: { appointments: c.appointments, onTime: c.appointmentsOnTime, share: share(c.appointmentsOnTime, c.appointments) },
  };
}

/** An hour's counts -> its cell: arrivals and staff on duty per day of that weekday, and the wait as the totals show it. */
export function kpiHourCell(h: KpiHourCounts): KpiHourCell {
  return {
    weekday: h.weekday,
    hour: h.hour,
    days: h.days,
    issued: h.issued,
    perDay: share(h.issued, h.days),
    wait: { called: h.called, meanMin: h.waitMeanMin, p90Min: h.waitP90Min, withinTarget: h.withinTarget, withinTargetShare: share(h.withinTarget, h.called) },
    staffOnDuty: share(h.staffMin, 60 * h.days),
  };
}

/**
 * The business days a report covers: as asked; one end alone gives KPI_DEFAULT_DAYS from or up to
 * it; none gives the last KPI_DEFAULT_DAYS, `today` included. (KpiQuery checked order and length.)
 */
export function kpiRange(q: Pick<KpiQuery, 'from' | 'to'>, today: string): { fromDay: string; toDay: string } {
  if (q.from !== undefined && q.to !== undefined) return { fromDay: q.from, toDay: q.to };
  if (q.from !== undefined) return { fromDay: q.from, toDay: addDays(q.from, KPI_DEFAULT_DAYS - 1) };
  const toDay = q.to ?? today;
  return { fromDay: addDays(toDay, 1 - KPI_DEFAULT_DAYS), toDay };
}

const comparisonSide = (d: DaysCounts | null) => d && { fromDay: d.fromDay, toDay: d.toDay, days: d.days, figures: kpiFigures(d.totals) };

/** KPI reports for managers (their branch) and admins (any branch, and all of them side by side). */
export function createKpis(deps: KpiDeps) {
  return {
    async branch(branchId: string, q: KpiQuery): Promise<BranchKpiReport> {
      const profile = await deps.directory.profile(branchId);
      if (!profile) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      const now = deps.now();
      const today = localDateOf(now, profile.timezone);
      const range = kpiRange(q, today);
      const r = await deps.store.branchReport(branchId, { ...range, now });
      if (!r) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      const serviceOf = new Map(r.services.map((s) => [s.serviceId, s]));
      const plan = pilotComparisonPlan(r.branch.pilotPeriods, range, today);
      const around = plan && (await deps.store.aroundDay(branchId, { ...plan, now }));
      const pilotComparison: PilotComparison | null = plan && around && { start: plan.start, days: plan.days, before: comparisonSide(around.before), after: comparisonSide(around.after) };
      return {
        ...range,
        branch: { id: r.branch.id, code: r.branch.code, name: r.branch.name, pilot: r.branch.pilot, timezone: r.branch.timezone, pilotPeriods: r.branch.pilotPeriods },
        pilotComparison,
        goals: { ...KPI_GOALS },
        totals: kpiFigures(r.totals),
        services: r.services.map((s) => ({ serviceId: s.serviceId, code: s.code, name: s.name, targetMin: s.targetMin, figures: kpiFigures(s) })),
        days: r.days.map((d) => ({ day: d.day, figures: kpiFigures(d) })),
        staff: r.staff.map((s) => ({ staffId: s.staffId, displayName: s.displayName, figures: kpiFigures(s) })),
        hours: r.hours.map(kpiHourCell),
        comments: r.comments.map((c) => presentComment(c, (id) => serviceOf.get(id))),
        commentCount: r.commentCount,
      };
    },

    /** Every survey comment of a branch's period (the same range rules as its report), newest first. */
    async comments(branchId: string, q: KpiQuery): Promise<KpiComments> {
      const profile = await deps.directory.profile(branchId);
      if (!profile) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      const range = kpiRange(q, localDateOf(deps.now(), profile.timezone));
      const [stored, labels] = await Promise.all([deps.store.comments(branchId, range), deps.directory.labels(branchId)]);
      return { ...range, comments: stored.map((c) => presentComment(c, (id) => labels.services[id])) };
    },

    /** Every branch; with no dates, the range ends on the latest "today" of the branches' time zones. */
    async all(q: KpiQuery): Promise<AllBranchesKpiReport> {
      const now = deps.now();
      const branches = await deps.directory.list();
      const today = branches.map((b) => localDateOf(now, b.timezone)).sort().at(-1) ?? localDateOf(now, 'UTC');
      const range = kpiRange(q, today);
      const r = await deps.store.allBranches({ ...range, now });
      return {
        ...range,
        goals: { ...KPI_GOALS },
        branches: r.branches.map((b) => ({ branchId: b.branchId, code: b.code, name: b.name, pilot: b.pilot, pilotPeriods: b.pilotPeriods, figures: kpiFigures(b) })),
        totals: kpiFigures(r.totals),
        pilot: kpiFigures(r.pilot),
        others: kpiFigures(r.others),
      };
    },
  };
}

export type Kpis = ReturnType<typeof createKpis>;
