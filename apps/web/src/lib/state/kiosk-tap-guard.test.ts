import { describe, expect, it } from 'vitest';
import { SCREEN_SETTLE_MS, TapGuard } from './kiosk-tap-guard.js';

describe('TapGuard', () => {
  it('ignores the second (and third) tap of a double tap that changed the screen, 120 ms later', () => {
    const taps = new TapGuard();
    expect(taps.tap(1_000, 1)).toBe(true);
    taps.screenChanged(1_005);
    expect(taps.tap(1_120, 2)).toBe(false);
    expect(taps.tap(1_240, 3)).toBe(false);
    // Once the screen has settled, even a double tap is on what the customer sees.
    expect(taps.tap(1_005 + SCREEN_SETTLE_MS, 2)).toBe(true);
  });

  it('takes every single tap, however soon after a screen change', () => {
    const taps = new TapGuard();
    taps.screenChanged(1_000);
    expect(taps.tap(1_030, 1)).toBe(true);
  });

  it('takes quick repeated taps on a screen that did not change (typing 11 on the keypad)', () => {
    const taps = new TapGuard();
    taps.screenChanged(1_000);
    expect(taps.tap(5_000, 1)).toBe(true);
    expect(taps.tap(5_150, 2)).toBe(true);
  });
});
