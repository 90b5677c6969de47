/**
 * Simulation time. The engine wants epoch ms; the simulator thinks in minutes since midnight
 * of a simulated day. Day 0 is a fixed Monday so runs never depend on the real clock.
 */

export const MIN_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Monday 6 January 2025, 00:00 UTC: day 0 of every simulation. */
export const BASE_EPOCH_MS = Date.UTC(2025, 0, 6);

/** "09:30" -> 570. Throws on anything else (the scenario schema checks first). */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  const h = Number(m[1] ?? m[3]);
  const min = Number(m[2] ?? m[4]);
  return h * 60 + min;
}

/** 570 -> "09:30" (rounded down to the minute). */
export function formatClock(minuteOfDay: number): string {
  const total = Math.floor(minuteOfDay);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Epoch ms of minute `minuteOfDay` on simulated day `day` (integer ms). */
export function epochMs(day: number, minuteOfDay: number): number {
  return BASE_EPOCH_MS + day * DAY_MS + Math.round(minuteOfDay * MIN_MS);
}

/** Minute of day (fractional) of an epoch ms on simulated day `day`. */
export function minuteOfDay(day: number, ms: number): number {
  return (ms - BASE_EPOCH_MS - day * DAY_MS) / MIN_MS;
}

/** The business day string close-day wants: "2025-01-06" for day 0. */
export function dayString(day: number): string {
  return new Date(BASE_EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}
