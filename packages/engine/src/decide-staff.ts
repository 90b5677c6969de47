import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import type { EventBody } from './events.js';
import { requireSignedOn, requireStaff } from './guards.js';
import type { BranchState } from './model.js';
import { own } from './own.js';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/**
 * Sign-on at a counter. Re-signing on at the same counter is a no-op (a retried request must
 * not fail); moving to another counter is allowed unless holding a ticket.
 */
export function decideSignOn(s: BranchState, cmd: Cmd<'sign-on'>): EventBody[] {
  const st = requireStaff(s, cmd.staffId);
  if (!own(s.counters, cmd.counterId)) throw new DomainError('UNKNOWN_COUNTER', `Counter ${cmd.counterId} does not exist.`);
  for (const other of Object.values(s.staff)) {
    if (other.id !== st.id && other.status !== 'offline' && other.counterId === cmd.counterId) {
      throw new DomainError('COUNTER_TAKEN', `Counter ${s.counters[cmd.counterId]!.label} is taken by someone else.`);
    }
  }
  if (st.status !== 'offline' && st.counterId === cmd.counterId) return [];
  if (st.ticketId !== undefined) throw new DomainError('STAFF_BUSY', 'Finish your current ticket before moving counter.');
  return [{ type: 'staff-signed-on', staffId: st.id, counterId: cmd.counterId }];
}

/** Pause (break, back office). Refused while holding a ticket: the customer is at the desk. */
export function decidePause(s: BranchState, cmd: Cmd<'pause'>): EventBody[] {
  const st = requireSignedOn(s, cmd.staffId);
  if (st.ticketId !== undefined) throw new DomainError('STAFF_BUSY', 'Finish your current ticket before pausing.');
  return [{ type: 'staff-paused', staffId: st.id, reason: cmd.reason }];
}

/** Resume after a pause; a no-op when not paused. */
export function decideResume(s: BranchState, cmd: Cmd<'resume'>): EventBody[] {
  const st = requireSignedOn(s, cmd.staffId);
  return st.status === 'paused' ? [{ type: 'staff-resumed', staffId: st.id }] : [];
}

/** Sign off; a no-op when already offline. Refused while holding a ticket. */
export function decideSignOff(s: BranchState, cmd: Cmd<'sign-off'>): EventBody[] {
  const st = requireStaff(s, cmd.staffId);
  if (st.status === 'offline') return [];
  if (st.ticketId !== undefined) throw new DomainError('STAFF_BUSY', 'Finish your current ticket before signing off.');
  return [{ type: 'staff-signed-off', staffId: st.id }];
}
