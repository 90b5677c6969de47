import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import { requireTicket } from './guards.js';
import { PRIORITY_CLASSES, type BranchState } from './model.js';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/**
 * Raise a waiting ticket's priority class. The customer keeps their join time: the new class's
 * boost (`RoutingConfig.priorityBoost`) is added to what they have waited, and they queue in
 * that class's line from their original place. Raising to the class they have already is a
 * no-op (a retried press); lowering is refused, since a customer told they go first must not be
 * quietly put back. A called or served customer is at a desk already (TICKET_NOT_WAITING).
 */
export function decideRaisePriority(s: BranchState, cmd: Cmd<'raise-priority'>): EventBody[] {
  const t = requireTicket(s, cmd.ticketId);
  if (t.status !== 'waiting') throw new DomainError('TICKET_NOT_WAITING', `Ticket ${t.number} is not waiting.`);
  const from = PRIORITY_CLASSES.indexOf(t.priority);
  const to = PRIORITY_CLASSES.indexOf(cmd.priority);
  if (to === from) return [];
  if (to < from) {
    throw new DomainError('PRIORITY_NOT_RAISED', `Ticket ${t.number} is ${t.priority} already; a priority can only be raised.`, { ticketNumber: t.number, priority: t.priority });
  }
  return [{ type: 'ticket-priority-raised', ticketId: t.id, from: t.priority, priority: cmd.priority }];
}
