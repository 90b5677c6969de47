import type { CommandResult } from '@tellerline/contracts';
import type { CommandOutcome } from './branch-commands.js';

/**
 * What a staff command answers: the new seq, the events' types and, for a call, who and why. The
 * reason without its routing score, as `CommandResult` says: a retried press is answered from
 * the stored answer read through that schema, and must look the same as the first.
 */
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
            reason: withoutScore(call.reason),
          }
        : null,
  };
}

function withoutScore<R extends { score?: unknown }>(reason: R): Omit<R, 'score'> {
  const { score: _score, ...rest } = reason;
  return rest;
}
