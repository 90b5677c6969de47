import { callReason } from './call-reason.js';
import type { CallReason } from './events.js';
import type { BranchState, StaffState, Ticket } from './model.js';
import { urgencyOf, type Urgency } from './urgency.js';

export { URGENCY_FLOOR, APPOINTMENT_AT_SLOT, LATE_APPOINTMENT_SLOPE, keepsSlot, urgencyOf, type Urgency } from './urgency.js';

/** Recent durations a service needs before its own typical time counts (as for the ETA). */
export const SPEED_MIN_SAMPLES = 3;
/** A service's speed factor stays within [1/SPEED_CLAMP, SPEED_CLAMP]. */
export const SPEED_CLAMP = 4;

/** A waiting ticket a staff member could call, with why. */
export interface Candidate {
  ticket: Ticket;
  /** urgency x proficiency; higher is called first (after reserved tickets). */
  score: number;
  /** True when transferred to this staff member's counter: such tickets go first. */
  reserved: boolean;
  reason: CallReason;
}

/** A ticket as the routing policy sees it for one staff member. */
export interface ScoredTicket {
  ticket: Ticket;
  score: number;
  reserved: boolean;
  proficiency: number;
  urgency: Urgency;
  /** The service's speed factor (1 until the branch has measured service times). */
  speed: number;
  /** The service's typical minutes, when the speed factor is in use. */
  typicalMin?: number;
}

/**
 * The "mu" of the c-mu rule, per service: how many customers of this service one staff member
 * clears per minute, relative to the branch's services on average. Learned from the recent
 * service times the branch keeps for the ETA: typical minutes of a service = the mean of its
 * recent durations once it has SPEED_MIN_SAMPLES of them, else its configured default; speed =
 * (mean of all services' typical minutes) / (this service's), clamped to [1/4, 4].
 *
 * Until the branch has measured at least one service (start of its life, after a reset), there
 * is no learned speed and every service counts 1: routing is then by urgency and skill alone.
 * Durations of zero (a start and complete in the same instant) are not a measurement.
 */
export interface ServiceSpeeds {
  speed: Record<string, number>;
  typicalMin: Record<string, number>;
}

export function serviceSpeeds(state: BranchState): ServiceSpeeds | undefined {
  const typicalMin: Record<string, number> = {};
  let measured = false;
  let sum = 0;
  let n = 0;
  for (const svc of Object.values(state.services)) {
    const recent = state.stats[svc.id]?.recentServiceSec ?? [];
    let total = 0;
    for (const x of recent) total += x;
    const mean = recent.length > 0 ? total / recent.length / 60 : 0;
    const own = recent.length >= SPEED_MIN_SAMPLES && mean > 0;
    if (own) measured = true;
    const typical = own ? mean : svc.defaultDurationMin > 0 ? svc.defaultDurationMin : 1;
    typicalMin[svc.id] = typical;
    sum += typical;
    n++;
  }
  if (!measured || n === 0) return undefined;
  const ref = sum / n;
  const speed: Record<string, number> = {};
  for (const [id, typical] of Object.entries(typicalMin)) {
    speed[id] = Math.min(SPEED_CLAMP, Math.max(1 / SPEED_CLAMP, ref / typical));
  }
  return { speed, typicalMin };
}

/**
 * Call-next policy (ARCHITECTURE.md section 4), a generalised c-mu rule with accumulating
 * priority. Eligible: waiting, in a service the staff member has proficiency > 0 for, and not
 * reserved for another counter. Order: tickets reserved for this staff member's counter first;
 * then score = urgency x proficiency x service speed, highest first; ties by join time (FIFO),
 * then ticket id. Proficiency x speed is the staff member's service rate for that ticket (the
 * "mu"): between two equally urgent customers, the one served faster goes first, which clears
 * the queue sooner for everyone (see `serviceSpeeds`). Appointments held by their slot (the
 * appointment term is the larger part of their urgency) are not weighed by speed: long
 * services are the ones people book, and their slot is kept.
 *
 * No starvation: urgency grows without bound with waiting time and proficiency and speed are
 * bounded away from 0, so a ticket eventually outscores any newer arrival (as long as arrivals
 * do not exceed capacity). Returns candidates best-first; empty when staff is unknown or
 * nothing is eligible.
 */
export function rankCandidates(state: BranchState, staffId: string, now: number): Candidate[] {
  const staff = state.staff[staffId];
  if (!staff) return [];
  const speeds = serviceSpeeds(state);
  const scored: ScoredTicket[] = [];
  for (const t of Object.values(state.tickets)) {
    const s = scoreWith(state, staff, t, now, speeds);
    if (s) scored.push(s);
  }
  scored.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return scored.map((s) => toCandidate(state, s));
}

/** The ticket call-next would hand to `staffId` now, or undefined. One pass, no sort. */
export function pickNext(state: BranchState, staffId: string, now: number): Candidate | undefined {
  const staff = state.staff[staffId];
  if (!staff) return undefined;
  const speeds = serviceSpeeds(state);
  let best: ScoredTicket | undefined;
  for (const t of Object.values(state.tickets)) {
    const s = scoreWith(state, staff, t, now, speeds);
    if (s && (!best || better(s, best))) best = s;
  }
  return best && toCandidate(state, best);
}

/**
 * Scores `ticket` for `staff`, or undefined when they may not call it. Exported for the ETA and
 * for manual calls, which reuse the same numbers in their reason.
 */
export function scoreTicket(state: BranchState, staff: StaffState, ticket: Ticket, now: number): ScoredTicket | undefined {
  return scoreWith(state, staff, ticket, now, serviceSpeeds(state));
}

/** `scoreTicket` with the service speeds computed once for the whole ranking. */
function scoreWith(
  state: BranchState,
  staff: StaffState,
  ticket: Ticket,
  now: number,
  speeds: ServiceSpeeds | undefined,
): ScoredTicket | undefined {
  if (ticket.status !== 'waiting') return undefined;
  const proficiency = staff.skills[ticket.serviceId] ?? 0;
  if (!(proficiency > 0)) return undefined;
  if (ticket.reservedCounterId !== undefined && ticket.reservedCounterId !== staff.counterId) return undefined;
  const service = state.services[ticket.serviceId];
  if (!service) return undefined;
  const urgency = urgencyOf(ticket, service, state.routing, now);
  // A booked slot is a promise whatever the service's length: speed weighs walk-in waits only.
  const bySlot = urgency.appointmentTerm > urgency.waitTerm;
  const speed = bySlot ? 1 : (speeds?.speed[service.id] ?? 1);
  const scored: ScoredTicket = {
    ticket,
    score: urgency.value * proficiency * speed,
    reserved: ticket.reservedCounterId !== undefined,
    proficiency,
    urgency,
    speed,
  };
  const typical = speeds?.typicalMin[service.id];
  if (typical !== undefined && !bySlot) scored.typicalMin = typical;
  return scored;
}

function better(a: ScoredTicket, b: ScoredTicket): boolean {
  if (a.reserved !== b.reserved) return a.reserved;
  if (a.score !== b.score) return a.score > b.score;
  if (a.ticket.joinedAt !== b.ticket.joinedAt) return a.ticket.joinedAt < b.ticket.joinedAt;
  return a.ticket.id < b.ticket.id;
}

/** Which part of the score decided it, for the reason shown to staff. */
function ruleOf(s: ScoredTicket): CallReason['rule'] {
  if (s.reserved) return 'reserved';
  if (s.urgency.appointmentTerm > s.urgency.waitTerm) return 'appointment';
  if (s.urgency.boost > 0) return 'priority';
  return 'urgency';
}

function toCandidate(state: BranchState, s: ScoredTicket): Candidate {
  // scoreTicket only returns tickets whose service exists.
  const service = state.services[s.ticket.serviceId]!;
  const reason = callReason(ruleOf(s), s.urgency, service, s.ticket.priority, s.proficiency, s.score);
  // Say so when service speed weighed in (the score includes it): "A usually takes 4 min".
  if (s.typicalMin !== undefined) reason.text += `; ${service.code} usually takes ${Math.max(1, Math.round(s.typicalMin))} min`;
  return { ticket: s.ticket, score: s.score, reserved: s.reserved, reason };
}
