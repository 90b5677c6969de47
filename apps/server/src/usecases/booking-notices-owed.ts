import type { Logger } from '../logger.js';
import type { BookingCalendar } from './booking-calendar.js';
import { noShowAt, type BookingManage } from './booking-manage.js';
import type { Appointment, AppointmentChange, AppointmentTimers, BookingStore } from './booking-ports.js';
import type { Clock } from './ports.js';

/**
 * A notice owed for less than this is left to the request that made the change: it queues the
 * notice itself a moment after its commit (and a closure save that the live queue refuses undoes
 * its cancels before telling anyone, which must not race a sweep telling the customers).
 */
export const OWED_NOTICE_GRACE_MS = 60_000;
/** How often the worker role looks for owed notices. */
export const OWED_NOTICE_SWEEP_MS = 30_000;
/** Owed notices handled per sweep; more wait for the next one. */
const BATCH = 500;

export interface OwedNoticeDeps {
  store: Pick<BookingStore, 'owedNotices' | 'noticeQueued' | 'owedAlreadyBooked' | 'alreadyBookedQueued' | 'forgetPlainManageTokens'>;
  manage: Pick<BookingManage, 'branch'>;
  timers: AppointmentTimers;
  calendar: Pick<BookingCalendar, 'booked' | 'dropped'>;
  clock: Clock;
  logger: Logger;
}

/**
 * Booking, moving and cancelling record the confirmation they owe the customer in the same
 * statement as the change (`NoticeOwed`), and clear it once the notice is queued. This queues
 * what a process never queued because it died after the commit, or because Redis was away then
 * (a closure or a deactivation that cancelled many visits: each customer must hear of it before
 * coming to a closed branch), and does what that process would have done around it: a cancelled
 * visit's reminders and no-show are removed and today's calendar drops it; a booked or moved one
 * gets its reminders and no-show armed (a moved one loses its old version's) and is expected
 * today. Then the record is cleared, for that version and kind only.
 *
 * Told once: the record is cleared only after the job is queued, so a sweep that dies in between
 * queues it again under the same job id (BullMQ keeps one), and the notice job checks the sent
 * marks in PostgreSQL (`sent_notices`) before it sends, so a job re-added after BullMQ dropped
 * the finished one sends nothing. A change that is no longer the appointment's state (moved
 * again, cancelled, checked in) is cleared without a notice (the later change owes its own), and
 * so is one whose visit has begun.
 * A booking attempt refused for overlapping the contact's own booking owes an 'already-booked'
 * notice the same way (its own record, one per attempt), and one refused at the booking limit a
 * 'booking-limit' notice about their next booking: queued likewise, once, while that booking is
 * still booked as it was and ahead.
 * Resolves how many were queued and how many failed (they stay owed for the next sweep).
 */
export async function queueOwedNotices(deps: OwedNoticeDeps): Promise<{ queued: number; failed: number }> {
  const now = deps.clock.now();
  const owed = await deps.store.owedNotices(now - OWED_NOTICE_GRACE_MS, BATCH);
  let queued = 0;
  let failed = 0;
  let firstErr: unknown;
  for (const { appointment: a, kind } of owed) {
    try {
      // Settled either way; told only while the visit is ahead (after a long outage, a
      // confirmation of a visit already begun helps nobody).
      if ((await settle(a, kind, now)) && a.startsAt > now) {
        await deps.timers.confirm(a, kind);
        queued++;
      }
      await deps.store.noticeQueued(a.id, a.version, kind);
    } catch (err) {
      failed++;
      firstErr ??= err;
    }
  }
  // A refused attempt's notice to the contact on file (booking-manage.ts `book`: 'already-booked'
  // for an overlap, 'booking-limit' at the limit): told while the booking it names still stands
  // as it was then, and is ahead.
  for (const { appointment: a, version, at, kind } of await deps.store.owedAlreadyBooked(now - OWED_NOTICE_GRACE_MS, BATCH)) {
    try {
      if (a.state === 'booked' && a.version === version && a.startsAt > now) {
        await deps.timers.alreadyBooked({ id: a.id, version }, at, kind);
        queued++;
      }
      await deps.store.alreadyBookedQueued(a.id, at);
    } catch (err) {
      failed++;
      firstErr ??= err;
    }
  }
  // Manage tokens kept in plain text from before they were hashed: once the visit has begun no
  // notice needs them (the link still works by its hash), so they go (security L5).
  await deps.store.forgetPlainManageTokens(now).catch((err: unknown) => deps.logger.warn({ err }, 'could not clear old plaintext manage tokens'));
  // One line per sweep, not one per customer: while Redis is away every sweep fails them all.
  if (queued > 0) deps.logger.warn({ queued }, 'queued appointment notices a change had left owed');
  if (failed > 0) deps.logger.error({ err: firstErr, failed }, 'could not queue owed appointment notices; the next sweep tries again');
  return { queued, failed };

  /** Puts the timers and calendar where the change left them; false: the change no longer stands, no notice. */
  async function settle(a: Appointment, kind: AppointmentChange, at: number): Promise<boolean> {
    if (kind === 'cancelled') {
      if (a.state !== 'cancelled') return false;
      await deps.timers.cancel(a);
      await deps.calendar.dropped(a);
      return true;
    }
    if (a.state !== 'booked') return false;
    const b = await deps.manage.branch(a.branchId);
    if (kind === 'moved' && a.version > 0) await deps.timers.cancel({ id: a.id, version: a.version - 1 });
    await deps.timers.rearm(a, noShowAt(a, b), at);
    await deps.calendar.booked(a, { timezone: b.timezone });
    return true;
  }
}

/**
 * Sweeps at once (start-up: what the last run left owed) and then every `everyMs`, one sweep at a
 * time. Returns a stop function that resolves once a sweep under way has finished (before the
 * queues and the database it uses are closed).
 */
export function watchOwedNotices(deps: OwedNoticeDeps, opts: { everyMs?: number } = {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= queueOwedNotices(deps)
      .then(() => undefined)
      .catch((err: unknown) => deps.logger.error({ err }, 'owed appointment notice sweep failed'))
      .finally(() => (running = null));
  };
  sweep();
  const timer = setInterval(sweep, opts.everyMs ?? OWED_NOTICE_SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
