import { describe, expect, it } from 'vitest';
import { BookingSettingsBody } from '../src/index.js';

describe('booking settings body', () => {
  it('refuses a walk-in share on a service by appointment only, and takes every consistent rule', () => {
    const bad = BookingSettingsBody.safeParse({ services: { s1: { walkIns: false, walkInShare: 0.5 } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['services', 's1', 'walkInShare']);
    for (const ok of [{ walkIns: false }, { walkIns: false, walkInShare: 0 }, { walkIns: true, walkInShare: 0.5 }, { walkInShare: 0.34 }]) {
      expect(BookingSettingsBody.safeParse({ services: { s1: ok } }).success).toBe(true);
    }
  });
});
