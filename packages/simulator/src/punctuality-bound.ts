import { PUNCTUALITY_GOAL } from '@tellerline/engine';
import { measure } from './compare.js';
import { table } from './format-table.js';
import type { Metrics } from './metrics.js';
import { createOraclePunctual } from './oracle-punctual.js';
import { punctualityOptimum } from './punctuality-optimum.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';

/**
 * `--punctuality-bound`: appointment punctuality under the clairvoyant `oracle-punctual`
 * (what a caller knowing who comes, when, and for how long could reach on this calendar)
 * beside Tellerline's, on the same customers. An experiment: it is not one of the compared
 * policies and changes no figure of the comparison or the goal.
 */
export interface PunctualityBound {
  scenario: string;
  days: number;
  /** Appointments that kept their slot (the same for both). */
  appointments: number;
  oracle: { apptPunctuality: number | null; servedWithinTarget: number; p90WaitMin: number };
  tellerline: { apptPunctuality: number | null; servedWithinTarget: number; p90WaitMin: number };
  /**
   * The most booked customers any caller could call on time (`punctuality-optimum.ts`), as a
   * share; null without appointments. `inexactDays`: days where the search gave up and the
   * share is an upper bound only.
   */
  optimum: { apptPunctuality: number | null; inexactDays: number };
}

export function punctualityBound(scenario: Scenario, days: number): PunctualityBound {
  const oracle = measure(scenario, simulate(scenario, createOraclePunctual(scenario), days));
  const tellerline = measure(scenario, simulate(scenario, 'tellerline', days));
  const figures = (m: Metrics) => ({ apptPunctuality: m.apptPunctuality, servedWithinTarget: m.servedWithinTarget, p90WaitMin: m.p90WaitMin });
  const best = punctualityOptimum(scenario, days);
  const optimum = { apptPunctuality: best.appointments === 0 ? null : Math.round((best.maxOnTime / best.appointments) * 1000) / 1000, inexactDays: best.inexactDays };
  return { scenario: scenario.name, days, appointments: oracle.appointments, optimum, oracle: figures(oracle), tellerline: figures(tellerline) };
}

/** Meets the punctuality goal (no appointments: trivially). */
export function punctual(share: number | null): boolean {
  return share === null || share >= PUNCTUALITY_GOAL;
}

export function formatPunctualityBound(rows: readonly PunctualityBound[]): string {
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  const header = ['scenario', 'days', 'appointments', 'optimum on time', 'oracle on time', 'tellerline on time', 'oracle within target', 'tellerline within target', 'oracle p90', 'tellerline p90'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.days),
    String(r.appointments),
    `${pct(r.optimum.apptPunctuality)}${r.optimum.inexactDays > 0 ? ` (<=, ${r.optimum.inexactDays} days)` : ''}`,
    pct(r.oracle.apptPunctuality),
    pct(r.tellerline.apptPunctuality),
    pct(r.oracle.servedWithinTarget),
    pct(r.tellerline.servedWithinTarget),
    `${r.oracle.p90WaitMin.toFixed(1)} min`,
    `${r.tellerline.p90WaitMin.toFixed(1)} min`,
  ]);
  const lines = [
    'Punctuality bound (an experiment, not a compared policy): optimum = the most booked customers any caller could call on time,',
    'booked customers alone (exact search per day); oracle = oracle-punctual, which knows who of the booked comes, when, and every service time',
    table(header, body),
  ];
  if (rows.length > 1) {
    const n = (pick: (r: PunctualityBound) => number | null) => rows.filter((r) => punctual(pick(r))).length;
    lines.push(
      `reach ${PUNCTUALITY_GOAL * 100}% on time: optimum ${n((r) => r.optimum.apptPunctuality)}, oracle ${n((r) => r.oracle.apptPunctuality)}, tellerline ${n((r) => r.tellerline.apptPunctuality)} of ${rows.length}`,
    );
  }
  return lines.join('\n');
}
