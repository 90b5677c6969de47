import { describe, expect, it } from 'vitest';
import { SCREEN_SETTLE_MS, TapGuard } from './kiosk-tap-guard.js';

describe('TapGuard', () => {
  it('ignores a tap within 400 ms of a screen change, and takes the taps after it', () => {
    const taps = new TapGuard();
    expect(taps.accepts(0)).toBe(true);
    taps.screenChanged(1_000);
    // The second tap of a double tap, 120 ms after the first changed the screen.
    expect(taps.accepts(1_120)).toBe(false);
    expect(taps.accepts(1_000 + SCREEN_SETTLE_MS - 1)).toBe(false);
    expect(taps.accepts(1_000 + SCREEN_SETTLE_MS)).toBe(true);
    taps.screenChanged(5_000);
    expect(taps.accepts(5_050)).toBe(false);
  });
});
