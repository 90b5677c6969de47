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

/**
 * Staff on duty hour by hour ($1 branch, $2..$3 business days, $4 now): minutes signed on and not
 * paused in each (weekday, hour) of the business days that had any ticket (the days a cell's
 * tickets per day average over, so the two read side by side). A presence span runs from a
 * sign-on or resume to the staff member's next presence event, or now; like utilisation, it ends
 * with the business day it began, since a day close keeps staff signed on overnight. Hours are
 * the branch's local hours of that day (daylight saving included).
 */
export const STAFF_MINUTES_BY_HOUR_SQL = `WITH b AS (SELECT id, timezone FROM branches WHERE id = $1::text),
days AS (SELECT DISTINCT day FROM tickets WHERE branch_id = $1 AND day >= $2::text AND day <= $3::text),
slots AS (
  SELECT extract(isodow FROM d.day::date)::int AS weekday, h AS hour,
    ((d.day::date + make_interval(hours => h)) AT TIME ZONE b.timezone) AS slot_start,
    ((d.day::date + make_interval(hours => h + 1)) AT TIME ZONE b.timezone) AS slot_end
  FROM days d CROSS JOIN b CROSS JOIN generate_series(0, 23) AS h
),
presence AS (
  SELECT e.type, e.at, LEAD(e.at) OVER (PARTITION BY e.payload->>'staffId' ORDER BY e.seq) AS next_at
  FROM ticket_events e
  CROSS JOIN b
  WHERE e.branch_id = $1 AND e.type IN ('staff-signed-on', 'staff-signed-off', 'staff-paused', 'staff-resumed')
    AND e.at >= ($2::text::date::timestamp AT TIME ZONE b.timezone)
    AND e.at < (($3::text::date + 1)::timestamp AT TIME ZONE b.timezone)
),
spans AS (
  SELECT p.at AS span_start,
    LEAST(COALESCE(p.next_at, $4::timestamptz), (((p.at AT TIME ZONE b.timezone)::date + 1)::timestamp AT TIME ZONE b.timezone)) AS span_end
  FROM presence p CROSS JOIN b
  WHERE p.type IN ('staff-signed-on', 'staff-resumed')
)
SELECT s.weekday, s.hour, (sum(extract(epoch FROM LEAST(p.span_end, s.slot_end) - GREATEST(p.span_start, s.slot_start))) / 60)::float8 AS staff_min
FROM slots s
JOIN spans p ON p.span_start < s.slot_end AND p.span_end > s.slot_start
GROUP BY 1, 2`;
