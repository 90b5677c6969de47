import type { BranchScenarioView } from '@tellerline/contracts';
import { api } from '$lib/api.js';

/** The contract's weekday names (the engine's week); the list is only the order of the picker. */
export type Weekday = BranchScenarioView['weekday'];
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** How many of the branch's last business days the scenario is built from. */
export const SCENARIO_DAYS = 28;

/** The file a manager downloads: the scenario itself, named after the branch and weekday. */
export function scenarioFile(branchCode: string, view: BranchScenarioView): { name: string; text: string } {
  const safe = branchCode.replace(/[^A-Za-z0-9_-]/g, '') || 'branch';
  return { name: `${safe}-${view.weekday}-${view.toDay}.scenario.json`, text: `${JSON.stringify(view.scenario, null, 2)}\n` };
}

/** The scenario of `weekday` ('' = the busiest one) for the branch; rejects with an ApiFailure (NO_HISTORY, CLOSED_THAT_DAY ...). */
export function fetchScenario(branchId: string, weekday: Weekday | ''): Promise<BranchScenarioView> {
  const q = new URLSearchParams({ days: String(SCENARIO_DAYS) });
  if (weekday) q.set('weekday', weekday);
  return api<BranchScenarioView>('GET', `/api/v1/branches/${encodeURIComponent(branchId)}/simulation/scenario?${q}`);
}
