import { PUNCTUALITY_GOAL } from '@tellerline/engine';
import { BASELINES, type Baseline, type PolicyReport, type SimReport } from './compare.js';
import { againstGoal, evidenceOf, type Evidence, type Interval } from './confidence.js';
import type { PolicyName } from './policies.js';
import type { Scenario } from './scenario.js';

/**
 * The routing goal, checked on a comparison report:
 *
 * - p90: Tellerline's p90 wait is below both baselines' (or all are 0);
 * - within target: Tellerline's share served within target is above both baselines' (or all 1);
 * - no starvation, per service: everyone is called before the day ends; nobody waits more than
 *   1.5 x (+5 min) the longest wait either baseline gave that service (unless still within twice
 *   the target); and the service does not
 *   do much worse than under the better baseline for it (share within target more than 10
 *   points lower AND p90 wait over 1.5 x that baseline's AND over twice the target);
 * - punctuality: at least 95% of appointments called within 5 minutes of their time.
 */
export interface GoalResult {
  scenario: string;
  p90: boolean;
  withinTarget: boolean;
  noStarvation: boolean;
  punctuality: boolean;
  pass: boolean;
  /** Human-readable reasons for every failed part. */
  failures: string[];
  /**
   * The parts judged against the run's noise: the walk-in parts from the report's `versus`
   * intervals (better than both baselines beyond it, worse than at least one beyond it, or
   * neither), punctuality from Tellerline's own interval (above PUNCTUALITY_GOAL, below it, or
   * either; absent without booked customers). Absent when the report has no intervals (fewer
   * than 5 days).
   */
  evidence?: { p90: Evidence; withinTarget: Evidence; punctuality?: Evidence };
}

/** The engine's goal for booked customers (the managers' booking rules screen uses it too). */
export { PUNCTUALITY_GOAL };
export const STARVE_MARGIN = 0.1;
export const STARVE_MAX_FACTOR = 1.5;
export const STARVE_MAX_SLACK_MIN = 5;

export function checkGoal(scenario: Scenario, report: SimReport): GoalResult {
  const tl = report.policies.tellerline;
  const baselines = BASELINES.map((p) => [p, report.policies[p]] as const);
  if (!tl || baselines.some(([, r]) => !r)) throw new Error('checkGoal needs all three policies');
  const failures: string[] = [];

  let p90 = true;
  let within = true;
  for (const [name, b] of baselines as (readonly [Baseline, PolicyReport])[]) {
    if (!(tl.p90WaitMin < b.p90WaitMin || (tl.p90WaitMin === 0 && b.p90WaitMin === 0))) {
      p90 = false;
      failures.push(`p90 ${tl.p90WaitMin} not below ${name} ${b.p90WaitMin}${noise(report, name, 'p90WaitMin')}`);
    }
    if (!(tl.servedWithinTarget > b.servedWithinTarget || (tl.servedWithinTarget === 1 && b.servedWithinTarget === 1))) {
      within = false;
      failures.push(`within target ${tl.servedWithinTarget} not above ${name} ${b.servedWithinTarget}${noise(report, name, 'servedWithinTarget')}`);
    }
  }

  let noStarvation = true;
  for (const sv of scenario.services) {
    const mine = tl.perService[sv.code];
    if (!mine) continue;
    if (mine.unserved > 0) {
      noStarvation = false;
      failures.push(`${sv.code}: ${mine.unserved} never called`);
      continue;
    }
    const theirs = baselines.map(([, b]) => b!.perService[sv.code]!);
    const best = theirs.reduce((a, b) => (b.servedWithinTarget > a.servedWithinTarget ? b : a));
    const worstMax = Math.max(...theirs.map((b) => b.maxWaitMin));
    if (mine.maxWaitMin > STARVE_MAX_FACTOR * worstMax + STARVE_MAX_SLACK_MIN && mine.maxWaitMin > 2 * sv.targetMin) {
      noStarvation = false;
      failures.push(`${sv.code}: someone waited ${mine.maxWaitMin} min, baselines at most ${worstMax}`);
      continue;
    }
    const muchWorse =
      mine.servedWithinTarget < best.servedWithinTarget - STARVE_MARGIN &&
      mine.p90WaitMin > 1.5 * best.p90WaitMin &&
      mine.p90WaitMin > 2 * sv.targetMin;
    if (muchWorse) {
      noStarvation = false;
      failures.push(
        `${sv.code}: within target ${mine.servedWithinTarget} vs best baseline ${best.servedWithinTarget}, p90 ${mine.p90WaitMin} vs ${best.p90WaitMin} (target ${sv.targetMin})`,
      );
    }
  }

  const punctuality = tl.apptPunctuality === null || tl.apptPunctuality >= PUNCTUALITY_GOAL;
  const onTime = tl.apptPunctualityInterval;
  const punctualityEvidence = onTime && againstGoal(onTime, PUNCTUALITY_GOAL);
  if (!punctuality) {
    const of = `${tl.appointments} appointment${tl.appointments === 1 ? '' : 's'}`;
    const spread = punctualityEvidence === 'unclear' ? `; 95%: ${onTime!.lo} to ${onTime!.hi}, within noise` : '';
    failures.push(`appointment punctuality ${tl.apptPunctuality} < ${PUNCTUALITY_GOAL} (${of}${spread})`);
  }

  const result: GoalResult = { scenario: report.scenario, p90, withinTarget: within, noStarvation, punctuality, pass: p90 && within && noStarvation && punctuality, failures };
  const evidence = evidenceAgainstBaselines(report);
  if (evidence) result.evidence = punctualityEvidence ? { ...evidence, punctuality: punctualityEvidence } : evidence;
  return result;
}

/** " (within noise)" when the run's interval for this difference holds 0: more days may turn it. */
function noise(report: SimReport, baseline: Baseline, figure: 'p90WaitMin' | 'servedWithinTarget'): string {
  const i = report.versus?.[baseline]?.[figure];
  if (!i) return '';
  return evidenceOf(i, figure === 'p90WaitMin' ? 'lower' : 'higher') === 'unclear' ? ' (within noise)' : '';
}

/** Better than both baselines beyond the noise, worse than either beyond it, or unclear. */
function evidenceAgainstBaselines(report: SimReport): GoalResult['evidence'] {
  const versus = BASELINES.map((b) => report.versus?.[b]);
  if (versus.some((v) => !v)) return undefined;
  const combine = (pick: (v: NonNullable<(typeof versus)[number]>) => Interval, better: 'lower' | 'higher'): Evidence => {
    const each = versus.map((v) => evidenceOf(pick(v!), better));
    if (each.includes('worse')) return 'worse';
    return each.every((e) => e === 'better') ? 'better' : 'unclear';
  };
  return { p90: combine((v) => v.p90WaitMin, 'lower'), withinTarget: combine((v) => v.servedWithinTarget, 'higher') };
}

/** How many of `goals` meet the whole goal and each of its parts: what a seed range is judged by. */
export interface GoalTally {
  count: number;
  pass: number;
  p90: number;
  withinTarget: number;
  noStarvation: number;
  punctuality: number;
  /**
   * The parts against the noise of the run (`GoalResult.evidence`): in how many scenarios
   * Tellerline is better than both baselines beyond it (punctuality: above the goal), and worse
   * than one beyond it (below the goal); the rest are within noise. Counts only scenarios that
   * have intervals.
   */
  clear: Record<'p90' | 'withinTarget' | 'punctuality', { better: number; worse: number }>;
}

export function tallyGoals(goals: readonly GoalResult[]): GoalTally {
  const n = (k: 'pass' | 'p90' | 'withinTarget' | 'noStarvation' | 'punctuality') => goals.filter((g) => g[k]).length;
  const clear = (part: 'p90' | 'withinTarget' | 'punctuality') => ({
    better: goals.filter((g) => g.evidence?.[part] === 'better').length,
    worse: goals.filter((g) => g.evidence?.[part] === 'worse').length,
  });
  return {
    count: goals.length,
    pass: n('pass'),
    p90: n('p90'),
    withinTarget: n('withinTarget'),
    noStarvation: n('noStarvation'),
    punctuality: n('punctuality'),
    clear: { p90: clear('p90'), withinTarget: clear('withinTarget'), punctuality: clear('punctuality') },
  };
}

/**
 * Tellerline's worst-served service does better than both baselines' (share within target;
 * every policy at 100% counts too). Not part of the goal: the fairness the pooled figures hide.
 */
export function fairestWorstService(report: SimReport): boolean {
  const share = (p: PolicyName) => report.policies[p]?.worstService?.servedWithinTarget ?? 1;
  const tl = share('tellerline');
  const others = BASELINES.map(share);
  return others.every((x) => tl > x) || (tl === 1 && others.every((x) => x === 1));
}
