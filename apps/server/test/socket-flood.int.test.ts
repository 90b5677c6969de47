/**
 * One socket flooding events cannot starve the node: past its burst (event-budget.ts) every
 * event is answered RATE_LIMITED at once, without touching Redis or the database, and answered
 * normally again once its budget refills; other sockets are served meanwhile; a socket that keeps
 * sending far past the limit is closed. A message over the socket's size limit closes that socket
 * (Socket.IO cannot answer it: realtime/oversize-message.ts), logged once with the socket and its
 * address, and the node and every other client carry on. Real sockets on a real system (Redis,
 * PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { SOCKET_MESSAGE_MAX_BYTES } from '@tellerline/contracts';
import { capturingLogger } from './capturing-logger.js';
import { SOCKET_EVENT_BURST, SOCKET_REFUSALS_TO_CUT } from '../src/realtime/event-budget.js';
import { kioskTicket, openSocket, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

let sys: TestSystem;
const { logger, lines } = capturingLogger('warn');
beforeAll(async () => {
  sys = await startTestSystem({}, {}, logger);
});
afterAll(async () => {
  await sys?.close();
});

type Ack = { data?: { seq: number }; error?: { code: string; message: string; details?: Record<string, unknown> } };
const sync = (socket: ClientSocket) => socket.timeout(10_000).emitWithAck('signage:sync', { afterSeq: 0 }) as Promise<Ack>;
const signage = () => openSocket(sys.url, { auth: { deviceToken: sys.signageToken } });

describe('a socket flooding events', () => {
  it('is answered RATE_LIMITED past its burst, served again after a pause, while another screen is served throughout', async () => {
    const [flooder, neighbour] = await Promise.all([signage(), signage()]);
    try {
      const answers = await Promise.all(Array.from({ length: SOCKET_EVENT_BURST + 40 }, () => sync(flooder)));
      const served = answers.filter((a) => a.data);
      const refused = answers.filter((a) => a.error);
      // The burst is served in full; what refills while the rest arrives is a few at most.
      expect(served.length).toBeGreaterThanOrEqual(SOCKET_EVENT_BURST);
      expect(refused.length).toBeGreaterThanOrEqual(20);
      expect(served.length + refused.length).toBe(answers.length);
      for (const r of refused) expect(r.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: 1 } });
      expect(flooder.connected).toBe(true);

      // The other lobby screen's resync and a kiosk's ticket are not held back.
      expect((await sync(neighbour)).data?.seq).toEqual(expect.any(Number));
      await kioskTicket(sys, 'A');

      // After a pause the flooder is answered normally again.
      await waitFor('the budget to refill', async () => (await sync(flooder)).data);
      expect(flooder.connected).toBe(true);
    } finally {
      flooder.close();
      neighbour.close();
    }
  });

  it('closes a socket that keeps sending far past its limit; a new connection is served', async () => {
    const flooder = await signage();
    try {
      const closed = new Promise<string>((resolve) => flooder.once('disconnect', (reason) => resolve(reason)));
      for (let i = 0; i < SOCKET_EVENT_BURST + SOCKET_REFUSALS_TO_CUT + 60; i++) flooder.emit('signage:sync', { afterSeq: 0 }, () => undefined);
      expect(await closed).toBe('io server disconnect');
    } finally {
      flooder.close();
    }
    const again = await signage();
    try {
      expect((await sync(again)).data?.seq).toEqual(expect.any(Number));
    } finally {
      again.close();
    }
  });
});

describe('a message over the size limit', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`closes that ${transport} socket, logged once with its id and address; the node and another screen carry on`, async () => {
      // Untyped: it sends what no typed client could.
      const big = connect(sys.url, { transports: [transport], reconnection: false, forceNew: true, auth: { deviceToken: sys.signageToken } });
      const connected = new Promise<void>((resolve, reject) => {
        big.once('connect', () => resolve());
        big.once('connect_error', reject);
      });
      const neighbour = await signage();
      try {
        await connected;
        const id = big.id;
        const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
        big.emit('signage:sync', { afterSeq: 0, padding: 'x'.repeat(SOCKET_MESSAGE_MAX_BYTES + 1000) }, () => undefined);
        expect(await closed).toMatch(/transport (close|error)/);
        const warned = await waitFor('the warning', async () => lines.filter((l) => l.msg === 'socket closed: a message over the size limit' && l.socket === id));
        expect(warned).toHaveLength(1);
        expect(warned[0]).toMatchObject({ kind: 'signage', address: expect.stringMatching(/127\.0\.0\.1$/), maxBytes: SOCKET_MESSAGE_MAX_BYTES });

        expect(neighbour.connected).toBe(true);
        expect((await sync(neighbour)).data?.seq).toEqual(expect.any(Number));
        await kioskTicket(sys, 'A');
        const health = await fetch(`${sys.url}/healthz`);
        expect(health.status).toBe(200);
      } finally {
        big.close();
        neighbour.close();
      }
    });
  }
});
