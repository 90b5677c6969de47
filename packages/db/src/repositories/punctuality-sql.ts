/**
 * The one definition of appointment punctuality over the `tickets` projection, shared by the
 * booking rules screen (28 days per service) and the KPI reports: of the appointment tickets that
 * were called (a booked customer who kept the slot; late arrivals are issued as walk-ins and
 * never-called ones are left out), those called by max(booked time, check-in) + the grace minutes
 * (the engine's HOLD_GRACE_MIN, passed as the parameter named by `graceParam`).
 */
export const KEPT_SLOT_AND_CALLED = `kind = 'appointment' AND appointment_at IS NOT NULL AND called_at IS NOT NULL`;

export const calledOnTime = (graceParam: string) => `called_at <= GREATEST(appointment_at, joined_at) + ${graceParam}::int * interval '1 minute'`;
