import { CallAnnouncer } from '@tellerline/realtime-client';
import type { PublicCall, SignageSnapshot } from '@tellerline/contracts';
import type { ServerClock } from './server-clock.js';
import type { KeyValueStore } from './settings.js';

export const announcedKey = (branchId: string) => `tl.signage.announced.${branchId}`;

export interface CallFeedDeps {
  store: KeyValueStore;
  clock: ServerClock;
  /** Calls to show (known ones may come again; the screen merges by seq). */
  show(calls: readonly PublicCall[]): void;
  /** Calls to say aloud, oldest first; each call reaches here at most once, ever. */
  announce(calls: readonly PublicCall[]): void;
}

/**
 * Where calls come in: the resync snapshot after every (re)connect and the live `signage:call`
 * pushes. The rule is "never miss a call, never say one twice", across drops and reloads:
 *
 * - the CallAnnouncer (seq persisted per branch) decides what is new, so a reload or a snapshot
 *   repeating calls already heard says nothing;
 * - a live call arriving between the reconnect and the snapshot's answer is held back until
 *   the snapshot has been taken: announced first, it would move the announcer past calls missed
 *   while offline, which the snapshot brings with lower seqs.
 */
export class CallFeed {
  private announcer: CallAnnouncer | null = null;
  private branchId: string | null = null;
  private syncing = false;
  private held: PublicCall[] = [];

  constructor(private readonly deps: CallFeedDeps) {}

  get lastAnnouncedSeq(): number {
    return this.announcer?.lastAnnouncedSeq ?? 0;
  }

  /** The socket (re)connected and is about to ask for a snapshot. */
  connected(): void {
    this.syncing = true;
  }

  snapshot(s: SignageSnapshot): void {
    const announcer = this.announcerFor(s.branch.id, s.seq);
    // Held live calls first: a copy of the same call in the snapshot is the later word on it.
    const calls = [...this.held, ...s.calls];
    this.held = [];
    this.syncing = false;
    this.deps.show(calls);
    this.deps.announce(announcer.take(calls, this.deps.clock.now()));
  }

  /** The snapshot was refused (e.g. busy): do not hold live calls back for ever. */
  syncFailed(): void {
    this.syncing = false;
    if (this.announcer && this.held.length > 0) {
      const calls = this.held;
      this.held = [];
      this.deps.announce(this.announcer.take(calls, this.deps.clock.now()));
    }
  }

  live(call: PublicCall): void {
    this.deps.clock.observe(call.at);
    this.deps.show([call]);
    if (this.syncing || !this.announcer) {
      this.held.push(call);
      return;
    }
    this.deps.announce(this.announcer.take([call], this.deps.clock.now()));
  }

  private announcerFor(branchId: string, seq: number): CallAnnouncer {
    const key = announcedKey(branchId);
    const stored = Number(this.read(key) ?? '0');
    if (Number.isFinite(stored) && stored > seq) {
      // The branch's event stream is behind what we announced: it was rebuilt or reset.
      // Start over, or no call would ever be announced again on this screen.
      this.write(key, '0');
      this.announcer = null;
    }
    if (!this.announcer || this.branchId !== branchId) {
      this.branchId = branchId;
      this.announcer = new CallAnnouncer({
        get: () => {
          const v = Number(this.read(key));
          return Number.isFinite(v) && v > 0 ? v : null;
        },
        set: (v) => this.write(key, String(v)),
      });
    }
    return this.announcer;
  }

  private read(key: string): string | null {
    try {
      return this.deps.store.getItem(key);
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.deps.store.setItem(key, value);
    } catch {
      // Storage full or disabled: announcing once per page load is the best we can do.
    }
  }
}
