import { isPunctual, nearestRankIndex, waitMin, withinTarget } from './metrics.js';
import { mixSeed, mulberry32 } from './rng.js';
import type { Scenario } from './scenario.js';
import type { PolicyRun } from './simulate.js';

/**
 * How sure is "Tellerline's p90 is below fifo's"? A run's days are its independent
 * replications (a day's queue empties at closing), and on day d every policy meets the same
 * customers (common random numbers), so the difference between two policies is resampled by
 * day, paired: draw the days with replacement, pool each policy's customers of those days, take
 * the difference of the two pooled figures; the central 95% of BOOTSTRAP_RESAMPLES such
 * differences is the interval. A difference whose interval holds 0 is within the noise of the
 * run: more days may go either way. (The customers of one day are not independent of each
 * other, a queue carries its delays, so resampling customers would claim too much.)
 */
export const BOOTSTRAP_RESAMPLES = 500;
export const CONFIDENCE = 0.95;
/** Fewer days give no interval: a bootstrap over a handful of days says little of its own width. */
export const MIN_DAYS_FOR_INTERVAL = 5;

/** One policy minus another, on the pooled figure, with its bootstrap interval. */
export interface Interval {
  diff: number;
  lo: number;
  hi: number;
}

/** Tellerline minus one baseline: p90 wait in minutes (negative = shorter) and share within target (positive = more). */
export interface Versus {
  p90WaitMin: Interval;
  servedWithinTarget: Interval;
}

/** Where a difference stands: better or worse beyond the run's noise, or not clear either way. */
export type Evidence = 'better' | 'worse' | 'unclear';

/** Each day's waits (minutes) and how many of them were called within their service's target. */
interface DayFigures {
  waits: Float64Array;
  within: number;
}

function dayFigures(scenario: Scenario, run: PolicyRun): DayFigures[] {
  const targets = Object.fromEntries(scenario.services.map((s) => [s.code, s.targetMin]));
  return run.days.map((d) => {
    const waits = Float64Array.from(d.tickets, waitMin);
    let within = 0;
    d.tickets.forEach((t, i) => {
      if (withinTarget(t, targets, waits[i]!)) within++;
    });
    return { waits, within };
  });
}

/**
 * `mine` minus `theirs` over the same days, with intervals; null when the runs have fewer than
 * MIN_DAYS_FOR_INTERVAL days or not the same number. Deterministic: the resampling has its own
 * stream from the scenario's seed. The point differences are those of the pooled figures the
 * report prints (p90 by nearest rank, a never-called ticket never within target).
 */
export function pairedBootstrap(scenario: Scenario, mine: PolicyRun, theirs: PolicyRun, resamples = BOOTSTRAP_RESAMPLES): Versus | null {
  const n = mine.days.length;
  if (n < MIN_DAYS_FOR_INTERVAL || theirs.days.length !== n) return null;
  const a = dayFigures(scenario, mine);
  const b = dayFigures(scenario, theirs);
  const scratch = new Float64Array(Math.max(longestDay(a), longestDay(b)) * n);
  const all = Array.from({ length: n }, (_, i) => i);
  const p90 = (days: DayFigures[], pick: readonly number[]) => pooledP90(days, pick, scratch);
  const rng = mulberry32(mixSeed(scenario.seed, n, 0xb007));
  const p90Diffs = new Float64Array(resamples);
  const withinDiffs = new Float64Array(resamples);
  const pick = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) pick[i] = Math.floor(rng() * n);
    p90Diffs[r] = p90(a, pick) - p90(b, pick);
    withinDiffs[r] = withinShare(a, pick) - withinShare(b, pick);
  }
  return {
    p90WaitMin: interval(p90(a, all) - p90(b, all), p90Diffs),
    servedWithinTarget: interval(withinShare(a, all) - withinShare(b, all), withinDiffs),
  };
}

/** A share measured on one run, with its bootstrap interval over days. */
export interface ShareInterval {
  share: number;
  lo: number;
  hi: number;
}

/**
 * The run's appointment punctuality (booked customers who kept their slot, called on time) with
 * a 95% interval, resampling days as `pairedBootstrap` does; null with fewer than
 * MIN_DAYS_FOR_INTERVAL days or no such appointment. Thirty days of a branch with one booking a
 * day is 30 appointments: one late call more or less moves the share by 3 points, and the
 * interval says so.
 */
export function punctualityInterval(run: PolicyRun, seed: number, resamples = BOOTSTRAP_RESAMPLES): ShareInterval | null {
  const n = run.days.length;
  const days = run.days.map((d) => {
    const booked = d.tickets.filter((t) => t.keptSlot);
    return { booked: booked.length, onTime: booked.filter(isPunctual).length };
  });
  const booked = days.reduce((s, d) => s + d.booked, 0);
  if (n < MIN_DAYS_FOR_INTERVAL || booked === 0) return null;
  const rng = mulberry32(mixSeed(seed, n, 0x9c7));
  const shares: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let b = 0;
    let on = 0;
    for (let i = 0; i < n; i++) {
      const d = days[Math.floor(rng() * n)]!;
      b += d.booked;
      on += d.onTime;
    }
    // A resample of days without a single booking says nothing about punctuality: skip it.
    if (b > 0) shares.push(on / b);
  }
  const i = interval(days.reduce((s, d) => s + d.onTime, 0) / booked, Float64Array.from(shares));
  return { share: i.diff, lo: i.lo, hi: i.hi };
}

/** Better, worse or unclear, for a difference where lower is better (waits) or higher is (shares). */
export function evidenceOf(i: Interval, better: 'lower' | 'higher'): Evidence {
  const [good, bad] = better === 'lower' ? [i.hi < 0, i.lo > 0] : [i.lo > 0, i.hi < 0];
  return good ? 'better' : bad ? 'worse' : 'unclear';
}

/** A measured share against a goal: above it beyond the noise, below it beyond the noise, or unclear. */
export function againstGoal(i: { lo: number; hi: number }, goal: number): Evidence {
  return i.lo > goal ? 'better' : i.hi < goal ? 'worse' : 'unclear';
}

/** The most customers any one day had (a resample is at most n such days). */
function longestDay(days: DayFigures[]): number {
  return days.reduce((m, d) => Math.max(m, d.waits.length), 0);
}

/** Nearest-rank p90 of the waits of the picked days (a day picked twice counts twice); 0 with no customers. */
function pooledP90(days: DayFigures[], pick: readonly number[], scratch: Float64Array): number {
  let len = 0;
  for (const i of pick) {
    scratch.set(days[i]!.waits, len);
    len += days[i]!.waits.length;
  }
  if (len === 0) return 0;
  return scratch.subarray(0, len).sort()[nearestRankIndex(len, 0.9)]!;
}

/** Share of the picked days' customers called within target; 1 with no customers (as the report). */
function withinShare(days: DayFigures[], pick: readonly number[]): number {
  let within = 0;
  let count = 0;
  for (const i of pick) {
    within += days[i]!.within;
    count += days[i]!.waits.length;
  }
  return count === 0 ? 1 : within / count;
}

/** The point value and the central CONFIDENCE of its resampled values. */
function interval(point: number, resampled: Float64Array): Interval {
  const sorted = resampled.sort();
  const tail = (1 - CONFIDENCE) / 2;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return { diff: round(point), lo: round(at(tail)), hi: round(at(1 - tail)) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
