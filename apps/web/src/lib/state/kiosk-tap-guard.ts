/**
 * A double tap on a kiosk button that changes the screen puts its second tap on whatever the new
 * screen has under the finger (the language buttons sit where service tiles appear): a choice the
 * customer never made. A tap within SCREEN_SETTLE_MS of a screen change, on the spot of the tap
 * that changed it, is taken as the rest of that tap and ignored. A tap elsewhere is a choice:
 * nobody double-taps across the screen, and quick hands (or a test driving the kiosk) are not
 * slowed down.
 */
export const SCREEN_SETTLE_MS = 400;
/** About a fingertip on a portrait kiosk (1080 px across ~27 cm): taps closer than this are "the same spot". */
export const SAME_SPOT_PX = 60;

type Tap = { at: number; x: number; y: number };

export class TapGuard {
  private changedAt = -Infinity;
  private last: Tap | null = null;

  /** The screen changed at `at` (ms, the same clock as `tap`). */
  screenChanged(at: number): void {
    this.changedAt = at;
  }

  /** A tap at `at` on (x, y): whether it is a choice on the screen now shown (false: ignore it). */
  tap(at: number, x: number, y: number): boolean {
    const prev = this.last;
    const settling = at - this.changedAt < SCREEN_SETTLE_MS;
    // The change came from the previous tap (not from the queue or a timer), and this one lands on its spot.
    const sameTap = prev !== null && this.changedAt - prev.at < SCREEN_SETTLE_MS && Math.hypot(x - prev.x, y - prev.y) < SAME_SPOT_PX;
    if (settling && sameTap) return false;
    this.last = { at, x, y };
    return true;
  }
}
