import { describe, expect, it } from 'vitest';
import { SAME_SPOT_PX, SCREEN_SETTLE_MS, TapGuard } from './kiosk-tap-guard.js';

/** A guard after a tap at (500, 900) at t=1000 that changed the screen 5 ms later. */
function afterChange(): TapGuard {
  const taps = new TapGuard();
  expect(taps.tap(1_000, 500, 900)).toBe(true);
  taps.screenChanged(1_005);
  return taps;
}

describe('TapGuard', () => {
  it('ignores the second tap of a double tap (120 ms later, same spot) on the new screen, and a third', () => {
    const taps = afterChange();
    expect(taps.tap(1_120, 503, 898)).toBe(false);
    expect(taps.tap(1_240, 499, 901)).toBe(false);
    // Once the screen has settled, the same spot is a choice.
    expect(taps.tap(1_005 + SCREEN_SETTLE_MS, 500, 900)).toBe(true);
  });

  it('takes a quick tap elsewhere on the new screen: a choice, not the rest of a double tap', () => {
    const taps = afterChange();
    expect(taps.tap(1_080, 500, 900 + SAME_SPOT_PX)).toBe(true);
  });

  it('takes taps on a screen that changed by itself (a queue update, a timeout), wherever they land', () => {
    const taps = new TapGuard();
    expect(taps.tap(1_000, 500, 900)).toBe(true);
    taps.screenChanged(5_000);
    expect(taps.tap(5_100, 500, 900)).toBe(true);
  });
});
