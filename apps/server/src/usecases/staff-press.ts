import { CommandResult, type KnownAuditDetails, type StaffCommand } from '@tellerline/contracts';
import type { Command } from '@tellerline/engine';
import type { CommandKey } from '@tellerline/live';
import type { Actor, BranchCommands, CommandOutcome } from './branch-commands.js';
import type { PressAuditDetails } from './press-follow-up.js';
import { requestFingerprint } from './request-ledger.js';

/**
 * One staff button press: run once per client `commandId` when the panel sent one (a retry of the
 * press is answered with the first outcome, the same called ticket), as a plain command when it
 * did not. The press is the command as the client sent it and who sent it: the same id from
 * another user, or with another command, is refused (COMMAND_ID_REUSED) rather than answered
 * with someone else's outcome. `present` turns the outcome into the answer, and is what a retry
 * gets back; it runs before the commit, so it must only read the outcome.
 */
export async function runPress<D extends PressAuditDetails = PressAuditDetails>(
  commands: BranchCommands,
  branchId: string,
  press: StaffCommand,
  userId: string,
  cmd: Command,
  actor: Actor,
  present: (outcome: CommandOutcome) => CommandResult,
  auditDetails: KnownAuditDetails<D> = {} as KnownAuditDetails<D>,
): Promise<CommandResult> {
  const { commandId, ...sent } = press;
  if (commandId === undefined) return present(await commands.run(branchId, cmd, actor, auditDetails));
  const key: CommandKey = {
    commandId,
    fingerprint: requestFingerprint({ userId, sent }),
    answer: (outcome) => JSON.stringify(present(outcome)),
  };
  const result = await commands.runOnce(branchId, cmd, actor, key, auditDetails);
  // Our own JSON, read back through its schema like any other stored value.
  return 'replayed' in result ? CommandResult.parse(JSON.parse(result.replayed)) : present(result);
}
