import type { StaffAppointmentsView } from '@tellerline/contracts';

export type StaffAppointment = StaffAppointmentsView['appointments'][number];

/** What the day list says about an appointment; 'called' while its ticket is at a counter. */
export type AppointmentDisplayState = 'booked' | 'checked-in' | 'called' | 'done' | 'no-show' | 'cancelled';

const FINISHED: ReadonlySet<AppointmentDisplayState> = new Set(['done', 'no-show', 'cancelled']);

/** The stored state, refined by the check-in ticket: called (or being served) at a counter. */
export function displayState(a: Pick<StaffAppointment, 'state' | 'ticket'>): AppointmentDisplayState {
  if (a.state === 'checked-in' && (a.ticket?.status === 'called' || a.ticket?.status === 'serving')) return 'called';
  return a.state;
}

export function isFinished(state: AppointmentDisplayState): boolean {
  return FINISHED.has(state);
}

/**
 * Next ones first: appointments still to come (booked, checked in, at a counter) by time, then
 * the finished ones by time. The order does not depend on this device's clock.
 */
export function orderForToday<T extends Pick<StaffAppointment, 'state' | 'ticket' | 'startsAt' | 'id'>>(list: readonly T[]): T[] {
  const rank = (a: T) => (isFinished(displayState(a)) ? 1 : 0);
  return [...list].sort((x, y) => rank(x) - rank(y) || x.startsAt - y.startsAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
