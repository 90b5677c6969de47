/**
 * A branch day: walk-ins arriving at the kiosk at a fixed rate (open model), staff at every
 * counter calling, serving and completing, lobby screens and customers' phones connected over
 * Socket.IO the whole time, measuring how long a call takes to reach them.
 *
 *   k6 run -e BASE_URL=http://localhost:3000 -e BRANCH_ID=... -e KIOSK_TOKEN=... \
 *          -e SIGNAGE_TOKEN=... load-tests/branch-day.ts
 *
 * Event latency is the server's event time (`at` of a lobby call, `calledAt` of a phone's
 * ticket, both set when staff pressed "call next") to its arrival here: run k6 on the server's
 * host, or on a machine whose clock is synchronised with it. Thresholds make k6 exit non-zero
 * when a target is missed (see load-tests/README.md).
 */
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { setTimeout } from 'k6/timers';
import { config, required } from './lib/config.ts';
import { SocketIo } from './lib/engineio.ts';
import { branchInfo, durationMs, issueTicket, json, JSON_HEADERS } from './lib/util.ts';

const RUN_MS = durationMs(config.duration);
/** Sockets and staff loops outlive the kiosk scenario a little, to see the last calls through. */
const MAX_DURATION = `${Math.ceil(RUN_MS / 1000) + 30}s`;

const callNextMs = new Trend('call_next_ms', true);
const signageLatency = new Trend('signage_call_latency_ms', true);
const phoneLatency = new Trend('phone_called_latency_ms', true);
const signageCalls = new Counter('signage_calls_seen');
const phoneUpdates = new Counter('phone_updates_seen');
const socketRefused = new Counter('socket_refused');
const syncFailed = new Counter('sync_failed');

export const options: Options = {
  scenarios: {
    kiosk: {
      executor: 'constant-arrival-rate',
      exec: 'kiosk',
      rate: config.kioskRate,
      timeUnit: '1s',
      duration: config.duration,
      preAllocatedVUs: Math.max(2, Math.ceil(config.kioskRate / 10)),
      maxVUs: Math.max(10, config.kioskRate * 2),
    },
    staff: { executor: 'per-vu-iterations', exec: 'staff', vus: config.staffUsers.length, iterations: 1, maxDuration: MAX_DURATION },
    screens: { executor: 'per-vu-iterations', exec: 'screen', vus: config.screens, iterations: 1, maxDuration: MAX_DURATION },
    phones: { executor: 'constant-vus', exec: 'phone', vus: config.phones, duration: config.duration },
  },
  thresholds: {
    'http_req_duration{scenario:kiosk}': [`p(99)<${config.kioskP99Ms}`],
    'http_req_failed{scenario:kiosk}': ['rate<0.01'],
    call_next_ms: [`p(99)<${config.callP99Ms}`],
    signage_call_latency_ms: [`p(99)<${config.eventP99Ms}`],
    phone_called_latency_ms: [`p(99)<${config.eventP99Ms}`],
    signage_calls_seen: ['count>0'],
    socket_refused: ['count==0'],
    sync_failed: ['count==0'],
    checks: ['rate>0.99'],
  },
};

export function setup(): { services: string[]; counters: string[] } {
  required();
  const info = branchInfo(config.baseUrl, config.branchId);
  return { services: info.services.map((s) => s.id), counters: info.counters.map((c) => c.id) };
}

/** One walk-in: the kiosk issues a ticket for a service. */
export function kiosk(data: { services: string[] }): void {
  const serviceId = data.services[exec.scenario.iterationInTest % data.services.length]!;
  const res = issueTicket(config.baseUrl, config.branchId, config.kioskToken, serviceId);
  check(res, { 'ticket issued (201)': (r) => r.status === 201 });
}

function command(body: Record<string, unknown>) {
  return http.post(`${config.baseUrl}/api/v1/branches/${config.branchId}/commands`, JSON.stringify(body), {
    headers: JSON_HEADERS,
    tags: { name: `command ${String(body.type)}` },
  });
}

/** A counter's day: sign on, then call, serve and complete until the run ends. */
export function staff(data: { counters: string[] }): void {
  const i = exec.scenario.iterationInTest;
  const username = config.staffUsers[i]!;
  const login = http.post(`${config.baseUrl}/api/v1/auth/login`, JSON.stringify({ username, password: config.staffPassword }), {
    headers: JSON_HEADERS,
    tags: { name: 'login' },
  });
  if (!check(login, { 'staff signed in': (r) => r.status === 200 })) return;
  const on = command({ type: 'sign-on', counterId: data.counters[i % data.counters.length] });
  check(on, { 'signed on at a counter': (r) => r.status === 200 });
  const end = Date.now() + RUN_MS;
  while (Date.now() < end) {
    const res = command({ type: 'call-next' });
    const body = json<{ data?: { called: { ticketId: string } | null }; error?: { code: string } }>(res);
    if (res.status !== 200 || !body?.data?.called) {
      // Nobody waiting, or what waits is left to a faster free colleague / kept for an appointment.
      const idle = ['NO_TICKET_WAITING', 'LEFT_TO_COLLEAGUE', 'HELD_FOR_APPOINTMENT'];
      check(res, { 'call-next answered (called, or nobody for me now)': () => idle.includes(body?.error?.code ?? '') });
      sleep(1);
      continue;
    }
    callNextMs.add(res.timings.duration);
    const ticketId = body.data.called.ticketId;
    check(command({ type: 'start', ticketId }), { 'service started': (r) => r.status === 200 });
    sleep(config.serviceSeconds);
    check(command({ type: 'complete', ticketId }), { 'service completed': (r) => r.status === 200 });
  }
  command({ type: 'sign-off' });
}

/** A lobby screen: resync on connect (as the signage app does), then time every live call. */
export function screen(): void {
  let lastSeq = 0;
  const sio = new SocketIo(config.baseUrl, { deviceToken: config.signageToken }, {
    onConnect: (s) =>
      s.emit('signage:sync', { afterSeq: lastSeq }, (reply) => {
        const snap = reply as { data?: { seq: number } };
        if (!snap.data) syncFailed.add(1);
        else lastSeq = Math.max(lastSeq, snap.data.seq);
      }),
    onRefused: () => socketRefused.add(1),
    onEvent: (name, payload) => {
      if (name !== 'signage:call') return;
      const call = payload as { seq: number; at: number; number: string };
      signageCalls.add(1);
      signageLatency.add(Date.now() - call.at);
      lastSeq = Math.max(lastSeq, call.seq);
    },
  });
  setTimeout(() => sio.close(), RUN_MS + 20_000);
}

/** A customer's phone: take a ticket, follow it until it is finished, then the next customer. */
export function phone(data: { services: string[] }): void {
  const serviceId = data.services[exec.vu.idInTest % data.services.length]!;
  const res = issueTicket(config.baseUrl, config.branchId, config.kioskToken, serviceId, { scenario_step: 'phone' });
  const ticket = json<{ data: { token: string } }>(res);
  if (!check(res, { 'phone ticket issued': (r) => r.status === 201 }) || !ticket) return;
  let timed = false;
  const sio = new SocketIo(config.baseUrl, { ticketToken: ticket.data.token }, {
    onConnect: (s) =>
      s.emit('ticket:sync', { afterSeq: 0 }, (reply) => {
        if (!(reply as { data?: unknown }).data) syncFailed.add(1);
      }),
    onRefused: () => socketRefused.add(1),
    onEvent: (name, payload, s) => {
      if (name !== 'ticket:update') return;
      const t = payload as { status: string; calledAt: number | null };
      phoneUpdates.add(1);
      if (t.status === 'called' && t.calledAt !== null && !timed) {
        timed = true;
        phoneLatency.add(Date.now() - t.calledAt);
      }
      if (t.status === 'done' || t.status === 'no-show' || t.status === 'cancelled') s.close();
    },
  });
  // Leave by the end of the run whatever happened (the VU's iteration ends when the socket closes).
  setTimeout(() => sio.close(), Math.max(1000, RUN_MS - (Date.now() - exec.scenario.startTime)));
}
