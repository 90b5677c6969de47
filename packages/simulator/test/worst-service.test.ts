import { describe, expect, it } from 'vitest';
import { compare, formatComparison, parseScenario, renderReport } from '../src/index.js';
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
