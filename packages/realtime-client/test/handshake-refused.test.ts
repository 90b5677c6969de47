/**
 * A kiosk's or lobby screen's socket refused at the handshake (RATE_LIMITED: too many screens
 * behind one address connecting at once, or the address over its token-lookup window) is not left
 * offline: Socket.IO gives up after a refusal, so the screen connects again after the server's
 * Retry-After, and resumes (its snapshot) once allowed. A refusal for good (unpaired) is left to
 * the screen. Against a real Socket.IO server on loopback whose handshake gate refuses as ours does.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRealtime, reconnectAfterRefusal, refusedRetryMs, REFUSED_RETRY_MS, syncOnConnect, type ConnectionStatus, type TellerSocket } from '../src/realtime.js';

let http: HttpServer | undefined;
let io: Server | undefined;
let client: TellerSocket | undefined;

afterEach(async () => {
  client?.close();
  await io?.close();
  http?.close();
  client = io = http = undefined;
});

/** A server whose gate refuses the first `refusals` handshakes with `code` (as handshakeGate sends it), then lets them in. */
async function gatedServer(refusals: number, code: string): Promise<{ url: string; handshakes: number[] }> {
  const handshakes: number[] = [];
  http = createServer();
  io = new Server(http);
  io.use((_socket, next) => {
    handshakes.push(Date.now());
    if (handshakes.length > refusals) return next();
    const err = new Error('refused') as Error & { data: unknown };
    err.data = { code, message: 'refused', details: { retryAfterSec: 1 } };
    next(err);
  });
  io.on('connection', (socket) => socket.on('signage:sync', (_payload: unknown, ack: (r: unknown) => void) => ack({ data: { seq: 5 } })));
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, handshakes };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Real sockets and real seconds: room for a busy two-core machine.
describe('a socket refused at the handshake', { timeout: 20_000 }, () => {
  it('RATE_LIMITED: connects again after the Retry-After (not before), and resumes with a snapshot once allowed', async () => {
    const { url, handshakes } = await gatedServer(2, 'RATE_LIMITED');
    const statuses: ConnectionStatus[] = [];
    client = connectRealtime({ url, credentials: { deviceToken: 'kiosk-token' }, onStatus: (s) => statuses.push(s) });
    const snapshots: unknown[] = [];
    syncOnConnect(client, 'signage:sync', () => 0, (s) => snapshots.push(s));
    reconnectAfterRefusal(client, (e) => e.code === 'UNAUTHENTICATED', () => 0);

    await until(() => snapshots.length > 0, 10_000);
    expect(snapshots).toEqual([{ seq: 5 }]);
    expect(handshakes).toHaveLength(3);
    // Each attempt waited the second the server asked for.
    expect(handshakes[1]! - handshakes[0]!).toBeGreaterThanOrEqual(950);
    expect(handshakes[2]! - handshakes[1]!).toBeGreaterThanOrEqual(950);
    expect(statuses.at(-1)).toBe('online');
    expect(statuses).toContain('offline');
  });

  it('a refusal for good (unpaired) is not retried: the screen handles it', async () => {
    const { url, handshakes } = await gatedServer(10, 'UNAUTHENTICATED');
    client = connectRealtime({ url, credentials: { deviceToken: 'old-token' } });
    reconnectAfterRefusal(client, (e) => e.code === 'UNAUTHENTICATED', () => 0);
    await until(() => handshakes.length > 0, 5000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(handshakes).toHaveLength(1);
    expect(client.connected).toBe(false);
  });

  it('stops trying once cancelled (the screen closed)', async () => {
    const { url, handshakes } = await gatedServer(10, 'RATE_LIMITED');
    client = connectRealtime({ url, credentials: { deviceToken: 'kiosk-token' } });
    const cancel = reconnectAfterRefusal(client, () => false, () => 0);
    await until(() => handshakes.length > 0, 5000);
    cancel();
    await new Promise((r) => setTimeout(r, 1500));
    expect(handshakes).toHaveLength(1);
  });
});

describe('refusedRetryMs', () => {
  const limited = (retryAfterSec?: number) => ({ code: 'RATE_LIMITED', message: '', ...(retryAfterSec === undefined ? {} : { details: { retryAfterSec } }) }) as never;

  it("waits the server's Retry-After, jittered by at most 10 s", () => {
    expect(refusedRetryMs(limited(1), () => 0)).toBe(1000);
    expect(refusedRetryMs(limited(1), () => 0.999)).toBeLessThan(2000);
    expect(refusedRetryMs(limited(600), () => 0)).toBe(600_000);
    expect(refusedRetryMs(limited(600), () => 0.999)).toBeLessThan(610_000);
  });

  it('waits a while for a refusal that names no Retry-After, and at least a second', () => {
    expect(refusedRetryMs(limited(), () => 0)).toBe(REFUSED_RETRY_MS);
    expect(refusedRetryMs({ code: 'INTERNAL', message: '' } as never, () => 0)).toBe(REFUSED_RETRY_MS);
    expect(refusedRetryMs(null, () => 0)).toBe(REFUSED_RETRY_MS);
    expect(refusedRetryMs(limited(0), () => 0)).toBe(1000);
  });
});
