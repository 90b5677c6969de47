import type { ServiceQueueView, SignageSnapshot } from '@tellerline/contracts';
import { connectRealtime, handshakeRefusal, reconnectAfterRefusal, syncOnConnect, type ConnectionStatus, type TellerSocket } from '@tellerline/realtime-client';
import { api } from '$lib/api.js';
import { isNewer } from './kiosk-logic.js';

const POLL_MS = 15_000;

/**
 * The kiosk's live view of every service's line (waiting count, wait range for a new ticket).
 * The device token opens a socket in the lobby's signage room, so 'queue:summary' arrives on
 * every change and a snapshot on every (re)connect; while the socket is down the line is polled
 * over HTTP, so the tiles never freeze on a stale count.
 */
export class KioskQueue {
  services = $state<ServiceQueueView[]>([]);
  status = $state<ConnectionStatus>('connecting');
  /** The server refused the device token: unpaired or revoked. */
  rejected = $state(false);
  private seq = 0;
  private socket: TellerSocket | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private stopSync: (() => void) | null = null;
  private stopRetry: (() => void) | null = null;

  /**
   * `onLobbyChanged`: the branch's public set-up changed (its name, hours, walk-in rules): the page
   * shows the new name and asks for the hours again. The tiles resync here.
   */
  constructor(
    private readonly branchId: string,
    private readonly deviceToken: string,
    private readonly onLobbyChanged: (branch: SignageSnapshot['branch']) => void = () => undefined,
  ) {}

  start(): void {
    void this.fetch();
    this.socket = connectRealtime({
      credentials: { deviceToken: this.deviceToken },
      onStatus: (s) => {
        this.status = s;
        if (s === 'online') this.stopPolling();
        else this.startPolling();
      },
    });
    this.socket.on('connect_error', (err) => {
      if (handshakeRefusal(err)?.code === 'UNAUTHENTICATED') {
        this.rejected = true;
        this.stop();
      }
    });
    // Any other refusal (RATE_LIMITED: a lobby of screens reconnecting at once behind one
    // address, say) passes: connect again after its Retry-After; the counts are polled meanwhile.
    this.stopRetry = reconnectAfterRefusal(this.socket, (e) => e.code === 'UNAUTHENTICATED');
    this.socket.on('queue:summary', (s) => this.apply(s.seq, s.services));
    this.socket.on('lobby:changed', (b) => this.onLobbyChanged(b));
    // A resync after a set-up change too: a renamed service's tile, even if no event moved the seq.
    this.stopSync = syncOnConnect(this.socket, 'signage:sync', () => this.seq, (snap) => this.apply(snap.seq, snap.services), undefined, 'lobby:changed');
  }

  stop(): void {
    this.stopRetry?.();
    this.stopSync?.();
    this.socket?.close();
    this.socket = null;
    this.stopPolling();
  }

  /** Counts right now over HTTP (no seq there: the next socket message will correct it). */
  async fetch(): Promise<void> {
    try {
      this.services = await api<ServiceQueueView[]>('GET', `/api/v1/branches/${encodeURIComponent(this.branchId)}/queue`);
    } catch {
      // Offline: keep the last counts; the banner says why they may be old.
    }
  }

  private apply(seq: number, services: ServiceQueueView[]): void {
    if (!isNewer(seq, this.seq)) return;
    this.seq = seq;
    this.services = services;
  }

  private startPolling(): void {
    this.poll ??= setInterval(() => void this.fetch(), POLL_MS);
  }

  private stopPolling(): void {
    if (this.poll !== null) clearInterval(this.poll);
    this.poll = null;
  }
}
