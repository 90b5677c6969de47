/**
 * The server's time as seen from this screen. Lobby PCs often run with a wrong clock; the
 * announcer judges a call "fresh" by comparing the server's call time with now, and the clock on
 * screen should show the branch's real time. A live call was made a moment ago on the server,
 * so each one tells us the skew (plus a network delay of milliseconds, which does not matter).
 */
export class ServerClock {
  private skewMs = 0;

  constructor(
    private readonly localNow: () => number = Date.now,
    /** Skews smaller than this are network delay, not a wrong clock: ignore them. */
    private readonly toleranceMs = 3_000,
  ) {}

  /** A call pushed live at server time `at`. */
  observe(at: number): void {
    const skew = this.localNow() - at;
    this.skewMs = Math.abs(skew) > this.toleranceMs ? skew : 0;
  }

  get skew(): number {
    return this.skewMs;
  }

  now(): number {
    return this.localNow() - this.skewMs;
  }
}
