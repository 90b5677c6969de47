import type { AppointmentNoticeKind, AppointmentTimers } from '../../usecases/booking-ports.js';
import type { Booking } from '../../usecases/booking.js';
import { TOO_LATE_BEFORE_MS } from '../../usecases/booking-reminders.js';
import type { JobPayload } from '../job-names.js';
import type { JobQueues } from '../queues.js';

const HOUR = 3_600_000;
/** Reminders before a booked appointment; one that would be due already is not sent. */
export const REMINDERS = [
  { kind: '24h', beforeMs: 24 * HOUR },
  { kind: '1h', beforeMs: HOUR },
] as const;

/** Deterministic ids ('/' not ':': BullMQ refuses custom ids with ':'): one job per appointment version and kind. */
export const reminderJobId = (appointmentId: string, version: number, kind: AppointmentNoticeKind) => `appt-reminder/${appointmentId}/${version}/${kind}`;
export const appointmentNoShowJobId = (appointmentId: string, version: number) => `appt-no-show/${appointmentId}/${version}`;

/**
 * Appointment jobs on BullMQ, keyed by appointment and version: arming the same version twice
 * leaves one job per kind; a reschedule bumps the version, removes the old version's jobs and
 * arms new ones; a cancel or a check-in removes them. The processors check the version again,
 * so a job that escaped removal (it was running) does nothing.
 */
export function createAppointmentTimers(queues: JobQueues): AppointmentTimers {
  return {
    async schedule(a, noShowAt, now) {
      for (const r of REMINDERS) {
        const at = a.startsAt - r.beforeMs;
        if (at <= now) continue;
        await queues.add('appointment-reminder', { appointmentId: a.id, version: a.version, kind: r.kind }, { jobId: reminderJobId(a.id, a.version, r.kind), delay: at - now });
      }
      await queues.add('appointment-no-show', { appointmentId: a.id, version: a.version }, { jobId: appointmentNoShowJobId(a.id, a.version), delay: Math.max(1, noShowAt - now) });
    },
    async rearm(a, noShowAt, now) {
      for (const r of REMINDERS) {
        const at = a.startsAt - r.beforeMs;
        // Already past when booked: `schedule` never armed it (booked 3 h ahead, no 24 h reminder).
        if (at <= a.bookedAt) continue;
        // Due while the jobs were lost: sent now only while it still helps (the 1 h reminder up to
        // 15 min before; the 24 h one until the 1 h one is due), as the job itself would decide.
        if (at <= now && now > a.startsAt - TOO_LATE_BEFORE_MS[r.kind]) continue;
        await queues.add('appointment-reminder', { appointmentId: a.id, version: a.version, kind: r.kind }, { jobId: reminderJobId(a.id, a.version, r.kind), delay: Math.max(0, at - now) });
      }
      await queues.add('appointment-no-show', { appointmentId: a.id, version: a.version }, { jobId: appointmentNoShowJobId(a.id, a.version), delay: Math.max(1, noShowAt - now) });
    },
    async cancel(a) {
      const ids = [...REMINDERS.map((r) => reminderJobId(a.id, a.version, r.kind)), appointmentNoShowJobId(a.id, a.version)];
      for (const id of ids) await queues.queue.remove(id);
    },
    async confirm(a, kind) {
      await queues.add('appointment-reminder', { appointmentId: a.id, version: a.version, kind }, { jobId: reminderJobId(a.id, a.version, kind) });
    },
    async alreadyBooked(a, at, kind = 'already-booked') {
      await queues.add('appointment-reminder', { appointmentId: a.id, version: a.version, kind, at }, { jobId: `${reminderJobId(a.id, a.version, kind)}/${at}` });
    },
  };
}

/** Sends a reminder if the appointment is still booked at the job's version. */
export function processReminder(data: JobPayload<'appointment-reminder'>, deps: { booking: Booking }): Promise<'sent' | 'no-contact' | 'failed' | 'skipped' | 'too-late'> {
  return deps.booking.reminders.send(data.appointmentId, data.version, data.kind, data.at);
}
