import type { Ticket } from './model.js';

/**
 * `a` joined the queue before `b`: by join time, then by issue order (tickets issued in the same
 * millisecond), then by id so the order is total even for states stored without issue order.
 * Ids alone would not do: they are random, and a burst of kiosk tickets must keep its numbers'
 * order.
 */
export function joinedBefore(a: Ticket, b: Ticket): boolean {
  if (a.joinedAt !== b.joinedAt) return a.joinedAt < b.joinedAt;
  const sa = a.issueSeq ?? 0;
  const sb = b.issueSeq ?? 0;
  if (sa !== sb) return sa < sb;
  return a.id < b.id;
}

/**
 * The walk-in line a ticket queues in: its service and priority class. Appointments (called for
 * their slot) and tickets transferred to a counter (called there first) are in no line.
 */
export function lineOf(t: Ticket): string | undefined {
  if (t.kind === 'appointment' || t.reservedCounterId !== undefined) return undefined;
  return `${t.serviceId}\u0000${t.priority}`;
}
