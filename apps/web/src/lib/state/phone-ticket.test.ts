import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketView } from '@tellerline/contracts';
import type * as RealtimeClient from '@tellerline/realtime-client';
import { WAIT_REFRESH_MS, WAIT_TICK_MS } from './phone-wait.js';
import { handOver } from './joined-ticket.js';

/** The ticket's socket: what the page asked over it, and a way to push to the page. */
const net = vi.hoisted(() => {
  const listeners = new Map<string, ((v: unknown) => void)[]>();
  return {
    /** Delivers a server event (or a connect_error) to every listener the page registered. */
    emit: (event: string, v: unknown) => listeners.get(event)?.forEach((fn) => fn(v)),
    listeners,
    socket: {
      connected: true,
      active: true,
      on: (event: string, fn: (v: unknown) => void) => void listeners.set(event, [...(listeners.get(event) ?? []), fn]),
      off: (event: string, fn: (v: unknown) => void) => void listeners.set(event, (listeners.get(event) ?? []).filter((f) => f !== fn)),
      close: () => undefined,
      connect: () => void net.asked.push('socket connect'),
    },
    asked: [] as string[],
    /** Answers of the ticket's HTTP read still to come before the ticket itself (refusals). */
    refusals: [] as { status: number; body: unknown; headers?: Record<string, string> }[],
    /** What the server says the ticket looks like now. */
    server: null as unknown as TicketView,
  };
});
// The real refusal rule (reconnectAfterRefusal) runs against the fake socket.
vi.mock('@tellerline/realtime-client', async (actual) => ({
  ...(await actual<typeof RealtimeClient>()),
  connectRealtime: () => {
    net.asked.push('socket open');
    return net.socket;
  },
  syncOnConnect: () => () => undefined,
  request: async (_socket: unknown, event: string) => {
    net.asked.push(`socket ${event}`);
    return net.server;
  },
}));

const { PhoneTicket } = await import('./phone-ticket.svelte.js');

const TOKEN = 'tok'.repeat(8);
const base: TicketView = {
  seq: 10,
  branchId: 'b1',
  number: 'A003',
  service: { id: 's', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' } },
  status: 'waiting',
  ahead: 1,
  wait: { lowMin: 1.5, highMin: 3.8, expectedMin: 2.5 },
  counterLabel: null,
  issuedAt: 1,
  calledAt: null,
  lastCalledAt: null,
  recalls: 0,
  transferredFrom: null,
  noStaff: false,
};

const page = { visibilityState: 'visible' as 'visible' | 'hidden' };

beforeEach(() => {
  vi.useFakeTimers();
  net.asked.length = 0;
  net.refusals.length = 0;
  net.listeners.clear();
  net.socket.connected = true;
  net.socket.active = true;
  net.server = base;
  page.visibilityState = 'visible';
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', Object.defineProperty(new EventTarget(), 'visibilityState', { get: () => page.visibilityState }));
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      net.asked.push(`GET ${path}`);
      const refusal = net.refusals.shift();
      if (refusal) return new Response(JSON.stringify(refusal.body), { status: refusal.status, headers: { 'content-type': 'application/json', ...refusal.headers } });
      return new Response(JSON.stringify({ data: net.server }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function opened() {
  const ticket = new PhoneTicket(TOKEN, () => undefined);
  await ticket.start();
  expect(net.asked).toEqual([`GET /api/v1/tickets/${TOKEN}`, 'socket open']);
  net.asked.length = 0;
  return ticket;
}

describe('PhoneTicket while waiting with no news', () => {
  it('asks over the socket after a minute without news, and again each minute', async () => {
    const ticket = await opened();
    await vi.advanceTimersByTimeAsync(WAIT_REFRESH_MS - WAIT_TICK_MS);
    expect(net.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(WAIT_TICK_MS);
    expect(net.asked).toEqual(['socket ticket:sync']);
    await vi.advanceTimersByTimeAsync(WAIT_REFRESH_MS);
    expect(net.asked).toEqual(['socket ticket:sync', 'socket ticket:sync']);
    ticket.stop();
    await vi.advanceTimersByTimeAsync(5 * WAIT_REFRESH_MS);
    expect(net.asked).toHaveLength(2);
  });

  it('news over the socket puts the next ask a minute after it', async () => {
    await opened();
    await vi.advanceTimersByTimeAsync(3 * WAIT_TICK_MS);
    net.emit('ticket:update', { ...base, seq: 11 });
    await vi.advanceTimersByTimeAsync(WAIT_REFRESH_MS - WAIT_TICK_MS);
    expect(net.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(WAIT_TICK_MS);
    expect(net.asked).toEqual(['socket ticket:sync']);
  });

  it('asks over HTTP while the socket is down', async () => {
    await opened();
    net.socket.connected = false;
    await vi.advanceTimersByTimeAsync(WAIT_REFRESH_MS);
    expect(net.asked).toEqual([`GET /api/v1/tickets/${TOKEN}`]);
  });

  it('asks nothing while the page is hidden, or once the ticket is called', async () => {
    const ticket = await opened();
    page.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(3 * WAIT_REFRESH_MS);
    expect(net.asked).toEqual([]);
    page.visibilityState = 'visible';
    net.emit('ticket:update', { ...base, seq: 12, status: 'called', counterLabel: '1', calledAt: 5, lastCalledAt: 5, wait: null, ahead: 0 });
    expect(ticket.view?.status).toBe('called');
    await vi.advanceTimersByTimeAsync(3 * WAIT_REFRESH_MS);
    expect(net.asked).toEqual([]);
  });

  it('counts the estimate down across resyncs that bring the same one, and starts again with a new one', async () => {
    const ticket = await opened();
    expect(ticket.estimateAgeMs).toBe(0);
    await vi.advanceTimersByTimeAsync(2 * WAIT_REFRESH_MS);
    expect(net.asked).toHaveLength(2); // the same estimate came back twice
    expect(ticket.estimateAgeMs).toBe(2 * WAIT_REFRESH_MS);
    net.server = { ...base, seq: 20, ahead: 0, wait: { lowMin: 0.9, highMin: 2.3, expectedMin: 1.5 } };
    await vi.advanceTimersByTimeAsync(WAIT_REFRESH_MS);
    expect(ticket.view?.ahead).toBe(0);
    expect(ticket.estimateAgeMs).toBe(0);
  });
});

describe('PhoneTicket refused RATE_LIMITED (many unknown links from this network)', () => {
  const limited = { error: { code: 'RATE_LIMITED', message: 'Too many unknown links from this network', details: { retryAfterSec: 120 } } };

  it('says so, opens no socket, and loads by itself after the Retry-After, then connects', async () => {
    net.refusals.push({ status: 429, body: limited, headers: { 'retry-after': '120' } });
    const ticket = new PhoneTicket(TOKEN, () => undefined);
    await ticket.start();
    expect(ticket.load).toBe('error');
    expect(ticket.limited).toBe(true);
    expect(net.asked).toEqual([`GET /api/v1/tickets/${TOKEN}`]);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(net.asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.asked).toEqual([`GET /api/v1/tickets/${TOKEN}`, `GET /api/v1/tickets/${TOKEN}`, 'socket open']);
    expect(ticket.load).toBe('ready');
    expect(ticket.limited).toBe(false);
    ticket.stop();
  });

  it('shows the number a join on this phone handed over while refused; none for a ticket not joined here', async () => {
    const kept = new Map<string, string>();
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) });
    const service = { id: 'svcA', code: 'A', name: { zh: '个人业务', en: 'Personal banking' } };
    handOver({ token: TOKEN, ticketId: 't1', view: { ...base, number: 'A012', service } });
    net.refusals.push({ status: 429, body: limited, headers: { 'retry-after': '120' } });
    const ticket = new PhoneTicket(TOKEN, () => undefined);
    await ticket.start();
    expect([ticket.limited, ticket.handed]).toEqual([true, { number: 'A012', service }]);
    ticket.stop();
    kept.clear();
    net.refusals.push({ status: 429, body: limited, headers: { 'retry-after': '120' } });
    const other = new PhoneTicket(TOKEN, () => undefined);
    await other.start();
    expect([other.limited, other.handed]).toEqual([true, null]);
    other.stop();
  });

  it('connects the socket again after a refused handshake, once the Retry-After has passed', async () => {
    const ticket = await opened();
    Object.assign(net.socket, { connected: false, active: false });
    net.emit('connect_error', Object.assign(new Error('refused'), { data: limited.error }));
    const connects = () => net.asked.filter((a) => a === 'socket connect').length;
    await vi.advanceTimersByTimeAsync(119_000);
    expect(connects()).toBe(0);
    // Jittered by up to 10 s (refusedRetryMs, as kiosks and lobby screens), so phones refused together do not return together.
    await vi.advanceTimersByTimeAsync(11_000);
    expect(connects()).toBe(1);
    ticket.stop();
  });

  it('does not reopen the socket once the customer has left the page', async () => {
    const ticket = await opened();
    Object.assign(net.socket, { connected: false, active: false });
    net.emit('connect_error', Object.assign(new Error('refused'), { data: limited.error }));
    ticket.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(net.asked).not.toContain('socket connect');
  });

  it('reads the ticket again over HTTP, and does not retry the socket, when the handshake finds no such ticket', async () => {
    const ticket = await opened();
    const before = net.asked.length;
    Object.assign(net.socket, { connected: false, active: false });
    net.emit('connect_error', Object.assign(new Error('refused'), { data: { code: 'NOT_FOUND', message: 'No such ticket' } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(net.asked.slice(before)).toEqual([`GET /api/v1/tickets/${TOKEN}`]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.asked).not.toContain('socket connect');
    ticket.stop();
  });
});
