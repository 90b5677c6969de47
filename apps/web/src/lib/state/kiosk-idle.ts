/**
 * Returns an unattended kiosk to its start screen: the next customer must not find the previous
 * one's ticket (or half-typed phone number). Any touch restarts the countdown.
 */
export class IdleTimer {
  private handle: ReturnType<typeof setTimeout> | null = null;
  private ms = 0;

  constructor(private readonly onIdle: () => void) {}

  /** Starts (or restarts) counting `ms` of inactivity. */
  arm(ms: number): void {
    this.ms = ms;
    this.restart();
  }

  /** A touch, a key: the person is still there. Does nothing while disarmed. */
  poke(): void {
    if (this.handle !== null) this.restart();
  }

  stop(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
  }

  get armed(): boolean {
    return this.handle !== null;
  }

  private restart(): void {
    this.stop();
    this.handle = setTimeout(() => {
      this.handle = null;
      this.onIdle();
    }, this.ms);
  }
}
