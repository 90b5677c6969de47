import type { Command } from './commands.js';
import { decideCallNext, decideCallTicket, decideComplete, decideNoShow, decideRecall, decideStart } from './decide-calls.js';
import { decideConfigure } from './decide-configure.js';
import { decideRaisePriority } from './decide-priority.js';
import { decidePause, decideResume, decideSignOff, decideSignOn } from './decide-staff.js';
import { decideDropAppointment, decideExpectAppointment } from './decide-calendar.js';
import { decideCancel, decideCloseDay, decideIssue, decideTransfer } from './decide-tickets.js';
import type { BranchEvent, EventBody } from './events.js';
import { evolve } from './evolve.js';
import { requireConfigured } from './guards.js';
import type { BranchState } from './model.js';

/**
 * Decides what happens when `cmd` meets `state` at time `now` (epoch ms). Pure and
 * deterministic. Returns the facts to record, possibly none (idempotent repeats such as signing
 * on twice at the same counter). Throws `DomainError` with a stable code when refused.
 */
export function decide(cmd: Command, state: BranchState, now: number): EventBody[] {
  if (cmd.type === 'configure') return decideConfigure(state, cmd.config);
  // Closing an unconfigured branch is harmless (nothing to cancel) and keeps the daily job simple.
  if (cmd.type === 'close-day') return decideCloseDay(state, cmd);
  requireConfigured(state);
  switch (cmd.type) {
    case 'issue':
      return decideIssue(state, cmd);
    case 'sign-on':
      return decideSignOn(state, cmd);
    case 'pause':
      return decidePause(state, cmd);
    case 'resume':
      return decideResume(state, cmd);
    case 'sign-off':
      return decideSignOff(state, cmd);
    case 'call-next':
      return decideCallNext(state, cmd, now);
    case 'call-ticket':
      return decideCallTicket(state, cmd, now);
    case 'recall':
      return decideRecall(state, cmd);
    case 'no-show':
      return decideNoShow(state, cmd);
    case 'start':
      return decideStart(state, cmd);
    case 'complete':
      return decideComplete(state, cmd, now);
    case 'transfer':
      return decideTransfer(state, cmd);
    case 'raise-priority':
      return decideRaisePriority(state, cmd);
    case 'cancel':
      return decideCancel(state, cmd);
    case 'expect-appointment':
      return decideExpectAppointment(state, cmd);
    case 'drop-appointment':
      return decideDropAppointment(state, cmd);
  }
}

/** Result of `apply`: the state after the command and the events that got it there. */
export interface Applied {
  state: BranchState;
  events: BranchEvent[];
}

/**
 * Decides, then folds the events into the state: each event is stamped with the branch id,
 * `at = now` and the next gapless `seq` (state.seq + 1, + 2, ...). This is what the live store
 * commits atomically; `state.seq` of the result is its new version.
 */
export function apply(state: BranchState, cmd: Command, now: number): Applied {
  const bodies = decide(cmd, state, now);
  const events: BranchEvent[] = [];
  let next = state;
  for (const body of bodies) {
    const event = { ...body, seq: next.seq + 1, branchId: state.branchId, at: now } as BranchEvent;
    next = evolve(next, event);
    events.push(event);
  }
  return { state: next, events };
}
