/**
 * A double tap on a kiosk button that changes the screen puts its second tap on whatever the new
 * screen has under the finger (the language buttons sit where service tiles appear): a choice the
 * customer never made. The browser counts such a tap as the second of a multi-tap (the click's
 * `detail`: 2 for the second tap on the same spot in quick succession, on touch screens and on
 * panels that act as a mouse alike). Within SCREEN_SETTLE_MS of a screen change such a tap is the
 * rest of the tap that changed it, and is ignored. A single tap is always a choice, however quick
 * (a person who knows the way, a test driving the kiosk); so are the repeated taps of typing "11"
 * on a keypad, which change no screen.
 */
export const SCREEN_SETTLE_MS = 400;

export class TapGuard {
  private changedAt = -Infinity;

  /** The screen changed at `at` (ms, the same clock as `tap`). */
  screenChanged(at: number): void {
    this.changedAt = at;
  }

  /** A tap at `at`, the `count`-th of a multi-tap (MouseEvent.detail): whether it is a choice on the screen now shown. */
  tap(at: number, count: number): boolean {
    return count < 2 || at - this.changedAt >= SCREEN_SETTLE_MS;
  }
}
