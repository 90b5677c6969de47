import { HOLD_GRACE_MIN } from '@tellerline/engine';
import type { StaffOutcome, TicketOutcome } from './simulate.js';

/**
 * Metric definitions (all waits in minutes):
 *
 * - wait: first call - start of wait. The wait starts at check-in, except for an appointment
 *   that kept its slot, whose wait starts at max(check-in, booked time): an early customer
 *   waiting for their own slot is not kept waiting by the branch. A ticket never called counts
 *   with its wait up to the end of the day and is never within target; one whose customer gave
 *   up (scenario `abandonment`) counts with its wait until they left, and is never within target.
 * - abandoned: customers who gave up waiting; unserved: never called and did not give up
 *   (still waiting when the day's simulation ended).
 * - servedWithinTarget: share called with wait <= the service's targetMin.
 * - p90: nearest rank (the smallest wait with at least 90% of waits at or below it).
 * - apptPunctuality: of the appointments that kept their slot, the share called no later than
 *   5 minutes after max(booked time, check-in); null when there are none. (Appointments checking
 *   in later than the engine's window are walk-ins for routing and are left out.)
 * - utilisation: busy / on-duty minutes. Per service: minutes spent serving it / on-duty minutes
 *   of the staff able to serve it.
 * - etaMaeMin: mean |actual - expectedMin| where actual = call - check-in, the quantity the
 *   estimate at issue predicts; etaRangeCoverage: share with lowMin <= actual <= highMin, with a
 *   0.05-minute tolerance because the engine rounds to 0.1. Over called tickets that were given a
 *   range (not those issued while nobody on duty could serve them: they were promised no wait);
 *   null if none.
 */
export interface Metrics {
  customers: number;
  unserved: number;
  abandoned: number;
  servedWithinTarget: number;
  meanWaitMin: number;
  p90WaitMin: number;
  maxWaitMin: number;
  appointments: number;
  apptPunctuality: number | null;
  utilisation: number;
  etaMaeMin: number | null;
  etaRangeCoverage: number | null;
}

/** Called within this many minutes of max(booked time, check-in) is on time: the engine's hold grace, the same for the product's punctuality report. */
export const PUNCTUALITY_MIN = HOLD_GRACE_MIN;
const ETA_TOLERANCE_MIN = 0.05;

/** Minute the customer's wait starts (see above). */
export function waitStart(t: TicketOutcome): number {
  return t.keptSlot && t.appointmentAt !== undefined ? Math.max(t.joinedAt, t.appointmentAt) : t.joinedAt;
}

/** The customer's wait in minutes (censored at the end of the day when never called). */
export function waitMin(t: TicketOutcome): number {
  return Math.max(0, (t.calledAt ?? t.abandonedAt ?? t.endAt) - waitStart(t));
}

export function isPunctual(t: TicketOutcome): boolean {
  return t.calledAt !== undefined && t.calledAt <= waitStart(t) + PUNCTUALITY_MIN;
}

/** Nearest-rank quantile: the ceil(q x n)-th smallest value; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRankIndex(sorted.length, q)]!;
}

/** Index in a sorted list of n (n >= 1) values of its nearest-rank q-quantile. */
export function nearestRankIndex(n: number, q: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n))) - 1;
}

/** Called within their service's target (`targets` by service code); a ticket never called never is. */
export function withinTarget(t: TicketOutcome, targets: Record<string, number>, wait = waitMin(t)): boolean {
  return t.calledAt !== undefined && wait <= (targets[t.service] ?? Infinity);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Metrics over `tickets`, with targets by service code and the staff time to divide by.
 * `service`, when given, restricts utilisation to that service (see above).
 */
export function computeMetrics(
  tickets: readonly TicketOutcome[],
  staff: readonly StaffOutcome[],
  targets: Record<string, number>,
  service?: string,
): Metrics {
  const waits = tickets.map(waitMin);
  const within = tickets.filter((t) => withinTarget(t, targets)).length;
  const booked = tickets.filter((t) => t.keptSlot);
  const called = tickets.filter((t) => t.calledAt !== undefined);
  const abandoned = tickets.filter((t) => t.abandonedAt !== undefined).length;
  const estimated = called.flatMap((t) => (t.eta.kind === 'range' ? [{ actual: t.calledAt! - t.joinedAt, eta: t.eta }] : []));
  const errors = estimated.map(({ actual, eta }) => Math.abs(actual - eta.expectedMin));
  const covered = estimated.filter(({ actual, eta }) => actual >= eta.lowMin - ETA_TOLERANCE_MIN && actual <= eta.highMin + ETA_TOLERANCE_MIN).length;

  let busy = 0;
  let duty = 0;
  for (const st of staff) {
    if (service !== undefined && !st.skills.includes(service)) continue;
    duty += st.onDutyMin;
    busy += service === undefined ? st.busyMin : (st.busyByService[service] ?? 0);
  }

  return {
    customers: tickets.length,
    unserved: tickets.length - called.length - abandoned,
    abandoned,
    servedWithinTarget: tickets.length ? within / tickets.length : 1,
    meanWaitMin: waits.length ? mean(waits) : 0,
    p90WaitMin: waits.length ? quantile(waits, 0.9) : 0,
    maxWaitMin: waits.length ? Math.max(...waits) : 0,
    appointments: booked.length,
    apptPunctuality: booked.length ? booked.filter(isPunctual).length / booked.length : null,
    utilisation: duty > 0 ? busy / duty : 0,
    etaMaeMin: errors.length ? mean(errors) : null,
    etaRangeCoverage: estimated.length ? covered / estimated.length : null,
  };
}

/** Rounds every number in a metrics object (for stable, readable JSON). */
export function roundMetrics<T extends object>(m: T, digits = 3): T {
  const f = 10 ** digits;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === 'number' ? Math.round(v * f) / f : v;
  return out as T;
}
