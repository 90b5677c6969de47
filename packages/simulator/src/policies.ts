import type { BranchState, Command, PriorityClass, StaffState, Ticket } from '@tellerline/engine';
import type { Scenario } from './scenario.js';

/**
 * Who a free staff member calls next. Every policy answers with an engine command, so all of
 * them go through the same state machine: the baselines pick a ticket and issue `call-ticket`,
 * Tellerline issues `call-next` and lets the engine's routing pick.
 */
export type PolicyName = 'fifo' | 'fixed-order' | 'tellerline';
export const POLICY_NAMES: readonly PolicyName[] = ['fifo', 'fixed-order', 'tellerline'];

export interface Policy {
  /** One of POLICY_NAMES, or any name for an experimental policy. */
  name: string;
  /** The command to issue for `staffId`, or undefined when a baseline sees nothing to call. */
  next(state: BranchState, staffId: string, now: number): Command | undefined;
}

export function createPolicy(name: PolicyName, scenario: Scenario): Policy {
  switch (name) {
    case 'fifo':
      return fifo(scenario);
    case 'fixed-order':
      return fixedOrder();
    case 'tellerline':
      return { name, next: (_state, staffId) => ({ type: 'call-next', staffId }) };
  }
}

/** Tickets `st` may call: waiting, skilled for, not reserved for another counter. */
export function callable(state: BranchState, st: StaffState): Ticket[] {
  return Object.values(state.tickets).filter(
    (t) =>
      t.status === 'waiting' &&
      (st.skills[t.serviceId] ?? 0) > 0 &&
      (t.reservedCounterId === undefined || t.reservedCounterId === st.counterId),
  );
}

/**
 * First come, first served within each service; a staff member works through their skills in
 * the order the scenario lists them and takes the first non-empty queue. Appointments and
 * priority customers are just tickets in the line.
 */
function fifo(scenario: Scenario): Policy {
  const order = new Map(scenario.staff.map((st) => [st.id, Object.keys(st.skills).filter((c) => (st.skills[c] ?? 0) > 0)]));
  return {
    name: 'fifo',
    next(state, staffId) {
      const st = state.staff[staffId];
      if (!st) return undefined;
      const tickets = callable(state, st);
      for (const service of order.get(staffId) ?? []) {
        let best: Ticket | undefined;
        for (const t of tickets) {
          if (t.serviceId === service && (!best || earlier(t, best))) best = t;
        }
        if (best) return { type: 'call-ticket', staffId, ticketId: best.id, reason: 'fifo' };
      }
      return undefined;
    },
  };
}

const PRIORITY_RANK: Record<PriorityClass, number> = { vip: 0, priority: 1, normal: 2 };

/**
 * The usual open-source ordering, one fixed sort: appointments by booked time (before anyone
 * without one), then the staff member's skill weight (highest first), then priority class, then
 * arrival.
 */
function fixedOrder(): Policy {
  return {
    name: 'fixed-order',
    next(state, staffId) {
      const st = state.staff[staffId];
      if (!st) return undefined;
      let best: Ticket | undefined;
      for (const t of callable(state, st)) {
        if (!best || fixedBefore(t, best, st)) best = t;
      }
      return best && { type: 'call-ticket', staffId, ticketId: best.id, reason: 'fixed order' };
    },
  };
}

function fixedBefore(a: Ticket, b: Ticket, st: StaffState): boolean {
  const aa = a.appointmentAt ?? Infinity;
  const ba = b.appointmentAt ?? Infinity;
  if (aa !== ba) return aa < ba;
  const ap = st.skills[a.serviceId] ?? 0;
  const bp = st.skills[b.serviceId] ?? 0;
  if (ap !== bp) return ap > bp;
  if (a.priority !== b.priority) return PRIORITY_RANK[a.priority] < PRIORITY_RANK[b.priority];
  return earlier(a, b);
}

function earlier(a: Ticket, b: Ticket): boolean {
  return a.joinedAt < b.joinedAt || (a.joinedAt === b.joinedAt && a.id < b.id);
}
