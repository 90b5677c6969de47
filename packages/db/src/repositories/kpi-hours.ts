import type { Db } from '../client.js';
import { HOLD_GRACE_MIN } from '@tellerline/engine';
import { DAYS_WITH_TICKETS_SQL, hourFiguresSql, STAFF_MINUTES_BY_HOUR_SQL } from './kpi-hour-sql.js';

/**
 * One hour of the branch's week over a range: the visits that joined the queue in that hour (branch
 * clock) on business days of that weekday. Minutes are fractional; shares are left to the caller.
 */
export interface KpiHourRecord {
  /** ISO weekday of the business day: 1 Monday .. 7 Sunday. */
  weekday: number;
  /** 0..23 on the branch's clock. */
  hour: number;
  /** Business days of this weekday in the range that had any ticket (at any hour). */
  days: number;
  /** Visits that joined in this hour. */
  issued: number;
  /** Of those, called: the waits measured (the same wait as the report's totals). */
  called: number;
  waitMeanMin: number | null;
  /** Nearest rank, as the totals. */
  waitP90Min: number | null;
  /** Called within the target of the service chosen. */
  withinTarget: number;
  /** Staff minutes signed on and not paused in this hour over those days: / (60 x days) is the staff on duty on average. */
  staffMin: number;
}

type Row = { weekday: number; hour: number; issued: number; called: number; wait_mean: number | null; wait_p90: number | null; within_target: number };

/**
 * The (weekday, hour) cells with any visit, Monday first and each day's hours in order. (An hour
 * with staff on duty and no visit has no cell: the report is about when customers wait.)
 */
export async function branchHours(db: Pick<Db, 'query'>, branchId: string, range: { fromDay: string; toDay: string; now: number }): Promise<KpiHourRecord[]> {
  const params = [branchId, range.fromDay, range.toDay];
  const [rows, days, staff] = await Promise.all([
    db.query<Row>(hourFiguresSql, [...params, HOLD_GRACE_MIN]),
    db.query<{ weekday: number; days: number }>(DAYS_WITH_TICKETS_SQL, params),
    db.query<{ weekday: number; hour: number; staff_min: number }>(STAFF_MINUTES_BY_HOUR_SQL, [...params, new Date(range.now).toISOString()]),
  ]);
  const daysOf = new Map(days.map((d) => [Number(d.weekday), Number(d.days)]));
  const staffOf = new Map(staff.map((s) => [`${s.weekday}:${s.hour}`, Number(s.staff_min)]));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .map((r) => ({
      weekday: Number(r.weekday),
      hour: Number(r.hour),
      days: daysOf.get(Number(r.weekday)) ?? 0,
      issued: Number(r.issued),
      called: Number(r.called),
      waitMeanMin: num(r.wait_mean),
      waitP90Min: num(r.wait_p90),
      withinTarget: Number(r.within_target),
      staffMin: staffOf.get(`${r.weekday}:${r.hour}`) ?? 0,
    }))
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}
