import { callReason } from './call-reason.js';
import type { CallReason } from './events.js';
import type { BranchState, StaffState, Ticket } from './model.js';
import { urgencyOf, type Urgency } from './urgency.js';

export { URGENCY_FLOOR, LATE_APPOINTMENT_SLOPE, keepsSlot, urgencyOf, type Urgency } from './urgency.js';

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
}

/**
 * Call-next policy (ARCHITECTURE.md section 4), a generalised c-mu rule with accumulating
 * priority. Eligible: waiting, in a service the staff member has proficiency > 0 for, and not
 * reserved for another counter. Order: tickets reserved for this staff member's counter first;
 * then score = urgency x proficiency, highest first; ties by join time (FIFO), then ticket id.
 *
 * No starvation: urgency grows without bound with waiting time and proficiency > 0, so a ticket
 * eventually outscores any newer arrival (as long as arrivals do not exceed capacity).
 * Returns candidates best-first; empty when staff is unknown or nothing is eligible.
 */
export function rankCandidates(state: BranchState, staffId: string, now: number): Candidate[] {
  const staff = state.staff[staffId];
  if (!staff) return [];
  const scored: ScoredTicket[] = [];
  for (const t of Object.values(state.tickets)) {
    const s = scoreTicket(state, staff, t, now);
    if (s) scored.push(s);
  }
  scored.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return scored.map((s) => toCandidate(state, s));
}

/** The ticket call-next would hand to `staffId` now, or undefined. One pass, no sort. */
export function pickNext(state: BranchState, staffId: string, now: number): Candidate | undefined {
  const staff = state.staff[staffId];
  if (!staff) return undefined;
  let best: ScoredTicket | undefined;
  for (const t of Object.values(state.tickets)) {
    const s = scoreTicket(state, staff, t, now);
    if (s && (!best || better(s, best))) best = s;
  }
  return best && toCandidate(state, best);
}

/**
 * Scores `ticket` for `staff`, or undefined when they may not call it. Exported for the ETA and
 * for manual calls, which reuse the same numbers in their reason.
 */
export function scoreTicket(state: BranchState, staff: StaffState, ticket: Ticket, now: number): ScoredTicket | undefined {
  if (ticket.status !== 'waiting') return undefined;
  const proficiency = staff.skills[ticket.serviceId] ?? 0;
  if (!(proficiency > 0)) return undefined;
  if (ticket.reservedCounterId !== undefined && ticket.reservedCounterId !== staff.counterId) return undefined;
  const service = state.services[ticket.serviceId];
  if (!service) return undefined;
  const urgency = urgencyOf(ticket, service, state.routing, now);
  return {
    ticket,
    score: urgency.value * proficiency,
    reserved: ticket.reservedCounterId !== undefined,
    proficiency,
    urgency,
  };
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
  return {
    ticket: s.ticket,
    score: s.score,
    reserved: s.reserved,
    reason: callReason(ruleOf(s), s.urgency, service, s.ticket.priority, s.proficiency, s.score),
  };
}
