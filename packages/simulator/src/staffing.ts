import { formatClock, parseClock } from './clock.js';
import { measure } from './compare.js';
import { serversFor } from './erlang.js';
import type { Metrics } from './metrics.js';
import { openingHours, type Scenario, type StaffSpec } from './scenario.js';
import { simulate } from './simulate.js';

/**
 * Staffing what-if: the smallest staff mix by skill that reaches every service's target
 * (`serviceLevel` share of customers called within targetMin, default 0.8) on the scenario's
 * arrivals.
 *
 * 1. Erlang C per service and opening hour (offered load = (walk-ins + appointments that show)
 *    x mean service time) gives the specialists each hour needs; the peak hour sets the count.
 * 2. A simulation (Tellerline policy, same customers, breaks as below) confirms:
 *    a service that misses its target gets one more specialist until all pass; then each
 *    service gives one back as long as the simulation still passes (Erlang C is an M/M/c
 *    approximation: appointments are smoother than Poisson, hours are not steady states).
 * 3. The same for cross-trained staff (every skill at 1.0): pooled Erlang C, then simulation.
 *
 * Breaks: every simulated staff member takes one break of `breakMin` (by default the length the
 * scenario's own roster takes between shifts, 0 when it takes none), at one of a few start times
 * staggered around the middle of the day (`breakStarts`). A mix without lunch relief leaves a
 * lone specialist's queue unserved for that hour, and the simulation says so: the mix it
 * recommends covers the breaks. Erlang C knows nothing of breaks; the simulation adds the relief.
 */
export interface StaffingReport {
  scenario: string;
  serviceLevel: number;
  days: number;
  /** Length of each staff member's break in the simulated mixes (0: full-day shifts). */
  breakMin: number;
  /** When those breaks start ("11:30"), taken in turn by a service's (or the pool's) staff. */
  breakStarts: string[];
  erlang: { code: string; targetMin: number; meanServiceMin: number; hours: { from: string; arrivalsPerHour: number; erlangs: number; servers: number }[]; peak: number }[];
  erlangMix: Record<string, number>;
  specialists: MixResult;
  generalists: MixResult;
  current: { staff: number; perService: Record<string, Metrics>; meetsTarget: boolean };
}

export interface MixResult {
  mix: Record<string, number>;
  total: number;
  meetsTarget: boolean;
  perService: Record<string, Metrics>;
  /** Each simulated candidate, in order: what was tried and whether it passed. */
  trials: { mix: Record<string, number>; pass: boolean }[];
}

const MAX_TRIALS = 40;

export interface StaffingOptions {
  /** Break per staff member in the simulated mixes; default `rosterBreakMin(scenario)`. */
  breakMin?: number;
}

export function staffingWhatIf(scenario: Scenario, days = 5, opts: StaffingOptions = {}): StaffingReport {
  const goal = scenario.serviceLevel ?? 0.8;
  const { openMin, closeMin, hours } = openingHours(scenario);
  const breakMin = opts.breakMin ?? rosterBreakMin(scenario);
  const starts = breakStarts(openMin, closeMin, breakMin);
  const shifts = (i: number) => shiftsWithBreak(openMin, closeMin, breakMin, starts, i);
  const showRate = 1 - (scenario.appointments?.noShowRate ?? 0);

  const erlang = scenario.services.map((sv) => {
    const rows = Array.from({ length: hours }, (_, h) => {
      const lambda = (sv.arrivalsPerHour[h] ?? 0) + (sv.appointmentsPerHour?.[h] ?? 0) * showRate;
      const a = (lambda * sv.meanServiceMin) / 60;
      return { from: formatClock(openMin + 60 * h), arrivalsPerHour: round(lambda, 2), erlangs: round(a, 3), servers: serversFor(a, sv.meanServiceMin, sv.targetMin, goal) };
    });
    return { code: sv.code, targetMin: sv.targetMin, meanServiceMin: sv.meanServiceMin, hours: rows, peak: Math.max(1, ...rows.map((r) => r.servers)) };
  });
  const erlangMix = Object.fromEntries(erlang.map((e) => [e.code, e.peak]));

  const check = (staff: StaffSpec[]) => {
    const trial: Scenario = { ...scenario, staff };
    const perService = measure(trial, simulate(trial, 'tellerline', days)).perService;
    const shortfall = Object.fromEntries(Object.entries(perService).map(([code, m]) => [code, goal - m.servedWithinTarget]));
    return { perService, shortfall, pass: Object.values(shortfall).every((x) => x <= 1e-9) };
  };

  // Specialists: one staff list per mix.
  const specialists = searchMix(erlangMix, (mix) => check(specialistStaff(scenario, mix, shifts)));

  // Generalists: pooled Erlang C over the busiest hour (service time weighted by load, the
  // tightest target), then the same simulate-and-adjust loop with one pool.
  let pooled = 1;
  for (let h = 0; h < hours; h++) {
    let a = 0;
    let work = 0;
    let lambda = 0;
    for (const sv of scenario.services) {
      const l = (sv.arrivalsPerHour[h] ?? 0) + (sv.appointmentsPerHour?.[h] ?? 0) * showRate;
      lambda += l;
      work += l * sv.meanServiceMin;
      a += (l * sv.meanServiceMin) / 60;
    }
    if (lambda > 0) pooled = Math.max(pooled, serversFor(a, work / lambda, Math.min(...scenario.services.map((s) => s.targetMin)), goal));
  }
  const generalists = searchMix({ ALL: pooled }, (mix) => check(generalistStaff(scenario, mix['ALL'] ?? 1, shifts)));

  const current = check(scenario.staff);
  return {
    scenario: scenario.name,
    serviceLevel: goal,
    days,
    breakMin,
    breakStarts: starts.map(formatClock),
    erlang,
    erlangMix,
    specialists,
    generalists,
    current: { staff: scenario.staff.length, perService: current.perService, meetsTarget: current.pass },
  };
}

/** Grows the worst-off group until every service passes, then trims while it still passes. */
function searchMix(
  start: Record<string, number>,
  run: (mix: Record<string, number>) => { perService: Record<string, Metrics>; shortfall: Record<string, number>; pass: boolean },
): MixResult {
  const trials: MixResult['trials'] = [];
  const tried = new Map<string, ReturnType<typeof run>>();
  const attempt = (mix: Record<string, number>) => {
    const key = JSON.stringify(mix);
    let r = tried.get(key);
    if (!r) {
      r = run(mix);
      tried.set(key, r);
      trials.push({ mix: { ...mix }, pass: r.pass });
    }
    return r;
  };
  let mix = { ...start };
  let r = attempt(mix);
  while (!r.pass && trials.length < MAX_TRIALS) {
    const keys = Object.keys(mix);
    // Generalists have one group; specialists grow the service furthest below its goal.
    const worst = keys.length === 1 ? keys[0]! : Object.entries(r.shortfall).sort((a, b) => b[1] - a[1])[0]![0];
    mix = { ...mix, [worst]: (mix[worst] ?? 0) + 1 };
    r = attempt(mix);
  }
  if (r.pass) {
    for (const key of Object.keys(mix)) {
      while ((mix[key] ?? 0) > 1 && trials.length < MAX_TRIALS) {
        const fewer = { ...mix, [key]: mix[key]! - 1 };
        const f = attempt(fewer);
        if (!f.pass) break;
        mix = fewer;
        r = f;
      }
    }
  }
  return { mix, total: Object.values(mix).reduce((a, b) => a + b, 0), meetsTarget: r.pass, perService: r.perService, trials };
}

type Shifts = (indexInGroup: number) => [string, string][];

function specialistStaff(s: Scenario, mix: Record<string, number>, shifts: Shifts): StaffSpec[] {
  return s.services.flatMap((sv) =>
    Array.from({ length: mix[sv.code] ?? 0 }, (_, i) => ({ id: `${sv.code.toLowerCase()}${i + 1}`, skills: { [sv.code]: 1 }, shifts: shifts(i) })),
  );
}

function generalistStaff(s: Scenario, n: number, shifts: Shifts): StaffSpec[] {
  const skills = Object.fromEntries(s.services.map((sv) => [sv.code, 1]));
  return Array.from({ length: n }, (_, i) => ({ id: `g${i + 1}`, skills, shifts: shifts(i) }));
}

/**
 * The break the scenario's own staff take: the median gap between consecutive shifts over the
 * staff who have one, rounded to 15 minutes; 0 when nobody takes a break.
 */
export function rosterBreakMin(s: Scenario): number {
  const gaps: number[] = [];
  for (const st of s.staff) {
    for (let i = 1; i < st.shifts.length; i++) gaps.push(parseClock(st.shifts[i]![0]) - parseClock(st.shifts[i - 1]![1]));
  }
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return Math.round(gaps[Math.floor((gaps.length - 1) / 2)]! / 15) * 15;
}

/** Breaks start no earlier than this long after opening and end this long before closing. */
const BREAK_MARGIN_MIN = 150;

/**
 * Start minutes for breaks of `breakMin`, back to back from BREAK_MARGIN_MIN after opening so
 * that a group's breaks do not overlap while there are enough start times (09:00-17:00, 60 min:
 * 11:30, 12:30, 13:30). A short day gets one break in its middle; none when breakMin is 0.
 */
export function breakStarts(openMin: number, closeMin: number, breakMin: number): number[] {
  if (breakMin <= 0) return [];
  const from = openMin + BREAK_MARGIN_MIN;
  const count = Math.floor((closeMin - BREAK_MARGIN_MIN - from) / breakMin);
  if (count < 1) return [Math.round((openMin + closeMin - breakMin) / 2)];
  return Array.from({ length: count }, (_, k) => from + k * breakMin);
}

/** The shifts of the i-th member of a group: the whole day, split by the i-th break start in turn. */
function shiftsWithBreak(openMin: number, closeMin: number, breakMin: number, starts: number[], i: number): [string, string][] {
  const day: [string, string] = [formatClock(openMin), formatClock(closeMin)];
  if (starts.length === 0) return [day];
  const at = starts[i % starts.length]!;
  if (at <= openMin || at + breakMin >= closeMin) return [day];
  return [
    [formatClock(openMin), formatClock(at)],
    [formatClock(at + breakMin), formatClock(closeMin)],
  ];
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
