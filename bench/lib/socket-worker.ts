/**
 * A load-driver child process holding thousands of Socket.IO clients (lobby screens and phones).
 * Each behaves like the real clients (@tellerline/realtime-client): websocket first, endless
 * reconnection with the same back-off (RECONNECTION: 0.5 s doubling to 3 s, ±50 % jitter), a phone
 * or screen refused RATE_LIMITED connecting again later as the real ones do, and a resync on every
 * (re)connect: `signage:sync { afterSeq: last seq seen }` or `ticket:sync`.
 *
 * It records every arrival with the wall clock (performance.timeOrigin + now, comparable across
 * processes on one machine), and answers the parent over IPC. See sockets.ts for the protocol.
 */
import { io, type Socket } from 'socket.io-client';
import type { PublicCall, SignageSnapshot, TicketView } from '@tellerline/contracts';
import { RECONNECTION, refusedRetryMs } from '@tellerline/realtime-client';
import { STATUS_CODE, VIA_SYNC, type SocketSpec } from './protocol.js';
import { wallMs } from './stats.js';

interface Held {
  spec: SocketSpec;
  socket: Socket;
  lastSeq: number;
  connects: number;
  downAt: number;
  upAt: number;
}

const held = new Map<number, Held>();
/** Flat records [socket i, seq, wall ms, code, ...] since the last 'reset'. */
let records: number[] = [];
let syncErrors = 0;
let connectErrors = 0;
/** Handshakes the server refused, by error code (a refusal stops Socket.IO's own reconnection). */
let refusals: Record<string, number> = {};

function record(h: Held, seq: number, code: number) {
  records.push(h.spec.i, seq, wallMs(), code);
  if (seq > h.lastSeq) h.lastSeq = seq;
}

function open(spec: SocketSpec): Promise<boolean> {
  const socket = io(spec.url, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    reconnection: true,
    ...RECONNECTION,
    forceNew: true,
    timeout: 60_000,
    auth: spec.kind === 'signage' ? { deviceToken: spec.token } : { ticketToken: spec.token },
  });
  const h: Held = { spec, socket, lastSeq: 0, connects: 0, downAt: 0, upAt: 0 };
  held.set(spec.i, h);
  if (spec.kind === 'signage') {
    socket.on('signage:call', (c: PublicCall) => record(h, c.seq, 0));
    socket.on('queue:summary', (s: { seq: number }) => {
      if (s.seq > h.lastSeq) h.lastSeq = s.seq;
    });
  } else {
    socket.on('ticket:update', (t: TicketView) => record(h, t.seq, STATUS_CODE[t.status]));
  }
  socket.on('disconnect', () => {
    if (!h.downAt || h.upAt) {
      h.downAt = wallMs();
      h.upAt = 0;
    }
  });
  socket.on('connect', () => {
    h.connects++;
    if (h.downAt && !h.upAt) h.upAt = wallMs();
    if (spec.kind === 'signage') {
      socket.emit('signage:sync', { afterSeq: h.lastSeq }, (res: { data: SignageSnapshot } | { error: unknown }) => {
        if (!('data' in res)) return void syncErrors++;
        for (const c of res.data.calls) record(h, c.seq, VIA_SYNC);
        if (res.data.seq > h.lastSeq) h.lastSeq = res.data.seq;
      });
    } else {
      socket.emit('ticket:sync', { afterSeq: h.lastSeq }, (res: { data: TicketView } | { error: unknown }) => {
        if (!('data' in res)) return void syncErrors++;
        record(h, res.data.seq, VIA_SYNC + STATUS_CODE[res.data.status]);
      });
    }
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string; details?: { retryAfterSec?: unknown } } }) => {
    const code = err.data?.code;
    if (code) refusals[code] = (refusals[code] ?? 0) + 1;
    // Socket.IO does not try again after a refusal: the real clients do, after the server's
    // Retry-After (the phone's page, apps/web phone-ticket.svelte.ts; the lobby screen,
    // signage/src/lib/live.ts, with refusedRetryMs).
    if (code === 'RATE_LIMITED') {
      const retryAfterSec = err.data?.details?.retryAfterSec;
      const ms =
        spec.kind === 'signage'
          ? refusedRetryMs(err.data as Parameters<typeof refusedRetryMs>[0])
          : (typeof retryAfterSec === 'number' ? Math.min(retryAfterSec, 600) : 60) * 1000 * (1 + Math.random());
      setTimeout(() => held.get(spec.i) === h && socket.connect(), ms);
    }
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => {
      connectErrors++;
      // A refusal (not a network error) stops Socket.IO's own reconnection: count it as failed.
      if (!socket.active) resolve(false);
    });
  });
}

async function connectAll(specs: SocketSpec[], concurrency: number): Promise<{ ok: number; failed: number; ms: number }> {
  const t0 = wallMs();
  let next = 0;
  let ok = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) {
        const spec = specs[next++]!;
        if (await open(spec)) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, ms: wallMs() - t0 };
}

function status() {
  let connected = 0;
  let down = 0;
  let back = 0;
  let lastUp = 0;
  let firstDown = Infinity;
  for (const h of held.values()) {
    if (h.socket.connected) connected++;
    if (h.downAt) {
      down++;
      firstDown = Math.min(firstDown, h.downAt);
      if (h.upAt) {
        back++;
        lastUp = Math.max(lastUp, h.upAt);
      }
    }
  }
  const ups: number[] = [];
  for (const h of held.values()) if (h.downAt && h.upAt) ups.push(h.upAt);
  return { held: held.size, connected, down, back, firstDown: down ? firstDown : 0, lastUp, ups, syncErrors, connectErrors, refusals };
}

type Msg =
  | { type: 'connect'; id: number; specs: SocketSpec[]; concurrency: number }
  | { type: 'reset'; id: number }
  | { type: 'collect'; id: number }
  | { type: 'status'; id: number }
  | { type: 'forget-downs'; id: number }
  | { type: 'close'; id: number; which?: number[] };

process.on('message', async (m: Msg) => {
  const reply = (data: unknown) => process.send!({ id: m.id, data });
  switch (m.type) {
    case 'connect':
      return reply(await connectAll(m.specs, m.concurrency));
    case 'reset':
      records = [];
      return reply(true);
    case 'collect': {
      const out = records;
      records = [];
      return reply(out);
    }
    case 'status':
      return reply(status());
    case 'forget-downs':
      for (const h of held.values()) h.downAt = h.upAt = 0;
      syncErrors = connectErrors = 0;
      refusals = {};
      return reply(true);
    case 'close': {
      const which = m.which ?? [...held.keys()];
      for (const i of which) {
        const h = held.get(i);
        if (!h) continue;
        h.socket.removeAllListeners();
        h.socket.close();
        held.delete(i);
      }
      return reply(held.size);
    }
  }
});

process.send!({ id: 0, data: 'ready' });
