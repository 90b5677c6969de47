import type { BranchScenarioQuery, BranchScenarioView } from '@tellerline/contracts';
import { addDays, localDateOf, weekdayOf, zonedInstant, WEEK, type BranchState, type TicketTimes, type Weekday } from '@tellerline/engine';
import { HistoryError, scenarioFromHistory } from '@tellerline/simulator';
import { AppError } from '../errors.js';
import type { BookingStore } from './booking-ports.js';
import type { BranchBooking } from './booking-settings.js';

/**
 * A simulator scenario of one weekday at this branch, from its last `q.days` business days:
 * its own arrivals per hour, measured service times, rosters and appointment habits
 * (`scenarioFromHistory`). Managers run the policy comparison and the staffing and booking
 * what-ifs on it (`npm run simulate -- --scenario`) before and during a pilot. Services and
 * skills come from the live branch, hours and rosters from the booking settings.
 */
export async function branchScenario(
  source: Pick<BookingStore, 'branchHistory'>,
  b: BranchBooking,
  state: BranchState,
  now: number,
  q: BranchScenarioQuery,
): Promise<BranchScenarioView> {
  const toDay = localDateOf(now, b.timezone);
  const fromDay = addDays(toDay, 1 - q.days);
  const from = zonedInstant(b.timezone, fromDay, 0, 'first') ?? 0;
  const to = zonedInstant(b.timezone, addDays(toDay, 1), 0, 'first') ?? now;
  const history = await source.branchHistory(state.branchId, { fromDay, toDay, from, to });
  const weekday = q.weekday ?? busiestWeekday(history.tickets, b.timezone);
  try {
    const { scenario, days } = scenarioFromHistory({
      name: `branch-${weekday}`,
      timeZone: b.timezone,
      weekday,
      hours: b.slotInput([]).policy.hours,
      services: Object.values(state.services).map((s) => ({ id: s.id, code: s.code, name: s.name.en, targetMin: s.targetMin, defaultDurationMin: s.defaultDurationMin })),
      staff: Object.values(state.staff).map((st) => ({ id: st.id, skills: st.skills, roster: b.rosters[st.id] ?? null })),
      tickets: history.tickets,
      appointments: history.appointments,
    });
    return { fromDay, toDay, weekday, days, scenario };
  } catch (err) {
    if (err instanceof HistoryError) throw new AppError(err.code, err.message);
    throw err;
  }
}

/** The weekday with the most tickets (Monday when there are none: the builder then says so). */
function busiestWeekday(tickets: readonly TicketTimes[], timeZone: string): Weekday {
  const count = new Map<Weekday, number>();
  for (const t of tickets) {
    const d = weekdayOf(localDateOf(t.joinedAt, timeZone));
    count.set(d, (count.get(d) ?? 0) + 1);
  }
  return WEEK.reduce((best, d) => ((count.get(d) ?? 0) > (count.get(best) ?? 0) ? d : best), WEEK[0]!);
}
