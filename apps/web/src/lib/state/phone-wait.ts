import type { TicketView } from '@tellerline/contracts';
import { slotWords, type SlotWords } from './wait-words.js';

/**
 * With nothing heard for this long, a waiting phone asks for its view again: the estimate moves
 * with time too (a long service, priorities overtaking), not only with queue events, and a
 * missed push must not leave the page wrong for long. Per 1000 open, visible phones with no news:
 * at most 1000 / 60 s ≈ 17 `ticket:sync` requests a second, answered from the realtime node's
 * memory (no database or Redis read); over HTTP only while the socket is down.
 */
export const WAIT_REFRESH_MS = 60_000;
/** How often the page looks at the clock: the estimate counts down, and a refresh may be due. */
export const WAIT_TICK_MS = 15_000;

export type WaitWording = { key: 'wait.noStaff' } | { key: 'wait.none' } | { key: 'phone.wait.soon' } | { key: 'wait.range'; params: { low: number; high: number } };

/**
 * The estimate as the phone words it, `ageMs` after it was made: it counts down, and once its
 * upper end has passed it says "any moment now" instead of "0–1 min" for ever. "No wait" only
 * with nobody ahead and a zero estimate (as the kiosk and the lobby word it); a zero estimate
 * with people ahead means free staff are about to call them, so it is "any moment now" too.
 * Nobody on duty able to serve it comes first: never a countdown to "any moment" with nobody there.
 */
export function waitWording(view: Pick<TicketView, 'ahead' | 'wait' | 'noStaff'>, ageMs: number): WaitWording {
  if (view.noStaff) return { key: 'wait.noStaff' };
  const w = view.wait;
  if (!w || (w.highMin <= 0 && view.ahead === 0)) return { key: 'wait.none' };
  const passedMin = Math.max(0, ageMs) / 60_000;
  const high = w.highMin - passedMin;
  if (high <= 0) return { key: 'phone.wait.soon' };
  return { key: 'wait.range', params: { low: Math.max(0, Math.round(w.lowMin - passedMin)), high: Math.max(1, Math.round(high)) } };
}

/** The same estimate (people ahead and range) as before: its clock keeps running. */
export function sameEstimate(before: TicketView | null, after: TicketView): boolean {
  if (!before || before.status !== after.status || before.ahead !== after.ahead) return false;
  const [a, b] = [before.wait, after.wait];
  return a === b || (a !== null && b !== null && a.lowMin === b.lowMin && a.highMin === b.highMin && a.expectedMin === b.expectedMin);
}

/** HH:MM of an instant on this device's clock: the phone of a customer who checked in is at the branch. */
function hm(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/**
 * `waitWording`, and for a booked customer who keeps the slot (`view.appointmentAt`) worded
 * against it as the kiosk ticket is (`slotWords`): a chance to be called before the slot, never
 * a wait past it. `now`: this device's clock.
 */
export function phoneWaitWording(view: Pick<TicketView, 'ahead' | 'wait' | 'noStaff' | 'appointmentAt'>, ageMs: number, now: number, timeOf: (at: number) => string = hm): WaitWording | SlotWords {
  const words = waitWording(view, ageMs);
  const at = view.appointmentAt;
  if (at === null || at === undefined) return words;
  return slotWords(words, (at - now) / 60_000, timeOf(at));
}
