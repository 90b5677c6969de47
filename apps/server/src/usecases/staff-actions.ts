import type { CommandResult, StaffCommand } from '@tellerline/contracts';
import type { Command } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Actor, BranchCommands, CommandOutcome } from './branch-commands.js';

export interface StaffIdentity {
  userId: string;
  role: string;
  branchId: string | null;
  staffId: string | null;
}

/** The staff id always comes from the session; a 'no-show' pressed by staff says so. */
export function toEngineCommand(cmd: StaffCommand, staffId: string): Command {
  switch (cmd.type) {
    case 'no-show':
      return { type: 'no-show', ticketId: cmd.ticketId, staffId, reason: 'staff' };
    case 'cancel':
      return { type: 'cancel', ticketId: cmd.ticketId, by: 'staff' };
    default:
      return { ...cmd, staffId } as Command;
  }
}

export function presentOutcome({ state, events }: CommandOutcome): CommandResult {
  const call = events.find((e) => e.type === 'ticket-called');
  return {
    seq: state.seq,
    events: events.map((e) => ({ seq: e.seq, type: e.type })),
    called:
      call && call.type === 'ticket-called'
        ? {
            ticketId: call.ticketId,
            number: state.tickets[call.ticketId]?.number ?? '',
            counterId: call.counterId,
            reason: call.reason,
          }
        : null,
  };
}

/** Authorize and run one staff button press; shared by the HTTP route and the socket event. */
export async function runStaffCommand(
  commands: BranchCommands,
  who: StaffIdentity,
  branchId: string,
  cmd: StaffCommand,
  actor: Actor,
): Promise<CommandResult> {
  if (who.branchId !== branchId && who.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'You are not on the staff of this branch');
  }
  if (!who.staffId) throw new AppError('FORBIDDEN', 'Your account has no counter role; ask an admin');
  return presentOutcome(await commands.run(branchId, toEngineCommand(cmd, who.staffId), actor));
}
