/**
 * Plays announcements strictly one after another: two calls in a row are both heard, in order,
 * and the second chime never sounds over the first call's voice. A failing announcement (no
 * audio device, a blocked voice) must not stall the calls behind it.
 */
export class AnnounceQueue<T> {
  private readonly pending: T[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(private readonly play: (item: T) => Promise<void>) {}

  get size(): number {
    return this.pending.length + (this.running ? 1 : 0);
  }

  enqueue(items: readonly T[]): void {
    if (items.length === 0) return;
    this.pending.push(...items);
    if (!this.running) void this.drain();
  }

  /** Drops what has not started playing yet (the screen was refused: its calls are void). */
  clear(): void {
    this.pending.length = 0;
  }

  /** Resolves when everything queued so far has been played (tests). */
  whenIdle(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    while (this.pending.length > 0) {
      const item = this.pending.shift()!;
      try {
        await this.play(item);
      } catch {
        // Best effort: the call is on screen whatever happens to the sound.
      }
    }
    this.running = false;
    this.markIdle();
  }
}
