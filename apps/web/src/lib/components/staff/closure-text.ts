import { locale } from '$lib/i18n/locale.svelte.js';
import type { ClosureBookingsRow } from '$lib/state/booking-window.js';

/** A closure's days (and a part-day's hours, branch time) as the list and the bookings question say them. */
export function daysText(r: Pick<ClosureBookingsRow, 'from' | 'to' | 'fromTime' | 'toTime'>): string {
  if (r.fromTime !== undefined && r.toTime !== undefined) {
    return r.from === r.to
      ? locale.t('bookingWindow.closures.hours', { date: r.from, from: r.fromTime, to: r.toTime })
      : locale.t('bookingWindow.closures.hoursRange', { from: r.from, fromTime: r.fromTime, to: r.to, toTime: r.toTime });
  }
  return locale.t(r.from === r.to ? 'bookingWindow.closures.oneDay' : 'bookingWindow.closures.range', { from: r.from, to: r.to });
}
