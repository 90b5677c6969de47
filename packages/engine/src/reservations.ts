import { DomainError } from './errors.js';
import type { BranchState, ServiceDef, StaffState, Ticket } from './model.js';

/**
 * A ticket transferred to a counter (`Ticket.reservedCounterId`) waits for whoever sits there and
 * for nobody else: routing hides it from every other counter. So a reservation may only exist
 * while the person at that counter will call it: signed on, not paused, and skilled for the
 * ticket's service. Otherwise the customer would be stranded, invisible to everyone who could
 * serve them. `decideTransfer` refuses such a transfer (`requireCanTakeTransfer`), and `evolve`
 * drops a reservation as soon as it stops holding (`releaseStranded`): a sign-off, a move, a
 * pause, a skills change. The ticket then waits in its service's line again, with its join time.
 */

/** Who is signed on at `counterId` (available, serving or paused), if anyone. */
export function staffAtCounter(s: BranchState, counterId: string): StaffState | undefined {
  for (const st of Object.values(s.staff)) if (st.status !== 'offline' && st.counterId === counterId) return st;
  return undefined;
}

/** Whether `st` will call a ticket of `serviceId` reserved for their counter. */
function willCall(st: StaffState | undefined, serviceId: string): boolean {
  return st !== undefined && (st.status === 'available' || st.status === 'serving') && (st.skills[serviceId] ?? 0) > 0;
}

/**
 * Refuses a transfer to `counterId` that would strand the customer: nobody is signed on there
 * (COUNTER_UNSTAFFED), the colleague there is paused (COUNTER_PAUSED) or cannot serve `service`
 * (COUNTER_NOT_SKILLED). `details` carry the counter's label, the colleague's staff id and the
 * service's code, so panels can name them in their own language.
 */
export function requireCanTakeTransfer(s: BranchState, counterId: string, service: ServiceDef): void {
  const counterLabel = s.counters[counterId]?.label ?? '';
  const st = staffAtCounter(s, counterId);
  if (!st) {
    throw new DomainError('COUNTER_UNSTAFFED', `Nobody is signed on at counter ${counterLabel}.`, { counterLabel });
  }
  if (st.status === 'paused') {
    throw new DomainError('COUNTER_PAUSED', `The colleague at counter ${counterLabel} is paused; send the customer to the ${service.code} queue or to another counter.`, {
      counterLabel,
      staffId: st.id,
    });
  }
  if (!willCall(st, service.id)) {
    throw new DomainError('COUNTER_NOT_SKILLED', `The colleague at counter ${counterLabel} cannot serve ${service.name.en} (${service.code}).`, {
      counterLabel,
      staffId: st.id,
      serviceCode: service.code,
    });
  }
}

/**
 * The state without reservations nobody will call (see the module comment): each such ticket
 * keeps everything but `reservedCounterId`. The same state when every reservation holds.
 */
export function releaseStranded(s: BranchState): BranchState {
  let tickets: Record<string, Ticket> | undefined;
  for (const t of Object.values(s.tickets)) {
    if (t.reservedCounterId === undefined || willCall(staffAtCounter(s, t.reservedCounterId), t.serviceId)) continue;
    tickets ??= { ...s.tickets };
    const { reservedCounterId: _, ...rest } = t;
    tickets[t.id] = rest;
  }
  return tickets ? { ...s, tickets } : s;
}
