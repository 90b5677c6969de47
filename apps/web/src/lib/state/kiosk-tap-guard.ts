/**
 * A double tap on a kiosk button that changes the screen puts its second tap on whatever the new
 * screen has under the finger (the language buttons sit where the first service tiles appear):
 * a choice the customer never made. Taps this soon after a screen change are taken as the rest
 * of the tap before, and ignored.
 */
export const SCREEN_SETTLE_MS = 400;

export class TapGuard {
  private changedAt = -Infinity;

  /** The screen changed at `at` (ms, the same clock as `accepts`). */
  screenChanged(at: number): void {
    this.changedAt = at;
  }

  /** Whether a tap at `at` is a choice on the screen now shown. */
  accepts(at: number): boolean {
    return at - this.changedAt >= SCREEN_SETTLE_MS;
  }
}
