import type { CallPhaseChange, PublicCall, ServiceQueueView, SignageSnapshot } from '@tellerline/contracts';
import type { ConnectionStatus } from '@tellerline/realtime-client';
import { currentCall, mergeCalls, recentCalls, withPhase } from '../calls.js';

/** How many earlier calls the screen lists beside the current one. */
export const RECENT_COUNT = 6;

export type Pairing = 'paired' | 'unpaired' | 'rejected';

/**
 * What the lobby screen shows. Only public data ever lands here (numbers, counter labels,
 * service names and counts): the snapshot and events it is fed carry nothing else.
 */
export class SignageScreen {
  status = $state<ConnectionStatus>('connecting');
  pairing = $state<Pairing>('paired');
  /** The browser refused to play sound until someone touches the screen. */
  soundBlocked = $state(false);
  branch = $state.raw<SignageSnapshot['branch'] | null>(null);
  calls = $state.raw<PublicCall[]>([]);
  services = $state.raw<ServiceQueueView[]>([]);
  /** The branch seq this screen is up to date with (events older than it are ignored). */
  seq = 0;

  /** The call shown big: the newest one still standing (see `currentCall`). */
  current = $derived<PublicCall | null>(currentCall(this.calls));
  recent = $derived(recentCalls(this.calls, this.current, RECENT_COUNT));
  offline = $derived(this.status !== 'online');

  applySnapshot(s: SignageSnapshot): void {
    if (s.seq < this.seq) {
      // The branch stream went backwards (rebuilt, reset): what we show belongs to the old one.
      this.calls = [];
    }
    this.branch = s.branch;
    this.services = s.services;
    this.seq = s.seq;
    // A call the snapshot leaves out is older than all it lists, and what became of it while
    // the screen was away is unknown: take it as ended, so it cannot come back as "now calling".
    const listed = new Set(s.calls.map((c) => c.seq));
    this.calls = this.calls.map((c) => (c.seq <= s.seq && !listed.has(c.seq) && c.phase !== 'over' ? { ...c, phase: 'over' } : c));
    this.showCalls(s.calls);
  }

  /** A call shown here was answered or ended (see `withPhase`). */
  movedOn(change: CallPhaseChange): void {
    if (this.pairing === 'paired') this.calls = withPhase(this.calls, change);
  }

  /** The branch's public set-up changed: its name now, before the resync brings the rest. */
  renamed(branch: SignageSnapshot['branch']): void {
    if (this.pairing === 'paired' && this.branch?.id === branch.id) this.branch = branch;
  }

  applySummary(s: { seq: number; services: ServiceQueueView[] }): void {
    if (s.seq < this.seq) return;
    this.seq = s.seq;
    this.services = s.services;
  }

  /**
   * The server refused this screen (token revoked, or rotated by a re-pairing or the demo seed):
   * forget the branch, its calls and counts. A lobby showing "Now calling" from a screen nobody
   * feeds any more misleads customers, unlike a network outage, which heals by itself. Should
   * the server take the screen back, the next connection starts from a full snapshot.
   */
  reject(): void {
    this.pairing = 'rejected';
    this.branch = null;
    this.calls = [];
    this.services = [];
    this.seq = 0;
  }

  showCalls(calls: readonly PublicCall[]): void {
    // Nothing lands on a refused screen (a call in flight when the refusal came).
    if (this.pairing !== 'paired') return;
    if (calls.length > 0) this.calls = mergeCalls(this.calls, calls);
  }
}
