import type { BranchConfig, BranchState } from '@tellerline/engine';
import type { Actor, BranchCommands } from './branch-commands.js';
import type { BranchDirectory } from './ports.js';

/**
 * Applies a branch's configuration as stored in PostgreSQL to its live state (one `configure`
 * command through the command flow, so it is logged, audited and retried like any other), for
 * changes that must reach the kiosk, the lobby and the staff panel at once: a service's walk-in
 * rule, a new or renamed service or counter. Throws what the queue refuses with (CONFIG_CONFLICT
 * when live work would be orphaned, BUSY_RETRY).
 *
 * `false`: nothing was applied, because the branch does not exist or is not open yet (it has no
 * active service and no live state: the engine runs no branch without a service).
 */
export type Reconfigure = (branchId: string, actor: Actor | null) => Promise<boolean>;

export function createReconfigure(deps: {
  directory: Pick<BranchDirectory, 'config'>;
  commands: Pick<BranchCommands, 'run'>;
  liveState: (branchId: string) => Promise<BranchState | null>;
}): Reconfigure {
  return async (branchId, actor) => {
    const config = await deps.directory.config(branchId);
    if (!config || !(await opens(config, deps.liveState))) return false;
    await deps.commands.run(branchId, { type: 'configure', config }, actor);
    return true;
  };
}

/**
 * A branch's configuration goes live once it has a service; one already live always takes it (a
 * live branch left without services is refused by the engine, and by the set-up before that).
 */
export async function opens(config: BranchConfig, liveState: (branchId: string) => Promise<BranchState | null>): Promise<boolean> {
  return config.services.length > 0 || (await liveState(config.branchId)) !== null;
}
