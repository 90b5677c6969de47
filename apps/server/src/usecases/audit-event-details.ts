import type { BranchEvent, BranchState } from '@tellerline/engine';

/**
 * What an audited command did, in the branch's own words, for the audit log's readers: the number
 * the ticket had when the command was taken (`ticketNumber`: a transfer renumbers it, so the
 * ticket's current number would name an earlier entry wrongly, and a customer's complaint about
 * "my ticket A008" could not be traced); a transfer also names its new number (`toNumber`), the
 * services it moved the ticket between by code, and the counter it was sent to by label (the ids
 * alone would mean nothing on the screen, and a service or counter can be renamed later).
 * `state` is the state after the command, `before` the one it was decided on.
 */
/** What the events say about a command, by known audit key. */
export type EventAuditDetails = { ticketNumber?: string; toNumber?: string; fromService?: string; toService?: string; toCounter?: string };

export function eventAuditDetails(events: readonly BranchEvent[], state: BranchState, before?: BranchState, ticketId?: string | null): EventAuditDetails {
  const out: EventAuditDetails = {};
  const moved = events.find((e) => e.type === 'ticket-transferred');
  // Before the command for a ticket that existed (a completed one may have left the state since);
  // an issued ticket has its first number in the state after, which a transfer has changed.
  const was = ticketId ? before?.tickets[ticketId]?.number : undefined;
  const number = was ?? (ticketId && !moved ? state.tickets[ticketId]?.number : undefined);
  if (number) out.ticketNumber = number;
  if (!moved) return out;
  if (moved.number !== number) out.toNumber = moved.number;
  const from = state.services[moved.fromServiceId]?.code;
  const to = state.services[moved.toServiceId]?.code;
  if (from) out.fromService = from;
  if (to) out.toService = to;
  const counter = moved.toCounterId ? state.counters[moved.toCounterId]?.label : undefined;
  if (counter) out.toCounter = counter;
  return out;
}
