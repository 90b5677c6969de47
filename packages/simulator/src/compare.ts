import type { RoutingConfig } from '@tellerline/engine';
import { pairedBootstrap, punctualityInterval, type Versus } from './confidence.js';
import { computeMetrics, roundMetrics, type Metrics } from './metrics.js';
import { POLICY_NAMES, type PolicyName } from './policies.js';
import type { Scenario } from './scenario.js';
import { simulate, type PolicyRun } from './simulate.js';

export interface PolicyReport extends Metrics {
  perService: Record<string, Metrics>;
  /**
   * The service this policy served worst: the lowest share called within target among services
   * with customers (the first in scenario order on a tie); null when nobody came. The pooled
   * figures can look good while one small queue is left behind; this is the fairness check.
   */
  worstService: WorstService | null;
  /**
   * 95% interval of apptPunctuality from a bootstrap over days (see confidence.ts): whether a
   * share below the goal is beyond the noise of this many days. Absent with fewer than 5 days
   * or without booked customers.
   */
  apptPunctualityInterval?: { lo: number; hi: number };
}

export interface WorstService {
  code: string;
  servedWithinTarget: number;
}

/** What `--json` prints. */
export interface SimReport {
  scenario: string;
  seed: number;
  days: number;
  policies: Partial<Record<PolicyName, PolicyReport>>;
  /**
   * Tellerline minus each baseline that ran with it, with 95% intervals from a paired bootstrap
   * over days (see confidence.ts): whether a difference in p90 or share within target is beyond
   * the noise of this many days. Absent with fewer than 5 days or without Tellerline.
   */
  versus?: Partial<Record<Baseline, Versus>>;
}

export type Baseline = Exclude<PolicyName, 'tellerline'>;
export const BASELINES: readonly Baseline[] = ['fifo', 'fixed-order'];

export interface CompareOptions {
  days?: number;
  policies?: readonly PolicyName[];
  routing?: RoutingConfig;
}

/** Runs every policy on the same days (same seed, same customers) and measures each. */
export function compare(scenario: Scenario, opts: CompareOptions = {}): { report: SimReport; runs: PolicyRun[] } {
  const days = opts.days ?? 1;
  const runs = (opts.policies ?? POLICY_NAMES).map((p) =>
    simulate(scenario, p, days, opts.routing ? { routing: opts.routing } : {}),
  );
  const policies: SimReport['policies'] = {};
  for (const run of runs) policies[run.policy as PolicyName] = measure(scenario, run);
  const report: SimReport = { scenario: scenario.name, seed: scenario.seed, days, policies };
  const versus = versusBaselines(scenario, runs);
  if (versus) report.versus = versus;
  return { report, runs };
}

function versusBaselines(scenario: Scenario, runs: PolicyRun[]): SimReport['versus'] {
  const mine = runs.find((r) => r.policy === 'tellerline');
  if (!mine) return undefined;
  const out: SimReport['versus'] = {};
  for (const b of BASELINES) {
    const theirs = runs.find((r) => r.policy === b);
    const v = theirs && pairedBootstrap(scenario, mine, theirs);
    if (v) out[b] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Metrics of one policy's run: overall and per service, pooled over all days. */
export function measure(scenario: Scenario, run: PolicyRun): PolicyReport {
  const targets = Object.fromEntries(scenario.services.map((s) => [s.code, s.targetMin]));
  const tickets = run.days.flatMap((d) => d.tickets);
  const staff = run.days.flatMap((d) => d.staff);
  const perService: Record<string, Metrics> = {};
  for (const sv of scenario.services) {
    perService[sv.code] = roundMetrics(
      computeMetrics(
        tickets.filter((t) => t.service === sv.code),
        staff,
        targets,
        sv.code,
      ),
    );
  }
  const out: PolicyReport = { ...roundMetrics(computeMetrics(tickets, staff, targets)), perService, worstService: worstOf(perService) };
  const punctual = punctualityInterval(run, scenario.seed);
  // The share itself is apptPunctuality: the report keeps the interval's ends only.
  if (punctual) out.apptPunctualityInterval = { lo: punctual.lo, hi: punctual.hi };
  return out;
}

function worstOf(perService: Record<string, Metrics>): WorstService | null {
  let worst: WorstService | null = null;
  for (const [code, m] of Object.entries(perService)) {
    if (m.customers > 0 && (!worst || m.servedWithinTarget < worst.servedWithinTarget)) worst = { code, servedWithinTarget: m.servedWithinTarget };
  }
  return worst;
}
