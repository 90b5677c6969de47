import type { Grouping } from './kpi-grouping.js';
import { ticketFiguresSql } from './kpi-visit-sql.js';

/**
 * The branch's week hour by hour ($1 branch, $2..$3 business days, $4 grace minutes): the visits'
 * figures grouped by the weekday of their business day (ISO: 1 Monday .. 7 Sunday) and the hour
 * of the day they joined the queue, on the branch's own clock. Managers staff by the hour, and a
 * daylight-saving change must not shift London's 09:00 rush to 08:00 in summer, so the hour is
 * read in the branch's time zone, never UTC.
 *
 * It is `ticketFiguresSql` with its groups swapped for (weekday, hour): the same visits, the same
 * wait (whatever that query defines it as) and the same target, so a cell never disagrees with
 * the totals. Only the per-visit figures mean anything here (no service or staff grouping sets).
 */
const LOCAL_JOINED = `(joined_at AT TIME ZONE (SELECT timezone FROM branches WHERE id = $1::text))`;

const HOURS: Grouping = {
  select: `extract(isodow FROM day::date)::int AS weekday, extract(hour FROM ${LOCAL_JOINED})::int AS hour`,
  groupBy: 'GROUP BY 1, 2',
  by: () => 'false',
};

export const hourFiguresSql = ticketFiguresSql(HOURS);

/** Per weekday, how many of the range's business days had any ticket: what a cell's tickets per day divide by. */
export const DAYS_WITH_TICKETS_SQL = `SELECT extract(isodow FROM day::date)::int AS weekday, count(DISTINCT day)::int AS days
FROM tickets
WHERE branch_id = $1 AND day >= $2::text AND day <= $3::text
GROUP BY 1`;
