import { KPI_COMMENTS } from '@tellerline/contracts';
import { HOLD_GRACE_MIN, type LocalizedText } from '@tellerline/engine';
import type { Db } from '../client.js';
import { BRANCHES, grouping, type Grouping } from './kpi-grouping.js';
import { ticketFiguresSql } from './kpi-visit-sql.js';
import { inPilotSql, type PilotPeriod } from './pilot-periods.js';
import { branchHours, type KpiHourRecord } from './kpi-hours.js';

/**
 * Raw KPI counts and sums of one group of tickets (a branch, a service, a day, a staff member).
 * Means are null when nothing was measured; shares are left to the caller (numerator and
 * denominator are both here). Minutes are fractional.
 */
export interface KpiFigures {
  issued: number;
  /** Completed (status done). */
  served: number;
  cancelled: number;
  /** Called and did not come (status no-show). */
  noShowsCalled: number;
  /**
   * What noShowsCalled is a share of: visits whose last leg was called (in this group: the service
   * and staff member the visit ended with), served, no-show, cancelled or still at the counter.
   */
  calledVisits: number;
  /** Booked and did not come (appointments marked no-show, by the slot's business day). */
  noShowsBooked: number;
  /** What noShowsBooked is a share of: bookings of the days not cancelled whose slot has begun (by now). */
  bookingsDue: number;
  /** Tickets called at least once: the waits measured. */
  called: number;
  /**
   * first call - the start of the wait (`WAIT_START`: check-in, or max(check-in, slot) for a kept
   * appointment): the visit's wait (a transfer's is counted apart, see transferWaitMeanMin).
   */
  waitMeanMin: number | null;
  /** Nearest rank (the smallest wait with at least 90% of waits at or below it), as the simulator. */
  waitP90Min: number | null;
  /** Called with a wait at or below the target of the service chosen. */
  withinTarget: number;
  /**
   * Totals, days and branches: completed visits with a service time (every serving stretch of the
   * visit added up). Per service and staff member: serving stretches (ended by a complete or a
   * transfer), each for the service it was served under and the staff member who served it.
   */
  serviceTimed: number;
  serviceMeanMin: number | null;
  /** Transfers made (per service: out of it; per staff member: by them). */
  transfers: number;
  /** Waits after a transfer, from it to the next call (per service: the one waited for; per staff member: who called). */
  transferWaited: number;
  transferWaitMeanMin: number | null;
  /** Survey answers for these tickets. */
  responses: number;
  ratingMean: number | null;
  /** How many answers gave 1, 2, 3, 4, 5. */
  ratings: [number, number, number, number, number];
  /** Minutes serving / minutes signed on and not paused (event log), clipped to the days. */
  servingMin: number;
  availableMin: number;
  /** Booked customers who kept their slot and were called; of those, called on time. */
  appointments: number;
  appointmentsOnTime: number;
}

export interface KpiRange {
  /** Business days YYYY-MM-DD in each branch's own time zone, both included. */
  fromDay: string;
  toDay: string;
  /** Open intervals (signed on now, serving now) end here (epoch ms). */
  now: number;
}

export interface KpiComment {
  /** The visit's business day. */
  day: string;
  createdAt: number;
  serviceId: string;
  rating: number;
  comment: string;
}

export interface BranchKpiRecord {
  /** `pilot`: today's flag; `pilotPeriods`: every period it was a pilot, oldest first. */
  branch: { id: string; code: string; name: LocalizedText; pilot: boolean; timezone: string; pilotPeriods: PilotPeriod[] };
  totals: KpiFigures;
  services: (KpiFigures & { serviceId: string; code: string; name: LocalizedText; targetMin: number })[];
  days: (KpiFigures & { day: string })[];
  staff: (KpiFigures & { staffId: string; displayName: string })[];
  /** The week hour by hour (branch clock): when waits peak. */
  hours: KpiHourRecord[];
  /** The latest KPI_COMMENTS non-empty survey comments of the visits in the range, newest first. */
  comments: KpiComment[];
  /** How many non-empty comments the range has in all (the screen offers the rest: `comments()`). */
  commentCount: number;
}

/** Figures of the business days from `fromDay` to `toDay` (both included), `days` of which had tickets. */
export interface KpiDaysRecord {
  fromDay: string;
  toDay: string;
  days: number;
  totals: KpiFigures;
}

export interface AllBranchesKpiRecord {
  /**
   * `pilot`: some day of the range was in one of its pilot periods (its figures of those days are
   * in `pilot`, the rest in `others`); `pilotPeriods`: those periods, oldest first.
   */
  branches: (KpiFigures & { branchId: string; code: string; name: LocalizedText; pilot: boolean; pilotPeriods: PilotPeriod[] })[];
  totals: KpiFigures;
  pilot: KpiFigures;
  others: KpiFigures;
}

/** KPI reports, computed with SQL aggregates (nothing is loaded row by row into Node). */
export interface KpiRepository {
  /** One branch's figures in total, per service, per business day and per staff member; null if no such branch. */
  branchReport(branchId: string, range: KpiRange): Promise<BranchKpiRecord | null>;
  /** Every branch's totals (pilot branches first, then by code), and pilot vs other branches. */
  allBranches(range: KpiRange): Promise<AllBranchesKpiRecord>;
  /**
   * A branch's figures around the day `start` (a pilot start): the last `days` days before it that
   * had tickets (the days it was open), and the first `days` from it up to `until`; null for a side
   * with no such day.
   */
  aroundDay(branchId: string, q: { start: string; until: string; days: number; now: number }): Promise<{ before: KpiDaysRecord | null; after: KpiDaysRecord | null }>;
  /** Every non-empty survey comment of the visits in the range, newest first (the full list, and the CSV). */
  comments(branchId: string, range: Pick<KpiRange, 'fromDay' | 'toDay'>): Promise<KpiComment[]>;
}

export const emptyKpiFigures = (): KpiFigures => ({
  issued: 0,
  served: 0,
  cancelled: 0,
  noShowsCalled: 0,
  calledVisits: 0,
  noShowsBooked: 0,
  bookingsDue: 0,
  called: 0,
  waitMeanMin: null,
  waitP90Min: null,
  withinTarget: 0,
  serviceTimed: 0,
  serviceMeanMin: null,
  transfers: 0,
  transferWaited: 0,
  transferWaitMeanMin: null,
  responses: 0,
  ratingMean: null,
  ratings: [0, 0, 0, 0, 0],
  servingMin: 0,
  availableMin: 0,
  appointments: 0,
  appointmentsOnTime: 0,
});

type Row = Record<string, unknown> & { dim: string; key: string | null };

/** How a report groups: one grouping set per column, plus the grand total. */
const BRANCH_DIMS = ['service_id', 'day', 'staff_id'] as const;
const ALL_DIMS = ['branch_id', 'pilot'] as const;

export function createKpiRepository(db: Pick<Db, 'query'>): KpiRepository {
  /** Runs the three aggregate queries over the same groups and folds them into figures by group. */
  async function figures(branchId: string | null, range: KpiRange, dims: readonly string[]): Promise<Map<string, KpiFigures>> {
    const g = grouping(dims);
    const params = [branchId, range.fromDay, range.toDay];
    const nowIso = new Date(range.now).toISOString();
    const [tickets, booked, minutes] = await Promise.all([
      db.query<Row>(ticketFiguresSql(g), [...params, HOLD_GRACE_MIN]),
      db.query<Row>(bookingsSql(g), [...params, nowIso]),
      db.query<Row>(utilisationSql(g), [...params, nowIso]),
    ]);
    const out = new Map<string, KpiFigures>();
    const at = (r: Row) => {
      const id = `${r.dim}:${r.key ?? ''}`;
      let f = out.get(id);
      if (!f) out.set(id, (f = emptyKpiFigures()));
      return f;
    };
    const int = (v: unknown) => Number(v ?? 0);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    for (const r of tickets) {
      Object.assign(at(r), {
        issued: int(r.issued),
        served: int(r.served),
        cancelled: int(r.cancelled),
        noShowsCalled: int(r.no_shows),
        calledVisits: int(r.called_visits),
        called: int(r.called),
        waitMeanMin: num(r.wait_mean),
        waitP90Min: num(r.wait_p90),
        withinTarget: int(r.within_target),
        serviceTimed: int(r.service_timed),
        serviceMeanMin: num(r.service_mean),
        transfers: int(r.transfers),
        transferWaited: int(r.transfer_waited),
        transferWaitMeanMin: num(r.transfer_wait_mean),
        responses: int(r.responses),
        ratingMean: num(r.rating_mean),
        ratings: [int(r.r1), int(r.r2), int(r.r3), int(r.r4), int(r.r5)],
        appointments: int(r.appointments),
        appointmentsOnTime: int(r.on_time),
      } satisfies Partial<KpiFigures>);
    }
    for (const r of booked) Object.assign(at(r), { noShowsBooked: int(r.booked_no_shows), bookingsDue: int(r.due) });
    for (const r of minutes) {
      const f = at(r);
      f.servingMin = Number(r.serving_min ?? 0);
      f.availableMin = Number(r.available_min ?? 0);
    }
    return out;
  }

  const pick = (m: Map<string, KpiFigures>, dim: string, key: string) => m.get(`${dim}:${key}`) ?? emptyKpiFigures();
  const keysOf = (m: Map<string, KpiFigures>, dim: string) =>
    [...m.keys()].filter((k) => k.startsWith(`${dim}:`) && k !== `${dim}:`).map((k) => k.slice(dim.length + 1));

  /** The comments of the range, newest first; the latest `limit` only when given. */
  async function commentsOf(branchId: string, range: Pick<KpiRange, 'fromDay' | 'toDay'>, limit?: number): Promise<KpiComment[]> {
    const rows = await db.query<{ day: string; created_at: number; service_id: string; rating: number; comment: string }>(
      `${COMMENTS_SQL}${limit === undefined ? '' : ` LIMIT ${Math.trunc(limit)}`}`,
      [branchId, range.fromDay, range.toDay],
    );
    return rows.map((c) => ({ day: c.day, createdAt: Number(c.created_at), serviceId: c.service_id, rating: Number(c.rating), comment: c.comment }));
  }

  /** Pilot periods by branch (one branch, or all with null), oldest first. */
  async function pilotPeriodsOf(branchId: string | null): Promise<Map<string, PilotPeriod[]>> {
    const rows = await db.query<{ branch_id: string; starts_on: string; ends_on: string | null }>(
      'SELECT branch_id, starts_on, ends_on FROM branch_pilot_periods WHERE $1::text IS NULL OR branch_id = $1 ORDER BY starts_on',
      [branchId],
    );
    const out = new Map<string, PilotPeriod[]>();
    for (const r of rows) out.set(r.branch_id, [...(out.get(r.branch_id) ?? []), { from: r.starts_on, to: r.ends_on }]);
    return out;
  }

  return {
    comments: (branchId, range) => commentsOf(branchId, range),

    async branchReport(branchId, range) {
      const [b] = await db.query<{ id: string; code: string; name_zh: string; name_en: string; pilot: boolean; timezone: string }>(
        'SELECT id, code, name_zh, name_en, pilot, timezone FROM branches WHERE id = $1',
        [branchId],
      );
      if (!b) return null;
      const [m, services, staff, comments, counted, hours, periods] = await Promise.all([
        figures(branchId, range, BRANCH_DIMS),
        db.query<{ id: string; code: string; name_zh: string; name_en: string; target_min: number }>(
          'SELECT id, code, name_zh, name_en, target_min FROM services WHERE branch_id = $1 ORDER BY code',
          [branchId],
        ),
        db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM staff WHERE branch_id = $1 ORDER BY display_name, id', [branchId]),
        commentsOf(branchId, range, KPI_COMMENTS),
        db.query<{ n: number }>(`SELECT count(*)::int AS n ${COMMENTS_FROM}`, [branchId, range.fromDay, range.toDay]),
        branchHours(db, branchId, range),
        pilotPeriodsOf(branchId),
      ]);
      const serviceKeys = new Set(keysOf(m, 'service_id'));
      const staffKeys = new Set(keysOf(m, 'staff_id'));
      return {
        branch: { id: b.id, code: b.code, name: { zh: b.name_zh, en: b.name_en }, pilot: b.pilot, timezone: b.timezone, pilotPeriods: periods.get(b.id) ?? [] },
        totals: pick(m, 'total', ''),
        services: services
          .filter((s) => serviceKeys.has(s.id))
          .map((s) => ({ serviceId: s.id, code: s.code, name: { zh: s.name_zh, en: s.name_en }, targetMin: Number(s.target_min), ...pick(m, 'service_id', s.id) })),
        days: keysOf(m, 'day')
          .sort()
          .map((day) => ({ day, ...pick(m, 'day', day) })),
        staff: staff.filter((s) => staffKeys.has(s.id)).map((s) => ({ staffId: s.id, displayName: s.display_name, ...pick(m, 'staff_id', s.id) })),
        comments,
        commentCount: Number(counted[0]?.n ?? 0),
        hours,
      };
    },

    async allBranches(range) {
      const [m, branches, periods] = await Promise.all([
        figures(null, range, ALL_DIMS),
        db.query<{ id: string; code: string; name_zh: string; name_en: string }>('SELECT id, code, name_zh, name_en FROM branches ORDER BY code'),
        pilotPeriodsOf(null),
      ]);
      const rows = branches.map((b) => {
        // The periods with a day in the range: the row is a pilot's for this range.
        const during = (periods.get(b.id) ?? []).filter((p) => p.from <= range.toDay && (p.to === null || p.to >= range.fromDay));
        return { branchId: b.id, code: b.code, name: { zh: b.name_zh, en: b.name_en }, pilot: during.length > 0, pilotPeriods: during, ...pick(m, 'branch_id', b.id) };
      });
      return {
        branches: [...rows.filter((b) => b.pilot), ...rows.filter((b) => !b.pilot)],
        totals: pick(m, 'total', ''),
        pilot: pick(m, 'pilot', 'true'),
        others: pick(m, 'pilot', 'false'),
      };
    },

    async aroundDay(branchId, q) {
      const [before, after] = await Promise.all([
        db.query<{ day: string }>('SELECT DISTINCT day FROM tickets WHERE branch_id = $1 AND day < $2 ORDER BY day DESC LIMIT $3', [branchId, q.start, q.days]),
        db.query<{ day: string }>('SELECT DISTINCT day FROM tickets WHERE branch_id = $1 AND day >= $2 AND day <= $3 ORDER BY day LIMIT $4', [branchId, q.start, q.until, q.days]),
      ]);
      // Totals only: the day grouping is there because a grouping needs a dimension.
      const side = async (days: string[]): Promise<KpiDaysRecord | null> => {
        if (days.length === 0) return null;
        const [fromDay, toDay] = [days[0]!, days.at(-1)!];
        return { fromDay, toDay, days: days.length, totals: pick(await figures(branchId, { fromDay, toDay, now: q.now }, ['day']), 'total', '') };
      };
      const [b, a] = await Promise.all([side(before.map((r) => r.day).reverse()), side(after.map((r) => r.day))]);
      return { before: b, after: a };
    },
  };
}

/**
 * Bookings on the business day of their slot in the branch's time zone ($4: now): those not kept,
 * and those due (not cancelled, slot begun), what the booked no-show rate divides by.
 */
const bookingsSql = (g: Grouping) => `SELECT ${g.select},
  count(*) FILTER (WHERE state = 'no-show')::int AS booked_no_shows,
  count(*)::int AS due
FROM (
  SELECT a.service_id, d.day, NULL::text AS staff_id, a.branch_id, ${inPilotSql('a.branch_id', 'd.day')} AS pilot, a.state
  FROM appointments a
  JOIN (${BRANCHES}) b ON b.id = a.branch_id
  CROSS JOIN LATERAL (SELECT to_char(a.starts_at AT TIME ZONE b.timezone, 'YYYY-MM-DD') AS day) d
  WHERE a.state <> 'cancelled'
    AND a.starts_at <= $4::timestamptz
    AND a.starts_at >= ($2::text::date::timestamp AT TIME ZONE b.timezone)
    AND a.starts_at < (($3::text::date + 1)::timestamp AT TIME ZONE b.timezone)
) x
${g.groupBy}`;

/**
 * Utilisation from the event log ($4: now, which ends what is still open). Available: from a
 * sign-on or resume to the staff member's next presence event (pause, sign-off, or another
 * sign-on). Serving: from service-started to the ticket's next event that ends the service.
 * A span counts on the business day it began (branch time zone) and ends with that day at the
 * latest: a day close keeps staff signed on, so someone who never signed off would otherwise
 * count as available all night (and the next days), which is not time anyone could serve.
 */
const utilisationSql = (g: Grouping) => `WITH b AS (${BRANCHES}),
days AS (
  SELECT b.id AS branch_id, ${inPilotSql('b.id', "to_char(d, 'YYYY-MM-DD')")} AS pilot, to_char(d, 'YYYY-MM-DD') AS day,
    (d::date::timestamp AT TIME ZONE b.timezone) AS day_start,
    ((d::date + 1)::timestamp AT TIME ZONE b.timezone) AS day_end
  FROM b CROSS JOIN generate_series($2::text::date, $3::text::date, interval '1 day') AS d
),
-- A span counts from the day it began, so presence before the first day ends nothing counted.
range_bounds AS (SELECT branch_id, min(day_start) AS starts, max(day_end) AS ends FROM days GROUP BY branch_id),
presence AS (
  SELECT e.branch_id, e.payload->>'staffId' AS staff_id, e.type, e.at,
    LEAD(e.at) OVER (PARTITION BY e.branch_id, e.payload->>'staffId' ORDER BY e.seq) AS next_at
  FROM ticket_events e
  JOIN range_bounds r ON r.branch_id = e.branch_id
  WHERE e.type IN ('staff-signed-on', 'staff-signed-off', 'staff-paused', 'staff-resumed') AND e.at >= r.starts AND e.at < r.ends
),
service AS (
  SELECT e.branch_id, e.payload->>'staffId' AS staff_id, e.type, e.at,
    LEAD(e.at) OVER (PARTITION BY e.ticket_id ORDER BY e.seq) AS next_at
  FROM ticket_events e
  WHERE e.ticket_id IN (
      SELECT t.id FROM tickets t JOIN b ON b.id = t.branch_id
      WHERE t.day >= to_char($2::text::date - 1, 'YYYY-MM-DD') AND t.day <= $3::text
    )
    AND e.type IN ('service-started', 'ticket-completed', 'ticket-transferred', 'ticket-no-show', 'ticket-cancelled')
),
spans AS (
  SELECT branch_id, staff_id, at AS span_start, COALESCE(next_at, $4::timestamptz) AS span_end, 'available' AS what
  FROM presence WHERE type IN ('staff-signed-on', 'staff-resumed')
  UNION ALL
  SELECT branch_id, staff_id, at, COALESCE(next_at, $4::timestamptz), 'serving'
  FROM service WHERE type = 'service-started'
),
minutes AS (
  SELECT NULL::text AS service_id, d.day, s.staff_id, d.branch_id, d.pilot, s.what,
    extract(epoch FROM LEAST(s.span_end, d.day_end) - s.span_start) / 60 AS mins
  FROM spans s
  JOIN days d ON d.branch_id = s.branch_id AND s.span_start >= d.day_start AND s.span_start < d.day_end
  -- A span still open when "now" is before it (a report asked about an instant in the past) has no minutes.
  WHERE s.span_end > s.span_start
)
SELECT ${g.select},
  COALESCE(sum(mins) FILTER (WHERE what = 'serving'), 0)::float8 AS serving_min,
  COALESCE(sum(mins) FILTER (WHERE what = 'available'), 0)::float8 AS available_min
FROM minutes
${g.groupBy}`;

// Never the customer's name or contact: only what they wrote in the survey, with its visit's day.
const COMMENTS_FROM = `FROM survey_responses r
JOIN tickets t ON t.id = r.ticket_id
WHERE r.branch_id = $1 AND t.day >= $2::text AND t.day <= $3::text AND r.comment <> ''`;
const COMMENTS_SQL = `SELECT t.day, (extract(epoch FROM r.created_at) * 1000)::float8 AS created_at, r.service_id, r.rating, r.comment
${COMMENTS_FROM}
ORDER BY r.created_at DESC, r.ticket_id`;
