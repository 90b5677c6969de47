import { describe, expect, it } from 'vitest';
import {
  againstGoal,
  checkGoal,
  compare,
  evidenceOf,
  formatComparison,
  formatGoals,
  MIN_DAYS_FOR_INTERVAL,
  pairedBootstrap,
  punctualityInterval,
  parseScenario,
  renderReport,
  type PolicyRun,
  type TicketOutcome,
} from '../src/index.js';
import { tinyScenario } from './fixtures.js';

const scenario = parseScenario(tinyScenario());
const noEta = { kind: 'range' as const, ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 };

/** A run whose day d has one customer per entry of waits(d) (service A, target 10), each called after that wait. */
function run(policy: string, days: number, waits: (day: number) => number[]): PolicyRun {
  return {
    policy,
    events: [],
    finalState: undefined as never,
    days: Array.from({ length: days }, (_, day) => ({
      day,
      staff: [],
      requests: {},
      tickets: waits(day).map(
        (w, i): TicketOutcome => ({ id: `d${day}-${i}`, service: 'A', kind: 'walk-in', priority: 'normal', keptSlot: false, joinedAt: 600, calledAt: 600 + w, endAt: 610 + w, eta: noEta }),
      ),
    })),
  };
}

describe('paired bootstrap over days (is a difference beyond the noise of the run?)', () => {
  it('gives no interval below MIN_DAYS_FOR_INTERVAL days, or for runs of different lengths', () => {
    const short = MIN_DAYS_FOR_INTERVAL - 1;
    expect(pairedBootstrap(scenario, run('a', short, () => [1]), run('b', short, () => [2]))).toBeNull();
    expect(pairedBootstrap(scenario, run('a', 6, () => [1]), run('b', 7, () => [2]))).toBeNull();
  });

  it('a policy that waits less every single day is better beyond noise: the whole interval is below zero', () => {
    const fast = run('a', 10, (d) => [1, 2, 3 + d / 2]);
    const slow = run('b', 10, (d) => [12, 14, 15 + d]);
    const v = pairedBootstrap(scenario, fast, slow)!;
    // Pooled p90 (27th of 30): fast 3 + 6/2 = 6, slow 15 + 6 = 21.
    expect(v.p90WaitMin.diff).toBe(-15);
    expect(v.p90WaitMin.hi).toBeLessThan(0);
    expect(evidenceOf(v.p90WaitMin, 'lower')).toBe('better');
    // Fast serves everyone within the 10-min target, slow nobody.
    expect(v.servedWithinTarget).toEqual({ diff: 1, lo: 1, hi: 1 });
    expect(evidenceOf(v.servedWithinTarget, 'higher')).toBe('better');
    // And the other way round it is worse.
    expect(evidenceOf(pairedBootstrap(scenario, slow, fast)!.p90WaitMin, 'lower')).toBe('worse');
  });

  it('the same run against itself differs by exactly 0, which is not a win', () => {
    const r = run('a', 8, (d) => [d, 2 * d, 5]);
    const v = pairedBootstrap(scenario, r, r)!;
    expect(v.p90WaitMin).toEqual({ diff: 0, lo: 0, hi: 0 });
    expect(evidenceOf(v.p90WaitMin, 'lower')).toBe('unclear');
    expect(evidenceOf(v.servedWithinTarget, 'higher')).toBe('unclear');
  });

  it('one good day among bad ones is not enough: the interval holds zero', () => {
    // Equal on nine days, a lot shorter on one: the point estimate favours a, the days do not.
    const a = run('a', 10, (d) => (d === 3 ? [0, 0, 0, 0, 0] : [5, 6, 7, 20, 30]));
    const b = run('b', 10, (d) => (d === 3 ? [40, 40, 40, 40, 40] : [5, 6, 7, 20, 30]));
    const v = pairedBootstrap(scenario, a, b)!;
    expect(v.servedWithinTarget.diff).toBeGreaterThan(0);
    expect(v.servedWithinTarget.lo).toBe(0);
    expect(evidenceOf(v.servedWithinTarget, 'higher')).toBe('unclear');
  });

  it('is deterministic, and its point differences are those of the pooled report', () => {
    const { report, runs } = compare(scenario, { days: 6 });
    const again = compare(scenario, { days: 6 }).report;
    expect(again.versus).toEqual(report.versus);
    const tl = report.policies.tellerline!;
    for (const b of ['fifo', 'fixed-order'] as const) {
      const v = report.versus![b]!;
      expect(v.p90WaitMin.diff).toBeCloseTo(tl.p90WaitMin - report.policies[b]!.p90WaitMin, 2);
      expect(v.servedWithinTarget.diff).toBeCloseTo(tl.servedWithinTarget - report.policies[b]!.servedWithinTarget, 2);
      expect(v.p90WaitMin.lo).toBeLessThanOrEqual(v.p90WaitMin.hi);
    }
    expect(runs).toHaveLength(3);
  });

  it('is printed under the table of the HTML report too', () => {
    const { report, runs } = compare(scenario, { days: 6 });
    const html = renderReport(scenario, report, runs);
    expect(html).toContain('tellerline vs fifo over 6 days: p90 ');
    expect(html).toContain('tellerline vs fixed-order over 6 days: p90 ');
  });

  it('is absent from a report with too few days or without Tellerline', () => {
    expect(compare(scenario, { days: 2 }).report.versus).toBeUndefined();
    expect(compare(scenario, { days: 6, policies: ['fifo', 'fixed-order'] }).report.versus).toBeUndefined();
  });
});

/** A run whose day d has one booked customer per entry of lateMin(d): called that many minutes after their slot. */
function bookedRun(days: number, lateMin: (day: number) => number[]): PolicyRun {
  const r = run('tellerline', days, () => []);
  r.days.forEach((d) => {
    d.tickets = lateMin(d.day).map(
      (late, i): TicketOutcome => ({ id: `d${d.day}-b${i}`, service: 'A', kind: 'appointment', priority: 'normal', keptSlot: true, appointmentAt: 600, joinedAt: 595, calledAt: 600 + late, endAt: 620 + late, eta: noEta }),
    );
  });
  return r;
}

describe('appointment punctuality with its interval over days', () => {
  it('nine of ten on time every day is below the 95% goal beyond noise', () => {
    const i = punctualityInterval(bookedRun(10, () => [0, 0, 0, 0, 0, 0, 0, 0, 1, 12]), 1)!;
    expect(i).toEqual({ share: 0.9, lo: 0.9, hi: 0.9 });
  });

  it('one late call among a few bookings is within noise: the interval reaches above the goal', () => {
    // 30 days, a booking every third day, one of the ten called 8 minutes late: 90%.
    const i = punctualityInterval(bookedRun(30, (d) => (d % 3 === 0 ? [d === 9 ? 8 : 2] : [])), 1)!;
    expect(i.share).toBe(0.9);
    expect(i.lo).toBeLessThan(0.9);
    expect(i.hi).toBe(1);
  });

  it('reads against the goal: above it only when the whole interval is', () => {
    expect(againstGoal({ lo: 0.96, hi: 0.99 }, 0.95)).toBe('better');
    expect(againstGoal({ lo: 0.95, hi: 0.99 }, 0.95)).toBe('unclear');
    expect(againstGoal({ lo: 0.9, hi: 0.94 }, 0.95)).toBe('worse');
  });

  it('is null without booked customers or with too few days', () => {
    expect(punctualityInterval(bookedRun(10, () => []), 1)).toBeNull();
    expect(punctualityInterval(bookedRun(MIN_DAYS_FOR_INTERVAL - 1, () => [0]), 1)).toBeNull();
  });
});

describe('the goal read against the noise', () => {
  const { report } = compare(scenario, { days: 6 });

  it('marks each part better (than both baselines; punctuality: above the goal), worse or unclear, from the intervals', () => {
    const g = checkGoal(scenario, report);
    const each = (figure: 'p90WaitMin' | 'servedWithinTarget', better: 'lower' | 'higher') =>
      (['fifo', 'fixed-order'] as const).map((b) => evidenceOf(report.versus![b]![figure], better));
    const expected = (e: string[]) => (e.includes('worse') ? 'worse' : e.every((x) => x === 'better') ? 'better' : 'unclear');
    expect(g.evidence).toMatchObject({ p90: expected(each('p90WaitMin', 'lower')), withinTarget: expected(each('servedWithinTarget', 'higher')) });
    // Punctuality against the goal, from Tellerline's own interval.
    const { lo, hi } = report.policies.tellerline!.apptPunctualityInterval!;
    expect(g.evidence!.punctuality).toBe(lo > 0.95 ? 'better' : hi < 0.95 ? 'worse' : 'unclear');
  });

  it('says "within noise" on a failed comparison whose interval holds zero, and the terminal prints the intervals', () => {
    // A made-up report: Tellerline 0.1 min behind fifo on p90, with an interval across zero.
    const noisy = structuredClone(report);
    noisy.policies.tellerline!.p90WaitMin = noisy.policies.fifo!.p90WaitMin + 0.1;
    noisy.versus!.fifo!.p90WaitMin = { diff: 0.1, lo: -2, hi: 2 };
    const g = checkGoal(scenario, noisy);
    expect(g.p90).toBe(false);
    expect(g.failures.find((f) => f.startsWith('p90') && f.includes('fifo'))).toMatch(/\(within noise\)$/);
    expect(formatComparison(noisy, scenario)).toContain('tellerline vs fifo over 6 days: p90 +0.1 min (95%: -2.0 to +2.0, within noise)');
    // Punctuality below the goal on an interval that reaches above it is within noise too.
    noisy.policies.tellerline!.apptPunctuality = 0.9;
    noisy.policies.tellerline!.appointments = 20;
    noisy.policies.tellerline!.apptPunctualityInterval = { lo: 0.8, hi: 1 };
    const p = checkGoal(scenario, noisy);
    expect(p.punctuality).toBe(false);
    expect(p.evidence?.punctuality).toBe('unclear');
    expect(p.failures).toContain('appointment punctuality 0.9 < 0.95 (20 appointments; 95%: 0.8 to 1, within noise)');
    noisy.policies.tellerline!.apptPunctualityInterval = { lo: 0.85, hi: 0.93 };
    expect(checkGoal(scenario, noisy).evidence?.punctuality).toBe('worse');
    expect(formatGoals([g])).toMatch(/beyond the noise of the days \(95%, 1 scenario\): p90 better than both baselines in \d, worse than one in \d/);
  });
});
