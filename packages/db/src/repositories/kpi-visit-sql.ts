import { BRANCHES, type Grouping } from './kpi-grouping.js';
import { calledOnTime, KEPT_SLOT_AND_CALLED, WAIT_START } from './punctuality-sql.js';
import { inPilotSql } from './pilot-periods.js';

/**
 * The KPI figures of the tickets of the range's business days ($4: grace minutes), from the
 * `tickets` projection and the event log.
 *
 * A visit is cut into legs at its transfers: leg 0 from joining the queue, each later leg from a
 * transfer, each to the next transfer or the end. A leg has the service it was under (the one the
 * customer chose, then each transfer's), at most one call (only its caller may recall, start,
 * transfer or end it), at most one serving stretch (service-started to the leg's end) and one end.
 * The projection keeps only the last leg's service, number, call and times, which is why the
 * legs are read from the event log.
 *
 * What a row of a group counts:
 * - The visit (totals, days, branches): issued, how it ended (the projection's status), its wait
 *   to the first call (from `WAIT_START`: a booked customer who came early waits from the slot)
 *   judged by the target of the service chosen, its service time (every
 *   serving stretch added up, completed visits only, as its service report has it), its survey
 *   answer and its appointment punctuality (by the first call).
 * - Per service and per staff member the same figures go to one leg each: issued and the wait
 *   (and punctuality) to leg 0 (the service chosen, the first caller); how the visit ended and its
 *   survey answer to the last leg (the service and the staff member it ended with); a staff
 *   member's no-shows are a share of every visit they called. Service time is
 *   per stretch instead: each stretch, completed or transferred, for the service it was served
 *   under and the staff member who served it. Per staff member "issued" is the visits they called.
 * - Transfers (legs ended by one) and the waits after a transfer (from it to the next call) are
 *   figures of their own, never in the wait: per service and staff member, the transfer goes to
 *   the leg it ended (who transferred, out of which service), the wait to the leg it began (the
 *   service waited for, who called).
 */
export const ticketFiguresSql = (g: Grouping) => {
  const perLeg = `(${g.by('service_id')} OR ${g.by('staff_id')})`;
  return `WITH t AS (
  SELECT t.id, t.service_id AS final_service_id, t.day, t.branch_id, ${inPilotSql('t.branch_id', 't.day')} AS pilot, t.status, t.kind, t.appointment_at, t.joined_at
  FROM tickets t
  JOIN (${BRANCHES}) b ON b.id = t.branch_id
  WHERE t.day >= $2::text AND t.day <= $3::text
),
-- Each event's leg: the transfers before it (a transfer ends the leg it is counted in).
ev AS (
  SELECT e.ticket_id, e.seq, e.type, e.at, e.payload,
    count(*) FILTER (WHERE e.type = 'ticket-transferred') OVER (PARTITION BY e.ticket_id ORDER BY e.seq)
      - CASE WHEN e.type = 'ticket-transferred' THEN 1 ELSE 0 END AS leg
  FROM ticket_events e
  JOIN t ON t.id = e.ticket_id
  WHERE e.type IN ('ticket-called', 'service-started', 'ticket-completed', 'ticket-transferred', 'ticket-no-show', 'ticket-cancelled')
),
leg AS (
  SELECT ticket_id, leg,
    min(at) FILTER (WHERE type = 'ticket-called') AS called_at,
    (array_agg(payload->>'staffId' ORDER BY seq) FILTER (WHERE type = 'ticket-called'))[1] AS staff_id,
    min(at) FILTER (WHERE type = 'service-started') AS started_at,
    (array_agg(type ORDER BY seq) FILTER (WHERE type NOT IN ('ticket-called', 'service-started')))[1] AS ended_by,
    min(at) FILTER (WHERE type NOT IN ('ticket-called', 'service-started')) AS ended_at,
    min(payload->>'fromServiceId') AS transferred_from
  FROM ev
  GROUP BY ticket_id, leg
),
-- Every ticket has leg 0, even one never called (no events here). A leg begun by a transfer and
-- not called yet has no events either: it adds nothing to any figure, so it needs no row.
legs AS (
  SELECT t.id, t.day, t.branch_id, t.pilot, t.status, t.kind, t.appointment_at, t.joined_at,
    COALESCE(l.leg, 0) AS leg,
    COALESCE(l.leg, 0) = max(COALESCE(l.leg, 0)) OVER (PARTITION BY t.id) AS last,
    COALESCE(l.transferred_from, t.final_service_id) AS service_id,
    l.staff_id, l.called_at, l.ended_by,
    COALESCE(lag(l.ended_at) OVER (PARTITION BY t.id ORDER BY l.leg), t.joined_at) AS waiting_from,
    CASE WHEN l.ended_by IN ('ticket-completed', 'ticket-transferred') THEN extract(epoch FROM l.ended_at - l.started_at) / 60 END AS serving_min
  FROM t
  LEFT JOIN leg l ON l.ticket_id = t.id
),
x AS (
  SELECT legs.*, s.target_min,
    -- Someone called before their slot (already there) waited nothing, never a negative wait.
    -- (GREATEST skips NULLs: the call is checked first, or a ticket never called would wait 0.)
    CASE WHEN leg = 0 AND called_at IS NOT NULL THEN GREATEST(0, extract(epoch FROM called_at - (${WAIT_START})) / 60) END AS wait_min,
    CASE WHEN leg > 0 THEN extract(epoch FROM called_at - waiting_from) / 60 END AS transfer_wait_min,
    CASE WHEN last AND status = 'done' THEN sum(serving_min) OVER (PARTITION BY legs.id) END AS visit_service_min,
    CASE WHEN last THEN r.rating END AS rating
  FROM legs
  LEFT JOIN services s ON s.id = legs.service_id
  LEFT JOIN survey_responses r ON r.ticket_id = legs.id
)
SELECT ${g.select},
  (CASE WHEN ${g.by('staff_id')} THEN count(DISTINCT id) FILTER (WHERE called_at IS NOT NULL) ELSE count(*) FILTER (WHERE leg = 0) END)::int AS issued,
  count(*) FILTER (WHERE last AND status = 'done')::int AS served,
  count(*) FILTER (WHERE last AND status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE last AND status = 'no-show')::int AS no_shows,
  -- What the no-shows are a share of: visits whose last leg was called (a no-show is always
  -- called), counted where the no-show would be: the service of that leg. Per staff member, every
  -- visit they called (their "issued"): one they transferred on came to their counter, so the row's
  -- no-show rate is of the customers its called column counts.
  (CASE WHEN ${g.by('staff_id')} THEN count(DISTINCT id) FILTER (WHERE called_at IS NOT NULL)
    ELSE count(*) FILTER (WHERE last AND called_at IS NOT NULL AND ended_by IS DISTINCT FROM 'ticket-transferred') END)::int AS called_visits,
  count(wait_min)::int AS called,
  avg(wait_min)::float8 AS wait_mean,
  percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_min)::float8 AS wait_p90,
  count(*) FILTER (WHERE wait_min <= target_min)::int AS within_target,
  (CASE WHEN ${perLeg} THEN count(serving_min) ELSE count(visit_service_min) END)::int AS service_timed,
  (CASE WHEN ${perLeg} THEN avg(serving_min) ELSE avg(visit_service_min) END)::float8 AS service_mean,
  count(*) FILTER (WHERE ended_by = 'ticket-transferred')::int AS transfers,
  count(transfer_wait_min)::int AS transfer_waited,
  avg(transfer_wait_min)::float8 AS transfer_wait_mean,
  count(rating)::int AS responses,
  avg(rating)::float8 AS rating_mean,
  count(*) FILTER (WHERE rating = 1)::int AS r1,
  count(*) FILTER (WHERE rating = 2)::int AS r2,
  count(*) FILTER (WHERE rating = 3)::int AS r3,
  count(*) FILTER (WHERE rating = 4)::int AS r4,
  count(*) FILTER (WHERE rating = 5)::int AS r5,
  -- Leg 0 holds the columns punctuality-sql.ts reads: the service booked and the first call.
  count(*) FILTER (WHERE leg = 0 AND ${KEPT_SLOT_AND_CALLED})::int AS appointments,
  count(*) FILTER (WHERE leg = 0 AND ${KEPT_SLOT_AND_CALLED} AND ${calledOnTime('$4')})::int AS on_time
FROM x
${g.groupBy}`;
};
