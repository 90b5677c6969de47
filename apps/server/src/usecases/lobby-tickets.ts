import type { CommandResult, StaffCommand } from '@tellerline/contracts';
import type { Actor, BranchCommands } from './branch-commands.js';
import { newTicketId, newToken } from './ids.js';
import { presentOutcome } from './command-result.js';

type LobbyCommand = Extract<StaffCommand, { type: 'issue-ticket' | 'raise-priority' }>;

/**
 * Lobby work any staff member of the branch may do, with or without a counter: issue a walk-in
 * ticket (of any priority class, e.g. for an elderly customer the kiosk would give a normal one)
 * and raise a waiting ticket's class. Both are audited with the class and the reason; the reason
 * stays in the audit log, out of the ticket, the lobby screens and the customer's phone page.
 */
export async function runLobbyCommand(commands: BranchCommands, branchId: string, cmd: LobbyCommand, actor: Actor, now: () => number): Promise<CommandResult> {
  const why = { priority: cmd.priority, ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}) };
  if (cmd.type === 'raise-priority') {
    return presentOutcome(await commands.run(branchId, { type: 'raise-priority', ticketId: cmd.ticketId, priority: cmd.priority }, actor, why));
  }
  // Minted here, as the kiosk route does: ids and tokens never come from a client.
  const ticketId = newTicketId(now());
  const token = newToken();
  const outcome = await commands.run(branchId, { type: 'issue', ticketId, token, serviceId: cmd.serviceId, kind: 'walk-in', priority: cmd.priority }, actor, {
    ...why,
    issuedBy: 'staff',
  });
  const number = outcome.state.tickets[ticketId]?.number ?? '';
  return { ...presentOutcome(outcome), issued: { ticketId, number, token, serviceId: cmd.serviceId } };
}
