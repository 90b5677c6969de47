import type { BranchState, StaffState } from './model.js';
import { keepsSlot } from './urgency.js';

const MIN_MS = 60_000;

/**
 * A booked customer called within this many minutes of their slot (or of arriving, when they
 * came a little late) is on time: the routing goal's measure. A staff member who will be free by
 * then is free for the slot; a booking not checked in yet is expected until this long after it.
 */
export const HOLD_GRACE_MIN = 5;

/**
 * The routing goal for booked customers: at least this share of those who kept their slot are
 * called on time (HOLD_GRACE_MIN). The simulator judges the routing by it and the managers'
 * booking rules screen compares each service's last 28 days with it.
 */
export const PUNCTUALITY_GOAL = 0.95;

/**
 * How close a held slot must be before a staff member waits for it rather than start something
 * that would run past it. Farther out, they serve the best ticket anyway (idling longer costs
 * the walk-in queue more than one late appointment); nearer, the few minutes idle buy the slot.
 * (Simulator, seeds 1-40 and the shipped scenarios: 0 min left punctuality near 91%, 15 min
 * brought it to about 93% and slightly improved p90 and share within target; 20-30 min cost
 * walk-ins more than it gave.)
 */
export const HOLD_IDLE_MIN = 15;

/**
 * A walk-in who has waited this many targets is never held back for a booked slot (no
 * starvation through holds). It was APPOINTMENT_AT_SLOT (2) when that was 2; raising the
 * appointment's own urgency to 4 did not need walk-ins held back longer.
 */
export const HOLD_MAX_WAIT_TARGETS = 2;

/** A booked slot a staff member should be free for: the earliest one nobody else can cover. */
export interface Hold {
  serviceId: string;
  /** The booked time (epoch ms). */
  appointmentAt: number;
}

/**
 * Reservation for appointments (the "keep a server free" idea of reservation policies in
 * queueing): before `staff` starts a service, is there a booked slot coming up that needs them?
 *
 * For each service s can serve, take its appointments in slot order from now up to `horizonMs`
 * ahead: bookings not yet checked in (the calendar, `state.expected`; until HOLD_GRACE_MIN past
 * their slot) and checked-in appointments still waiting for their slot. The k-th of them (slot T) is covered when at least
 * k other signed-on staff skilled for that service will be free by T: available now, or serving
 * someone expected to finish by T + HOLD_GRACE_MIN (call time + the service's typical minutes /
 * their proficiency). Otherwise s is needed: the hold is the earliest such slot over all services.
 *
 * Calls are decided one at a time, so a colleague who just started a long service counts as
 * busy and the next one to call keeps the slot. Returns undefined when nothing needs s.
 */
export function holdFor(
  state: BranchState,
  staff: StaffState,
  now: number,
  horizonMs: number,
  typicalMin: Record<string, number>,
): Hold | undefined {
  const slots = new Map<string, number[]>();
  // A booked customer not here yet may still come a little late: keep the hold until the grace ends.
  const lateMs = HOLD_GRACE_MIN * MIN_MS;
  const add = (serviceId: string, slot: number, late = 0) => {
    if (!((staff.skills[serviceId] ?? 0) > 0) || slot < now - late || slot > now + horizonMs) return;
    const at = Math.max(slot, now);
    const list = slots.get(serviceId);
    if (list) list.push(at);
    else slots.set(serviceId, [at]);
  };
  for (const a of Object.values(state.expected ?? {})) add(a.serviceId, a.appointmentAt, lateMs);
  for (const t of Object.values(state.tickets)) {
    if (t.status === 'waiting' && keepsSlot(t, state.routing)) add(t.serviceId, t.appointmentAt);
  }
  let hold: Hold | undefined;
  for (const [serviceId, list] of slots) {
    const freeAt = colleaguesFreeAt(state, staff.id, serviceId, now, typicalMin);
    list.sort((a, b) => a - b);
    for (let k = 0; k < list.length; k++) {
      const at = list[k]!;
      if (hold && at >= hold.appointmentAt) break;
      let free = 0;
      for (const f of freeAt) if (f <= at + HOLD_GRACE_MIN * MIN_MS) free++;
      if (free <= k) {
        hold = { serviceId, appointmentAt: at };
        break;
      }
    }
  }
  return hold;
}

/** When each other signed-on, unpaused staff member skilled for `serviceId` is expected to be free. */
function colleaguesFreeAt(state: BranchState, staffId: string, serviceId: string, now: number, typicalMin: Record<string, number>): number[] {
  const out: number[] = [];
  for (const st of Object.values(state.staff)) {
    if (st.id === staffId || !((st.skills[serviceId] ?? 0) > 0)) continue;
    if (st.status === 'available') out.push(now);
    else if (st.status === 'serving') {
      const t = st.ticketId !== undefined ? state.tickets[st.ticketId] : undefined;
      if (!t) {
        out.push(now);
        continue;
      }
      const p = st.skills[t.serviceId] ?? 1;
      const since = t.servedAt ?? t.calledAt ?? now;
      const end = since + ((typicalMin[t.serviceId] ?? 0) / Math.max(p, 0.01)) * MIN_MS;
      out.push(Math.max(now, end));
    }
  }
  return out;
}
