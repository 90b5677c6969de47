import type { CommandResult, StaffCommand } from '@tellerline/contracts';
import { DomainError, type Command } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Actor, BranchCommands } from './branch-commands.js';
import { presentOutcome } from './command-result.js';
import { runLobbyCommand } from './lobby-tickets.js';
import { runPress } from './staff-press.js';
import type { Views } from './views.js';

export interface StaffIdentity {
  userId: string;
  role: string;
  branchId: string | null;
  staffId: string | null;
}

/** Counter work: what the staff member at a desk presses. */
type CounterCommand = Exclude<StaffCommand, { type: 'issue-ticket' | 'raise-priority' }>;

/**
 * The staff id always comes from the session; a 'no-show' pressed by staff says so. The press's
 * `commandId` is the edge's business (see `staff-press.ts`), never the engine's.
 */
export function toEngineCommand(press: CounterCommand, staffId: string): Command {
  const { commandId: _commandId, ...cmd } = press;
  switch (cmd.type) {
    case 'no-show':
      return { type: 'no-show', ticketId: cmd.ticketId, staffId, reason: 'staff' };
    case 'cancel':
      return { type: 'cancel', ticketId: cmd.ticketId, by: 'staff', staffId };
    default:
      return { ...cmd, staffId } as Command;
  }
}

/**
 * Authorize and run one staff button press; shared by the HTTP route and the socket event.
 * Counter work needs a counter role (a staff id); lobby work (issue a ticket, raise a priority)
 * any staff member of the branch may do, a lobby manager included.
 */
export async function runStaffCommand(
  commands: BranchCommands,
  who: StaffIdentity,
  branchId: string,
  cmd: StaffCommand,
  actor: Actor,
  now: () => number,
): Promise<CommandResult> {
  if (who.branchId !== branchId && who.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'You are not on the staff of this branch');
  }
  if (cmd.type === 'issue-ticket' || cmd.type === 'raise-priority') return runLobbyCommand(commands, branchId, cmd, who.userId, actor, now);
  if (!who.staffId) throw new AppError('FORBIDDEN', 'Your account has no counter role; ask an admin');
  return runPress(commands, branchId, cmd, who.userId, toEngineCommand(cmd, who.staffId), actor, presentOutcome);
}

/**
 * Signing out leaves the counter, so a desk nobody sits at is not counted as staffed (routing,
 * wait estimates, "left to a colleague"). A customer still held is refused (STAFF_BUSY, with the
 * ticket's number and status) unless `finishHeld`: then a called one is marked a no-show and one
 * being served completed, each audited as the staff member's own action.
 */
export async function leaveCounter(
  commands: BranchCommands,
  views: Pick<Views, 'liveState'>,
  who: StaffIdentity,
  actor: Actor,
  finishHeld: boolean,
): Promise<void> {
  const { branchId, staffId } = who;
  if (!branchId || !staffId) return;
  // The live state alone (Redis), not the staff view, which names colleagues from PostgreSQL:
  // signing out must work while the database is briefly away.
  const state = await views.liveState(branchId).catch((err: unknown) => {
    // A branch that is not live has no counter to leave.
    if (err instanceof AppError && err.code === 'BRANCH_UNKNOWN') return null;
    throw err;
  });
  const me = state?.staff[staffId];
  if (!me || me.status === 'offline') return;
  const held = me.ticketId ? state?.tickets[me.ticketId] : undefined;
  if (held) {
    if (!finishHeld) {
      throw new DomainError('STAFF_BUSY', `Finish ${held.number} (complete, no-show or transfer) before signing out.`, {
        ticketNumber: held.number,
        ticketStatus: held.status,
      });
    }
    const finish: Command =
      held.status === 'serving'
        ? { type: 'complete', staffId, ticketId: held.id }
        : { type: 'no-show', staffId, ticketId: held.id, reason: 'staff' };
    await commands.run(branchId, finish, actor);
  }
  await commands.run(branchId, { type: 'sign-off', staffId }, actor);
}
