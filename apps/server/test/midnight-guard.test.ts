import { describe, expect, it } from 'vitest';
import { AFTER_MIDNIGHT_MS, midnightWaitMs } from './midnight-guard.js';

/** An instant at a wall-clock time in Shanghai (UTC+8). */
const local = (date: string, hms: string) => Date.parse(`${date}T${hms}+08:00`);
const MIN = 60_000;

describe('midnightWaitMs (tests on the real clock keep clear of the demo branch\'s midnight)', () => {
  it('lets a test run at any time of the day it cannot reach 23:59 from', () => {
    expect(midnightWaitMs(local('2026-12-01', '12:00:00'), 3 * MIN)).toBe(0);
    expect(midnightWaitMs(local('2026-12-01', '00:00:15'), 3 * MIN)).toBe(0);
    expect(midnightWaitMs(local('2026-12-01', '23:55:59'), 3 * MIN)).toBe(0);
  });

  it('waits until just after midnight when the run would reach the closed last minute', () => {
    expect(midnightWaitMs(local('2026-12-01', '23:56:00'), 3 * MIN)).toBe(4 * MIN + AFTER_MIDNIGHT_MS);
    expect(midnightWaitMs(local('2026-12-01', '23:59:30'), 0)).toBe(30_000 + AFTER_MIDNIGHT_MS);
    // 16:00 UTC is midnight in Shanghai.
    expect(midnightWaitMs(Date.parse('2026-12-01T15:59:30Z'), 0)).toBe(30_000 + AFTER_MIDNIGHT_MS);
  });

  it('waits for the daily close to open the new day in the first seconds after midnight', () => {
    expect(midnightWaitMs(Date.parse('2026-12-01T16:00:00Z'), 3 * MIN)).toBe(AFTER_MIDNIGHT_MS);
    expect(midnightWaitMs(local('2026-12-02', '00:00:10'), 0)).toBe(5_000);
  });
});
