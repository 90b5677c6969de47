import { formatClock } from './clock.js';
import { between, intBetween, mixSeed, mulberry32, pick, type Rng } from './rng.js';
import { parseScenario, type Scenario, type ScenarioInput } from './scenario.js';

/**
 * Random branch days the policy was never tuned on: 2-4 services with their own targets,
 * durations and hourly profiles (morning, lunch or afternoon peaks), 3-9 staff with a primary
 * skill and some secondary ones, staggered breaks and part-timers, optional appointments and
 * priority customers. Arrivals are scaled so the branch is busy but within capacity over the day
 * (utilisation `load`, 0.6-0.9 by default): peaks can still exceed what is on duty.
 */
export function randomScenario(seed: number, opts: { load?: [number, number] } = {}): Scenario {
  const rng = mulberry32(mixSeed(seed, 0x5ce7));
  const [loLoad, hiLoad] = opts.load ?? [0.6, 0.9];
  const hours = intBetween(rng, 6, 9);
  const openMin = pick(rng, [8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60 + 30]);
  const closeMin = openMin + hours * 60;
  const codes = ['A', 'B', 'C', 'D'].slice(0, intBetween(rng, 2, 4));

  const services = codes.map((code) => {
    const meanServiceMin = round(pick(rng, [3, 4, 5, 6, 8, 10, 12, 15, 20, 25]) * between(rng, 0.85, 1.15), 1);
    const targetMin = pick(rng, [5, 8, 10, 15, 20, 30].filter((t) => t >= Math.min(10, meanServiceMin * 0.6)));
    return {
      code,
      targetMin,
      meanServiceMin,
      sdServiceMin: round(meanServiceMin * between(rng, 0.25, 0.8), 1),
      shape: profile(rng, hours),
      appointmentShare: rng() < 0.5 ? between(rng, 0.05, 0.35) : 0,
      weight: between(rng, 0.3, 1),
    };
  });

  // Primary skills in proportion to each service's share of the work (everyone has one, every
  // service gets at least one), so no service is left to a single weak helper.
  const nStaff = intBetween(rng, Math.max(3, codes.length), 9);
  const dayWork = services.map((sv) => sv.weight * sv.meanServiceMin * sv.shape.reduce((a, b) => a + b, 0));
  const primaries = apportion(dayWork, nStaff);
  const primaryOf = primaries.flatMap((n, si) => Array.from({ length: n }, () => si));
  const staff = primaryOf.map((si, i) => {
    const primary = codes[si]!;
    const skills: Record<string, number> = { [primary]: round(between(rng, 0.8, 1), 2) };
    for (const c of codes) {
      if (c !== primary && rng() < 0.45) skills[c] = round(between(rng, 0.4, 0.9), 2);
    }
    return { id: `s${i + 1}`, skills, shifts: shifts(rng, openMin, closeMin) };
  });
  // Branches cross-train: every service has at least one helper besides its primary staff.
  codes.forEach((code, si) => {
    const others = staff.filter((_, i) => primaryOf[i] !== si);
    if (others.length > 0 && !others.some((st) => code in st.skills)) {
      pick(rng, others).skills[code] = round(between(rng, 0.5, 0.9), 2);
    }
  });

  // A branch does not offer a service nobody will serve before closing: where every member of
  // staff skilled for it leaves early (part-timers), someone who stays to closing is cross-trained
  // for it. (Before, 5 of seeds 1-200 had a service with nobody from midday, and every policy left
  // its afternoon customers uncalled.) A gap during a break stays: those customers wait for the
  // break to end, as they would. Own random stream, so other branches are unchanged.
  coverGaps(mulberry32(mixSeed(seed, 0xc0fe)), codes, staff, openMin, closeMin);

  // Scale arrivals so that each service's work is at most `load` x what its primary staff can do
  // on duty (the most loaded service sets the scale); secondary skills add slack on top.
  const load = between(rng, loLoad, hiLoad);
  let scale = Infinity;
  services.forEach((sv, si) => {
    const capacity = staff.reduce((sum, st, i) => (primaryOf[i] === si ? sum + dutyOf(st.shifts) * st.skills[sv.code]! : sum), 0);
    scale = Math.min(scale, (load * capacity) / dayWork[si]!);
  });

  const input: ScenarioInput = {
    name: `random-${seed}`,
    description: `Random scenario ${seed}: ${codes.length} services, ${nStaff} staff, load ${round(load, 2)}.`,
    seed: mixSeed(seed, 0xda7),
    open: formatClock(openMin),
    close: formatClock(closeMin),
    services: services.map((sv) => {
      const total = sv.shape.map((x) => x * sv.weight * scale);
      return {
        code: sv.code,
        targetMin: sv.targetMin,
        meanServiceMin: sv.meanServiceMin,
        sdServiceMin: sv.sdServiceMin,
        arrivalsPerHour: total.map((x) => round(x * (1 - sv.appointmentShare), 2)),
        appointmentsPerHour: total.map((x) => round(x * sv.appointmentShare, 2)),
      };
    }),
    staff: staff.map((st) => ({ ...st, shifts: st.shifts.map(([a, b]) => [formatClock(a), formatClock(b)] as [string, string]) })),
    appointments: { noShowRate: round(between(rng, 0, 0.2), 2), latenessSdMin: round(between(rng, 2, 10), 1), latenessMeanMin: round(between(rng, -5, 2), 1) },
    priorityShare: rng() < 0.6 ? round(between(rng, 0.02, 0.12), 2) : 0,
  };
  return parseScenario(input, input.name);
}

/** Gives a service's skill to someone working until closing where nobody skilled for it does (see above). */
function coverGaps(rng: Rng, codes: string[], staff: { skills: Record<string, number>; shifts: [number, number][] }[], openMin: number, closeMin: number): void {
  const leaves = (st: (typeof staff)[number]) => Math.max(openMin, ...st.shifts.map(([, b]) => b));
  for (const code of codes) {
    const last = Math.max(openMin, ...staff.filter((st) => code in st.skills).map(leaves));
    if (last >= closeMin) continue;
    const stays = staff.filter((st) => leaves(st) >= closeMin);
    if (stays.length > 0) pick(rng, stays).skills[code] = round(between(rng, 0.5, 0.9), 2);
  }
}

/** Largest-remainder split of `n` seats by `weights`, at least one each. */
function apportion(weights: number[], n: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const seats = weights.map(() => 1);
  let left = n - weights.length;
  while (left > 0) {
    let best = 0;
    let bestGap = -Infinity;
    weights.forEach((w, i) => {
      const gap = (w / total) * n - seats[i]!;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    });
    seats[best]!++;
    left--;
  }
  return seats;
}

function dutyOf(shifts: [number, number][]): number {
  return shifts.reduce((s, [a, b]) => s + (b - a), 0);
}

/** Relative arrivals per hour: a base level plus one or two peaks. */
function profile(rng: Rng, hours: number): number[] {
  const peaks = Array.from({ length: intBetween(rng, 1, 2) }, () => ({ at: between(rng, 0, hours), height: between(rng, 0.2, 1), width: between(rng, 0.6, 2) }));
  return Array.from({ length: hours }, (_, h) => {
    let v = 1;
    for (const p of peaks) v += p.height * Math.exp(-(((h + 0.5 - p.at) / p.width) ** 2));
    return v * between(rng, 0.85, 1.15);
  });
}

/** Full day with a 30-60 min break somewhere around midday, or a part-time half day. */
function shifts(rng: Rng, openMin: number, closeMin: number): [number, number][] {
  const r = rng();
  const mid = Math.round((openMin + closeMin) / 2 / 15) * 15;
  if (r < 0.15) return [[openMin, mid]];
  if (r < 0.25) return [[mid - 60, closeMin]];
  const breakAt = mid + 15 * intBetween(rng, -6, 4);
  const breakLen = pick(rng, [30, 45, 60]);
  return [
    [openMin, breakAt],
    [breakAt + breakLen, closeMin],
  ];
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
