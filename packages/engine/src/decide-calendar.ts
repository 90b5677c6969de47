import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import type { BranchState } from './model.js';
import { own } from './own.js';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/**
 * Booked or moved: routing may keep a skilled staff member free for it near its slot. Idempotent
 * (the same booking again records nothing); a ticket already issued under this id (the customer
 * checked in) records nothing either, so a late repeat from the booking side cannot resurrect it.
 */
export function decideExpectAppointment(s: BranchState, cmd: Cmd<'expect-appointment'>): EventBody[] {
  if (!own(s.services, cmd.serviceId)) throw new DomainError('UNKNOWN_SERVICE', `Service ${cmd.serviceId} does not exist.`);
  if (!Number.isFinite(cmd.appointmentAt)) throw new DomainError('INVALID_CONFIG', 'An appointment needs a time.');
  if (own(s.tickets, cmd.ticketId)) return [];
  const known = own(s.expected, cmd.ticketId);
  if (known && known.serviceId === cmd.serviceId && known.appointmentAt === cmd.appointmentAt) return [];
  return [{ type: 'appointment-expected', ticketId: cmd.ticketId, serviceId: cmd.serviceId, appointmentAt: cmd.appointmentAt }];
}

/** Cancelled, moved away or missed: no longer worth keeping anyone free for. Unknown ids are a no-op. */
export function decideDropAppointment(s: BranchState, cmd: Cmd<'drop-appointment'>): EventBody[] {
  return own(s.expected, cmd.ticketId) ? [{ type: 'appointment-dropped', ticketId: cmd.ticketId }] : [];
}
