import type { PublicCall } from '@tellerline/contracts';

/**
 * Decides which calls a lobby screen should announce aloud. The rule: announce a call once, in
 * seq order, and only while it is fresh. After a reconnect the snapshot brings the calls made
 * while offline (announce the fresh ones, newest last); after a reload the last announced seq
 * comes back from storage, so nothing is announced twice.
 */
export class CallAnnouncer {
  private lastSeq: number;

  constructor(
    private readonly store: { get(): number | null; set(seq: number): void },
    private readonly freshMs = 90_000,
  ) {
    this.lastSeq = store.get() ?? 0;
  }

  get lastAnnouncedSeq(): number {
    return this.lastSeq;
  }

  /** Calls to announce now, oldest first; marks them announced. */
  take(calls: readonly PublicCall[], now: number): PublicCall[] {
    const fresh = calls
      .filter((c) => c.seq > this.lastSeq)
      .sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return [];
    this.lastSeq = fresh[fresh.length - 1]!.seq;
    this.store.set(this.lastSeq);
    return fresh.filter((c) => now - c.at <= this.freshMs);
  }
}
