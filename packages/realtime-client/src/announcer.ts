import type { PublicCall } from '@tellerline/contracts';

/**
 * Decides which calls a lobby screen should announce aloud. The rule: announce a call once, in
 * seq order, and only while it is fresh and its customer is still awaited (phase `calling`).
 * After a reconnect the snapshot brings the calls made while offline (announce the fresh ones,
 * newest last); after a reload the last announced seq comes back from storage, so nothing is
 * announced twice. A screen opened for the first time has no such seq: the snapshot's recent
 * calls are all new to it, so the phase is what keeps it from sending to a counter customers
 * already served, turned away, or renumbered by a transfer (those calls are `over`).
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
    // The same call twice (a live push and a snapshot): the later copy knows its phase better.
    const bySeq = new Map<number, PublicCall>();
    for (const c of calls) if (c.seq > this.lastSeq) bySeq.set(c.seq, c);
    const fresh = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return [];
    this.lastSeq = fresh[fresh.length - 1]!.seq;
    this.store.set(this.lastSeq);
    // A ticket called and recalled while the screen was away is said once, as its latest call.
    const latest = new Map<string, number>();
    for (const c of fresh) latest.set(c.number, c.seq);
    return fresh.filter((c) => c.phase === 'calling' && latest.get(c.number) === c.seq && now - c.at <= this.freshMs);
  }
}
