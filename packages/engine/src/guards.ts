import { DomainError } from './errors.js';
import type { BranchState, StaffState, Ticket } from './model.js';
import { own } from './own.js';

/** Shared preconditions for `decide`; each throws a `DomainError` with a stable code. */

export function requireConfigured(s: BranchState): void {
  if (Object.keys(s.services).length === 0) {
    throw new DomainError('BRANCH_NOT_CONFIGURED', `Branch ${s.branchId} has no configuration yet.`);
  }
}

export function requireStaff(s: BranchState, staffId: string): StaffState {
  const st = own(s.staff, staffId);
  // No id in the message: it is the acting person's own, and means nothing to them.
  if (!st) throw new DomainError('UNKNOWN_STAFF', "You are not on this branch's staff roster.");
  return st;
}

/** Signed on, not paused, not holding a ticket: free to call someone. */
export function requireFreeToCall(s: BranchState, staffId: string): StaffState & { counterId: string } {
  const st = requireSignedOn(s, staffId);
  if (st.status === 'paused') throw new DomainError('STAFF_PAUSED', 'You are paused; resume first.');
  if (st.ticketId !== undefined) throw new DomainError('STAFF_BUSY', 'Finish your current ticket first.');
  return st;
}

export function requireSignedOn(s: BranchState, staffId: string): StaffState & { counterId: string } {
  const st = requireStaff(s, staffId);
  if (st.status === 'offline' || st.counterId === undefined) {
    throw new DomainError('STAFF_NOT_SIGNED_ON', 'Sign on at a counter first.');
  }
  return st as StaffState & { counterId: string };
}

export function requireTicket(s: BranchState, ticketId: string): Ticket {
  const t = own(s.tickets, ticketId);
  // Finished tickets leave the live state, so "finished" and "never existed" look the same here.
  if (!t) throw new DomainError('UNKNOWN_TICKET', `Ticket ${ticketId} is not in the queue.`);
  return t;
}

/** The ticket is called or being served by `staffId`. */
export function requireHeldBy(t: Ticket, staffId: string): void {
  if (t.staffId !== staffId || (t.status !== 'called' && t.status !== 'serving')) {
    throw new DomainError('TICKET_NOT_YOURS', `Ticket ${t.number} is not held by you.`);
  }
}
