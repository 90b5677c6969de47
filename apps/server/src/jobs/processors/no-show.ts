import { DomainError } from '@tellerline/engine';
import type { LiveStateStore } from '@tellerline/live';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import type { JobPayload } from '../job-names.js';

/**
 * A called customer who has not come to the counter in time becomes a no-show. Idempotent:
 * the timer only acts while the ticket is still in the very call that armed it (same call time),
 * so a recall, a start or a retry after success does nothing.
 */
export async function processNoShow(
  data: JobPayload<'no-show'>,
  deps: { store: LiveStateStore; commands: BranchCommands },
): Promise<'no-show' | 'skipped'> {
  const state = await deps.store.load(data.branchId);
  const ticket = state?.tickets[data.ticketId];
  if (!ticket || ticket.status !== 'called' || (ticket.lastCalledAt ?? ticket.calledAt) !== data.calledAt) return 'skipped';
  try {
    await deps.commands.run(data.branchId, { type: 'no-show', ticketId: data.ticketId, reason: 'timeout' }, null);
    return 'no-show';
  } catch (err) {
    // Someone acted on the ticket between our read and our commit: nothing left to do.
    if (err instanceof DomainError) return 'skipped';
    throw err;
  }
}
