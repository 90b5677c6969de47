import { releaseStranded } from './reservations.js';
import type { BranchConfig, BranchState, ServiceStats, StaffState, Ticket } from './model.js';

/**
 * Folds a `branch-configured` event into the state. Staff still on the roster keep their live
 * status (a mid-day skills change must not sign anybody off); removed staff and counters vanish.
 * `decide` refuses configurations that would orphan live work, but this stays total for
 * replay: anything left dangling is put back into a consistent shape here.
 */
export function applyConfig(s: BranchState, config: BranchConfig): BranchState {
  const services = Object.fromEntries(config.services.map((x) => [x.id, x]));
  const counters = Object.fromEntries(config.counters.map((x) => [x.id, x]));

  const tickets: Record<string, Ticket> = { ...s.tickets };
  const staff: Record<string, StaffState> = {};
  const rostered = new Set(config.staff.map((d) => d.id));

  for (const def of config.staff) {
    const prev = s.staff[def.id];
    let st: StaffState = prev ? { ...prev, skills: def.skills } : { id: def.id, skills: def.skills, status: 'offline' };
    if (st.counterId !== undefined && counters[st.counterId] === undefined) {
      // Their counter is gone: sign them off, returning any ticket they held to the queue.
      if (st.ticketId !== undefined) requeue(tickets, st.ticketId);
      st = { id: st.id, skills: st.skills, status: 'offline' };
    }
    staff[def.id] = st;
  }
  for (const prev of Object.values(s.staff)) {
    if (!rostered.has(prev.id) && prev.ticketId !== undefined) requeue(tickets, prev.ticketId);
  }
  const stats: Record<string, ServiceStats> = {};
  for (const id of Object.keys(services)) stats[id] = s.stats[id] ?? { recentServiceSec: [] };

  // A counter removed, or its colleague no longer skilled for a ticket sent there: back to its line.
  return releaseStranded({ ...s, services, counters, staff, tickets, stats, routing: config.routing });
}

function requeue(tickets: Record<string, Ticket>, id: string): void {
  const t = tickets[id];
  if (!t) return;
  const { staffId: _s, counterId: _c, servedAt: _v, ...rest } = t;
  tickets[id] = { ...rest, status: 'waiting' };
}
