import { DEFAULT_ROUTING, HOLD_GRACE_MIN } from '@tellerline/engine';
import { epochMs, MIN_MS } from './clock.js';
import { drawCustomers } from './customers.js';
import { earliestStart, planBooked, serviceMs, staffDays, type BookedJob, type StaffDay } from './oracle-punctual.js';
import type { Scenario } from './scenario.js';

/**
 * The exact most booked customers of one day any caller could call on time, to check how far
 * the greedy `oracle-punctual` is from it. Booked customers only: any policy's on-time calls,
 * with everyone else taken away, are still a valid plan (each colleague one customer at a time,
 * a call inside a shift or after closing for those who stay, the known service time), so this
 * optimum bounds every policy, clairvoyant or not. It lets calls start at any millisecond, which
 * the simulator's callers (at events and minute wake-ups) cannot: a bound, possibly not reached.
 */
export interface DayOptimum {
  /** Booked customers who keep their slot. */
  jobs: number;
  /** The most that can be on time (exact unless `exact` is false: then an upper bound). */
  maxOnTime: number;
  /** The greedy plan's count on the whole day known in advance (what the oracle plans at opening). */
  greedy: number;
  exact: boolean;
}

export function dayJobs(s: Scenario, day: number): BookedJob[] {
  const lateMs = DEFAULT_ROUTING.appointmentLateMin * MIN_MS;
  return drawCustomers(s, day)
    .flatMap((c) => {
      if (c.kind !== 'appointment' || c.appointmentMin === undefined) return [];
      const releaseMs = epochMs(day, c.arriveMin);
      const slotMs = epochMs(day, c.appointmentMin);
      if (releaseMs > slotMs + lateMs) return [];
      return [{ id: c.id, service: c.service, releaseMs, deadlineMs: Math.max(releaseMs, slotMs) + HOLD_GRACE_MIN * MIN_MS, baseServiceMin: c.baseServiceMin }];
    })
    .sort((a, b) => a.deadlineMs - b.deadlineMs || a.releaseMs - b.releaseMs);
}

/**
 * Branch and bound over schedules built in order of start time, each colleague's customers as
 * early as their predecessor and their check-in allow (shifting an on-time call earlier keeps it
 * on time, so such schedules hold an optimum). Bound: on time so far + those still startable by
 * their deadline on some colleague. Gives up after `nodeLimit` nodes (then `exact` is false and
 * `maxOnTime` the bound at the root, still valid).
 */
export function dayOptimum(jobs: readonly BookedJob[], staff: readonly StaffDay[], nodeLimit = 2_000_000): DayOptimum {
  const n = jobs.length;
  const greedy = planBooked(jobs, staff, new Map(), -Infinity).onTime;
  const dur = jobs.map((j) => staff.map((st) => ((st.skills[j.service] ?? 0) > 0 ? serviceMs(j.baseServiceMin, st.skills[j.service]!) : -1)));
  const free = staff.map(() => -Infinity);
  const done = new Array<boolean>(n).fill(false);
  let best = greedy;
  let nodes = 0;
  let exact = true;

  const startOn = (j: number, m: number, floor: number): number | undefined => {
    const d = dur[j]![m]!;
    if (d < 0) return undefined;
    return earliestStart(staff[m]!.windows, [], Math.max(jobs[j]!.releaseMs, free[m]!, floor), d, jobs[j]!.deadlineMs);
  };
  const bound = (floor: number) => {
    let k = 0;
    for (let j = 0; j < n; j++) {
      if (done[j]) continue;
      if (staff.some((_, m) => startOn(j, m, floor) !== undefined)) k++;
    }
    return k;
  };
  const root = bound(-Infinity);

  const search = (floor: number, onTime: number) => {
    if (++nodes > nodeLimit) {
      exact = false;
      return;
    }
    if (onTime > best) best = onTime;
    if (onTime + bound(floor) <= best) return;
    const options: { j: number; m: number; start: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (done[j]) continue;
      for (let m = 0; m < staff.length; m++) {
        // Semi-active start: as early as this colleague and the customer allow; before `floor`
        // it belongs to a branch that placed it earlier.
        const d = dur[j]![m]!;
        if (d < 0) continue;
        const semi = earliestStart(staff[m]!.windows, [], Math.max(jobs[j]!.releaseMs, free[m]!), d, jobs[j]!.deadlineMs);
        if (semi !== undefined && semi >= floor) options.push({ j, m, start: semi });
      }
    }
    options.sort((a, b) => a.start - b.start || jobs[a.j]!.deadlineMs - jobs[b.j]!.deadlineMs);
    for (const { j, m, start } of options) {
      if (!exact) return;
      const before = free[m]!;
      done[j] = true;
      free[m] = start + dur[j]![m]!;
      search(start, onTime + 1);
      free[m] = before;
      done[j] = false;
    }
  };
  if (greedy < root) search(-Infinity, 0);
  return { jobs: n, maxOnTime: exact ? best : root, greedy, exact };
}

/** The exact (or bounded) most on time per day, summed over `days`, from the scenario's own draw. */
export function punctualityOptimum(s: Scenario, days: number, nodeLimit?: number): { appointments: number; maxOnTime: number; greedy: number; inexactDays: number } {
  let appointments = 0;
  let maxOnTime = 0;
  let greedy = 0;
  let inexactDays = 0;
  for (let d = 0; d < days; d++) {
    const r = dayOptimum(dayJobs(s, d), staffDays(s, d), nodeLimit);
    appointments += r.jobs;
    maxOnTime += r.maxOnTime;
    greedy += r.greedy;
    if (!r.exact) inexactDays++;
  }
  return { appointments, maxOnTime, greedy, inexactDays };
}
