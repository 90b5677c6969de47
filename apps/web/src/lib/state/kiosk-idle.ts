/**
 * Returns an unattended kiosk to its start screen: the next customer must not find the previous
 * one's ticket (or half-typed phone number). Any touch restarts the countdown.
 *
 * With a warning period (WCAG 2.2.1 Timing Adjustable), `onWarning(true)` fires that long before
 * the reset, so the screen can ask "Do you need more time?": any touch (the big "I need more
 * time" button included) restarts the countdown and calls `onWarning(false)`.
 */
export class IdleTimer {
  private handle: ReturnType<typeof setTimeout> | null = null;
  private warnHandle: ReturnType<typeof setTimeout> | null = null;
  private ms = 0;
  private warnMs = 0;
  private warned = false;

  constructor(
    private readonly onIdle: () => void,
    private readonly onWarning: (warning: boolean) => void = () => {},
  ) {}

  /** Starts (or restarts) counting `ms` of inactivity, warning `warnBeforeMs` before the end (0: no warning). */
  arm(ms: number, warnBeforeMs = 0): void {
    this.ms = ms;
    this.warnMs = warnBeforeMs > 0 && warnBeforeMs < ms ? warnBeforeMs : 0;
    this.restart();
  }

  /** A touch, a key: the person is still there. Does nothing while disarmed. */
  poke(): void {
    if (this.handle !== null) this.restart();
  }

  stop(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    if (this.warnHandle !== null) clearTimeout(this.warnHandle);
    this.handle = null;
    this.warnHandle = null;
    this.setWarned(false);
  }

  get armed(): boolean {
    return this.handle !== null;
  }

  /** True between the warning and the reset (or the next touch). */
  get warning(): boolean {
    return this.warned;
  }

  private setWarned(on: boolean): void {
    if (this.warned === on) return;
    this.warned = on;
    this.onWarning(on);
  }

  private restart(): void {
    this.stop();
    if (this.warnMs > 0) {
      this.warnHandle = setTimeout(() => {
        this.warnHandle = null;
        this.setWarned(true);
      }, this.ms - this.warnMs);
    }
    this.handle = setTimeout(() => {
      this.handle = null;
      this.setWarned(false);
      this.onIdle();
    }, this.ms);
  }
}
