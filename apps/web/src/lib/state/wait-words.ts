import type { ServiceQueueView, TicketView } from '@tellerline/contracts';
import { receiptTime } from './kiosk-logic.js';

/** A wait as the kiosk tiles, the kiosk ticket and the phone page word it: a dictionary key and its params. */
export type WaitWords = { key: 'wait.noStaff' | 'wait.none' | 'wait.range'; params: Record<string, number> };

/** A booked customer's wait, worded against their slot (`slotWords`). */
export type SlotWords = { key: 'wait.beforeSlot' | 'wait.untilSlot' | 'wait.atSlot'; params: Record<string, string | number> };

/**
 * Nobody on duty can serve it: say so, never a number. "No wait" only with nobody `ahead` and a
 * zero estimate (or no estimate: a ticket already called); otherwise a range of at least 0-1 min,
 * which `translate` words by its upper end when it starts at 0 ("within 1 min").
 */
export function waitWords(line: { wait: ServiceQueueView['wait']; noStaff: boolean }, ahead: number): WaitWords {
  if (line.noStaff) return { key: 'wait.noStaff', params: {} };
  const w = line.wait;
  if (!w || (w.highMin <= 0 && ahead === 0)) return { key: 'wait.none', params: {} };
  return { key: 'wait.range', params: { low: Math.round(w.lowMin), high: Math.max(1, Math.round(w.highMin)) } };
}

/**
 * A booked customer who checked in early (and keeps the slot) is queued like a walk-in who just
 * came until shortly before the slot, when routing raises them to be called at their time
 * (engine urgency.ts, appointment-hold.ts). So the estimate says when they may be called early,
 * and past the slot it means nothing: they are called around their time, not after it. Worded so:
 * - the whole range before the slot: "we may call you before your time: in about 7-17 min";
 * - the range reaching past it: "from about 7 min until around your time, 18:30";
 * - the range starting at or after it: "around your appointment time, 18:30".
 * Anything else (no staff, no wait, any moment now, the slot already here) is worded as for anyone.
 * `slotInMin`: minutes from now to the slot; `time`: the slot on the branch's clock (HH:MM).
 */
export function slotWords<W extends { key: string; params?: Record<string, string | number> }>(words: W, slotInMin: number, time: string): W | SlotWords {
  if (words.key !== 'wait.range' || !(slotInMin > 0)) return words;
  const low = Number(words.params?.low ?? 0);
  const high = Number(words.params?.high ?? 0);
  if (high <= slotInMin) return { key: 'wait.beforeSlot', params: { low, high, time } };
  if (low >= slotInMin) return { key: 'wait.atSlot', params: { time } };
  return { key: 'wait.untilSlot', params: { low, time } };
}

/**
 * The wait of a ticket just issued at the kiosk, in words: against the slot for a booked customer
 * who keeps it (`appointmentAt`; null for walk-ins and late arrivals), as `slotWords` says.
 */
export function ticketWaitWords(view: Pick<TicketView, 'wait' | 'noStaff' | 'ahead'>, appointmentAt: number | null, now: number, timeZone: string): WaitWords | SlotWords {
  const words = waitWords(view, view.ahead);
  if (appointmentAt === null) return words;
  return slotWords(words, (appointmentAt - now) / 60_000, receiptTime(appointmentAt, timeZone, 'en').slice(-5));
}
