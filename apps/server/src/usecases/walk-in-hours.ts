import type { BranchClosedDetails, WalkInHours as WalkInHoursView } from '@tellerline/contracts';
import type { WeeklyWindows } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { HoursInput } from './assistant/branch-hours.js';
import type { BookingSetup } from './booking-ports.js';
import { branchInactive, toBranchBooking } from './booking-settings.js';
import type { Clock } from './ports.js';
import { walkInHoursAt } from './walk-in-window.js';

/**
 * How long a node keeps a branch's hours and closures: every kiosk ticket asks, and the hours
 * change rarely. A booking settings save on this node is seen at once (`forget`); a change made
 * through another node, within this long.
 */
export const WALK_IN_HOURS_TTL_MS = 15_000;

export interface WalkInHoursDeps {
  /** The branch's stored hours and booking settings (closures, `walkInEarlyMin`); null: no such branch. */
  bookingSetup(branchId: string): Promise<BookingSetup | null>;
  clock: Clock;
}

type Hours = HoursInput & { earlyMin: number; active: boolean };

/**
 * Whether a branch takes walk-in tickets now (the kiosk and the remote queue): within its
 * opening hours, less holidays and closures, from `walkInEarlyMin` before each opening.
 * Appointment check-in keeps its own window (booking-arrival.ts).
 */
export function createWalkInHours(deps: WalkInHoursDeps) {
  const cache = new Map<string, { hours: Hours; until: number }>();

  async function hoursOf(branchId: string): Promise<Hours> {
    const now = deps.clock.now();
    const hit = cache.get(branchId);
    if (hit && hit.until > now) return hit.hours;
    const setup = await deps.bookingSetup(branchId);
    if (!setup) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    const { settings } = toBranchBooking(setup);
    const hours: Hours = { timezone: setup.timezone, hours: setup.openingHours as WeeklyWindows, closures: settings.closures, earlyMin: settings.walkInEarlyMin, active: setup.active !== false };
    cache.set(branchId, { hours, until: now + WALK_IN_HOURS_TTL_MS });
    return hours;
  }

  async function now(branchId: string): Promise<WalkInHoursView> {
    const h = await hoursOf(branchId);
    const w = walkInHoursAt(h, h.earlyMin, deps.clock.now());
    // Out of service: closed for good, whatever the hours say (the kiosk shows its closed page).
    return h.active ? w : { ...w, issuing: false, closed: 'inactive', reason: null, reasons: null, next: null };
  }

  return {
    now,

    /** Refuses with BRANCH_CLOSED (409) outside the hours, saying when tickets are issued again. */
    async requireOpen(branchId: string): Promise<void> {
      const w = await now(branchId);
      if (w.issuing) return;
      if (w.closed === 'inactive') throw branchInactive();
      const details: BranchClosedDetails = { closed: w.closed!, ...(w.reason ? { reason: w.reason } : {}), ...(w.next ?? {}) };
      const why = w.reason ? ` (${w.reason})` : '';
      const when = w.next ? ` It opens at ${w.next.opensAtLocal}${w.next.date === w.today ? '' : ` on ${w.next.date}`}; tickets from ${w.next.ticketsFromLocal}.` : ' It does not open in the coming week.';
      throw new AppError('BRANCH_CLOSED', `The branch is closed now${why}: no walk-in tickets.${when}`, undefined, details);
    },

    /** Drops what this node keeps of a branch's hours (its booking settings were just saved). */
    forget(branchId: string): void {
      cache.delete(branchId);
    },
  };
}

export type WalkInHours = ReturnType<typeof createWalkInHours>;
