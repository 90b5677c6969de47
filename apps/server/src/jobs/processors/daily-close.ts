import { DomainError } from '@tellerline/engine';
import type { BookingCalendar } from '../../usecases/booking-calendar.js';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import type { BranchDirectory } from '../../usecases/ports.js';
import type { JobPayload } from '../job-names.js';

/** The calendar date (YYYY-MM-DD) at `now` in `timeZone`. */
export function localDay(now: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD; Intl handles DST and the zone database for us.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Opens a new business day: cancels what is left of yesterday and restarts numbering, then (with
 * `booking`) puts the new day's booked appointments into the live calendar, so routing keeps
 * someone free for them. Idempotent: the engine ignores a close for the day that is already open,
 * and the calendar sync sends only what is missing, so a retry after a failed sync is safe.
 */
export async function processDailyClose(
  data: JobPayload<'daily-close'>,
  now: number,
  deps: { directory: BranchDirectory; commands: BranchCommands; booking?: { calendar: Pick<BookingCalendar, 'sync'> } },
): Promise<'closed' | 'already-open' | 'unknown-branch' | 'not-open'> {
  const profile = await deps.directory.profile(data.branchId);
  if (!profile) return 'unknown-branch';
  let events;
  try {
    ({ events } = await deps.commands.run(data.branchId, { type: 'close-day', day: localDay(now, profile.timezone) }, null));
  } catch (err) {
    // A branch set up without services yet has no queue to close (nor appointments to expect).
    if (err instanceof DomainError && err.code === 'BRANCH_NOT_CONFIGURED') return 'not-open';
    throw err;
  }
  await deps.booking?.calendar.sync(data.branchId, now);
  return events.length > 0 ? 'closed' : 'already-open';
}
