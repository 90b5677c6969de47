import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import { requireHeldBy, requireStaff, requireTicket } from './guards.js';
import type { BranchState } from './model.js';
import { joinedBefore } from './queue-order.js';
import { nextTicketNumber } from './ticket-number.js';
import { requireWalkIns } from './walk-ins.js';
import { own } from './own.js';
import { requireCanTakeTransfer } from './reservations.js';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/** Issue a ticket (kiosk, phone, or an appointment checking in). Ids come from the caller. */
export function decideIssue(s: BranchState, cmd: Cmd<'issue'>): EventBody[] {
  const service = own(s.services, cmd.serviceId);
  if (!service) throw new DomainError('UNKNOWN_SERVICE', `Service ${cmd.serviceId} does not exist.`);
  if (own(s.tickets, cmd.ticketId)) throw new DomainError('DUPLICATE_TICKET', `Ticket ${cmd.ticketId} already exists.`);
  if (cmd.kind !== 'appointment' && cmd.booked !== true) requireWalkIns(service);
  return [
    {
      type: 'ticket-issued',
      ticketId: cmd.ticketId,
      token: cmd.token,
      number: nextTicketNumber(s, service.code),
      serviceId: service.id,
      kind: cmd.kind,
      priority: cmd.priority,
      ...(cmd.customerId !== undefined && { customerId: cmd.customerId }),
      ...(cmd.appointmentAt !== undefined && { appointmentAt: cmd.appointmentAt }),
    },
  ];
}

/**
 * Send a held ticket back to the queue, to another service and/or reserved for a counter. The
 * join time is kept so the customer does not lose their place; the number changes only with
 * the service (its letter must match the queue it now waits in). A counter must have someone
 * there who will call the ticket (signed on, not paused, skilled for the service it goes to).
 */
export function decideTransfer(s: BranchState, cmd: Cmd<'transfer'>): EventBody[] {
  requireStaff(s, cmd.staffId);
  const t = requireTicket(s, cmd.ticketId);
  requireHeldBy(t, cmd.staffId);
  const toServiceId = cmd.toServiceId ?? t.serviceId;
  const toService = own(s.services, toServiceId);
  if (!toService) throw new DomainError('UNKNOWN_SERVICE', `Service ${toServiceId} does not exist.`);
  if (cmd.toCounterId !== undefined && !own(s.counters, cmd.toCounterId)) {
    throw new DomainError('UNKNOWN_COUNTER', `Counter ${cmd.toCounterId} does not exist.`);
  }
  if (cmd.toCounterId !== undefined && cmd.toCounterId === t.counterId) {
    throw new DomainError('INVALID_TRANSFER', 'Cannot transfer a ticket to your own counter.');
  }
  // Only to someone who will call them there: a reservation hides the customer from everyone else.
  if (cmd.toCounterId !== undefined) requireCanTakeTransfer(s, cmd.toCounterId, toService);
  if (toServiceId === t.serviceId && cmd.toCounterId === undefined) {
    throw new DomainError('INVALID_TRANSFER', 'Name another service or a counter to transfer to.');
  }
  const number = toServiceId === t.serviceId ? t.number : nextTicketNumber(s, toService.code);
  return [
    {
      type: 'ticket-transferred',
      ticketId: t.id,
      staffId: cmd.staffId,
      fromServiceId: t.serviceId,
      toServiceId,
      number,
      ...(cmd.toCounterId !== undefined && { toCounterId: cmd.toCounterId }),
    },
  ];
}

/**
 * Cancel a waiting or called ticket (customer left, staff removes it). Not once service began.
 * Any staff member may remove a waiting ticket; a called one only the staff member who called it
 * (as with recall, no-show and transfer): a colleague must not take a customer from another desk.
 */
export function decideCancel(s: BranchState, cmd: Cmd<'cancel'>): EventBody[] {
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'waiting' && t.status !== 'called') {
    throw new DomainError('TICKET_NOT_WAITING', `Ticket ${t.number} is already being served.`);
  }
  if (cmd.by === 'staff' && t.status === 'called') requireHeldBy(t, cmd.staffId);
  return [{ type: 'ticket-cancelled', ticketId: t.id, by: cmd.by }];
}

/**
 * End of day: every active ticket is cancelled by the system (oldest first, for a readable
 * history), then numbering restarts. Staff stay as they are; signing off is theirs to do.
 */
export function decideCloseDay(s: BranchState, cmd: Cmd<'close-day'>): EventBody[] {
  // Idempotent: the midnight job may run twice (retry, catch-up at start-up), and a second close
  // of the same day must not cancel the morning's first customers. Days compare as YYYY-MM-DD.
  if (s.openDay !== undefined && cmd.day <= s.openDay) return [];
  const active = Object.values(s.tickets).sort((a, b) => (joinedBefore(a, b) ? -1 : 1));
  const events: EventBody[] = active.map((t) => ({ type: 'ticket-cancelled', ticketId: t.id, by: 'system' }));
  events.push({ type: 'day-closed', day: cmd.day });
  return events;
}
