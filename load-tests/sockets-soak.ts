/**
 * Lobby screens and phones that stay connected all day: ramps up to SOCKETS idle Socket.IO
 * connections on one branch (one screen in ten, the rest phones following one of TICKETS
 * tickets), holds them for DURATION while staff keep calling, and checks that every call still
 * reaches the screens in time and that no connection is refused or dropped.
 *
 *   k6 run -e BASE_URL=http://localhost:3000 -e BRANCH_ID=... -e KIOSK_TOKEN=... \
 *          -e SIGNAGE_TOKEN=... -e SOCKETS=2000 -e DURATION=10m load-tests/sockets-soak.ts
 *
 * One k6 process holds a few thousand websockets comfortably; for more, run several k6
 * instances (or raise `ulimit -n`, which must exceed SOCKETS on both ends).
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

const SOCKETS = Number(__ENV.SOCKETS ?? 1000);
const TICKETS = Number(__ENV.TICKETS ?? 40);
const RAMP = __ENV.RAMP ?? '1m';
const HOLD_MS = durationMs(config.duration);
const RAMP_MS = durationMs(RAMP);

const signageLatency = new Trend('signage_call_latency_ms', true);
const phoneUpdateAge = new Trend('phone_update_age_ms', true);
const connected = new Counter('sockets_connected');
const refused = new Counter('socket_refused');
const dropped = new Counter('socket_dropped');
const calls = new Counter('signage_calls_seen');

export const options: Options = {
  setupTimeout: '5m',
  scenarios: {
    sockets: {
      executor: 'ramping-vus',
      exec: 'hold',
      startVUs: 0,
      stages: [
        { duration: RAMP, target: SOCKETS },
        { duration: config.duration, target: SOCKETS },
      ],
      gracefulRampDown: '10s',
    },
    staff: { executor: 'per-vu-iterations', exec: 'staff', vus: 1, iterations: 1, startTime: RAMP, maxDuration: `${Math.ceil(HOLD_MS / 1000) + 30}s` },
  },
  thresholds: {
    signage_call_latency_ms: [`p(99)<${config.eventP99Ms}`],
    phone_update_age_ms: [`p(99)<${config.eventP99Ms}`],
    signage_calls_seen: ['count>0'],
    socket_refused: ['count==0'],
    socket_dropped: ['count==0'],
  },
};

export function setup(): { tokens: string[] } {
  required();
  const info = branchInfo(config.baseUrl, config.branchId);
  const tokens: string[] = [];
  for (let k = 0; k < TICKETS; k++) {
    const res = issueTicket(config.baseUrl, config.branchId, config.kioskToken, info.services[k % info.services.length]!.id);
    const body = json<{ data: { token: string } }>(res);
    if (res.status === 201 && body) tokens.push(body.data.token);
  }
  if (tokens.length === 0) throw new Error('the kiosk could not issue tickets');
  return { tokens };
}

/** One long-lived connection; closed by the end of the hold. */
export function hold(data: { tokens: string[] }): void {
  const id = exec.vu.idInTest;
  const isScreen = id % 10 === 0;
  let closing = false;
  const sio = new SocketIo(config.baseUrl, isScreen ? { deviceToken: config.signageToken } : { ticketToken: data.tokens[id % data.tokens.length]! }, {
    onConnect: () => connected.add(1),
    onRefused: () => refused.add(1),
    onClose: () => {
      if (!closing) dropped.add(1);
    },
    onEvent: (name, payload) => {
      if (name === 'signage:call') {
        const c = payload as { at: number };
        calls.add(1);
        signageLatency.add(Date.now() - c.at);
      } else if (name === 'ticket:update') {
        const t = payload as { status: string; calledAt: number | null };
        if (t.status === 'called' && t.calledAt !== null) phoneUpdateAge.add(Date.now() - t.calledAt);
      }
    },
  });
  const left = RAMP_MS + HOLD_MS - (Date.now() - exec.scenario.startTime);
  setTimeout(() => {
    closing = true;
    sio.close();
  }, Math.max(1000, left));
}

/** One counter calling, serving for SERVICE_SECONDS and completing, and taking walk-ins in between. */
export function staff(): void {
  const username = config.staffUsers[0]!;
  const login = http.post(`${config.baseUrl}/api/v1/auth/login`, JSON.stringify({ username, password: config.staffPassword }), { headers: JSON_HEADERS });
  if (!check(login, { 'staff signed in': (r) => r.status === 200 })) return;
  const info = branchInfo(config.baseUrl, config.branchId);
  const cmd = (body: Record<string, unknown>) =>
    http.post(`${config.baseUrl}/api/v1/branches/${config.branchId}/commands`, JSON.stringify(body), { headers: JSON_HEADERS, tags: { name: `command ${String(body.type)}` } });
  cmd({ type: 'sign-on', counterId: info.counters[0]!.id });
  const end = Date.now() + HOLD_MS;
  let k = 0;
  while (Date.now() < end) {
    // Keep the queue from running dry: one walk-in per call.
    issueTicket(config.baseUrl, config.branchId, config.kioskToken, info.services[k++ % info.services.length]!.id);
    const res = cmd({ type: 'call-next' });
    const body = json<{ data?: { called: { ticketId: string } | null } }>(res);
    const ticketId = body?.data?.called?.ticketId;
    if (!ticketId) {
      sleep(1);
      continue;
    }
    cmd({ type: 'start', ticketId });
    sleep(config.serviceSeconds);
    cmd({ type: 'complete', ticketId });
  }
  cmd({ type: 'sign-off' });
}
