/**
 * The one definition of appointment punctuality, shared by the booking rules screen (28 days per
 * service, `APPOINTMENT_PUNCTUALITY` below) and the KPI reports (`kpi-visit-sql.ts`, its leg 0):
 * of the appointment tickets that were called (a booked customer who kept the slot; late arrivals
 * are issued as walk-ins and never-called ones are left out), those first called by max(booked
 * time, check-in) + the grace minutes (the engine's HOLD_GRACE_MIN, passed as the parameter named
 * by `graceParam`).
 *
 * Both count a visit for the service it was booked for, never the one a transfer moved it to:
 * managers tune each service's booking rules from this figure, and a customer booked for loans and
 * sent on to cash kept (or missed) a loans slot. The fragments read columns of the visit's first
 * leg: `service_id` (the service booked), `called_at` (its first call; a transfer needs a held
 * ticket, so the first call comes before any transfer), `kind`, `appointment_at`, `joined_at`.
 * The `tickets` projection keeps only the last leg's service and call, so `FIRST_LEG_OF_APPOINTMENTS`
 * reads the first leg's from the event log.
 */
export const KEPT_SLOT_AND_CALLED = `kind = 'appointment' AND appointment_at IS NOT NULL AND called_at IS NOT NULL`;

/**
 * When a visit's wait starts (the KPI reports' waits and punctuality, as the routing simulator
 * defines them): check-in, except for an appointment that kept its slot, max(check-in, booked
 * time). A customer who comes early is not kept waiting by the branch until their slot; one who
 * comes a few minutes late cannot be called before they arrive. Late arrivals past the engine's
 * `appointmentLateMin` are issued as walk-ins, so `kind = 'appointment'` is "kept the slot".
 */
export const WAIT_START = `CASE WHEN kind = 'appointment' AND appointment_at IS NOT NULL THEN GREATEST(appointment_at, joined_at) ELSE joined_at END`;

export const calledOnTime = (graceParam: string) => `called_at <= (${WAIT_START}) + ${graceParam}::int * interval '1 minute'`;

/**
 * The appointment tickets of a branch's business days ($1 branch, $2..$3 days; the (branch_id,
 * day) index) as their first leg: the service booked (what the first transfer moved the ticket
 * from, else its service) and the first call, both from the event log (by ticket id).
 */
const FIRST_LEG_OF_APPOINTMENTS = `SELECT t.kind, t.appointment_at, t.joined_at,
  COALESCE(
    (SELECT e.payload->>'fromServiceId' FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket-transferred' ORDER BY e.seq LIMIT 1),
    t.service_id
  ) AS service_id,
  (SELECT min(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket-called') AS called_at
FROM tickets t
WHERE t.branch_id = $1 AND t.day >= $2 AND t.day <= $3 AND t.kind = 'appointment'`;

/** Per service booked: the kept-and-called appointments of the days, and those called on time ($4: grace minutes). */
export const APPOINTMENT_PUNCTUALITY = `SELECT service_id,
  count(*)::int AS appointments,
  count(*) FILTER (WHERE ${calledOnTime('$4')})::int AS on_time
FROM (${FIRST_LEG_OF_APPOINTMENTS}) first_leg
WHERE ${KEPT_SLOT_AND_CALLED}
GROUP BY service_id`;
