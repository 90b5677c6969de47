import type { RoutingConfig } from '@tellerline/engine';
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
}

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
  return { report: { scenario: scenario.name, seed: scenario.seed, days, policies }, runs };
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
  return { ...roundMetrics(computeMetrics(tickets, staff, targets)), perService, worstService: worstOf(perService) };
}

function worstOf(perService: Record<string, Metrics>): WorstService | null {
  let worst: WorstService | null = null;
  for (const [code, m] of Object.entries(perService)) {
    if (m.customers > 0 && (!worst || m.servedWithinTarget < worst.servedWithinTarget)) worst = { code, servedWithinTarget: m.servedWithinTarget };
  }
  return worst;
}
