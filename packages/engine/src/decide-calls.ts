import { callReason } from './call-reason.js';
import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import { requireFreeToCall, requireHeldBy, requireStaff, requireTicket } from './guards.js';
import type { BranchState } from './model.js';
import { keepFreeFor, leftToColleagues, pickNext } from './routing.js';
import { urgencyOf } from './urgency.js';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/** Call-next: the routing policy picks; the event carries why. */
export function decideCallNext(s: BranchState, cmd: Cmd<'call-next'>, now: number): EventBody[] {
  const st = requireFreeToCall(s, cmd.staffId);
  const best = pickNext(s, st.id, now);
  if (!best) {
    const hold = keepFreeFor(s, st.id, now);
    const code = hold && s.services[hold.serviceId]?.code;
    // Its own code: "stay free" is not "nobody is waiting", and panels word it from `details`.
    if (code) {
      const minutes = Math.max(0, Math.round((hold.appointmentAt - now) / 60_000));
      throw new DomainError('HELD_FOR_APPOINTMENT', `Please stay free: the ${code} appointment ${minutes > 0 ? `in ${minutes} min` : 'due now'} needs you.`, {
        serviceId: hold.serviceId,
        serviceCode: code,
        appointmentAt: hold.appointmentAt,
        minutes,
      });
    }
    const left = [...leftToColleagues(s, st.id, now)].map((id) => s.tickets[id]!).sort((a, b) => a.joinedAt - b.joinedAt)[0];
    const leftCode = left && s.services[left.serviceId]?.code;
    if (left && leftCode) {
      throw new DomainError('LEFT_TO_COLLEAGUE', `${left.number} is left to a free colleague who is faster at ${leftCode}; call it by number if they are not at their desk.`, {
        ticketNumber: left.number,
        serviceCode: leftCode,
      });
    }
    throw new DomainError('NO_TICKET_WAITING', 'Nobody you can serve is waiting.');
  }
  return [{ type: 'ticket-called', ticketId: best.ticket.id, staffId: st.id, counterId: st.counterId, reason: best.reason }];
}

/**
 * Call a specific ticket out of order (a colleague's referral, a customer who needs help now).
 * Skills still apply, and a ticket transferred to another counter stays theirs.
 */
export function decideCallTicket(s: BranchState, cmd: Cmd<'call-ticket'>, now: number): EventBody[] {
  const st = requireFreeToCall(s, cmd.staffId);
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'waiting') throw new DomainError('TICKET_NOT_WAITING', `Ticket ${t.number} is not waiting.`);
  const proficiency = st.skills[t.serviceId] ?? 0;
  const service = s.services[t.serviceId];
  if (!(proficiency > 0) || !service) {
    // Named by its code and English name: the message may reach a person, an id would mean nothing.
    const what = service ? `${service.name.en} (${service.code})` : `${t.number}'s service`;
    throw new DomainError('NOT_SKILLED', `You are not set up to serve ${what}.`, { ticketNumber: t.number, ...(service && { serviceCode: service.code }) });
  }
  if (t.reservedCounterId !== undefined && t.reservedCounterId !== st.counterId) {
    throw new DomainError('TICKET_NOT_YOURS', `Ticket ${t.number} was transferred to another counter.`);
  }
  const u = urgencyOf(t, service, s.routing, now);
  const reason = callReason('manual', u, service, t.priority, proficiency, u.value * proficiency, cmd.reason);
  return [{ type: 'ticket-called', ticketId: t.id, staffId: st.id, counterId: st.counterId, reason }];
}

/** Recall a called customer who has not come; past `maxRecalls` it becomes a no-show instead. */
export function decideRecall(s: BranchState, cmd: Cmd<'recall'>): EventBody[] {
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'called') throw new DomainError('TICKET_NOT_CALLED', `Ticket ${t.number} is not being called.`);
  requireHeldBy(t, cmd.staffId);
  if (t.recalls >= s.routing.maxRecalls) {
    return [{ type: 'ticket-no-show', ticketId: t.id, staffId: cmd.staffId, reason: 'max-recalls' }];
  }
  return [{ type: 'ticket-recalled', ticketId: t.id, staffId: cmd.staffId, counterId: t.counterId!, recalls: t.recalls + 1 }];
}

/**
 * Mark a called customer as not having come. Staff may only do it for their own call; the
 * no-show timer (no staffId) for any call it armed. A timer that fires after service started
 * is refused with TICKET_NOT_CALLED, which the job treats as "nothing to do".
 */
export function decideNoShow(s: BranchState, cmd: Cmd<'no-show'>): EventBody[] {
  const t = requireTicket(s, cmd.ticketId);
  // A timer armed by an earlier call must not end a later one (recall) or a finished one: checked
  // here, inside the versioned commit, so a recall racing the timer cannot be lost.
  if (cmd.ifCalledAt !== undefined && (t.status !== 'called' || (t.lastCalledAt ?? t.calledAt) !== cmd.ifCalledAt)) return [];
  if (t.status !== 'called') throw new DomainError('TICKET_NOT_CALLED', `Ticket ${t.number} is not being called.`);
  if (cmd.staffId !== undefined) requireHeldBy(t, cmd.staffId);
  return [
    {
      type: 'ticket-no-show',
      ticketId: t.id,
      reason: cmd.reason,
      ...(cmd.staffId !== undefined && { staffId: cmd.staffId }),
    },
  ];
}

/** The called customer arrived at the desk. */
export function decideStart(s: BranchState, cmd: Cmd<'start'>): EventBody[] {
  requireStaff(s, cmd.staffId);
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'called') throw new DomainError('TICKET_NOT_CALLED', `Ticket ${t.number} is not being called.`);
  requireHeldBy(t, cmd.staffId);
  return [{ type: 'service-started', ticketId: t.id, staffId: cmd.staffId }];
}

/** Service finished; its duration feeds the wait estimates. */
export function decideComplete(s: BranchState, cmd: Cmd<'complete'>, now: number): EventBody[] {
  requireStaff(s, cmd.staffId);
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'serving') throw new DomainError('TICKET_NOT_SERVING', `Ticket ${t.number} is not being served.`);
  requireHeldBy(t, cmd.staffId);
  const serviceSec = Math.max(0, Math.round((now - (t.servedAt ?? now)) / 1000));
  return [{ type: 'ticket-completed', ticketId: t.id, staffId: cmd.staffId, serviceSec }];
}
