import type { CommandResult } from '@tellerline/contracts';
import type { CommandOutcome } from './branch-commands.js';

/** What a staff command answers: the new seq, the events' types and, for a call, who and why. */
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
