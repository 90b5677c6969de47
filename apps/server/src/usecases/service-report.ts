import type { BranchEvent } from '@tellerline/engine';

/** One stretch of a visit at one counter: from the call to a transfer or the end. */
export interface VisitLeg {
  staffId: string;
  counterId: string;
  calledAt: number;
}

export interface VisitTimeline {
  /** Every counter that called the ticket, in order (a recall is the same leg). */
  legs: VisitLeg[];
  firstCalledAt: number | null;
  firstServedAt: number | null;
  /** Milliseconds waiting in the lobby: from issue to the first call, plus from each transfer to the next call. */
  waitMs: number | null;
  /** Milliseconds being served, each counter's share added up; null when never served. */
  serviceMs: number | null;
}

/**
 * A visit's timing from its own events. The tickets projection keeps only the last counter's
 * times (a transfer clears them), so a transferred visit's wait and service are summed here.
 */
export function visitTimeline(events: readonly BranchEvent[]): VisitTimeline {
  const legs: VisitLeg[] = [];
  let firstCalledAt: number | null = null;
  let firstServedAt: number | null = null;
  let waitingSince: number | null = null;
  let servingSince: number | null = null;
  let waitMs: number | null = null;
  let serviceMs: number | null = null;
  const endServing = (at: number) => {
    if (servingSince !== null) serviceMs = (serviceMs ?? 0) + (at - servingSince);
    servingSince = null;
  };
  for (const e of events) {
    switch (e.type) {
      case 'ticket-issued':
        waitingSince = e.at;
        break;
      case 'ticket-called':
        if (waitingSince !== null) waitMs = (waitMs ?? 0) + (e.at - waitingSince);
        waitingSince = null;
        firstCalledAt ??= e.at;
        legs.push({ staffId: e.staffId, counterId: e.counterId, calledAt: e.at });
        break;
      case 'service-started':
        servingSince = e.at;
        firstServedAt ??= e.at;
        break;
      case 'ticket-transferred':
        endServing(e.at);
        waitingSince = e.at;
        break;
      case 'ticket-completed':
      case 'ticket-no-show':
      case 'ticket-cancelled':
        endServing(e.at);
        waitingSince = null;
        break;
      default:
        break;
    }
  }
  return { legs, firstCalledAt, firstServedAt, waitMs, serviceMs };
}

/**
 * Who held the visit when it ended without their complete (the customer cancelled, or a no-show,
 * while called): null when it was completed, still open, or waiting in the lobby when it ended
 * (transferred away, nobody held it). The tickets projection does not keep this.
 */
export function heldWhenEnded(events: readonly BranchEvent[]): string | null {
  let holder: string | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'ticket-called':
        holder = e.staffId;
        break;
      case 'ticket-transferred':
      case 'ticket-completed':
        holder = null;
        break;
      case 'ticket-cancelled':
      case 'ticket-no-show':
        return holder;
      default:
        break;
    }
  }
  return null;
}

/** Minutes to one decimal (a 20-second service is 0.3, not 0), as the KPI screen shows them; null stays null. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}
