import { describe, expect, it } from 'vitest';
import { waitWords } from './wait-words.js';

describe('waitWords', () => {
  const range = { lowMin: 2.4, highMin: 5.6, expectedMin: 4 };

  it('says nobody can serve instead of a wait, even with a short line', () => {
    expect(waitWords({ wait: null, noStaff: true }, 0)).toEqual({ key: 'wait.noStaff', params: {} });
    expect(waitWords({ wait: null, noStaff: true }, 3).key).toBe('wait.noStaff');
  });

  it('no wait only with nobody ahead and a zero estimate; a range in whole minutes otherwise', () => {
    expect(waitWords({ wait: { lowMin: 0, highMin: 0, expectedMin: 0 }, noStaff: false }, 0).key).toBe('wait.none');
    expect(waitWords({ wait: null, noStaff: false }, 0).key).toBe('wait.none');
    expect(waitWords({ wait: range, noStaff: false }, 1)).toEqual({ key: 'wait.range', params: { low: 2, high: 6 } });
    // People ahead and a tiny estimate: at least "0-1 min", never "No wait".
    expect(waitWords({ wait: { lowMin: 0, highMin: 0.1, expectedMin: 0.1 }, noStaff: false }, 2)).toEqual({ key: 'wait.range', params: { low: 0, high: 1 } });
  });
});
