import { DomainError } from '@tellerline/engine';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import type { JobPayload } from '../job-names.js';

/**
 * A called customer who has not come to the counter in time becomes a no-show. Idempotent and
 * race-free: the command carries the time of the call that armed the timer, and the engine acts
 * only if the ticket is still in that very call, checked inside the versioned commit, so a recall,
 * a start, or a retry after success does nothing.
 */
export async function processNoShow(data: JobPayload<'no-show'>, deps: { commands: BranchCommands }): Promise<'no-show' | 'skipped'> {
  try {
    const { events } = await deps.commands.run(
      data.branchId,
      { type: 'no-show', ticketId: data.ticketId, reason: 'timeout', ifCalledAt: data.calledAt },
      null,
    );
    return events.length > 0 ? 'no-show' : 'skipped';
  } catch (err) {
    // The ticket has finished (completed, cancelled, closed with the day): nothing left to do.
    if (err instanceof DomainError) return 'skipped';
    throw err;
  }
}
