import { io, type Socket } from 'socket.io-client';
import { SOCKET_MESSAGE_MAX_BYTES, type ApiError, type ClientToServerEvents, type ServerToClientEvents } from '@tellerline/contracts';

export type TellerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export type Credentials = { deviceToken: string } | { ticketToken: string } | { staff: true };

export interface ConnectOptions {
  /** Server origin; defaults to the page's own origin. */
  url?: string;
  credentials: Credentials;
  onStatus?: (status: ConnectionStatus) => void;
}

/**
 * Reconnection back-off of every screen and phone: 0.5 s, doubling, capped at 3 s, each delay
 * jittered ±50 % (Socket.IO's default factor) so a restart's reconnect burst is spread out. The
 * cap bounds how long a screen stays dark after the server is back: with 5 s (Socket.IO's
 * default) a screen that failed just before the server answered again waited up to 5 s more;
 * attempts against a server that is down cost it nothing (refused at TCP).
 */
export const RECONNECTION = { reconnectionDelay: 500, reconnectionDelayMax: 3000, randomizationFactor: 0.5 } as const;

/**
 * One Socket.IO connection, as every screen opens it: websocket first (lobby Wi-Fi and proxies
 * permitting), endless reconnection with capped back-off, credentials in the handshake (staff
 * ride on their session cookie).
 */
export function connectRealtime(opts: ConnectOptions): TellerSocket {
  const auth = 'staff' in opts.credentials ? {} : opts.credentials;
  const socket: TellerSocket = io(opts.url ?? '', {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    withCredentials: true,
    reconnection: true,
    ...RECONNECTION,
    auth,
  });
  opts.onStatus?.('connecting');
  socket.on('connect', () => opts.onStatus?.('online'));
  socket.on('disconnect', (reason) => {
    opts.onStatus?.('offline');
    // The server closes a kiosk's or lobby screen's connection when the device is unpaired, and
    // Socket.IO does not reconnect after that on its own: try once more, so the screen learns
    // from the refusal (UNAUTHENTICATED) that it is no longer paired instead of waiting offline.
    if (reason === 'io server disconnect' && 'deviceToken' in opts.credentials) socket.connect();
  });
  socket.on('connect_error', () => opts.onStatus?.('offline'));
  return socket;
}

/** The server's `{ code, message, details }` a refused handshake's connect_error carries; null for a network failure. */
export function handshakeRefusal(err: Error): ApiError['error'] | null {
  const data = (err as Error & { data?: unknown }).data;
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string' ? (data as ApiError['error']) : null;
}

/** The wait after a refused handshake that names no Retry-After (an outage behind the server, say). */
export const REFUSED_RETRY_MS = 10_000;

/**
 * How long a screen waits before connecting again after the server refused its handshake: the
 * Retry-After of a RATE_LIMITED (`details.retryAfterSec`: 1 s when too many screens behind one
 * address connect at once, as after a restart; the rest of the window when the address guessed
 * too many tokens), else REFUSED_RETRY_MS; plus up to 10 s of jitter (never more than the wait
 * itself), so the screens behind one address do not all come back in the same second.
 */
export function refusedRetryMs(error: ApiError['error'] | null, random = Math.random): number {
  const asked = error?.code === 'RATE_LIMITED' ? error.details?.retryAfterSec : undefined;
  const wait = typeof asked === 'number' ? Math.max(1, asked) * 1000 : REFUSED_RETRY_MS;
  return wait + random() * Math.min(wait, 10_000);
}

/**
 * Socket.IO reconnects by itself after a network failure, but gives up for good once the server
 * refuses the handshake (its middleware answered): a kiosk, lobby screen or customer's ticket page
 * refused RATE_LIMITED would then stay offline until someone reloads it. This connects again after `refusedRetryMs`,
 * and again after each further refusal; on connecting, `syncOnConnect` resumes as after any
 * reconnect. `final`: a refusal the screen handles itself (an unpaired device, a ticket gone): no retry here.
 * Returns a function that cancels a pending attempt.
 */
export function reconnectAfterRefusal(socket: TellerSocket, final: (error: ApiError['error']) => boolean = () => false, random = Math.random): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refused = (err: Error) => {
    if (socket.active) return;
    const error = handshakeRefusal(err);
    if (error && final(error)) return;
    clearTimeout(timer);
    timer = setTimeout(() => socket.connect(), refusedRetryMs(error, random));
  };
  socket.on('connect_error', refused);
  return () => {
    clearTimeout(timer);
    socket.off('connect_error', refused);
  };
}

export type SyncEvent = 'signage:sync' | 'staff:sync' | 'ticket:sync';
type SyncData<E extends SyncEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends infer R
  ? R extends { data: infer D }
    ? D
    : never
  : never;

/**
 * Resume after every (re)connect: ask for a snapshot, telling the server the last seq we saw.
 * Events carry seq too, so a screen can ignore anything older than what it already shows.
 * `alsoOn`: a server event after which the snapshot is asked for again (kiosks and lobby
 * screens: `lobby:changed`, the branch's set-up changed under what they show).
 */
export function syncOnConnect<E extends SyncEvent>(
  socket: TellerSocket,
  event: E,
  lastSeq: () => number,
  onSnapshot: (snapshot: SyncData<E>) => void,
  onError?: (error: ApiError['error']) => void,
  alsoOn?: 'lobby:changed',
): () => void {
  let retry: ReturnType<typeof setTimeout> | undefined;
  const sync = () => {
    clearTimeout(retry);
    const emit = socket.emit as unknown as (e: string, p: unknown, ack: (r: { data: SyncData<E> } | ApiError) => void) => void;
    emit.call(socket, event, { afterSeq: lastSeq() }, (res) => {
      if ('data' in res) onSnapshot(res.data);
      // Over the connection's event budget (a burst of set-up changes, say): nothing is wrong
      // with the screen, so ask again shortly instead of showing an error.
      else if (res.error.code === 'RATE_LIMITED') retry = setTimeout(() => socket.connected && sync(), syncRetryMs(res.error));
      else onError?.(res.error);
    });
  };
  socket.on('connect', sync);
  if (alsoOn) socket.on(alsoOn, sync);
  if (socket.connected) sync();
  return () => {
    clearTimeout(retry);
    socket.off('connect', sync);
    if (alsoOn) socket.off(alsoOn, sync);
  };
}

/** How long to wait before asking again after RATE_LIMITED: the server's Retry-After, at least a second, jittered so screens do not come back together. */
export function syncRetryMs(error: ApiError['error'], random = Math.random): number {
  const after = typeof error.details?.retryAfterSec === 'number' ? error.details.retryAfterSec : 1;
  return Math.max(1, after) * 1000 * (1 + random());
}

/** Room for Socket.IO's own framing around the event name and payload (packet type, ack id). */
const ENVELOPE_BYTES = 64;

/** The UTF-8 size of an event as sent: `["event",payload]`. */
export function messageBytes(event: string, payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify([event, payload])).length;
}

/** Emit with an ack as a promise; rejects with the server's { code, message }. */
export function request<E extends keyof ClientToServerEvents>(
  socket: TellerSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8000,
): Promise<SyncDataOf<E>> {
  return new Promise((resolve, reject) => {
    // The server drops a connection whose message is over its limit, without an answer: say so
    // here instead, and keep the connection (and the screen "online").
    if (messageBytes(event, payload) > SOCKET_MESSAGE_MAX_BYTES - ENVELOPE_BYTES) {
      reject({ code: 'PAYLOAD_TOO_LARGE', message: 'The message is too large to send; shorten the text and try again.' });
      return;
    }
    const emit = socket.timeout(timeoutMs).emit as unknown as (e: string, p: unknown, ack: (err: Error | null, r: { data: SyncDataOf<E> } | ApiError) => void) => void;
    emit.call(socket.timeout(timeoutMs), event, payload, (err, res) => {
      if (err) reject({ code: 'BUSY_RETRY', message: 'No answer from the server; check the connection and try again.' });
      else if ('data' in res) resolve(res.data);
      else reject(res.error);
    });
  });
}

type SyncDataOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends infer R
  ? R extends { data: infer D }
    ? D
    : never
  : never;
