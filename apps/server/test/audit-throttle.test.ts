import { describe, expect, it } from 'vitest';
import { createAuditThrottle } from '../src/http/audit-throttle.js';

describe('audit of repeated looks', () => {
  it('records a look at the same list by the same person once per window, and every other look', () => {
    let now = 0;
    const throttle = createAuditThrottle(15 * 60_000, () => now);
    expect(throttle.due('alice|b1|2026-03-02')).toBe(true);
    now += 60_000;
    expect(throttle.due('alice|b1|2026-03-02')).toBe(false);
    expect(throttle.due('bob|b1|2026-03-02')).toBe(true);
    expect(throttle.due('alice|b1|2026-03-03')).toBe(true);
    now += 14 * 60_000;
    expect(throttle.due('alice|b1|2026-03-02')).toBe(true);
  });
});
