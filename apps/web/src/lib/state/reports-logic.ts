import { KpiQuery, type KpiFigures, type Role } from '@tellerline/contracts';

/** Who may open the reports screen (the KPI routes allow these roles only). */
export function canReadReports(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

/**
 * The admin's branch picker: pilot branches first (the ones the reports are about), each group in
 * the order given; the first is where the screen opens.
 */
export function pilotFirst<T extends { pilot?: boolean }>(branches: readonly T[]): T[] {
  return [...branches.filter((b) => b.pilot === true), ...branches.filter((b) => b.pilot !== true)];
}

/** Minutes as people read them: one decimal, none for whole minutes; a dash when nothing was measured. */
export function formatMinutes(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** A share as a percentage: whole percent, one decimal below 10% and above 90% where it matters; a dash for none. */
export function formatShare(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const pct = v * 100;
  const r = Math.round(pct * 10) / 10;
  // 0.5% vs 1%, or 99.4% vs 99%, is a difference a manager acts on; 46.3% vs 46% is not.
  const shown = (r < 10 || r > 90) && !Number.isInteger(r) ? r.toFixed(1) : String(Math.round(pct));
  return `${shown}%`;
}

/** A mean rating out of 5, one decimal; a dash when nobody answered. */
export function formatRating(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(1);
}

/** The report's tables: per service, per day, per staff member, and every branch side by side. */
export type ReportTable = 'service' | 'day' | 'staff' | 'branch';

const COLUMNS = ['issued', 'served', 'cancelled', 'noShowsCalled', 'noShowsBooked', 'meanWait', 'p90Wait', 'withinTarget', 'serviceTime', 'transfers', 'rating', 'utilisation', 'punctuality'] as const;
export type ReportColumn = (typeof COLUMNS)[number];

/**
 * The columns of a table. Staff time is not split by service (no utilisation per service), and
 * a booking belongs to no staff member (no booked no-show rate per staff member): an empty
 * column would read as a figure of 0.
 */
export function tableColumns(table: ReportTable): ReportColumn[] {
  return COLUMNS.filter((c) => !(table === 'service' && c === 'utilisation') && !(table === 'staff' && c === 'noShowsBooked'));
}

/** A cell as shown: counts as they are, minutes and shares formatted, a dash where nothing was measured. */
export function cellText(column: ReportColumn, f: KpiFigures): string {
  switch (column) {
    case 'issued':
      return String(f.issued);
    case 'served':
      return String(f.served);
    case 'cancelled':
      return String(f.cancelled);
    case 'noShowsCalled':
      return formatShare(f.noShows.calledShare);
    case 'noShowsBooked':
      return formatShare(f.noShows.bookedShare);
    case 'meanWait':
      return formatMinutes(f.wait.meanMin);
    case 'p90Wait':
      return formatMinutes(f.wait.p90Min);
    case 'withinTarget':
      return formatShare(f.wait.withinTargetShare);
    case 'serviceTime':
      return formatMinutes(f.serviceTime.meanMin);
    case 'transfers':
      return String(f.transfers.made);
    case 'rating':
      return formatRating(f.satisfaction.meanRating);
    case 'utilisation':
      return formatShare(f.utilisation.share);
    case 'punctuality':
      return formatShare(f.punctuality.share);
  }
}

/** Columns whose heading has a shorter form (`reports.colShort.<name>`), shown with the full name as its title. */
const SHORT_HEADS = ['noShowsCalled', 'noShowsBooked', 'meanWait', 'p90Wait', 'serviceTime', 'called', 'utilisation'] as const;
export const hasShortHead = (name: string): boolean => (SHORT_HEADS as readonly string[]).includes(name);

/** A column's name in the page (`data-col`, for tests and styles): meanWait -> mean-wait. */
export const columnAttr = (c: ReportColumn) => c.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** The rating distribution as shares of the answers (for the bars), 1 to 5. */
export function ratingShares(byRating: readonly number[]): number[] {
  const total = byRating.reduce((a, b) => a + b, 0);
  return byRating.map((n) => (total > 0 ? n / total : 0));
}

/**
 * The chart's vertical scale: a "round" step (1, 2, 2.5 or 5 times a power of ten) and at most 5
 * steps up to the first multiple of it at or above `v`, so every gridline reads at a glance (0, 5,
 * 10, ... 25, never 3.75); at least `min` so an empty chart still has a scale.
 */
export function axisScale(v: number, min = 5): { max: number; step: number } {
  const x = Math.max(v, min);
  let p = 10 ** Math.floor(Math.log10(x / 5));
  for (;;) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * p;
      if (step * 5 >= x - 1e-9) return { max: Math.ceil(x / step - 1e-9) * step, step };
    }
    p *= 10;
  }
}

export interface ChartPoint {
  x: number;
  y: number;
  day: string;
  value: number;
}

export interface WaitChart {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** The axis maximum (minutes). */
  max: number;
  /** Gridlines: value (minutes) and its y. */
  ticks: { value: number; y: number }[];
  /** One polyline each; days without a called ticket leave a gap (a new segment). */
  mean: ChartPoint[][];
  p90: ChartPoint[][];
  /** Day labels under the axis: at most `maxLabels`, evenly spread, first and last included. */
  labels: { x: number; day: string }[];
}

/**
 * Scales the per-day waits into an SVG of `width` x `height`: days evenly spaced left to right
 * (one day sits in the middle), minutes from 0 at the bottom to a round maximum at the top.
 */
export function waitChart(
  days: readonly { day: string; figures: Pick<KpiFigures, 'wait'> }[],
  { width = 640, height = 220, maxLabels = 7 }: { width?: number; height?: number; maxLabels?: number } = {},
): WaitChart {
  const plot = { left: 40, right: width - 12, top: 12, bottom: height - 28 };
  const values = days.flatMap((d) => [d.figures.wait.meanMin, d.figures.wait.p90Min]).filter((v): v is number => v !== null);
  const { max, step } = axisScale(values.length ? Math.max(...values) : 0);
  const xOf = (i: number) => (days.length <= 1 ? (plot.left + plot.right) / 2 : plot.left + ((plot.right - plot.left) * i) / (days.length - 1));
  const yOf = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / max;
  const series = (pick: (f: Pick<KpiFigures, 'wait'>) => number | null): ChartPoint[][] => {
    const out: ChartPoint[][] = [];
    let run: ChartPoint[] = [];
    days.forEach((d, i) => {
      const v = pick(d.figures);
      if (v === null) {
        if (run.length) out.push(run);
        run = [];
      } else run.push({ x: xOf(i), y: yOf(v), day: d.day, value: v });
    });
    if (run.length) out.push(run);
    return out;
  };
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, k) => ({ value: k * step, y: yOf(k * step) }));
  const every = Math.max(1, Math.ceil((days.length - 1) / Math.max(1, maxLabels - 1)));
  const labels = days.flatMap((d, i) => (i % every === 0 || i === days.length - 1 ? [{ x: xOf(i), day: d.day }] : []));
  // The last label would crowd the one before it: keep the last, drop the other.
  if (labels.length >= 2 && labels.at(-1)!.x - labels.at(-2)!.x < (plot.right - plot.left) / (maxLabels * 1.5)) labels.splice(-2, 1);
  return { width, height, plot, max, ticks, mean: series((f) => f.wait.meanMin), p90: series((f) => f.wait.p90Min), labels };
}

/** `x,y x,y ...` for an SVG polyline. */
export function polylinePoints(points: readonly ChartPoint[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}

const round = (v: number) => Math.round(v * 10) / 10;

/** 'MM-DD' of a 'YYYY-MM-DD' day: short enough for the chart's axis. */
export const shortDay = (day: string): string => day.slice(5);

/**
 * The dictionary key of the problem with a chosen range (the server's own rules: real dates,
 * from before to, at most 92 days), or null when it may be asked for.
 */
export function rangeProblem(from: string, to: string): string | null {
  if (!from || !to) return 'reports.range.required';
  const r = KpiQuery.safeParse({ from, to });
  if (r.success) return null;
  const path = r.error.issues[0]?.path[0];
  if (path === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(to) && /^\d{4}-\d{2}-\d{2}$/.test(from) && from <= to) return 'reports.range.tooLong';
  if (path === 'from' && from > to && /^\d{4}-\d{2}-\d{2}$/.test(from)) return 'reports.range.order';
  return 'reports.range.invalid';
}

/** Where the CSV of a branch (or of every branch, `branchId` null) downloads from. */
export function csvHref(branchId: string | null, range: { fromDay: string; toDay: string }, lang: 'zh' | 'en'): string {
  const q = new URLSearchParams({ from: range.fromDay, to: range.toDay, lang });
  return branchId === null ? `/api/v1/kpis.csv?${q}` : `/api/v1/branches/${encodeURIComponent(branchId)}/kpis.csv?${q}`;
}

/** The key of a counted phrase: its `.one` variant for exactly one ("1 answer"), else the key itself ("2 answers", "0 answers"). */
export function countKey(key: string, n: number): string {
  return n === 1 ? `${key}.one` : key;
}
