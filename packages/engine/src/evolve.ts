import { applyConfig } from './apply-config.js';
import { modelWaitMin } from './eta.js';
import type { BranchEvent } from './events.js';
import { releaseStranded } from './reservations.js';
import { DEFAULT_ROUTING, type BranchState, type StaffState, type Ticket } from './model.js';

/** The state of a branch before any event: no configuration, no tickets, sequence 0. */
export function initialState(branchId: string): BranchState {
  return {
    branchId,
    seq: 0,
    services: {},
    counters: {},
    staff: {},
    tickets: {},
    sequences: {},
    stats: {},
    routing: DEFAULT_ROUTING,
  };
}

/** Rebuilds a branch's state from its stored events (oldest first). */
export function replay(branchId: string, events: Iterable<BranchEvent>): BranchState {
  let state = initialState(branchId);
  for (const e of events) state = evolve(state, e);
  return state;
}

/**
 * Applies one event. Pure: returns a new state and never mutates `state` (maps that change are
 * copied, the rest is shared). Total: an event always applies, even one `decide` would not have
 * produced today, because stored history must replay whatever rules wrote it.
 */
export function evolve(state: BranchState, event: BranchEvent): BranchState {
  const next = evolveBody(state, event);
  return next.seq === event.seq ? next : { ...next, seq: event.seq };
}

function evolveBody(s: BranchState, e: BranchEvent): BranchState {
  switch (e.type) {
    case 'branch-configured':
      return applyConfig(s, e.config);

    case 'ticket-issued': {
      const service = s.services[e.serviceId];
      const ticket: Ticket = {
        id: e.ticketId,
        token: e.token,
        number: e.number,
        serviceId: e.serviceId,
        kind: e.kind,
        priority: e.priority,
        status: 'waiting',
        joinedAt: e.at,
        issuedAt: e.at,
        issueSeq: e.seq,
        recalls: 0,
        transfers: 0,
        ...(e.appointmentAt !== undefined && { appointmentAt: e.appointmentAt }),
        ...(e.customerId !== undefined && { customerId: e.customerId }),
      };
      const issued: BranchState = {
        ...withoutExpected(s, e.ticketId),
        tickets: { ...s.tickets, [ticket.id]: ticket },
        sequences: service ? bumpSequence(s.sequences, service.code) : s.sequences,
      };
      // What the customer is told now (kiosk, phone), kept to learn how far off such estimates run.
      if (!service) return issued;
      const etaAtIssueMin = modelWaitMin(issued, ticket.id, e.at);
      if (etaAtIssueMin === null) return issued;
      return { ...issued, tickets: { ...issued.tickets, [ticket.id]: { ...ticket, etaAtIssueMin } } };
    }

    // Whoever leaves a counter, or stops calling there, lets go of the tickets transferred to it.
    case 'staff-signed-on':
      return releaseStranded(
        patchStaff(s, e.staffId, (st) => {
          const { pauseReason: _, ...rest } = st;
          return { ...rest, status: st.ticketId ? 'serving' : 'available', counterId: e.counterId };
        }),
      );

    case 'staff-paused':
      return releaseStranded(patchStaff(s, e.staffId, (st) => ({ ...st, status: 'paused', pauseReason: e.reason })));

    case 'staff-resumed':
      return patchStaff(s, e.staffId, (st) => {
        const { pauseReason: _, ...rest } = st;
        return { ...rest, status: st.ticketId ? 'serving' : 'available' };
      });

    case 'staff-signed-off':
      return releaseStranded(patchStaff(s, e.staffId, (st) => ({ id: st.id, skills: st.skills, status: 'offline' })));

    case 'ticket-called': {
      const t = s.tickets[e.ticketId];
      if (!t) return s;
      const learned = t.calledAt === undefined ? withWaitRatio(s, t, e.at) : s;
      const { reservedCounterId: _, ...rest } = t;
      const called: Ticket = {
        ...rest,
        status: 'called',
        calledAt: e.at,
        lastCalledAt: e.at,
        callReason: e.reason,
        staffId: e.staffId,
        counterId: e.counterId,
      };
      const withTicket = { ...learned, tickets: { ...learned.tickets, [t.id]: called } };
      return patchStaff(withTicket, e.staffId, (st) => ({ ...st, status: 'serving', ticketId: t.id }));
    }

    case 'ticket-recalled':
      return patchTicket(s, e.ticketId, (t) => ({
        ...t,
        recalls: e.recalls,
        lastCalledAt: e.at,
        counterId: e.counterId,
      }));

    case 'service-started':
      return patchTicket(s, e.ticketId, (t) => ({ ...t, status: 'serving', servedAt: e.at }));

    case 'ticket-completed': {
      const t = s.tickets[e.ticketId];
      const finished = finishTicket(s, e.ticketId);
      if (!t) return finished;
      const recent = [...(s.stats[t.serviceId]?.recentServiceSec ?? []), e.serviceSec];
      const window = Math.max(1, s.routing.etaWindow);
      return {
        ...finished,
        stats: { ...s.stats, [t.serviceId]: { ...s.stats[t.serviceId], recentServiceSec: recent.slice(-window) } },
      };
    }

    case 'ticket-no-show':
    case 'ticket-cancelled':
      return finishTicket(s, e.ticketId);

    case 'ticket-transferred': {
      const t = s.tickets[e.ticketId];
      if (!t) return s;
      const freed = releaseHolder(s, t);
      const { staffId: _s, counterId: _c, calledAt: _ca, lastCalledAt: _l, callReason: _cr, servedAt: _sa, reservedCounterId: _r, ...rest } = t;
      const waiting: Ticket = {
        ...rest,
        status: 'waiting',
        serviceId: e.toServiceId,
        number: e.number,
        // A new call cycle at the new desk: recalls start over, the join time does not.
        recalls: 0,
        transfers: t.transfers + 1,
        ...(e.toCounterId !== undefined && { reservedCounterId: e.toCounterId }),
      };
      const toService = s.services[e.toServiceId];
      const renumbered = e.toServiceId !== e.fromServiceId && toService !== undefined;
      // `decide` sends a ticket only to a counter that will call it; a log written before that
      // rule may hold a transfer to a colleague who could not, which replays as a plain requeue.
      return releaseStranded({
        ...freed,
        tickets: { ...freed.tickets, [t.id]: waiting },
        sequences: renumbered ? bumpSequence(s.sequences, toService.code) : s.sequences,
      });
    }

    case 'ticket-priority-raised':
      return patchTicket(s, e.ticketId, (t) => ({ ...t, priority: e.priority }));

    case 'day-closed':
      return dropPastExpected({ ...s, sequences: {}, openDay: e.day }, e.at);

    case 'appointment-expected':
      return {
        ...s,
        expected: { ...s.expected, [e.ticketId]: { ticketId: e.ticketId, serviceId: e.serviceId, appointmentAt: e.appointmentAt } },
      };

    case 'appointment-dropped':
      return withoutExpected(s, e.ticketId);
  }
}

/** The calendar without `ticketId` (checked in or dropped); the same state when it was not there. */
function withoutExpected(s: BranchState, ticketId: string): BranchState {
  if (!s.expected || !(ticketId in s.expected)) return s;
  const { [ticketId]: _, ...rest } = s.expected;
  return { ...s, expected: rest };
}

/**
 * A new day forgets the bookings of earlier days whose customers never came (the booking side
 * may not have sent a drop for each); the calendar stays as small as one day's bookings.
 */
function dropPastExpected(s: BranchState, at: number): BranchState {
  if (!s.expected) return s;
  const lateMs = s.routing.appointmentLateMin * 60_000;
  const kept = Object.entries(s.expected).filter(([, a]) => a.appointmentAt + lateMs >= at);
  return kept.length === Object.keys(s.expected).length ? s : { ...s, expected: Object.fromEntries(kept) };
}

function bumpSequence(seqs: Record<string, number>, code: string): Record<string, number> {
  return { ...seqs, [code]: (seqs[code] ?? 0) + 1 };
}

function patchTicket(s: BranchState, id: string, f: (t: Ticket) => Ticket): BranchState {
  const t = s.tickets[id];
  return t ? { ...s, tickets: { ...s.tickets, [id]: f(t) } } : s;
}

function patchStaff(s: BranchState, id: string, f: (st: StaffState) => StaffState): BranchState {
  const st = s.staff[id];
  return st ? { ...s, staff: { ...s.staff, [id]: f(st) } } : s;
}

/** The staff member holding `t` (if any) lets go of it and is free for the next call. */
function releaseHolder(s: BranchState, t: Ticket): BranchState {
  if (t.staffId === undefined) return s;
  return patchStaff(s, t.staffId, (st) => {
    if (st.ticketId !== t.id) return st;
    const { ticketId: _, ...rest } = st;
    return { ...rest, status: st.status === 'serving' ? 'available' : st.status };
  });
}

/** Finished tickets leave the live state; their history stays in the event log. */
function finishTicket(s: BranchState, id: string): BranchState {
  const t = s.tickets[id];
  if (!t) return s;
  const freed = releaseHolder(s, t);
  const { [id]: _, ...tickets } = freed.tickets;
  return { ...freed, tickets };
}

/**
 * Records how a first call compared with the estimate given at issue (wait / estimate), per
 * service, so the range shown to later customers follows how far off estimates actually run
 * (see `estimateWait`). Estimates of zero (someone was free) say nothing about the ratio, nor
 * do appointments: their wait is set by the booked time, not by the queue.
 */
function withWaitRatio(s: BranchState, t: Ticket, at: number): BranchState {
  const eta = t.etaAtIssueMin;
  if (eta === undefined || !(eta > 0) || t.kind === 'appointment') return s;
  const ratio = Math.max(0, at - t.joinedAt) / 60_000 / eta;
  const stats = s.stats[t.serviceId] ?? { recentServiceSec: [] };
  const recent = [...(stats.recentWaitRatio ?? []), ratio].slice(-Math.max(1, s.routing.etaWindow));
  return { ...s, stats: { ...s.stats, [t.serviceId]: { ...stats, recentWaitRatio: recent } } };
}
