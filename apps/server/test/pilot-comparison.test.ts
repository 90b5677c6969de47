import { describe, expect, it } from 'vitest';
import { pilotComparisonPlan } from '../src/usecases/pilot-comparison.js';

const OCT = { fromDay: '2026-10-01', toDay: '2026-10-28' };

describe('which pilot start a report compares around', () => {
  it('the latest period begun by the last day of the range, inside it or before; each side as many days as the range', () => {
    const periods = [
      { from: '2026-03-01', to: '2026-05-31' },
      { from: '2026-10-15', to: null },
      { from: '2026-11-20', to: null },
    ];
    expect(pilotComparisonPlan(periods, OCT, '2026-11-30')).toEqual({ start: '2026-10-15', until: '2026-11-30', days: 28 });
    expect(pilotComparisonPlan(periods, { fromDay: '2026-07-01', toDay: '2026-07-31' }, '2026-11-30')).toEqual({ start: '2026-03-01', until: '2026-05-31', days: 31 });
  });

  it('none when every pilot began after the range, or there was none', () => {
    expect(pilotComparisonPlan([{ from: '2026-10-29', to: null }], OCT, '2026-11-30')).toBeNull();
    expect(pilotComparisonPlan([], OCT, '2026-11-30')).toBeNull();
  });

  it('"after" stops today, also for a period that ends later', () => {
    expect(pilotComparisonPlan([{ from: '2026-10-15', to: '2026-12-31' }], OCT, '2026-10-20')?.until).toBe('2026-10-20');
  });
});
