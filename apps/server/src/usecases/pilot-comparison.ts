import { dayNumber } from '@tellerline/engine';
import { KPI_MAX_DAYS, type PilotPeriod } from '@tellerline/contracts';

/** What the before/after comparison of a branch report compares: see `pilotComparisonPlan`. */
export interface PilotComparisonPlan {
  /** The pilot's first day: "after" starts with it, "before" ends the day before. */
  start: string;
  /** The last day "after" may reach: the period's end or today, whichever is first. */
  until: string;
  /** Open days on each side: the report's length, at most KPI_MAX_DAYS. */
  days: number;
}

/**
 * Which pilot start a report for fromDay..toDay compares around: the latest period that began by
 * toDay (inside the range or before it); null when none did. Each side counts as many open days
 * as the range has days, so a 28-day report compares 28 days before with 28 after.
 */
export function pilotComparisonPlan(periods: readonly PilotPeriod[], range: { fromDay: string; toDay: string }, today: string): PilotComparisonPlan | null {
  const period = periods.filter((p) => p.from <= range.toDay).sort((a, b) => a.from.localeCompare(b.from)).at(-1);
  if (!period) return null;
  const until = period.to !== null && period.to < today ? period.to : today;
  const days = Math.min(dayNumber(range.toDay) - dayNumber(range.fromDay) + 1, KPI_MAX_DAYS);
  return { start: period.from, until, days };
}
