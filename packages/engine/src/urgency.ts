import type { RoutingConfig, ServiceDef, Ticket } from './model.js';
import { targetRisk } from './target-risk.js';

const MIN_MS = 60_000;

/**
 * Added to every urgency so a ticket that has not waited at all still scores above zero; that
 * way proficiency decides between two fresh tickets (specialists take their own queue first).
 * Small next to 1 (= one full target waited), so it never outweighs real waiting.
 */
export const URGENCY_FLOOR = 0.1;

/**
 * How urgent an appointment is at its booked time, in units of "one full target waited": by
 * `value`, as urgent as a walk-in who has waited four times their target. Routing weighs a
 * walk-in past their target lower (`targetRisk`), so a due slot goes before walk-ins until
 * one has waited 15 targets, and a late slot's weight grows faster still: booked
 * customers are called at their time. (Tuned with the simulator: at 1 the branch
 * called only 50-80% of appointments within 5 minutes of their time on busy days. At 2 it was
 * close to calling every appointment first while helpers took any queue; once a helper's own
 * queue comes first (`CROSS_SKILL_DISCOUNT` in routing.ts), 4 keeps more slots for a smaller
 * cost: seeds 1-40 punctuality met in 25 scenarios instead of 20, seeds 101-200 in 49 instead
 * of 43, with share within target slightly up.)
 */
export const APPOINTMENT_AT_SLOT = 4;

/**
 * How much faster than a walk-in an appointment's urgency grows once its slot has passed:
 * a booked customer kept waiting overtakes the walk-in queue quickly. (Scaled with
 * APPOINTMENT_AT_SLOT: the whole appointment term is twice what it was at 2.)
 */
export const LATE_APPOINTMENT_SLOPE = 8;

/** The parts of a ticket's urgency, kept apart so the call reason can say which one mattered. */
export interface Urgency {
  /** Total: max(wait term, appointment term) + priority boost + floor. */
  value: number;
  /**
   * What routing ranks by: `value` with the wait term past the target restarted lower
   * (`targetRisk`). Not monotone in the wait, so routing keeps each line's order itself
   * (`withQueueIndex`); the wait estimate orders by `value`.
   */
  weight: number;
  waitedMin: number;
  targetMin: number;
  /** waitedMin / targetMin. */
  waitTerm: number;
  /** Appointment term, or 0 for walk-ins and appointments that lost their slot. */
  appointmentTerm: number;
  boost: number;
  /** Minutes from now to the booked slot (negative once past), for honoured appointments. */
  slotInMin?: number;
}

/**
 * An appointment keeps its slot when the customer checked in (= the ticket was issued, at
 * `joinedAt`) no later than `appointmentLateMin` after it. We judge lateness at check-in, not
 * now: a customer who arrived on time must not be demoted because the branch ran late.
 * Arriving early never costs the slot.
 */
export function keepsSlot(t: Ticket, routing: RoutingConfig): t is Ticket & { appointmentAt: number } {
  return (
    t.kind === 'appointment' &&
    t.appointmentAt !== undefined &&
    t.joinedAt <= t.appointmentAt + routing.appointmentLateMin * MIN_MS
  );
}

/**
 * Urgency of a waiting ticket at `now` (the accumulating-priority part of the c-mu rule):
 *
 * - wait term = minutes waited since joining (kept across transfers) / the service's target,
 *   so it grows without bound and every ticket eventually outranks fresh arrivals;
 * - appointment term, for appointments that keep their slot: 0 until `appointmentEarlyMin`
 *   before the slot, then rising linearly to `APPOINTMENT_AT_SLOT` at the slot (as urgent as a
 *   walk-in at four times their target by `value`), then growing `LATE_APPOINTMENT_SLOPE` times faster than a
 *   walk-in's wait term. We take the max of both terms: an appointment is never worse off than
 *   a walk-in who came at the same time;
 * - plus the priority class boost and `URGENCY_FLOOR`.
 *
 * `weight` is the same with the wait term passed through `targetRisk` (see target-risk.ts).
 */
export function urgencyOf(t: Ticket, service: ServiceDef, routing: RoutingConfig, now: number): Urgency {
  const targetMin = service.targetMin > 0 ? service.targetMin : 1;
  const waitedMin = Math.max(0, now - t.joinedAt) / MIN_MS;
  const waitTerm = waitedMin / targetMin;
  const boost = routing.priorityBoost[t.priority] ?? 0;
  let appointmentTerm = 0;
  let slotInMin: number | undefined;
  if (keepsSlot(t, routing)) {
    slotInMin = (t.appointmentAt - now) / MIN_MS;
    const early = routing.appointmentEarlyMin;
    if (slotInMin <= 0) appointmentTerm = APPOINTMENT_AT_SLOT + (LATE_APPOINTMENT_SLOPE * -slotInMin) / targetMin;
    else if (slotInMin < early) appointmentTerm = APPOINTMENT_AT_SLOT * (1 - slotInMin / early);
  }
  const value = Math.max(waitTerm, appointmentTerm) + boost + URGENCY_FLOOR;
  const weight = Math.max(targetRisk(waitTerm), appointmentTerm) + boost + URGENCY_FLOOR;
  const u: Urgency = { value, weight, waitedMin, targetMin, waitTerm, appointmentTerm, boost };
  if (slotInMin !== undefined) u.slotInMin = slotInMin;
  return u;
}
