/**
 * When a branch takes walk-in tickets (kiosk, remote queue): its opening hours less holidays
 * and closures, from `walkInEarlyMin` before each opening. Appointment check-in has its own window.
 */
import { z } from 'zod';
import { LocalDate, LocalTime } from './booking.js';

/**
 * Why walk-in tickets are not issued now: a day the branch does not open (a weekly day off or a
 * holiday), before its next opening today (early morning, a lunch break), after its last closing
 * today, or a closure interval the manager entered (maintenance).
 */
/** `inactive`: the branch was taken out of service (it does not open again; `next` is null). */
export const WalkInClosedReason = z.enum(['day-off', 'not-yet', 'ended', 'closure', 'inactive']);
export type WalkInClosedReason = z.infer<typeof WalkInClosedReason>;

/** The next opening after a closed moment, in the branch's own clock. */
export const NextOpening = z.object({
  /** ISO 8601 with the branch's UTC offset, e.g. '2026-03-02T09:00:00+08:00'. */
  opensAt: z.string(),
  /** The doors open (HH:MM, branch time). */
  opensAtLocal: LocalTime,
  /** Its local date and weekday. */
  date: LocalDate,
  weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  /** Walk-in tickets from (opening less `walkInEarlyMin`), ISO 8601 and HH:MM. */
  ticketsFrom: z.string(),
  ticketsFromLocal: LocalTime,
});
export type NextOpening = z.infer<typeof NextOpening>;

/** GET /api/v1/branches/:branchId/walk-in-hours (public): what the kiosk's start screen shows. */
export const WalkInHours = z.object({
  /** The kiosk and the remote queue issue walk-in tickets now. */
  issuing: z.boolean(),
  /** Why not; null while issuing. */
  closed: WalkInClosedReason.nullable(),
  /** The manager's reason for the holiday or closure that closes it now, if they gave one. */
  reason: z.string().nullable(),
  /** The same reason in each language (a plain reason is the same in both); the kiosk shows its own language's. */
  reasons: z.object({ zh: z.string(), en: z.string() }).nullable().optional(),
  /** Null while issuing, or when it does not open in the coming week. */
  next: NextOpening.nullable(),
  /** Today in branch time (YYYY-MM-DD): a screen says "today" or names the day of `next`. */
  today: LocalDate,
});
export type WalkInHours = z.infer<typeof WalkInHours>;

/** `error.details` of BRANCH_CLOSED: why, and (when it opens in the coming week) the next opening. */
export const BranchClosedDetails = NextOpening.partial().extend({ closed: WalkInClosedReason, reason: z.string().optional() });
export type BranchClosedDetails = z.infer<typeof BranchClosedDetails>;
