/**
 * Kiosks and phones are untrusted: every HTTP route and every socket event is fed malformed,
 * oversized, mistyped, incomplete and over-complete input. Each must be refused with a 4xx and
 * `{ error: { code, message } }` whose code is the specific stable one from contracts; sockets
 * must answer with an error ack and stay usable; and none of it may change the queue.
 *
 * Roles are api+realtime so no job (start-up day close, no-show timer) moves the queue while the
 * last test compares it with the snapshot taken before the bad requests.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket as RawSocket } from 'socket.io-client';
import { ApiError, ERROR_CODES, statusForCode, type ErrorCode, type StaffCommand } from '@tellerline/contracts';
import type { BranchState } from '@tellerline/engine';
import { EVENT_BUDGET } from '../src/realtime/event-budget.js';
import { HttpClient, openSocket, startTestSystem, type ClientSocket, type TestSystem } from './support.js';

const ORIGIN = 'http://allowed.test';
const OVER_LIMIT = 17 * 1024;

let sys: TestSystem;
let alice: HttpClient;
let bob: HttpClient;
let manager: HttpClient;
let admin: HttpClient;
/** Held by bob (serving) at counter 2. */
let held: { ticketId: string; token: string };
/** Waiting for service C, which nobody signed on can serve; its holder left a phone number. */
let waiting: { ticketId: string; token: string };
let before: BranchState;
const sockets: ClientSocket[] = [];

interface Res {
  status: number;
  body: unknown;
  contentType: string | null;
}

interface Req {
  method: string;
  path: string;
  /** Sent as-is; objects are JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Who sends it: a signed-in user, a paired device, or nobody. */
  as?: 'alice' | 'bob' | 'manager' | 'admin' | 'kiosk' | 'signage' | 'nobody';
  /** Send the body chunked, without Content-Length, so only the streaming limit can catch it. */
  chunked?: boolean;
}

function authHeaders(as: Req['as']): Record<string, string> {
  switch (as) {
    case 'alice':
    case 'bob':
    case 'manager':
    case 'admin': {
      const client = { alice, bob, manager, admin }[as];
      return { cookie: client.cookie! };
    }
    case 'kiosk':
      return { authorization: `Bearer ${sys.kioskToken}` };
    case 'signage':
      return { authorization: `Bearer ${sys.signageToken}` };
    default:
      return {};
  }
}

async function send(req: Req): Promise<Res> {
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...authHeaders(req.as),
    ...req.headers,
  };
  if (req.chunked) return sendChunked(req.method, req.path, headers, body ?? '');
  const res = await fetch(sys.url + req.path, { method: req.method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep the text: the assertion below shows it */
  }
  return { status: res.status, body: json, contentType: res.headers.get('content-type') };
}

/** node:http with Transfer-Encoding: chunked (fetch would add a Content-Length for a string). */
function sendChunked(method: string, path: string, headers: Record<string, string>, body: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(sys.url + path, { method, headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        resolve({ status: res.statusCode ?? 0, body: json, contentType: (res.headers['content-type'] as string | undefined) ?? null });
      });
    });
    req.on('error', reject);
    // Several chunks, so the server sees the limit crossed mid-stream.
    for (let i = 0; i < body.length; i += 4096) req.write(body.slice(i, i + 4096));
    req.end();
  });
}

function expectRefused(res: Res, code: ErrorCode, label: string): void {
  const where = `${label}: ${res.status} ${JSON.stringify(res.body)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  expect(res.contentType, where).toMatch(/application\/json/);
  expect(ApiError.safeParse(res.body).success, where).toBe(true);
  const error = (res.body as ApiError).error;
  expect(ERROR_CODES, where).toContain(error.code);
  expect(error.code, where).toBe(code);
  expect(res.status, where).toBe(statusForCode(code));
  expect(error.message, where).toMatch(/\S/);
}

// ---------------------------------------------------------------------------------------------
// The table. Paths use {branch}, {held}, {waiting}, {heldToken}, {waitingToken}, {svcA},
// {counter1}, {counter2}: filled in once the system is up.

interface Case extends Req {
  name: string;
  code: ErrorCode;
}

const LONG_ID = 'x'.repeat(65);
const LONG_TOKEN = 'a'.repeat(129);
const UNKNOWN_TOKEN = 'A'.repeat(24);
const big = (kb: number) => JSON.stringify({ serviceId: 'svc', pad: 'x'.repeat(kb * 1024) });
const deepArray = '['.repeat(4000) + ']'.repeat(4000);
/** The kiosk's request id for `waiting`, and the contact it sent. */
const REUSED_REQUEST_ID = 'bad-input-waiting-0001';
const WAITING_CONTACT = { phone: '+86 139 0000 1111', consent: true } as const;
/** A well-formed booking the cases break one thing at a time (a far slot: nothing gets booked). */
const BOOKING = {
  branchId: '{branch}',
  serviceId: '{svcA}',
  startsAt: '2030-01-08T10:00:00+08:00',
  contact: { name: 'Li Wei', phone: '+86 139 0000 3333', language: 'en', consent: true },
} as const;

/** Bodies no route may accept, whatever its schema. */
const GARBAGE_BODIES: { name: string; body: string; headers?: Record<string, string>; chunked?: boolean; code: ErrorCode }[] = [
  { name: 'malformed JSON', body: '{"type": "call-next",', code: 'VALIDATION_FAILED' },
  { name: 'a lone brace', body: '{', code: 'VALIDATION_FAILED' },
  { name: 'not JSON at all', body: 'call-next please', code: 'VALIDATION_FAILED' },
  { name: 'JSON followed by garbage', body: '{} trailing', code: 'VALIDATION_FAILED' },
  { name: 'single quotes', body: "{'type': 'call-next'}", code: 'VALIDATION_FAILED' },
  { name: 'an empty body', body: '', code: 'VALIDATION_FAILED' },
  { name: 'JSON null', body: 'null', code: 'VALIDATION_FAILED' },
  { name: 'a JSON number', body: '42', code: 'VALIDATION_FAILED' },
  { name: 'a JSON string', body: '"call-next"', code: 'VALIDATION_FAILED' },
  { name: 'a JSON array', body: '[{"type":"call-next"}]', code: 'VALIDATION_FAILED' },
  { name: 'JSON true', body: 'true', code: 'VALIDATION_FAILED' },
  { name: 'deeply nested arrays', body: deepArray, code: 'VALIDATION_FAILED' },
  { name: 'a __proto__ key', body: '{"__proto__": {"role": "admin"}}', code: 'VALIDATION_FAILED' },
  { name: 'a form body', body: 'type=call-next', headers: { 'content-type': 'application/x-www-form-urlencoded' }, code: 'VALIDATION_FAILED' },
  { name: 'an oversized body (17 KB, declared length)', body: big(17), code: 'PAYLOAD_TOO_LARGE' },
  { name: 'an oversized body (1 MB, declared length)', body: big(1024), code: 'PAYLOAD_TOO_LARGE' },
  { name: 'an oversized body (17 KB, chunked, no length)', body: big(17), chunked: true, code: 'PAYLOAD_TOO_LARGE' },
];

/** `valid` would be accepted as application/json: sent as another type, it must not be. */
const BODY_ROUTES: { route: string; method: string; path: string; as: Req['as']; valid: unknown }[] = [
  { route: 'POST /auth/login', method: 'POST', path: '/api/v1/auth/login', as: 'nobody', valid: { username: 'alice', password: 'demo1234' } },
  { route: 'POST /branches/:id/tickets', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', valid: { serviceId: '{svcA}' } },
  { route: 'POST /branches/:id/commands', method: 'POST', path: '/api/v1/branches/{branch}/commands', as: 'alice', valid: { type: 'pause', reason: 'lunch' } },
];

/** A valid-looking value for each StaffCommand field; the cases break one thing at a time. */
const COMMAND_FIELDS: Record<StaffCommand['type'], Record<string, string>> = {
  'sign-on': { counterId: 'counter_1' },
  pause: { reason: 'lunch' },
  resume: {},
  'sign-off': {},
  'call-next': {},
  'call-ticket': { ticketId: 'tkt_1', reason: 'referred by a colleague' },
  recall: { ticketId: 'tkt_1' },
  'no-show': { ticketId: 'tkt_1' },
  start: { ticketId: 'tkt_1' },
  complete: { ticketId: 'tkt_1' },
  transfer: { ticketId: 'tkt_1', toServiceId: 'svc_1' },
  cancel: { ticketId: 'tkt_1' },
  'issue-ticket': { serviceId: 'svc_1', priority: 'priority', reason: 'elderly' },
  'raise-priority': { ticketId: 'tkt_1', priority: 'vip', reason: 'elderly' },
};
const COMMAND_TYPES = Object.keys(COMMAND_FIELDS) as StaffCommand['type'][];

function commandCases(): Case[] {
  const path = '/api/v1/branches/{branch}/commands';
  const c = (name: string, body: unknown): Case => ({ name: `commands: ${name}`, method: 'POST', path, as: 'alice', body, code: 'VALIDATION_FAILED' });
  const out: Case[] = [
    c('no type', {}),
    c('an unknown type', { type: 'explode' }),
    c('type as a number', { type: 42 }),
    c('type as null', { type: null }),
    c('type as an array', { type: ['call-next'] }),
    c('type in another case', { type: 'CALL-NEXT' }),
  ];
  for (const type of COMMAND_TYPES) {
    const fields = COMMAND_FIELDS[type];
    // The acting staff id comes from the session only: a client may not name one.
    out.push(c(`${type} naming a staffId`, { type, ...fields, staffId: 'someone-else' }));
    out.push(c(`${type} with an unknown field`, { type, ...fields, force: true }));
    for (const key of Object.keys(fields)) {
      const { [key]: _dropped, ...rest } = fields;
      out.push(c(`${type} without ${key}`, { type, ...rest }));
      for (const [what, bad] of [
        ['a number', 42],
        ['null', null],
        ['an object', { id: 'x' }],
        ['an array', ['x']],
        ['too long', 'x'.repeat(key === 'reason' ? 201 : 65)],
        ['empty', ''],
      ] as const) {
        const kase = c(`${type} with ${key} ${what}`, { type, ...fields, [key]: bad });
        // A reason over its 200 characters is text too long (with the limit), not malformed input.
        out.push(key === 'reason' && what === 'too long' ? { ...kase, code: 'TEXT_TOO_LONG' } : kase);
      }
      if (key !== 'reason') {
        out.push(c(`${type} with ${key} holding a path`, { type, ...fields, [key]: '../../etc/passwd' }));
        out.push(c(`${type} with ${key} holding spaces`, { type, ...fields, [key]: 'tkt 1' }));
        out.push(c(`${type} with ${key} holding a Lua/Redis brace`, { type, ...fields, [key]: 'tkt}{b:other' }));
      } else {
        out.push(c(`${type} with a blank reason`, { type, ...fields, [key]: '    ' }));
        // PostgreSQL refuses both in text: they must not get as far as the event log.
        out.push(c(`${type} with a NUL in the reason`, { type, ...fields, [key]: 'lunch\u0000' }));
        out.push(c(`${type} with a lone surrogate in the reason`, { type, ...fields, [key]: 'lunch \ud800' }));
        out.push(c(`${type} with a control character in the reason`, { type, ...fields, [key]: 'lunch\u001b[2J' }));
      }
    }
  }
  out.push(c('transfer with neither a service nor a counter', { type: 'transfer', ticketId: 'tkt_1' }));
  out.push(c('transfer with toCounterId a number', { type: 'transfer', ticketId: 'tkt_1', toCounterId: 2 }));
  return out;
}

const CASES: Case[] = [
  // Every body route x every garbage body.
  ...BODY_ROUTES.flatMap((r) =>
    GARBAGE_BODIES.map((g) => ({
      name: `${r.route}: ${g.name}`,
      method: r.method,
      path: r.path,
      as: r.as,
      body: g.body,
      ...(g.headers ? { headers: g.headers } : {}),
      ...(g.chunked ? { chunked: true } : {}),
      code: g.code,
    })),
  ),
  // A cross-site form or a sloppy client: a well-formed body under another content type.
  ...BODY_ROUTES.flatMap((r) =>
    (
      [
        ['text/plain', false],
        ['text/plain', true],
        ['application/x-www-form-urlencoded', false],
        ['multipart/form-data; boundary=x', false],
      ] as const
    ).map(([type, chunked]): Case => ({
      name: `${r.route}: a well-formed body as ${type}${chunked ? ', chunked' : ''}`,
      method: r.method,
      path: r.path,
      as: r.as,
      body: JSON.stringify(r.valid),
      headers: { 'content-type': type },
      ...(chunked ? { chunked: true } : {}),
      code: 'VALIDATION_FAILED',
    })),
  ),

  // POST /auth/login
  ...(
    [
      ['numbers for strings', { username: 1, password: 2 }],
      ['an array username', { username: ['alice'], password: 'demo1234' }],
      ['an operator object for a username', { username: { $ne: '' }, password: 'x' }],
      ['no password', { username: 'alice' }],
      ['no username', { password: 'demo1234' }],
      ['a blank username', { username: '   ', password: 'demo1234' }],
      ['an empty password', { username: 'alice', password: '' }],
      ['a 65-character username', { username: 'a'.repeat(65), password: 'demo1234' }],
      ['a 257-character password', { username: 'alice', password: 'p'.repeat(257) }],
      ['an unknown field', { username: 'alice', password: 'demo1234', role: 'admin' }],
      ['a NUL in the username', { username: 'alice\u0000', password: 'demo1234' }],
      ['a lone surrogate in the username', { username: 'alice\udc00', password: 'demo1234' }],
    ] as const
  ).map(([name, body]): Case => ({ name: `login: ${name}`, method: 'POST', path: '/api/v1/auth/login', as: 'nobody', body, code: name === 'a 65-character username' ? 'TEXT_TOO_LONG' : 'VALIDATION_FAILED' })),
  { name: 'login: a wrong password (well-formed)', method: 'POST', path: '/api/v1/auth/login', body: { username: 'nobody-here', password: 'wrong' }, code: 'INVALID_CREDENTIALS' },

  // POST /branches/:id/tickets (kiosk)
  ...(
    [
      ['serviceId a number', { serviceId: 42 }],
      ['serviceId null', { serviceId: null }],
      ['no serviceId', { priority: 'normal' }],
      ['serviceId empty', { serviceId: '' }],
      ['serviceId 65 characters', { serviceId: LONG_ID }],
      ['serviceId holding a path', { serviceId: '../admin' }],
      ['serviceId holding a Redis hash tag', { serviceId: '{b:other}' }],
      ['an unknown priority', { serviceId: '{svcA}', priority: 'king' }],
      ['priority a number', { serviceId: '{svcA}', priority: 1 }],
      ['an unknown language', { serviceId: '{svcA}', lang: 'fr' }],
      ['a ticket number chosen by the kiosk', { serviceId: '{svcA}', number: 'A001' }],
      ['a kind chosen by the kiosk', { serviceId: '{svcA}', kind: 'appointment' }],
      ['contact without consent', { serviceId: '{svcA}', contact: { phone: '+86 138 0000 0000' } }],
      ['contact with consent false', { serviceId: '{svcA}', contact: { phone: '+86 138 0000 0000', consent: false } }],
      ['contact with a bad phone', { serviceId: '{svcA}', contact: { phone: 'call me maybe', consent: true } }],
      ['contact with a bad e-mail', { serviceId: '{svcA}', contact: { email: 'not-an-email', consent: true } }],
      ['contact with a name', { serviceId: '{svcA}', contact: { phone: '+86 138 0000 0000', consent: true, name: 'Li Wei' } }],
      ['contact as a string', { serviceId: '{svcA}', contact: '+86 138 0000 0000' }],
      ['contact with a phone of dashes only', { serviceId: '{svcA}', contact: { phone: '------', consent: true } }],
      ['contact with a phone of five digits', { serviceId: '{svcA}', contact: { phone: '+1 2-3 4 5', consent: true } }],
      ['contact with neither phone nor e-mail', { serviceId: '{svcA}', contact: { consent: true } }],
      ['contact with an e-mail with two dots in a row', { serviceId: '{svcA}', contact: { email: 'a..b@example.com', consent: true } }],
      ['contact with a non-ASCII e-mail', { serviceId: '{svcA}', contact: { email: '张三@例子.com', consent: true } }],
    ] as const
  ).map(([name, body]): Case => ({ name: `kiosk ticket: ${name}`, method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', body, code: 'VALIDATION_FAILED' })),
  { name: 'kiosk ticket: no device token', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'nobody', body: { serviceId: '{svcA}' }, code: 'UNAUTHENTICATED' },
  { name: 'kiosk ticket: a malformed bearer', method: 'POST', path: '/api/v1/branches/{branch}/tickets', headers: { authorization: 'Bearer x y' }, body: { serviceId: '{svcA}' }, code: 'UNAUTHENTICATED' },
  { name: 'kiosk ticket: an unknown device token', method: 'POST', path: '/api/v1/branches/{branch}/tickets', headers: { authorization: `Bearer ${'k'.repeat(43)}` }, body: { serviceId: '{svcA}' }, code: 'UNAUTHENTICATED' },
  { name: 'kiosk ticket: a signage token', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'signage', body: { serviceId: '{svcA}' }, code: 'FORBIDDEN' },
  { name: 'kiosk ticket: a staff cookie instead of a device', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'alice', body: { serviceId: '{svcA}' }, code: 'UNAUTHENTICATED' },
  { name: 'kiosk ticket: branch id 65 characters', method: 'POST', path: `/api/v1/branches/${LONG_ID}/tickets`, as: 'kiosk', body: { serviceId: '{svcA}' }, code: 'VALIDATION_FAILED' },
  { name: 'kiosk ticket: branch id with a dot', method: 'POST', path: '/api/v1/branches/demo.branch/tickets', as: 'kiosk', body: { serviceId: '{svcA}' }, code: 'VALIDATION_FAILED' },
  { name: 'kiosk ticket: branch id with an encoded NUL', method: 'POST', path: '/api/v1/branches/demo%00/tickets', as: 'kiosk', body: { serviceId: '{svcA}' }, code: 'VALIDATION_FAILED' },
  { name: 'kiosk ticket: another branch', method: 'POST', path: '/api/v1/branches/some-other-branch/tickets', as: 'kiosk', body: { serviceId: '{svcA}' }, code: 'FORBIDDEN' },
  { name: 'kiosk ticket: a service that does not exist', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', body: { serviceId: 'no_such_service' }, code: 'UNKNOWN_SERVICE' },
  // The request id of `waiting` (issued for service C with a phone number): another body under it is not a retry.
  ...(
    [
      ['for another service', { serviceId: '{svcA}', requestId: REUSED_REQUEST_ID, contact: WAITING_CONTACT }],
      ['with another contact', { serviceId: '{svcC}', requestId: REUSED_REQUEST_ID, contact: { phone: '+86 139 0000 2222', consent: true } }],
      ['without the contact', { serviceId: '{svcC}', requestId: REUSED_REQUEST_ID }],
    ] as const
  ).map(([name, body]): Case => ({ name: `kiosk ticket: a requestId reused ${name}`, method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', body, code: 'REQUEST_ID_REUSED' })),
  // A kiosk issues normal tickets only: a priority class is refused before anything else is looked at.
  { name: 'kiosk ticket: a requestId reused with another priority', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', body: { serviceId: '{svcC}', requestId: REUSED_REQUEST_ID, contact: WAITING_CONTACT, priority: 'vip' }, code: 'PRIORITY_NOT_ALLOWED' },
  { name: 'kiosk ticket: a foreign Origin', method: 'POST', path: '/api/v1/branches/{branch}/tickets', as: 'kiosk', headers: { origin: 'http://evil.test' }, body: { serviceId: '{svcA}' }, code: 'ORIGIN_NOT_ALLOWED' },

  // POST /branches/:id/commands
  ...commandCases(),
  { name: 'commands: no cookie', method: 'POST', path: '/api/v1/branches/{branch}/commands', as: 'nobody', body: { type: 'call-next' }, code: 'UNAUTHENTICATED' },
  { name: 'commands: a forged session cookie', method: 'POST', path: '/api/v1/branches/{branch}/commands', headers: { cookie: `tl_sid=${'A'.repeat(43)}` }, body: { type: 'call-next' }, code: 'SESSION_EXPIRED' },
  { name: 'commands: a junk session cookie', method: 'POST', path: '/api/v1/branches/{branch}/commands', headers: { cookie: 'tl_sid=../../x; other=1' }, body: { type: 'call-next' }, code: 'SESSION_EXPIRED' },
  { name: 'commands: a kiosk token instead of a session', method: 'POST', path: '/api/v1/branches/{branch}/commands', as: 'kiosk', body: { type: 'call-next' }, code: 'UNAUTHENTICATED' },
  { name: 'commands: a foreign Origin', method: 'POST', path: '/api/v1/branches/{branch}/commands', as: 'alice', headers: { origin: 'http://evil.test' }, body: { type: 'call-next' }, code: 'ORIGIN_NOT_ALLOWED' },
  { name: 'commands: branch id 65 characters', method: 'POST', path: `/api/v1/branches/${LONG_ID}/commands`, as: 'alice', body: { type: 'call-next' }, code: 'VALIDATION_FAILED' },
  { name: 'commands: branch id with bad characters', method: 'POST', path: '/api/v1/branches/demo%20branch/commands', as: 'alice', body: { type: 'call-next' }, code: 'VALIDATION_FAILED' },
  { name: 'commands: another branch', method: 'POST', path: '/api/v1/branches/some-other-branch/commands', as: 'alice', body: { type: 'call-next' }, code: 'FORBIDDEN' },

  // GET /tickets/:token and POST /tickets/:token/cancel
  ...(['GET /tickets/:token', 'POST /tickets/:token/cancel'] as const).flatMap((route): Case[] => {
    const method = route.startsWith('GET') ? 'GET' : 'POST';
    const at = (token: string) => `/api/v1/tickets/${token}${method === 'POST' ? '/cancel' : ''}`;
    return [
      { name: `${route}: a short token`, method, path: at('abc'), code: 'VALIDATION_FAILED' },
      { name: `${route}: a 129-character token`, method, path: at(LONG_TOKEN), code: 'VALIDATION_FAILED' },
      { name: `${route}: a token with $`, method, path: at(`${'a'.repeat(20)}%24`), code: 'VALIDATION_FAILED' },
      { name: `${route}: a token with an encoded slash`, method, path: at(`..%2F..%2F${'a'.repeat(20)}`), code: 'VALIDATION_FAILED' },
      { name: `${route}: a token with an encoded quote`, method, path: at(`${'a'.repeat(20)}%27%20OR%201%3D1`), code: 'VALIDATION_FAILED' },
      { name: `${route}: broken percent-encoding`, method, path: at(`${'a'.repeat(20)}%E0%A4%A`), code: 'VALIDATION_FAILED' },
      { name: `${route}: an unknown token`, method, path: at(UNKNOWN_TOKEN), code: 'NOT_FOUND' },
    ];
  }),
  { name: 'POST /tickets/:token/cancel: a foreign Origin', method: 'POST', path: '/api/v1/tickets/{waitingToken}/cancel', headers: { origin: 'http://evil.test' }, code: 'ORIGIN_NOT_ALLOWED' },

  // GET /branches/:id, /queue, /signage, /staff-queue
  ...(['', '/queue', '/signage', '/staff-queue'] as const).flatMap((suffix): Case[] => {
    const as: Req['as'] = suffix === '/signage' ? 'signage' : suffix === '/staff-queue' ? 'alice' : 'nobody';
    const route = `GET /branches/:id${suffix}`;
    return [
      { name: `${route}: branch id 65 characters`, method: 'GET', path: `/api/v1/branches/${LONG_ID}${suffix}`, as, code: 'VALIDATION_FAILED' },
      { name: `${route}: branch id with a quote`, method: 'GET', path: `/api/v1/branches/demo%27--${suffix}`, as, code: 'VALIDATION_FAILED' },
      { name: `${route}: branch id with a brace`, method: 'GET', path: `/api/v1/branches/%7Bb%3Ademo%7D${suffix}`, as, code: 'VALIDATION_FAILED' },
    ];
  }),
  { name: 'GET /branches/:id: an unknown branch', method: 'GET', path: '/api/v1/branches/no-such-branch', code: 'BRANCH_UNKNOWN' },
  { name: 'GET /branches/:id/queue: an unknown branch', method: 'GET', path: '/api/v1/branches/no-such-branch/queue', code: 'BRANCH_UNKNOWN' },
  { name: 'GET /branches/:id/signage: no device', method: 'GET', path: '/api/v1/branches/{branch}/signage', code: 'UNAUTHENTICATED' },
  { name: 'GET /branches/:id/signage: a staff cookie', method: 'GET', path: '/api/v1/branches/{branch}/signage', as: 'alice', code: 'UNAUTHENTICATED' },
  { name: 'GET /branches/:id/signage: another branch', method: 'GET', path: '/api/v1/branches/no-such-branch/signage', as: 'signage', code: 'FORBIDDEN' },
  { name: 'GET /branches/:id/staff-queue: no cookie', method: 'GET', path: '/api/v1/branches/{branch}/staff-queue', code: 'UNAUTHENTICATED' },
  { name: 'GET /branches/:id/staff-queue: a device token', method: 'GET', path: '/api/v1/branches/{branch}/staff-queue', as: 'kiosk', code: 'UNAUTHENTICATED' },
  { name: 'GET /branches/:id/staff-queue: another branch', method: 'GET', path: '/api/v1/branches/no-such-branch/staff-queue', as: 'alice', code: 'FORBIDDEN' },

  // GET /branches/:id/audit with a bad query
  ...(
    [
      ['limit=0', 'limit=0'],
      ['limit=201', 'limit=201'],
      ['limit=-1', 'limit=-1'],
      ['limit=abc', 'limit=abc'],
      ['limit=1.5', 'limit=1.5'],
      ['limit given twice', 'limit=1&limit=2'],
      ['limit as an array', 'limit[]=1'],
      ['before=abc', 'before=abc'],
      ['before 21 digits', `before=${'1'.repeat(21)}`],
      // Digits the database cannot hold as an id (bigint): these were a 500.
      ['before 20 digits, past the largest id', 'before=99999999999999999999'],
      ['before one past the largest id', 'before=9223372036854775808'],
      ['before negative', 'before=-5'],
      ['an unknown parameter', 'limit=5&sort=desc'],
      ['an injected parameter', "branchId=other&limit=5"],
    ] as const
  ).map(([name, q]): Case => ({ name: `GET /audit: ${name}`, method: 'GET', path: `/api/v1/branches/{branch}/audit?${q}`, as: 'manager', code: 'VALIDATION_FAILED' })),
  { name: 'GET /audit: branch id 65 characters', method: 'GET', path: `/api/v1/branches/${LONG_ID}/audit`, as: 'manager', code: 'VALIDATION_FAILED' },
  { name: 'GET /audit: no cookie', method: 'GET', path: '/api/v1/branches/{branch}/audit', code: 'UNAUTHENTICATED' },
  { name: 'GET /audit: a staff member', method: 'GET', path: '/api/v1/branches/{branch}/audit', as: 'alice', code: 'FORBIDDEN' },
  { name: 'GET /audit: a manager of another branch', method: 'GET', path: '/api/v1/branches/no-such-branch/audit', as: 'manager', code: 'FORBIDDEN' },
  { name: 'GET /audit: an unknown branch (admin)', method: 'GET', path: '/api/v1/branches/no-such-branch/audit', as: 'admin', code: 'BRANCH_UNKNOWN' },

  // POST /appointments: dates out of any sane range, contacts that cannot be stored or used
  ...(
    [
      ['startsAt the largest Date', { ...BOOKING, startsAt: 8640000000000000 }],
      ['startsAt the largest safe integer', { ...BOOKING, startsAt: 9007199254740991 }],
      ['startsAt in the year 9999', { ...BOOKING, startsAt: '9999-12-31T10:00:00+08:00' }],
      ['startsAt in the year 2101', { ...BOOKING, startsAt: '2101-01-01T00:00:00Z' }],
      ['startsAt before 2000', { ...BOOKING, startsAt: Date.UTC(1999, 11, 31, 23, 59) }],
      ['startsAt in the year 0000', { ...BOOKING, startsAt: '0000-01-01T10:00:00+08:00' }],
      ['a NUL in the name', { ...BOOKING, contact: { ...BOOKING.contact, name: 'Li\u0000Wei' } }],
      ['a lone surrogate in the name', { ...BOOKING, contact: { ...BOOKING.contact, name: 'Li \ud800' } }],
      ['a control character in the name', { ...BOOKING, contact: { ...BOOKING.contact, name: 'Li\u0007Wei' } }],
      ['a phone of dashes only', { ...BOOKING, contact: { ...BOOKING.contact, phone: '------' } }],
      ['a phone of spaces and a plus', { ...BOOKING, contact: { ...BOOKING.contact, phone: '+      ' } }],
      ['neither phone nor e-mail', { ...BOOKING, contact: { name: 'Li Wei', language: 'en', consent: true } }],
      ['an e-mail with two dots in a row', { ...BOOKING, contact: { name: 'Li Wei', email: 'a..b@example.com', language: 'en', consent: true } }],
    ] as const
  ).map(([name, body]): Case => ({ name: `book: ${name}`, method: 'POST', path: '/api/v1/appointments', body, code: 'VALIDATION_FAILED' })),
  ...(
    [
      ['the largest Date', { startsAt: 8640000000000000 }],
      ['the year 9999', { startsAt: '9999-12-31T10:00:00+08:00' }],
      ['a negative instant', { startsAt: -1 }],
    ] as const
  ).map(([name, body]): Case => ({ name: `reschedule: ${name}`, method: 'POST', path: `/api/v1/appointments/${UNKNOWN_TOKEN}/reschedule`, body, code: 'VALIDATION_FAILED' })),
  ...['9999-12-31', '0001-01-01', '1999-12-31', '2101-01-01'].map(
    (from): Case => ({ name: `GET /slots: from=${from}`, method: 'GET', path: `/api/v1/branches/{branch}/services/{svcA}/slots?from=${from}`, code: 'VALIDATION_FAILED' }),
  ),
  { name: 'GET /appointments: day=9999-12-31', method: 'GET', path: '/api/v1/branches/{branch}/appointments?day=9999-12-31', as: 'alice', code: 'VALIDATION_FAILED' },
  ...(
    [
      ['a closure ending after 2100', { version: 0, settings: { closures: [{ from: Date.UTC(2030, 0, 1), to: 8640000000000000 }] } }],
      ['a closure on 9999-12-31', { version: 0, settings: { closures: [{ date: '9999-12-31' }] } }],
      ['a NUL in a closure reason', { version: 0, settings: { closures: [{ date: '2030-01-01', reason: 'stock\u0000take' }] } }],
    ] as const
  ).map(([name, body]): Case => ({ name: `PUT /booking/settings: ${name}`, method: 'PUT', path: '/api/v1/branches/{branch}/booking/settings', as: 'manager', body, code: 'VALIDATION_FAILED' })),
  ...(
    [
      ['a phone of dashes only', { serviceId: '{svcA}', contact: { phone: '------', consent: true } }],
      ['neither phone nor e-mail', { serviceId: '{svcA}', contact: { consent: true } }],
    ] as const
  ).map(([name, body]): Case => ({ name: `remote ticket: ${name}`, method: 'POST', path: '/api/v1/branches/{branch}/remote-tickets', body, code: 'VALIDATION_FAILED' })),
  { name: 'notify: an SMS number of dashes only', method: 'POST', path: '/api/v1/tickets/{waitingToken}/notify', body: { channel: 'sms', address: '------', consent: true }, code: 'VALIDATION_FAILED' },

  // Nothing else answers.
  { name: 'an unknown route', method: 'GET', path: '/api/v1/branches/{branch}/secrets', code: 'NOT_FOUND' },
  { name: 'an unknown API version', method: 'POST', path: '/api/v2/auth/login', body: { username: 'alice', password: 'demo1234' }, code: 'NOT_FOUND' },
];

/** Well-formed commands the engine refuses: its code comes back and nothing changes. */
const REFUSED: Case[] = [
  { name: 'call-next with nobody alice can serve waiting', as: 'alice', body: { type: 'call-next' }, code: 'NO_TICKET_WAITING' },
  { name: "complete bob's ticket", as: 'alice', body: { type: 'complete', ticketId: '{held}' }, code: 'TICKET_NOT_YOURS' },
  { name: "transfer bob's ticket", as: 'alice', body: { type: 'transfer', ticketId: '{held}', toServiceId: '{svcA}' }, code: 'TICKET_NOT_YOURS' },
  { name: "start bob's ticket (already being served)", as: 'alice', body: { type: 'start', ticketId: '{held}' }, code: 'TICKET_NOT_CALLED' },
  { name: "recall bob's ticket", as: 'alice', body: { type: 'recall', ticketId: '{held}' }, code: 'TICKET_NOT_CALLED' },
  { name: "no-show bob's ticket", as: 'alice', body: { type: 'no-show', ticketId: '{held}' }, code: 'TICKET_NOT_CALLED' },
  { name: 'cancel a ticket being served', as: 'alice', body: { type: 'cancel', ticketId: '{held}' }, code: 'TICKET_NOT_WAITING' },
  { name: 'complete a waiting ticket', as: 'alice', body: { type: 'complete', ticketId: '{waiting}' }, code: 'TICKET_NOT_SERVING' },
  { name: 'call a ticket of a service alice lacks', as: 'alice', body: { type: 'call-ticket', ticketId: '{waiting}', reason: 'asked for me' }, code: 'NOT_SKILLED' },
  { name: 'complete a ticket that does not exist', as: 'alice', body: { type: 'complete', ticketId: 'tkt_unknown' }, code: 'UNKNOWN_TICKET' },
  { name: "sign on at bob's counter", as: 'alice', body: { type: 'sign-on', counterId: '{counter2}' }, code: 'COUNTER_TAKEN' },
  { name: 'sign on at a counter that does not exist', as: 'alice', body: { type: 'sign-on', counterId: 'counter_99' }, code: 'UNKNOWN_COUNTER' },
  { name: 'transfer to a service that does not exist', as: 'bob', body: { type: 'transfer', ticketId: '{held}', toServiceId: 'svc_99' }, code: 'UNKNOWN_SERVICE' },
  { name: 'transfer to his own counter', as: 'bob', body: { type: 'transfer', ticketId: '{held}', toCounterId: '{counter2}' }, code: 'INVALID_TRANSFER' },
  { name: 'call-next while serving', as: 'bob', body: { type: 'call-next' }, code: 'STAFF_BUSY' },
  { name: 'pause while serving', as: 'bob', body: { type: 'pause', reason: 'coffee' }, code: 'STAFF_BUSY' },
  { name: 'sign off while serving', as: 'bob', body: { type: 'sign-off' }, code: 'STAFF_BUSY' },
  { name: 'a manager without a counter role', as: 'manager', body: { type: 'call-next' }, code: 'FORBIDDEN' },
  { name: 'an admin without a counter role', as: 'admin', body: { type: 'call-next' }, code: 'FORBIDDEN' },
].map((c) => ({ ...c, name: `refused: ${c.name}`, method: 'POST', path: '/api/v1/branches/{branch}/commands' }) as Case);

function fill(text: string): string {
  return text
    .replaceAll('{branch}', sys.branchId)
    .replaceAll('{heldToken}', held.token)
    .replaceAll('{waitingToken}', waiting.token)
    .replaceAll('{held}', held.ticketId)
    .replaceAll('{waiting}', waiting.ticketId)
    .replaceAll('{svcA}', sys.service('A'))
    .replaceAll('{svcC}', sys.service('C'))
    .replaceAll('{counter1}', sys.counter('1'))
    .replaceAll('{counter2}', sys.counter('2'));
}

function resolve(c: Case): Req {
  const body = c.body === undefined ? undefined : fill(typeof c.body === 'string' ? c.body : JSON.stringify(c.body));
  return { ...c, path: fill(c.path), ...(body !== undefined ? { body } : {}) };
}

// ---------------------------------------------------------------------------------------------

async function ok(client: HttpClient, body: Record<string, unknown>) {
  const r = await client.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

async function issue(service: string, extra: Record<string, unknown> = {}) {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(service), ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { token: string; ticketId: string };
}

beforeAll(async () => {
  // The garbage below goes out faster than any screen sends: raise each socket's event budget,
  // or later payloads would be answered RATE_LIMITED (socket-flood.int.test.ts tests the budget).
  sys = await startTestSystem({ ROLES: 'api,realtime' }, { eventBudget: { ...EVENT_BUDGET, burst: 10_000 } });
  [alice, bob, manager, admin] = [new HttpClient(sys.url), new HttpClient(sys.url), new HttpClient(sys.url), new HttpClient(sys.url)];
  await Promise.all([alice.login('alice'), bob.login('bob'), manager.login('manager'), admin.login('admin')]);
  await ok(alice, { type: 'sign-on', counterId: sys.counter('1') });
  await ok(bob, { type: 'sign-on', counterId: sys.counter('2') });
  held = await issue('B');
  expect((await ok(bob, { type: 'call-next' })).called.ticketId).toBe(held.ticketId);
  await ok(bob, { type: 'start', ticketId: held.ticketId });
  waiting = await issue('C', { requestId: REUSED_REQUEST_ID, contact: WAITING_CONTACT });
  before = (await sys.system.parts.store.load(sys.branchId))!;
  expect(before.tickets[held.ticketId]?.status).toBe('serving');
  expect(before.tickets[waiting.ticketId]?.status).toBe('waiting');
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

describe('HTTP routes refuse bad input with a stable code', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectRefused(await send(resolve(c)), c.code, c.name);
  });

  it('covers every StaffCommand type', () => {
    const covered = new Set(CASES.filter((c) => c.name.startsWith('commands: ')).map((c) => c.name.slice('commands: '.length).split(' ')[0]));
    for (const type of COMMAND_TYPES) expect(covered).toContain(type);
  });

  it('still serves well-formed requests (control)', async () => {
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}` })).status).toBe(200);
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/queue` })).status).toBe(200);
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/signage`, as: 'signage' })).status).toBe(200);
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/staff-queue`, as: 'alice' })).status).toBe(200);
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/audit?limit=5&before=99999999999999`, as: 'manager' })).status).toBe(200);
    expect((await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/audit?limit=5&before=9223372036854775807`, as: 'manager' })).status).toBe(200);
    const phone = await send({ method: 'GET', path: `/api/v1/tickets/${waiting.token}` });
    expect(phone.status).toBe(200);
    expect(phone.body).toMatchObject({ data: { status: 'waiting' } });
  });

  it('answers a retried kiosk request with the ticket it issued, without issuing another', async () => {
    const retry = await send({ method: 'POST', path: `/api/v1/branches/${sys.branchId}/tickets`, as: 'kiosk', body: { serviceId: sys.service('C'), requestId: REUSED_REQUEST_ID, contact: WAITING_CONTACT } });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toMatchObject({ data: { ticketId: waiting.ticketId, token: waiting.token } });
  });

  it.each(['bearer', 'BEARER', 'bEaReR'])('takes the auth scheme in any case (RFC 7235): %s', async (scheme) => {
    const res = await send({ method: 'GET', path: `/api/v1/branches/${sys.branchId}/signage`, headers: { authorization: `${scheme} ${sys.signageToken}` } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('well-formed commands the queue refuses', () => {
  it.each(REFUSED.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectRefused(await send(resolve(c)), c.code, c.name);
  });

  it('a customer cannot cancel a ticket already being served', async () => {
    expectRefused(await send({ method: 'POST', path: `/api/v1/tickets/${held.token}/cancel` }), 'TICKET_NOT_WAITING', 'cancel served');
  });
});

// ---------------------------------------------------------------------------------------------
// Sockets

type SyncEvent = 'signage:sync' | 'staff:sync' | 'ticket:sync';
type AnyEvent = SyncEvent | 'staff:command';

let signage: ClientSocket;
let staff: ClientSocket;
let phone: ClientSocket;

const raw = (s: ClientSocket) => s as unknown as RawSocket;

async function ack(s: ClientSocket, event: string, ...args: unknown[]): Promise<unknown> {
  return raw(s).timeout(3000).emitWithAck(event, ...args);
}

function expectAckError(res: unknown, code: ErrorCode, label: string): void {
  const where = `${label}: ${JSON.stringify(res)?.slice(0, 300)}`;
  expect(ApiError.safeParse(res).success, where).toBe(true);
  const error = (res as ApiError).error;
  expect(ERROR_CODES, where).toContain(error.code);
  expect(error.code, where).toBe(code);
  expect(error.message, where).toMatch(/\S/);
}

const hugeButAllowed = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i]));
const GARBAGE_PAYLOADS: [string, unknown][] = [
  ['a number', 42],
  ['a string', 'afterSeq=0'],
  ['an empty array', []],
  ['an array holding a valid request', [{ afterSeq: 0 }]],
  ['null', null],
  ['true', true],
  ['an empty object', {}],
  ['a binary buffer', Buffer.from('{"afterSeq":0}')],
  ['a deeply nested object', JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200))],
  ['an object with 600 unknown keys', hugeButAllowed],
];
const SYNC_PAYLOADS: [string, unknown][] = [
  ...GARBAGE_PAYLOADS,
  ['afterSeq negative', { afterSeq: -1 }],
  ['afterSeq fractional', { afterSeq: 1.5 }],
  ['afterSeq a string', { afterSeq: '0' }],
  ['afterSeq beyond safe integers', { afterSeq: 2 ** 60 }],
  ['afterSeq an object', { afterSeq: { $gt: 0 } }],
  ['an unknown field', { afterSeq: 0, branchId: 'other' }],
];
const COMMAND_PAYLOADS: [string, unknown][] = [
  ...GARBAGE_PAYLOADS,
  ['an unknown type', { type: 'explode' }],
  ['a staffId chosen by the client', { type: 'call-next', staffId: 'someone-else' }],
  ['complete without a ticket', { type: 'complete' }],
  ['complete with a numeric ticket', { type: 'complete', ticketId: 7 }],
  ['a blank pause reason', { type: 'pause', reason: '   ' }],
  ['transfer without a target', { type: 'transfer', ticketId: 'tkt_1' }],
  ['sign-on with a path for a counter', { type: 'sign-on', counterId: '../x' }],
  ['type as an array', { type: ['call-next'] }],
];

const SOCKET_EVENTS: { event: AnyEvent; socket: () => ClientSocket; payloads: [string, unknown][]; valid: unknown }[] = [
  { event: 'signage:sync', socket: () => signage, payloads: SYNC_PAYLOADS, valid: { afterSeq: 0 } },
  { event: 'staff:sync', socket: () => staff, payloads: SYNC_PAYLOADS, valid: { afterSeq: 0 } },
  { event: 'ticket:sync', socket: () => phone, payloads: SYNC_PAYLOADS, valid: { afterSeq: 0 } },
  // The valid control is refused by the engine (nobody alice can serve waits), so the queue stays.
  { event: 'staff:command', socket: () => staff, payloads: COMMAND_PAYLOADS, valid: { type: 'call-next' } },
];

async function expectStillWorks(s: ClientSocket, event: AnyEvent): Promise<void> {
  expect(s.connected).toBe(true);
  const res = await ack(s, event, event === 'staff:command' ? { type: 'call-next' } : { afterSeq: 0 });
  if (event === 'staff:command') expectAckError(res, 'NO_TICKET_WAITING', 'valid call-next');
  else expect(res).toMatchObject({ data: { seq: expect.any(Number) } });
}

describe('socket events refuse garbage with an error ack and keep working', () => {
  beforeAll(async () => {
    signage = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken } });
    staff = await openSocket(sys.url, { cookie: alice.cookie!, origin: ORIGIN });
    phone = await openSocket(sys.url, { auth: { ticketToken: waiting.token } });
    sockets.push(signage, staff, phone);
  });

  describe.each(SOCKET_EVENTS.map((e) => [e.event, e] as const))('%s', (event, spec) => {
    it.each(spec.payloads)('refuses %s with VALIDATION_FAILED', async (name, payload) => {
      expectAckError(await ack(spec.socket(), event, payload), 'VALIDATION_FAILED', `${event} ${name}`);
    });

    it('refuses a call with no payload, only an ack', async () => {
      expectAckError(await ack(spec.socket(), event), 'VALIDATION_FAILED', `${event} without payload`);
    });

    it('survives garbage sent without an ack function, and still answers', async () => {
      const s = spec.socket();
      for (const [, payload] of spec.payloads) raw(s).emit(event, payload);
      raw(s).emit(event);
      await expectStillWorks(s, event);
    });

    it('answers a valid request afterwards', async () => {
      const res = await ack(spec.socket(), event, spec.valid);
      if (event === 'staff:command') expectAckError(res, 'NO_TICKET_WAITING', 'valid call-next');
      else expect(res).toMatchObject({ data: { seq: before.seq } });
    });
  });

  it.each([
    ['signage', 'staff:command', { type: 'call-next' }],
    ['signage', 'staff:sync', { afterSeq: 0 }],
    ['signage', 'ticket:sync', { afterSeq: 0 }],
    ['phone', 'staff:command', { type: 'call-next' }],
    ['phone', 'staff:sync', { afterSeq: 0 }],
    ['phone', 'signage:sync', { afterSeq: 0 }],
    ['staff', 'ticket:sync', { afterSeq: 0 }],
  ] as const)('a %s socket may not use %s: FORBIDDEN', async (who, event, payload) => {
    const s = { signage, phone, staff }[who];
    expectAckError(await ack(s, event, payload), 'FORBIDDEN', `${who} ${event}`);
  });

  it('ignores unknown events', async () => {
    raw(staff).emit('admin:reset', { everything: true });
    raw(staff).emit('staff:command:debug', { type: 'call-next' });
    await expectStillWorks(staff, 'staff:sync');
  });

  it('drops a socket that sends more than 16 KB, and only that socket', async () => {
    const victim = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken } });
    sockets.push(victim);
    const dropped = new Promise<string>((r) => victim.once('disconnect', r));
    raw(victim).emit('signage:sync', { afterSeq: 0, pad: 'x'.repeat(OVER_LIMIT) });
    expect(await dropped).toMatch(/transport (close|error)/);
    for (const { event, socket } of SOCKET_EVENTS) await expectStillWorks(socket(), event);
    const fresh = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken } });
    sockets.push(fresh);
    await expectStillWorks(fresh, 'signage:sync');
  });

  it.each([
    ['a numeric device token', { deviceToken: 42 }, 'VALIDATION_FAILED'],
    ['both a device and a ticket token', { deviceToken: 'd'.repeat(20), ticketToken: 't'.repeat(20) }, 'VALIDATION_FAILED'],
    ['an unknown field', { deviceToken: 'd'.repeat(20), role: 'admin' }, 'VALIDATION_FAILED'],
    ['a 129-character device token', { deviceToken: 'd'.repeat(129) }, 'VALIDATION_FAILED'],
    ['a ticket token nobody holds', { ticketToken: UNKNOWN_TOKEN }, 'NOT_FOUND'],
    ['a ticket token with a NUL', { ticketToken: `${UNKNOWN_TOKEN}\u0000` }, 'VALIDATION_FAILED'],
  ] as const)('refuses a handshake with %s', async (_name, auth, code) => {
    const err = await openSocket(sys.url, { auth: auth as Record<string, unknown> }).then(
      (s) => {
        sockets.push(s);
        throw new Error('connected');
      },
      (e: Error & { data?: unknown }) => e,
    );
    expect(err.data).toMatchObject({ code, message: expect.any(String) });
  });
});

describe('a session cookie that is not valid percent-encoding', () => {
  const MALFORMED = 'tl_sid=%E0%A4%A';

  it('reads as signed out on a socket handshake: UNAUTHENTICATED, not INTERNAL', async () => {
    const err = await openSocket(sys.url, { cookie: MALFORMED, origin: ORIGIN }).then(
      (s) => {
        sockets.push(s);
        throw new Error('connected');
      },
      (e: Error & { data?: unknown }) => e,
    );
    expect(err.data).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
  });

  it('reads as signed out over HTTP: 401 UNAUTHENTICATED', async () => {
    const r = await new HttpClient(sys.url, { cookie: MALFORMED }).req('GET', '/api/v1/auth/me');
    expect([r.status, r.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('after all of it', () => {
  it('the queue is exactly as it was: same seq, same tickets, same staff, no new events', async () => {
    const after = (await sys.system.parts.store.load(sys.branchId))!;
    expect(after.seq).toBe(before.seq);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.staff).toEqual(before.staff);
    expect(after).toEqual(before);
    expect(await sys.system.parts.store.readEvents(sys.branchId, before.seq)).toEqual([]);
    expect(await sys.system.parts.db.eventLog.lastSeq(sys.branchId)).toBe(before.seq);
  });
});
