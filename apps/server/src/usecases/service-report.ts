import type { VisitLegEnd } from '@tellerline/contracts';
import type { BranchEvent } from '@tellerline/engine';

/**
 * One leg of a visit: from joining the queue, or from a transfer, to the next transfer or the
 * end. Only the staff member who called a leg may recall, start, transfer or end it, so a leg has
 * at most one caller and one serving stretch.
 */
export interface VisitLeg {
  number: string;
  serviceId: string;
  /**
   * When this leg's wait began: a transfer; for the first leg, joining the queue, except for an
   * appointment that kept its slot, max(check-in, booked time) (`waitStartOf`).
   */
  waitingFrom: number;
  staffId: string | null;
  /** Where the customer was last called to (a recall may come from another counter). */
  counterId: string | null;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  end: VisitLegEnd | null;
}

export interface VisitTimeline {
  /** Oldest first; empty when the log has no ticket-issued event of the ticket. */
  legs: VisitLeg[];
  /** The number printed on the ticket (null without its ticket-issued event). */
  issuedNumber: string | null;
  firstCalledAt: number | null;
  firstServedAt: number | null;
  /** Milliseconds from the start of the wait (`waitStartOf`) to the first call: the visit's wait, as the KPI reports count it. */
  waitMs: number | null;
  /** Milliseconds waited again after transfers, each from the transfer to the next call; null when none. */
  transferWaitMs: number | null;
  /** Milliseconds being served, each leg's stretch added up; null when never served. */
  serviceMs: number | null;
}

const ENDS: Partial<Record<BranchEvent['type'], VisitLegEnd>> = {
  'ticket-transferred': 'transferred',
  'ticket-completed': 'done',
  'ticket-no-show': 'no-show',
  'ticket-cancelled': 'cancelled',
};

/**
 * When a visit's wait starts, as the KPI reports (db `WAIT_START`) and the routing simulator
 * define it: at check-in, except for an appointment that kept its slot (late arrivals are issued
 * as walk-ins), at max(check-in, booked time). The branch does not keep an early customer waiting
 * until their slot; a late one cannot be called before they came.
 */
export function waitStartOf(e: { at: number; kind: string; appointmentAt?: number }): number {
  return e.kind === 'appointment' && e.appointmentAt !== undefined ? Math.max(e.at, e.appointmentAt) : e.at;
}

/** Milliseconds a leg waited for its call (0 when called before its slot); null when not called. */
export const legWaitMs = (l: VisitLeg) => (l.calledAt === null ? null : Math.max(0, l.calledAt - l.waitingFrom));

/**
 * Milliseconds a leg was served, to its complete or transfer (as the KPI reports count a stretch);
 * null when not served, still being served, or cut off by the day's close.
 */
export const legServiceMs = (l: VisitLeg) => (l.startedAt !== null && l.endedAt !== null && (l.end === 'done' || l.end === 'transferred') ? l.endedAt - l.startedAt : null);

const newLeg = (number: string, serviceId: string, waitingFrom: number): VisitLeg => ({
  number,
  serviceId,
  waitingFrom,
  staffId: null,
  counterId: null,
  calledAt: null,
  startedAt: null,
  endedAt: null,
  end: null,
});

const sum = (values: (number | null)[]) => values.reduce<number | null>((acc, v) => (v === null ? acc : (acc ?? 0) + v), null);

/**
 * A visit leg by leg from its own events. The tickets projection keeps only the last leg (a
 * transfer clears the call and service times and renumbers the ticket), so the report reads these.
 */
export function visitTimeline(events: readonly BranchEvent[]): VisitTimeline {
  const legs: VisitLeg[] = [];
  const open = () => {
    const l = legs.at(-1);
    return l && l.end === null ? l : undefined;
  };
  for (const e of events) {
    const leg = open();
    switch (e.type) {
      case 'ticket-issued':
        legs.push(newLeg(e.number, e.serviceId, waitStartOf(e)));
        break;
      case 'ticket-called':
        if (leg) Object.assign(leg, { staffId: e.staffId, counterId: e.counterId, calledAt: leg.calledAt ?? e.at });
        break;
      case 'ticket-recalled':
        if (leg) leg.counterId = e.counterId;
        break;
      case 'service-started':
        if (leg) leg.startedAt ??= e.at;
        break;
      default: {
        const end = ENDS[e.type];
        if (!leg || !end) break;
        Object.assign(leg, { endedAt: e.at, end });
        if (e.type === 'ticket-transferred') {
          legs.push(newLeg(e.number, e.toServiceId, e.at));
        }
      }
    }
  }
  const [first, ...later] = legs;
  return {
    legs,
    issuedNumber: first?.number ?? null,
    firstCalledAt: legs.find((l) => l.calledAt !== null)?.calledAt ?? null,
    firstServedAt: legs.find((l) => l.startedAt !== null)?.startedAt ?? null,
    waitMs: first ? legWaitMs(first) : null,
    transferWaitMs: sum(later.map(legWaitMs)),
    serviceMs: sum(legs.map(legServiceMs)),
  };
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
