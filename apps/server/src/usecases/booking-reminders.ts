import { formatHm, localTimeOf } from '@tellerline/engine';
import type { BookingManage } from './booking-manage.js';
import type { AppointmentNotifier, BookingStore, CustomerBook } from './booking-ports.js';

/**
 * The reminder job's work: remind the customer of a booked appointment, in their language, if
 * the job is for the appointment's current version (a moved appointment has new jobs; a
 * cancelled or checked-in one needs none).
 */
export function createReminders(deps: { manage: BookingManage; store: BookingStore; customers: CustomerBook; notifier: AppointmentNotifier }) {
  return {
    async send(appointmentId: string, version: number, kind: '24h' | '1h'): Promise<'sent' | 'no-contact' | 'failed' | 'skipped'> {
      const a = await deps.store.findById(appointmentId);
      if (!a || a.state !== 'booked' || a.version !== version) return 'skipped';
      const customer = a.customerId ? await deps.customers.findById(a.customerId) : null;
      if (!customer) return 'no-contact';
      const b = await deps.manage.branch(a.branchId);
      const service = b.services.get(a.serviceId);
      const local = localTimeOf(a.startsAt, b.timezone);
      return deps.notifier.remind({
        kind,
        appointment: a,
        branch: { name: b.name, timezone: b.timezone },
        service: { name: service?.name ?? { zh: '', en: '' }, documents: service?.documents ?? { zh: [], en: [] } },
        localDate: local.date,
        localTime: formatHm(local.minutes),
        customer,
      });
    },
  };
}
