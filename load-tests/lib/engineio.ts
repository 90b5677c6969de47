/**
 * A minimal Socket.IO v4 client over k6/websockets (k6 has no Socket.IO client). It speaks the
 * Engine.IO v4 websocket transport directly:
 *
 *   server -> `0{"sid":..,"pingInterval":..}`  open
 *   client -> `40{"deviceToken":".."}`          connect to namespace "/" with the handshake auth
 *   server -> `40{"sid":..}` | `44{"message":..,"data":{code}}`   connected | refused
 *   server -> `2`, client -> `3`               heartbeat (the server pings; we answer)
 *   `42["event",payload]`                      an event
 *   `42<id>["event",payload]` / `43<id>[reply]` an event with an acknowledgement and its answer
 */
import { WebSocket, type MessageEvent } from 'k6/websockets';

export type Auth = { deviceToken: string } | { ticketToken: string } | Record<string, never>;

export interface SocketHandlers {
  /** Namespace connected (after the `40` answer): resync here, as the real screens do. */
  onConnect?: (sio: SocketIo) => void;
  /** The server refused the handshake (`44`), with its error code. */
  onRefused?: (code: string) => void;
  onEvent?: (name: string, payload: unknown, sio: SocketIo) => void;
  onClose?: () => void;
}

export class SocketIo {
  readonly ws: WebSocket;
  connected = false;
  private nextAck = 1;
  private readonly acks = new Map<number, (reply: unknown) => void>();

  constructor(baseUrl: string, auth: Auth, private readonly handlers: SocketHandlers, headers: Record<string, string> = {}) {
    const url = baseUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/socket.io/?EIO=4&transport=websocket';
    this.ws = new WebSocket(url, null, { headers });
    this.ws.onmessage = (e?: MessageEvent) => this.receive(String(e?.data ?? ''), auth);
    this.ws.onclose = () => {
      this.connected = false;
      this.handlers.onClose?.();
    };
  }

  /** Emits an event; with `ack`, the server's answer comes back through it. */
  emit(event: string, payload: unknown, ack?: (reply: unknown) => void): void {
    let id = '';
    if (ack) {
      const n = this.nextAck++;
      this.acks.set(n, ack);
      id = String(n);
    }
    this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  close(): void {
    this.ws.close();
  }

  private receive(data: string, auth: Auth): void {
    const type = data.charAt(0);
    if (type === '0') {
      this.ws.send(`40${JSON.stringify(auth)}`);
    } else if (type === '2') {
      this.ws.send('3');
    } else if (type === '4') {
      this.packet(data.slice(1));
    }
  }

  /** A Socket.IO packet (the part after the Engine.IO `4` message type). */
  private packet(p: string): void {
    const kind = p.charAt(0);
    const rest = p.slice(1);
    if (kind === '0') {
      this.connected = true;
      this.handlers.onConnect?.(this);
    } else if (kind === '4') {
      const err = JSON.parse(rest) as { data?: { code?: string } };
      this.handlers.onRefused?.(err.data?.code ?? 'REFUSED');
      this.ws.close();
    } else if (kind === '2') {
      const [name, payload] = JSON.parse(rest.slice(rest.indexOf('['))) as [string, unknown];
      this.handlers.onEvent?.(name, payload, this);
    } else if (kind === '3') {
      const bracket = rest.indexOf('[');
      const id = Number(rest.slice(0, bracket));
      const [reply] = JSON.parse(rest.slice(bracket)) as [unknown];
      const ack = this.acks.get(id);
      this.acks.delete(id);
      ack?.(reply);
    }
  }
}
