import type { KpiHourCell } from '@tellerline/contracts';

/**
 * The reports' week hour by hour as a heat map: rows are the hours of the day (branch clock),
 * columns the weekdays, each cell an hour's arrivals and waits, shaded by its mean wait.
 */

/** Shades from the shortest to the longest mean wait of the period (0..HEAT_LEVELS-1). */
export const HEAT_LEVELS = 5;

export interface HourGrid {
  /** ISO weekdays (1 Monday .. 7 Sunday) with any arrivals, Monday first: a closed Sunday takes no room. */
  weekdays: number[];
  /** Every hour from the first to the last with arrivals, quiet hours between included, so the day reads top to bottom. */
  rows: { hour: number; cells: (KpiHourCell | null)[] }[];
  /** The longest mean wait of any cell: the darkest shade. */
  maxMeanMin: number | null;
}

export function hourGrid(hours: readonly KpiHourCell[]): HourGrid {
  if (hours.length === 0) return { weekdays: [], rows: [], maxMeanMin: null };
  const weekdays = [...new Set(hours.map((h) => h.weekday))].sort((a, b) => a - b);
  const first = Math.min(...hours.map((h) => h.hour));
  const last = Math.max(...hours.map((h) => h.hour));
  const at = new Map(hours.map((h) => [`${h.weekday}:${h.hour}`, h]));
  const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i).map((hour) => ({ hour, cells: weekdays.map((d) => at.get(`${d}:${hour}`) ?? null) }));
  const means = hours.map((h) => h.wait.meanMin).filter((v): v is number => v !== null);
  return { weekdays, rows, maxMeanMin: means.length ? Math.max(...means) : null };
}

/**
 * A cell's shade: its mean wait as a share of the longest, in HEAT_LEVELS even steps (the longest
 * is the darkest); null when nobody in it was called (no wait to shade).
 */
export function heatLevel(meanMin: number | null, maxMeanMin: number | null): number | null {
  if (meanMin === null || maxMeanMin === null) return null;
  if (maxMeanMin <= 0) return 0;
  return Math.min(HEAT_LEVELS - 1, Math.floor((meanMin / maxMeanMin) * HEAT_LEVELS));
}

/** "09:00–10:00": the hour as a row heading. */
export function hourSpan(hour: number): string {
  const hh = (n: number) => String(n).padStart(2, '0');
  return `${hh(hour)}:00–${hh(hour + 1)}:00`;
}

/** Arrivals per day: one decimal, none when whole; a dash when no day counted. */
export function formatPerDay(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
