import { wallClockIn, type CheckInOpens } from './kiosk-checkin.js';

/** An appointment's check-in window as the server decides it (AppointmentView.checkIn). */
export type CheckInWindow = { opensAt: number; closesAt: number };

/** Before the window (say when it opens), inside it (offer "I am here"), or after it (take a ticket). */
export type CheckInPhase = 'early' | 'open' | 'closed';

/** Where `now` falls in the window; both ends belong to it, as on the server (booking-arrival.ts). */
export function checkInPhase(w: CheckInWindow, now: number): CheckInPhase {
  if (now < w.opensAt) return 'early';
  return now > w.closesAt ? 'closed' : 'open';
}

/**
 * The longest a page waits before it looks at the clock again: browsers fire a longer timeout at
 * once (over 2^31 ms), and a phone that slept may have missed its moment.
 */
export const CHECK_IN_RECHECK_MS = 60_000;

/** How long until the phase next changes (at most CHECK_IN_RECHECK_MS); null once it never will. */
export function nextCheckInChangeIn(w: CheckInWindow, now: number): number | null {
  const phase = checkInPhase(w, now);
  if (phase === 'closed') return null;
  // `closesAt` itself is still open: the change comes a millisecond after it. At least 1 ms, so
  // a timer that fires on the very millisecond still finds the clock moved.
  const at = phase === 'early' ? w.opensAt : w.closesAt + 1;
  return Math.min(Math.max(1, at - now), CHECK_IN_RECHECK_MS);
}

/** When check-in opens on the branch's wall clock: HH:MM and its day, as a CHECK_IN_TOO_EARLY refusal says it. */
export function opensInZone(opensAt: number, timeZone: string): CheckInOpens {
  try {
    return wallClockIn(opensAt, timeZone);
  } catch {
    // A zone Intl does not know: UTC, with the day named so nobody comes back on the wrong one.
    const iso = new Date(opensAt).toISOString();
    return { time: iso.slice(11, 16), date: iso.slice(0, 10) };
  }
}
