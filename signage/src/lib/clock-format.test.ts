import { describe, expect, it } from 'vitest';
import { formatClock } from './clock-format.js';

describe('formatClock', () => {
  const instant = Date.UTC(2025, 10, 28, 1, 5); // Friday 28 Nov 2025, 01:05 UTC

  it('shows the branch time zone, not the PC one', () => {
    expect(formatClock(instant, 'Asia/Shanghai')).toEqual({ time: '09:05', dateZh: '11月28日星期五', dateEn: 'Friday 28 November' });
    expect(formatClock(instant, 'Europe/London').time).toBe('01:05');
  });

  it('falls back to the local zone for an unknown one', () => {
    expect(formatClock(instant, 'Not/AZone').time).toMatch(/^\d\d:\d\d$/);
  });
});
