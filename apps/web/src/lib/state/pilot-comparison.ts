import { PILOT_COMPARE_MIN_TICKETS, type KpiFigures, type PilotComparison, type PilotComparisonSide, type PilotPeriod } from '@tellerline/contracts';
import { formatMinutes, formatRating, formatShare } from './reports-logic.js';

/** How a compared figure is read: minutes, a share (its change in percentage points) or a rating out of 5. */
type Kind = 'min' | 'share' | 'rating';

/** The figures the before/after table compares, as the report's cards show them. */
const COMPARED: { key: string; kind: Kind; value: (f: KpiFigures) => number | null }[] = [
  { key: 'meanWait', kind: 'min', value: (f) => f.wait.meanMin },
  { key: 'p90Wait', kind: 'min', value: (f) => f.wait.p90Min },
  { key: 'withinTarget', kind: 'share', value: (f) => f.wait.withinTargetShare },
  { key: 'serviceTime', kind: 'min', value: (f) => f.serviceTime.meanMin },
  { key: 'rating', kind: 'rating', value: (f) => f.satisfaction.meanRating },
  { key: 'noShowsCalled', kind: 'share', value: (f) => f.noShows.calledShare },
  { key: 'noShowsBooked', kind: 'share', value: (f) => f.noShows.bookedShare },
];

/** One row of the comparison: the figure's card name key and its texts before, after and the change. */
export interface ComparisonRow {
  key: string;
  kind: Kind;
  before: string;
  after: string;
  /** after - before with a sign ("+2.5", "−3", "0"); a dash when a side measured nothing. */
  change: string;
}

const shown = (kind: Kind, v: number | null): string => (kind === 'min' ? formatMinutes(v) : kind === 'share' ? formatShare(v) : formatRating(v));

/** A change with its sign: minutes as minutes, shares in percentage points, ratings with one decimal. */
export function signedChange(kind: Kind, before: number | null, after: number | null): string {
  if (before === null || after === null) return '—';
  const diff = kind === 'share' ? (after - before) * 100 : after - before;
  const text = kind === 'rating' ? Math.abs(diff).toFixed(1) : formatMinutes(Math.abs(diff));
  if (Number(text) === 0) return '0';
  return `${diff > 0 ? '+' : '−'}${text}`;
}

/** The table's rows; a side with no open day shows dashes. */
export function comparisonRows(c: PilotComparison): ComparisonRow[] {
  return COMPARED.map(({ key, kind, value }) => {
    const b = c.before ? value(c.before.figures) : null;
    const a = c.after ? value(c.after.figures) : null;
    return { key, kind, before: shown(kind, b), after: shown(kind, a), change: signedChange(kind, b, a) };
  });
}

/** A side too small to compare: no open day, or fewer than PILOT_COMPARE_MIN_TICKETS tickets. */
export const tooFew = (side: PilotComparisonSide | null): boolean => side === null || side.figures.issued < PILOT_COMPARE_MIN_TICKETS;

/** A pilot period as message key and values: "since {from}" while it lasts, "{from} to {to}" once ended. */
export function periodMessage(p: PilotPeriod): { key: string; values: Record<string, string> } {
  return p.to === null ? { key: 'reports.pilotPeriod.since', values: { from: p.from } } : { key: 'reports.pilotPeriod.between', values: { from: p.from, to: p.to } };
}
