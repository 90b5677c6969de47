import type { Actor, BranchCommands } from './branch-commands.js';
import type { BranchDirectory } from './ports.js';

/**
 * Puts the branch's configuration as PostgreSQL holds it now (services, counters, the roster and
 * its skills) into its live queue, as one audited `configure` command. The queue keeps a
 * signed-on colleague signed on through a skills change, and refuses a configuration that would
 * orphan live work (CONFIG_CONFLICT). Going through the command flow, the event is stored in
 * PostgreSQL afterwards with the usual catch-up when that append fails.
 */
export function createReconfigure(deps: { directory: Pick<BranchDirectory, 'config'>; commands: Pick<BranchCommands, 'run'> }) {
  return async (branchId: string, actor: Actor | null): Promise<void> => {
    const config = await deps.directory.config(branchId);
    if (config) await deps.commands.run(branchId, { type: 'configure', config }, actor);
  };
}
