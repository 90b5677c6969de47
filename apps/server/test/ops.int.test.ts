/**
 * What operators and tooling rely on: health and readiness probes, Prometheus metrics, the
 * OpenAPI document and request ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, openSocket, startTestSystem, type ClientSocket, type TestSystem } from './support.js';

let sys: TestSystem;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  const deadline = Date.now() + 10_000;
  while (!(await sys.system.parts.store.load(sys.branchId))?.openDay) {
    if (Date.now() > deadline) throw new Error('the business day was never opened');
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

async function scrape(): Promise<string> {
  const r = await fetch(`${sys.url}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
  return r.text();
}

/** The value of one sample line, e.g. sample(text, 'tellerline_sockets', { kind: 'signage' }). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrapeUntil(what: string, pred: (text: string) => boolean, ms = 5000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = await scrape();
    if (pred(text)) return text;
    if (Date.now() > deadline) throw new Error(`metrics never showed ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('probes', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const r = await new HttpClient(sys.url).req('GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('/readyz checks Redis, the database and that the branches are live in Redis', async () => {
    const r = await new HttpClient(sys.url).req('GET', '/readyz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', checks: { redis: 'ok', database: 'ok', live: 'ok' } });
  });
});

describe('metrics', () => {
  it('times commands by type', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    expect((await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') })).status).toBe(201);
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.req('POST', path('/commands'), { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
    const before = sample(await scrape(), 'tellerline_command_duration_seconds_count', { type: 'call-next' }) ?? 0;
    expect((await alice.req('POST', path('/commands'), { type: 'call-next' })).status).toBe(200);

    const text = await scrape();
    expect(text).toContain('# TYPE tellerline_command_duration_seconds histogram');
    expect(sample(text, 'tellerline_command_duration_seconds_count', { type: 'call-next' })).toBe(before + 1);
    expect(sample(text, 'tellerline_command_duration_seconds_bucket', { type: 'call-next', le: '+Inf' })).toBe(before + 1);
    expect(sample(text, 'tellerline_command_duration_seconds_sum', { type: 'call-next' })).toBeGreaterThan(0);
    expect(sample(text, 'tellerline_command_duration_seconds_count', { type: 'issue' })).toBeGreaterThanOrEqual(1);
    // The default process metrics come along.
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts connected sockets by kind', async () => {
    expect(await scrape()).toContain('# TYPE tellerline_sockets gauge');
    const base = sample(await scrape(), 'tellerline_sockets', { kind: 'signage' }) ?? 0;
    const screen = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken } });
    sockets.push(screen);
    await scrapeUntil('the signage socket', (t) => sample(t, 'tellerline_sockets', { kind: 'signage' }) === base + 1);
    screen.close();
    await scrapeUntil('the signage socket leaving', (t) => sample(t, 'tellerline_sockets', { kind: 'signage' }) === base);
  });

  it('reports waiting tickets per branch and service at scrape time', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    for (const code of ['B', 'B', 'C', 'D']) expect((await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(code) })).status).toBe(201);
    const state = (await sys.system.parts.store.load(sys.branchId))!;
    const expected = (code: string) =>
      Object.values(state.tickets).filter((t) => t.status === 'waiting' && state.services[t.serviceId]?.code === code).length;
    expect(expected('B')).toBe(2);

    let text = await scrape();
    expect(text).toContain('# TYPE tellerline_queue_waiting gauge');
    for (const code of ['A', 'B', 'C', 'D']) {
      expect(sample(text, 'tellerline_queue_waiting', { branch: sys.branchId, service: code }), code).toBe(expected(code));
    }

    // A call takes one off the queue; the next scrape says so.
    const bob = new HttpClient(sys.url);
    await bob.login('bob');
    expect((await bob.req('POST', path('/commands'), { type: 'sign-on', counterId: sys.counter('2') })).status).toBe(200);
    const call = await bob.req('POST', path('/commands'), { type: 'call-next' });
    expect(call.status).toBe(200);
    const calledCode = call.body.data.called.number.slice(0, 1) as string;
    text = await scrape();
    expect(sample(text, 'tellerline_queue_waiting', { branch: sys.branchId, service: calledCode })).toBe(expected(calledCode) - 1);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const r = await new HttpClient(sys.url).req('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();

    const commands = doc.paths['/api/v1/branches/{branchId}/commands'];
    expect(commands?.post).toBeDefined();
    const body = commands.post.requestBody?.content?.['application/json']?.schema;
    expect(body).toBeDefined();
    const bodyText = JSON.stringify(body);
    for (const type of ['sign-on', 'call-next', 'recall', 'transfer', 'complete']) expect(bodyText).toContain(type);
    // The accepted years of a booking time are documented, not only enforced.
    const book = JSON.stringify(doc.paths['/api/v1/appointments']?.post?.requestBody);
    expect(book).toContain('between 2000-01-01 and 2100-12-31');
    expect(commands.post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'branchId', in: 'path', required: true })]));
    expect(Object.keys(commands.post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']));

    const ticket = doc.paths['/api/v1/tickets/{token}'];
    expect(ticket?.get).toBeDefined();
    expect(ticket.get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'token', in: 'path' })]));
    expect(ticket.get.responses['200'].content['application/json'].schema).toBeDefined();

    const issue = doc.paths['/api/v1/branches/{branchId}/tickets']?.post;
    expect(JSON.stringify(issue?.requestBody?.content?.['application/json']?.schema)).toContain('serviceId');
    const login = doc.paths['/api/v1/auth/login']?.post;
    expect(JSON.stringify(login?.requestBody?.content?.['application/json']?.schema)).toContain('password');
  });
});

describe('request ids', () => {
  it('puts an x-request-id on every response, errors included', async () => {
    const anon = new HttpClient(sys.url);
    const responses = [
      await anon.req('GET', '/healthz'),
      await anon.req('GET', '/metrics'),
      await anon.req('GET', '/api/v1/openapi.json'),
      await anon.req('GET', '/api/v1/no/such/route'),
      await anon.req('GET', '/api/v1/auth/me'),
      await anon.req('POST', '/api/v1/auth/login', '{not json'),
      await anon.req('POST', path('/commands'), { type: 'call-next' }, { origin: 'http://evil.test' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 401, 400, 403]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes a sane incoming x-request-id and replaces anything else', async () => {
    const c = new HttpClient(sys.url);
    const sane = 'proxy-01.abc_DEF-123';
    expect((await c.req('GET', '/healthz', undefined, { 'x-request-id': sane })).headers.get('x-request-id')).toBe(sane);
    expect((await c.req('GET', '/api/v1/auth/me', undefined, { 'x-request-id': sane })).headers.get('x-request-id')).toBe(sane);

    for (const bad of ['has space', 'a'.repeat(65), 'inject\\nheader', '<script>']) {
      const id = (await c.req('GET', '/healthz', undefined, { 'x-request-id': bad })).headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
