/**
 * Text over its limit on the staff socket, with real sockets on a real system: a reason past its
 * 200 characters is refused in the ack with TEXT_TOO_LONG and the limit, the connection kept;
 * a message past the socket's 16 KB (a client that skips the panel's own checks) closes that
 * connection unanswered, and a client that reconnects as the panel does is back and served,
 * with nothing changed and the process unharmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { SOCKET_MESSAGE_MAX_BYTES, type StaffQueueSnapshot } from '@tellerline/contracts';
import { openSocket, startSignedOn, type ClientSocket, type HttpClient, type TestSystem } from './support.js';

const ORIGIN = 'http://allowed.test';
let sys: TestSystem;
let alice: HttpClient;

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({ ALLOWED_ORIGINS: ORIGIN }, 'alice', '1'));
});

afterAll(async () => {
  await sys?.close();
});

type Ack = { data?: unknown; error?: { code: string; details?: Record<string, unknown> } };
const command = (socket: ClientSocket, cmd: Record<string, unknown>) => socket.timeout(3000).emitWithAck('staff:command', cmd as never) as Promise<Ack>;
const staffState = async () => ((await alice.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`)).body.data as StaffQueueSnapshot).staff.find((s) => s.counterId === sys.counter('1'));

describe('text limits on the staff socket', () => {
  it('refuses a reason over 200 characters with TEXT_TOO_LONG and the limit, and keeps the connection', async () => {
    const socket = await openSocket(sys.url, { cookie: alice.cookie ?? '', origin: ORIGIN });
    try {
      const res = await command(socket, { type: 'pause', reason: '理'.repeat(201) });
      expect(res.error).toMatchObject({ code: 'TEXT_TOO_LONG', details: { field: 'reason', max: 200 } });
      expect(socket.connected).toBe(true);
      // 200 characters is within the limit.
      const ok = await command(socket, { type: 'pause', reason: '理'.repeat(200) });
      expect(ok.error).toBeUndefined();
      expect((await command(socket, { type: 'resume' })).error).toBeUndefined();
    } finally {
      socket.close();
    }
  });

  it('drops a message over the socket limit unanswered; a client reconnecting as the panel does is served again, nothing changed', async () => {
    // As the panel connects: reconnection on, the shared client's back-off.
    const socket: ClientSocket = connect(sys.url, {
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
      extraHeaders: { cookie: alice.cookie ?? '', origin: ORIGIN },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const before = await staffState();
      expect(before).toMatchObject({ status: 'available' });
      const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      const back = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
      const huge = { type: 'pause', reason: 'x'.repeat(SOCKET_MESSAGE_MAX_BYTES + 1000) };
      const unanswered = command(socket, huge).then(
        () => 'answered',
        () => 'no answer',
      );
      expect(await dropped).toMatch(/transport (close|error)/);
      expect(await unanswered).toBe('no answer');
      await back;
      const sync = (await socket.timeout(3000).emitWithAck('staff:sync', { afterSeq: 0 })) as { data?: StaffQueueSnapshot };
      expect(sync.data?.staff.length).toBeGreaterThan(0);
      // Nothing was applied, and other clients never noticed.
      expect(await staffState()).toEqual(before);
      expect((await alice.req('GET', '/healthz')).status).toBe(200);
    } finally {
      socket.close();
    }
  });
});
