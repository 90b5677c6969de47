import { closureReasonTexts } from '@tellerline/contracts';
import { formatHm, localTimeOf } from '@tellerline/engine';
import { closureAt } from './closure-rules.js';
import type { BookingManage } from './booking-manage.js';
import type { Appointment, AppointmentNoticeKind, AppointmentNotifier, BookingStore, CustomerBook, SentNotices } from './booking-ports.js';
import type { Clock } from './ports.js';

const MIN = 60_000;

/**
 * A reminder sent later than this before the visit helps nobody: the customer is on their way or
 * will not make it (jobs due while the server was down run when it comes back). The 24 h
 * reminder gives way once the 1 h one is due.
 */
export const TOO_LATE_BEFORE_MS: Record<'24h' | '1h', number> = { '24h': 60 * MIN, '1h': 15 * MIN };

/**
 * The notice job's work: tell the customer, in their language, that their appointment is booked,
 * moved or cancelled, or remind them of it, if the job is for the appointment's current version
 * and state (a moved appointment has new jobs; a checked-in one needs no reminder; a cancel
 * confirmation only while it stays cancelled).
 */
export function createReminders(deps: { manage: BookingManage; store: BookingStore; customers: CustomerBook; notifier: AppointmentNotifier; sent: SentNotices; clock: Clock }) {
  return {
    /** `at`: the refused attempt an 'already-booked' notice is about (each is told once). */
    async send(appointmentId: string, version: number, kind: AppointmentNoticeKind, at?: number): Promise<'sent' | 'no-contact' | 'failed' | 'skipped' | 'too-late'> {
      const a = await deps.store.findById(appointmentId);
      if (!a || a.version !== version || a.state !== (kind === 'cancelled' ? 'cancelled' : 'booked')) return 'skipped';
      if (tooLate(a, kind, deps.clock.now())) return 'too-late';
      // Re-armed after Redis lost its jobs (or a job re-added after BullMQ dropped the finished
      // one): a reminder that went out is not sent again.
      const key = sentKey(appointmentId, version, kind) + (at === undefined ? '' : `/${at}`);
      if ((await deps.sent.sentAlready([key]))[0]) return 'skipped';
      const customer = a.customerId ? await deps.customers.findById(a.customerId) : null;
      if (!customer) return 'no-contact';
      const b = await deps.manage.branch(a.branchId);
      const service = b.serviceNamed(a.serviceId);
      const local = localTimeOf(a.startsAt, b.timezone);
      // Cancelled by the branch while a closure takes the visit's time: that is why (a closure
      // saved over bookings cancels them), and the notice says the branch is closed then.
      const closure = kind === 'cancelled' && a.cancelledBy === 'branch' ? closureAt(b.settings.closures, a.startsAt, a.endsAt, b.timezone) : undefined;
      const outcome = await deps.notifier.remind({
        kind,
        appointment: a,
        branch: { name: b.name, timezone: b.timezone, active: b.active, address: b.address },
        service: { name: service?.name ?? { zh: '', en: '' }, documents: service?.documents ?? { zh: [], en: [] } },
        localDate: local.date,
        localTime: formatHm(local.minutes),
        customer,
        ...(closure ? { closed: { reason: closureReasonTexts(closure.reason) } } : {}),
      });
      if (outcome === 'sent') await deps.sent.markSent(key, deps.clock.now());
      return outcome;
    },
  };
}

/** The sent mark of one notice about one appointment version (the reminder job's id). */
const sentKey = (appointmentId: string, version: number, kind: AppointmentNoticeKind) => `appt-notice/${appointmentId}/${version}/${kind}`;

function tooLate(a: Pick<Appointment, 'startsAt'>, kind: AppointmentNoticeKind, now: number): boolean {
  return (kind === '24h' || kind === '1h') && now > a.startsAt - TOO_LATE_BEFORE_MS[kind];
}
