import type { TicketView } from '@tellerline/contracts';
import { connectRealtime, handshakeRefusal, reconnectAfterRefusal, request, syncOnConnect, type ConnectionStatus, type TellerSocket } from '@tellerline/realtime-client';
import { api, ApiFailure } from '$lib/api.js';
import { becameCalled, isFinished, mergeTicket, plausibleToken } from './phone-logic.js';
import { handedOver, type JoinedTicket } from './joined-ticket.js';
import { sameEstimate, WAIT_REFRESH_MS, WAIT_TICK_MS } from './phone-wait.js';

export type PhoneLoad = 'loading' | 'ready' | 'not-found' | 'error';

/**
 * The customer's ticket on their phone, kept live: first read over HTTP (fast on a slow phone,
 * and tells a bad link apart from a bad network), then the ticket's own socket pushes every
 * change and resyncs after each reconnect. Phones sleep and lose signal, so coming back online
 * or to the foreground also catches up over HTTP instead of waiting for the socket to notice.
 * While waiting on a visible page with no news for WAIT_REFRESH_MS, it asks again (the estimate
 * changes with time too), and the estimate shown counts down from when it was made.
 */
export class PhoneTicket {
  view = $state<TicketView | null>(null);
  load = $state<PhoneLoad>('loading');
  connection = $state<ConnectionStatus>('connecting');
  /** The browser itself says it has no network (navigator.onLine). */
  browserOffline = $state(false);
  cancelling = $state(false);
  cancelError = $state<string | null>(null);
  /** The first load was refused RATE_LIMITED (this network asked for many unknown tickets): asked again after its Retry-After. */
  limited = $state(false);
  /** What /join handed over for this ticket (its number and service), shown while `limited`. */
  handed = $state<JoinedTicket | null>(null);
  /** This phone's clock, moved every WAIT_TICK_MS: the estimate shown counts down with it. */
  now = $state(Date.now());
  /** When the estimate shown was made (this phone's clock; a resync that brings the same one keeps it). */
  private estimateAt = $state(Date.now());
  /** When the server last said anything about the ticket (or was last asked). */
  private heardAt = 0;
  private socket: TellerSocket | null = null;
  private cleanup: (() => void)[] = [];
  /** Cancels the socket's pending reconnect after a refused handshake. */
  private stopRetry: () => void = () => undefined;

  constructor(
    private readonly token: string,
    /** Called when the ticket is called, called again (recall) or re-sent to another counter: buzz. */
    private readonly onCalled: (view: TicketView) => void,
  ) {}

  get offline(): boolean {
    return this.browserOffline || (this.connection === 'offline' && this.load === 'ready' && !this.finished);
  }

  get finished(): boolean {
    return this.view !== null && isFinished(this.view.status);
  }

  /** How old the estimate shown is. */
  get estimateAgeMs(): number {
    return Math.max(0, this.now - this.estimateAt);
  }

  async start(): Promise<void> {
    if (!plausibleToken(this.token)) {
      this.load = 'not-found';
      return;
    }
    this.browserOffline = !navigator.onLine;
    this.listen(window, 'online', () => {
      this.browserOffline = false;
      void this.refresh();
    });
    this.listen(window, 'offline', () => (this.browserOffline = true));
    this.listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.refresh();
    });
    const clock = setInterval(() => this.tick(), WAIT_TICK_MS);
    this.cleanup.push(() => clearInterval(clock));
    await this.refresh();
    // Refused for now (RATE_LIMITED): the handshake would be too; the retry's answer connects.
    if (this.load === 'not-found' || this.finished || this.limited) return;
    this.connect();
  }

  stop(): void {
    for (const off of this.cleanup.splice(0)) off();
    this.disconnect();
  }

  /** Reads the ticket over HTTP; the first answer decides between "found" and "not found". */
  async refresh(): Promise<void> {
    try {
      this.apply(await api<TicketView>('GET', `/api/v1/tickets/${encodeURIComponent(this.token)}`));
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'INTERNAL';
      if (this.view) return; // keep showing what we have; the socket or the next refresh fixes it
      if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED' || code === 'UNKNOWN_TICKET') this.load = 'not-found';
      else if (code === 'RATE_LIMITED') {
        // Someone on the same network guessed links; the socket would be refused too. Ask again
        // once the server says the address is let in, without the customer having to.
        this.load = 'error';
        this.limited = true;
        // Just joined from this phone: the number is known even though the server says wait.
        this.handed = handedOver(this.token);
        const after = err instanceof ApiFailure && typeof err.details?.retryAfterSec === 'number' ? err.details.retryAfterSec : 60;
        const retry = setTimeout(() => void this.refresh(), Math.min(after, 600) * 1000);
        this.cleanup.push(() => clearTimeout(retry));
      } else {
        this.load = 'error';
        // No network at first load: the socket retries on its own and fills the page in.
        if (!this.socket) this.connect();
      }
    }
  }

  async cancel(): Promise<boolean> {
    if (this.cancelling) return false;
    this.cancelling = true;
    this.cancelError = null;
    try {
      await api('POST', `/api/v1/tickets/${encodeURIComponent(this.token)}/cancel`);
      if (this.view) this.apply({ ...this.view, status: 'cancelled', ahead: 0, wait: null });
      return true;
    } catch (err) {
      this.cancelError = err instanceof ApiFailure ? err.code : 'generic';
      // Most likely it was called or served meanwhile: show the truth.
      void this.refresh();
      return false;
    } finally {
      this.cancelling = false;
    }
  }

  /** Moves the clock; asks again when a waiting, visible page has heard nothing for a while. */
  private tick(): void {
    this.now = Date.now();
    if (this.view?.status !== 'waiting' || document.visibilityState !== 'visible') return;
    if (this.now - this.heardAt >= WAIT_REFRESH_MS) void this.resync();
  }

  /** Over the socket when it is up (answered from the server's memory), else over HTTP. */
  private async resync(): Promise<void> {
    this.heardAt = Date.now(); // one ask per period, however slow the answer
    const socket = this.socket;
    if (socket?.connected) {
      try {
        this.apply(await request(socket, 'ticket:sync', { afterSeq: this.view?.seq ?? 0 }));
        return;
      } catch {
        // No answer over the socket: HTTP below.
      }
    }
    await this.refresh();
  }

  private apply(incoming: TicketView): void {
    this.heardAt = Date.now();
    if (this.limited) {
      this.limited = false;
      if (!this.socket) this.connect();
    }
    const before = this.view;
    const next = mergeTicket(before, incoming);
    if (next === before) return;
    if (!sameEstimate(before, next)) this.estimateAt = this.now = Date.now();
    this.view = next;
    this.load = 'ready';
    if (becameCalled(before, next)) this.onCalled(next);
    // Nothing more will happen to a finished ticket: let the phone sleep.
    if (isFinished(next.status)) this.disconnect();
  }

  private connect(): void {
    const socket = connectRealtime({ credentials: { ticketToken: this.token }, onStatus: (s) => (this.connection = s) });
    socket.on('ticket:update', (v) => this.apply(v));
    const stopSync = syncOnConnect(
      socket,
      'ticket:sync',
      () => this.view?.seq ?? 0,
      (v) => this.apply(v),
    );
    socket.on('connect_error', (err) => {
      // The ticket vanished between the HTTP read and the handshake (finished and purged).
      if (handshakeRefusal(err)?.code === 'NOT_FOUND') void this.refresh();
    });
    // Refused for now (many lookups from this network, say): connect again when the server lets
    // this address in, by the same rule as the kiosk and lobby screens; the page keeps its
    // minute-by-minute HTTP resync meanwhile. A vanished ticket is the refresh's to show.
    this.stopRetry = reconnectAfterRefusal(socket, (e) => e.code === 'NOT_FOUND');
    this.socket = socket;
    this.cleanup.push(stopSync);
  }

  private disconnect(): void {
    // A retry still pending would open the closed socket again.
    this.stopRetry();
    this.stopRetry = () => undefined;
    this.socket?.close();
    this.socket = null;
  }

  private listen(target: EventTarget, type: string, fn: () => void): void {
    target.addEventListener(type, fn);
    this.cleanup.push(() => target.removeEventListener(type, fn));
  }
}
