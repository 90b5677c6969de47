/**
 * The calendar's failure rule, without servers: a calendar command that fails (Redis down, a
 * branch not open) never fails the booking that sent it; it is logged for the next sync.
 */
import { DomainError } from '@tellerline/engine';
import { describe, expect, it, vi } from 'vitest';
import { createBookingCalendar } from '../src/usecases/booking-calendar.js';
import type { Appointment } from '../src/usecases/booking-ports.js';
import { createLogger } from '../src/logger.js';

const at = Date.parse('2026-03-02T11:00:00+08:00');
const appointment: Appointment = {
  id: 'a1',
  branchId: 'b1',
  serviceId: 's1',
  customerId: null,
  startsAt: at,
  endsAt: at + 10 * 60_000,
  code: 'ABCDEF',
  manageToken: 'x'.repeat(32),
  manageTokenNonce: 0,
  state: 'booked',
  ticketId: null,
  channel: 'branch',
  joinUrl: null,
  version: 0,
  checkedInAt: null,
  lateArrival: false,
  createdProfile: false,
  historyAsked: null,
  bookedAt: at - 86_400_000,
  cancelledBy: null,
  createdAt: at - 86_400_000,
};

function calendarWith(run: () => Promise<never>) {
  const logger = createLogger('silent');
  const warn = vi.spyOn(logger, 'warn');
  const error = vi.spyOn(logger, 'error');
  const calendar = createBookingCalendar({
    store: { bookingSetup: async () => ({ timezone: 'Asia/Shanghai' }) as never, listStartingBetween: async () => [] },
    commands: { run },
    liveState: async () => null,
    clock: { now: () => at - 3 * 3_600_000 },
    logger,
  });
  return { calendar, warn, error };
}

describe('booking calendar failures', () => {
  it('logs a refused or failed command and carries on', async () => {
    const refused = calendarWith(() => Promise.reject(new DomainError('BRANCH_NOT_CONFIGURED', 'not open')));
    await expect(refused.calendar.booked(appointment)).resolves.toBeUndefined();
    await expect(refused.calendar.dropped(appointment)).resolves.toBeUndefined();
    expect(refused.warn).toHaveBeenCalledTimes(2);

    const down = calendarWith(() => Promise.reject(new Error('connection refused')));
    await expect(down.calendar.booked(appointment, { before: { branchId: 'b0' } })).resolves.toBeUndefined();
    // The old branch's drop and the new branch's expect: both tried, both logged as errors.
    expect(down.error).toHaveBeenCalledTimes(2);
  });
});
