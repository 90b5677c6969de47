import type { Logger } from '../logger.js';
import { noShowAt, type BookingManage } from './booking-manage.js';
import type { AppointmentTimers, BookingStore } from './booking-ports.js';
import type { Clock } from './ports.js';

const DAY = 24 * 3_600_000;
/** A check-in window is shorter than this: an appointment that started earlier is settled. */
const LOOK_BACK_MS = DAY;
/** Further ahead than anyone can book. */
const LOOK_AHEAD_MS = 2 * 366 * DAY;

/**
 * Arms again the reminders and no-show timers of every booked appointment of the branch, from
 * PostgreSQL. Their BullMQ jobs live in Redis: a Redis that lost its data lost them, and a
 * booked customer would get no reminder and never turn into a no-show (the slot stays taken).
 * Idempotent (the jobs' ids are stable, a reminder that went out is recorded in PostgreSQL), so
 * start-up runs it every time. Returns how many appointments were armed; a failure is logged.
 */
export async function rearmAppointmentTimers(
  branchId: string,
  deps: { manage: Pick<BookingManage, 'branch'>; store: Pick<BookingStore, 'listStartingBetween'>; timers: AppointmentTimers; clock: Clock; logger: Logger },
): Promise<number> {
  const now = deps.clock.now();
  const booked = (await deps.store.listStartingBetween(branchId, now - LOOK_BACK_MS, now + LOOK_AHEAD_MS)).filter((a) => a.state === 'booked');
  if (booked.length === 0) return 0;
  const b = await deps.manage.branch(branchId);
  let armed = 0;
  for (const a of booked) {
    try {
      await deps.timers.rearm(a, noShowAt(a, b), now);
      armed++;
    } catch (err) {
      deps.logger.error({ err, appointmentId: a.id }, 'could not re-arm appointment jobs');
    }
  }
  return armed;
}
