import type { BranchEvent, BranchState } from '@tellerline/engine';

/**
 * What an audited command did, in the branch's own words, for the audit log's readers: a transfer
 * names the services it moved the ticket between by code, and the counter it was sent to by label
 * (the ids alone would mean nothing on the screen, and a service or counter can be renamed later).
 * `state` is the state after the command.
 */
export function eventAuditDetails(events: readonly BranchEvent[], state: BranchState): Record<string, string> {
  const moved = events.find((e) => e.type === 'ticket-transferred');
  if (!moved) return {};
  const out: Record<string, string> = {};
  const from = state.services[moved.fromServiceId]?.code;
  const to = state.services[moved.toServiceId]?.code;
  if (from) out.fromService = from;
  if (to) out.toService = to;
  const counter = moved.toCounterId ? state.counters[moved.toCounterId]?.label : undefined;
  if (counter) out.toCounter = counter;
  return out;
}
