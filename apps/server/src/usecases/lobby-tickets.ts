import type { CommandResult, StaffCommand } from '@tellerline/contracts';
import type { Actor, BranchCommands, CommandOutcome } from './branch-commands.js';
import { newTicketId, newToken } from './ids.js';
import { presentOutcome } from './command-result.js';
import { runPress } from './staff-press.js';

type LobbyCommand = Extract<StaffCommand, { type: 'issue-ticket' | 'raise-priority' }>;

/**
 * Lobby work any staff member of the branch may do, with or without a counter: issue a walk-in
 * ticket (of any priority class, e.g. for an elderly customer the kiosk would give a normal one)
 * and raise a waiting ticket's class. Both are audited with the class and that a reason was given,
 * never the reason itself: "elderly", "pregnant", "disability" or the staff member's own words are
 * health data (PIPL), and managers read the audit log and export it as CSV. The reason is needed
 * only to make staff decide deliberately, so it is checked (contracts) and then dropped here: it
 * reaches no event, ticket row, log line, KPI or service report either.
 */
export async function runLobbyCommand(commands: BranchCommands, branchId: string, cmd: LobbyCommand, userId: string, actor: Actor, now: () => number): Promise<CommandResult> {
  // A normal ticket takes no reason: one sent anyway (an old panel, a script) is ignored, not
  // audited as given, or the log would claim a deliberate choice nobody had to make.
  const why = { priority: cmd.priority, ...(cmd.priority !== 'normal' && cmd.reason !== undefined ? { reasonGiven: 'yes' } : {}) };
  if (cmd.type === 'raise-priority') {
    return runPress(commands, branchId, cmd, userId, { type: 'raise-priority', ticketId: cmd.ticketId, priority: cmd.priority }, actor, presentOutcome, why);
  }
  // Minted here, as the kiosk route does: ids and tokens never come from a client. A retried
  // press mints new ones, but is answered with the ticket the first one issued.
  const ticketId = newTicketId(now());
  const token = newToken();
  const issue = { type: 'issue', ticketId, token, serviceId: cmd.serviceId, kind: 'walk-in', priority: cmd.priority } as const;
  const present = (outcome: CommandOutcome): CommandResult => ({
    ...presentOutcome(outcome),
    issued: { ticketId, number: outcome.state.tickets[ticketId]?.number ?? '', token, serviceId: cmd.serviceId },
  });
  return runPress(commands, branchId, cmd, userId, issue, actor, present, { ...why, issuedBy: 'staff' });
}
