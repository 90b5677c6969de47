import { describe, expect, it } from 'vitest';
import { compare, fairestWorstService, formatComparison, parseScenario, renderReport, type SimReport } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

describe('the service served worst', () => {
  const scenario = parseScenario(tinyScenario());
  const { report, runs } = compare(scenario, { days: 3 });

  it('is, per policy, the service with the lowest share called within target', () => {
    for (const m of Object.values(report.policies)) {
      const shares = Object.entries(m!.perService).map(([code, s]) => [code, s.servedWithinTarget] as const);
      const lowest = Math.min(...shares.map(([, x]) => x));
      expect(m!.worstService).toEqual({ code: shares.find(([, x]) => x === lowest)![0], servedWithinTarget: lowest });
    }
  });

  it('skips a service nobody came for (it was not served badly), and is null when nobody came at all', () => {
    const quiet = parseScenario(
      tinyScenario({
        services: [
          { code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [10, 10] },
          { code: 'B', targetMin: 20, meanServiceMin: 15, sdServiceMin: 5, arrivalsPerHour: [0, 0] },
        ],
      }),
    );
    const r = compare(quiet, { days: 1 }).report;
    expect(r.policies.fifo!.perService['B']!.customers).toBe(0);
    expect(r.policies.fifo!.worstService?.code).toBe('A');
    const empty = parseScenario(
      tinyScenario({
        services: [
          { code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [0, 0] },
          { code: 'B', targetMin: 20, meanServiceMin: 15, sdServiceMin: 5, arrivalsPerHour: [0, 0] },
        ],
      }),
    );
    expect(compare(empty, { days: 1 }).report.policies.tellerline!.worstService).toBeNull();
  });

  it('is printed under the comparison table and in the HTML report', () => {
    const line = (p: string) => {
      const w = report.policies[p as 'fifo']!.worstService!;
      return `${p} ${w.code} ${(w.servedWithinTarget * 100).toFixed(1)}%`;
    };
    const expected = `service served worst (share within target): ${['fifo', 'fixed-order', 'tellerline'].map(line).join(', ')}`;
    expect(formatComparison(report, scenario).split('\n')).toContain(expected);
    expect(renderReport(scenario, report, runs)).toContain(`<p>${expected}</p>`);
  });
});

describe('fairestWorstService', () => {
  const report = (fifo: number, fixed: number, tl: number): SimReport => {
    const p = (x: number) => ({ worstService: { code: 'C', servedWithinTarget: x } }) as unknown as NonNullable<SimReport['policies']['fifo']>;
    return { scenario: 's', seed: 1, days: 1, policies: { fifo: p(fifo), 'fixed-order': p(fixed), tellerline: p(tl) } };
  };

  it("holds when Tellerline's worst-served service is above both baselines', or all serve everyone in time", () => {
    expect(fairestWorstService(report(0.53, 0.598, 0.708))).toBe(true);
    expect(fairestWorstService(report(1, 1, 1))).toBe(true);
  });

  it('does not hold on a tie or when either baseline does better', () => {
    expect(fairestWorstService(report(0.7, 0.6, 0.7))).toBe(false);
    expect(fairestWorstService(report(0.5, 0.8, 0.7))).toBe(false);
  });
});
