import type { Booking } from '../../usecases/booking.js';
import type { JobPayload } from '../job-names.js';

/**
 * The check-in window of a booked appointment has closed: it becomes a no-show. Idempotent: acts
 * only on a still-booked appointment at the job's version (a check-in, a cancel or a move wins).
 */
export function processAppointmentNoShow(data: JobPayload<'appointment-no-show'>, deps: { booking: Booking }): Promise<'no-show' | 'skipped'> {
  return deps.booking.arrival.markNoShow(data.appointmentId, data.version);
}
