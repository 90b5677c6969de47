import { walkInHoursAt } from '../walk-in-window.js';
import type { BranchFacts } from './branch-facts.js';

/**
 * The opening time (HH:MM, branch time) when `now` is in the early window: the doors are not open
 * yet, but the kiosk already issues walk-in tickets (`walkInEarlyMin` before each opening). Null
 * otherwise. Asks the kiosk's own rule (`walkInHoursAt`), so the assistant never says "not open,
 * no queue to join" while the kiosk is handing out numbers.
 */
export function earlyTicketsOpenAt(f: BranchFacts, now: number): string | null {
  return earlyTickets(f, now)?.opensAt ?? null;
}

/** `earlyTicketsOpenAt` with the opening's date (branch time), for an answer that must name the day. */
export function earlyTickets(f: BranchFacts, now: number): { opensAt: string; date: string } | null {
  if (f.walkInEarlyMin <= 0) return null;
  const doors = walkInHoursAt(f, 0, now);
  if (doors.issuing || !walkInHoursAt(f, f.walkInEarlyMin, now).issuing || !doors.next) return null;
  return { opensAt: doors.next.opensAtLocal, date: doors.next.date };
}
