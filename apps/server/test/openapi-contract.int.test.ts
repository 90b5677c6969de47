/**
 * The served OpenAPI document against the real system: a representative set of requests (answers
 * and refusals, each kind of caller) is sent, and every answer's status must be documented for
 * its operation, its JSON body must conform to the documented schema, and a documented header
 * (Retry-After) must be present. A client generated from the document must not meet surprises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type Schema } from './json-schema-check.js';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';
import { normalizePhone } from '@tellerline/contracts';

const MAX_ATTEMPTS = 2;
const ORIGIN = 'http://allowed.test';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, { schema: Schema }> }>;
}
interface Document extends Schema {
  paths: Record<string, Record<string, Operation>>;
}

let sys: TestSystem;
/** Texts kept, not sent: the consent confirmation link is read from here. */
const sms = createLoggingSmsProvider(() => undefined);
let doc: Document;
let alice: HttpClient;
let manager: HttpClient;
let admin: HttpClient;
let kiosk: HttpClient;
let signage: HttpClient;
const anyone = () => new HttpClient(sys.url);
const branch = (p = '') => `/api/v1/branches/${sys.branchId}${p}`;

/** The one documented operation whose path template matches `path` (query string left out). */
function operationFor(method: string, path: string): { template: string; op: Operation } {
  const bare = path.split('?')[0]!;
  const found = Object.entries(doc.paths).filter(([template, ops]) => ops[method.toLowerCase()] && new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  expect(found.map(([t]) => t), `${method} ${bare}: documented operations`).toHaveLength(1);
  const [template, ops] = found[0]!;
  return { template, op: ops[method.toLowerCase()]! };
}

type Answer = Awaited<ReturnType<HttpClient['req']>>;

/** Sends the request and checks the answer against the document; returns it for further checks. */
async function conforms(client: HttpClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await client.req(method, path, body, headers);
  const { template, op } = operationFor(method, path);
  const where = `${method} ${template} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  const documented = op.responses[String(res.status)];
  expect(documented, `${where}: status not documented (has ${Object.keys(op.responses).join(', ')})`).toBeDefined();
  const schema = documented!.content?.['application/json']?.schema;
  if (schema) {
    expect(res.headers.get('content-type'), where).toMatch(/application\/json/);
    expect(check(schema, res.body, doc), where).toEqual([]);
  }
  for (const [name, header] of Object.entries(documented!.headers ?? {})) {
    const value = res.headers.get(name);
    expect(value, `${where}: header ${name}`).not.toBeNull();
    expect(check(header.schema, header.schema.type === 'integer' ? Number(value) : value, doc), `${where}: header ${name}=${value}`).toEqual([]);
  }
  return res;
}

async function expectStatus(expected: number, pending: Promise<Answer>): Promise<Answer> {
  const res = await pending;
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  return res;
}

beforeAll(async () => {
  sys = await startTestSystem({ LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) }, { notify: { smsProvider: sms } });
  const served = await anyone().req('GET', '/api/v1/openapi.json');
  expect(served.status).toBe(200);
  doc = served.body as Document;
  [alice, manager, admin] = [anyone(), anyone(), anyone()];
  await Promise.all([alice.login('alice'), manager.login('manager'), admin.login('admin')]);
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  signage = new HttpClient(sys.url, { authorization: `Bearer ${sys.signageToken}` });
  // The start-up catch-up close opens the business day asynchronously: wait, so it cancels nothing of ours.
  const deadline = Date.now() + 10_000;
  while (!(await sys.system.parts.store.load(sys.branchId))?.openDay && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await sys?.close();
});

describe('the checker (control)', () => {
  it('finds what does not conform', () => {
    const schema: Schema = { type: 'object', properties: { n: { type: 'integer' }, s: { type: ['string', 'null'] } }, required: ['n', 's'], additionalProperties: false };
    expect(check(schema, { n: 1, s: null })).toEqual([]);
    expect(check(schema, { n: 1.5, s: 'x' })).toHaveLength(1);
    expect(check(schema, { n: 1 })).toHaveLength(1);
    expect(check(schema, { n: 1, s: 'x', extra: true })).toHaveLength(1);
    expect(check({ type: 'array', items: { $ref: '#/defs/a' } }, [1, 'x'], { defs: { a: { type: 'integer' } } })).toHaveLength(1);
    expect(check({ type: 'string', unknownKeyword: 1 }, 'x')).toHaveLength(1);
  });
});

describe('the served OpenAPI document matches the real answers', () => {
  it('documents itself', async () => {
    await expectStatus(200, conforms(anyone(), 'GET', '/api/v1/openapi.json'));
  });

  it('branches: the list, one branch, its queue', async () => {
    const list = await expectStatus(200, conforms(anyone(), 'GET', '/api/v1/branches'));
    expect(list.body.data.map((b: { id: string }) => b.id)).toContain(sys.branchId);
    await expectStatus(200, conforms(anyone(), 'GET', branch()));
    await expectStatus(404, conforms(anyone(), 'GET', '/api/v1/branches/no-such-branch'));
    await expectStatus(400, conforms(anyone(), 'GET', '/api/v1/branches/bad.id'));
    await expectStatus(200, conforms(anyone(), 'GET', branch('/queue')));
    await expectStatus(404, conforms(anyone(), 'GET', '/api/v1/branches/no-such-branch/queue'));
    await expectStatus(200, conforms(anyone(), 'GET', branch('/walk-in-hours')));
    await expectStatus(404, conforms(anyone(), 'GET', '/api/v1/branches/no-such-branch/walk-in-hours'));
    await expectStatus(200, conforms(signage, 'GET', branch('/signage')));
    await expectStatus(200, conforms(kiosk, 'GET', '/api/v1/devices/me'));
    await expectStatus(401, conforms(anyone(), 'GET', '/api/v1/devices/me'));
    await expectStatus(401, conforms(anyone(), 'GET', branch('/signage')));
    await expectStatus(200, conforms(alice, 'GET', branch('/staff-queue')));
    await expectStatus(404, conforms(admin, 'GET', '/api/v1/branches/no-such-branch/staff-queue'));
  });

  it('sign-in and who am I, including the size limit and the rate limit', async () => {
    await expectStatus(200, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'dana', password: 'demo1234' }));
    await expectStatus(200, conforms(alice, 'GET', '/api/v1/auth/me'));
    await expectStatus(401, conforms(anyone(), 'GET', '/api/v1/auth/me'));
    await expectStatus(400, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'chen' }));
    await expectStatus(413, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'chen', password: 'x'.repeat(20 * 1024) }));
    await expectStatus(403, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'chen', password: 'demo1234' }, { origin: 'http://evil.test' }));
    for (let i = 0; i < MAX_ATTEMPTS; i++) await expectStatus(401, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'chen', password: `guess-${i}` }));
    const limited = await expectStatus(429, conforms(anyone(), 'POST', '/api/v1/auth/login', { username: 'chen', password: 'guess-x' }));
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('kiosk tickets, the phone page, cancelling, staff commands and the customer profile', async () => {
    const issued = await expectStatus(201, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('A'), requestId: 'contract-0001', contact: { phone: '+86 138 0013 9876', consent: true } }));
    const { token, ticketId } = issued.body.data as { token: string; ticketId: string };
    // The retry of an answered request: the same ticket, 200.
    await expectStatus(200, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('A'), requestId: 'contract-0001', contact: { phone: '+86 138 0013 9876', consent: true } }));
    await expectStatus(409, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('B'), requestId: 'contract-0001' }));
    await expectStatus(422, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: 'no_such_service' }));
    await expectStatus(413, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: 'x'.repeat(20 * 1024) }));
    await expectStatus(401, conforms(anyone(), 'POST', branch('/tickets'), { serviceId: sys.service('A') }));

    await expectStatus(200, conforms(anyone(), 'GET', `/api/v1/tickets/${token}`));
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/tickets/${'A'.repeat(24)}`));
    await expectStatus(400, conforms(anyone(), 'GET', '/api/v1/tickets/short'));
    await expectStatus(404, conforms(anyone(), 'POST', `/api/v1/tickets/${'A'.repeat(24)}/cancel`));

    await expectStatus(422, conforms(alice, 'POST', branch('/commands'), { type: 'sign-on', counterId: 'counter_99' }, { origin: ORIGIN }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'sign-on', counterId: sys.counter('1') }, { origin: ORIGIN }));
    await expectStatus(403, conforms(manager, 'POST', branch('/commands'), { type: 'call-next' }));
    await expectStatus(400, conforms(alice, 'POST', branch('/commands'), { type: 'explode' }));
    const profile = `/tickets/${ticketId}/profile`;
    await expectStatus(403, conforms(alice, 'GET', branch(profile)));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'call-ticket', ticketId, reason: 'contract test' }));
    await expectStatus(409, conforms(alice, 'POST', branch('/commands'), { type: 'call-next' }));
    const mine = await expectStatus(200, conforms(alice, 'GET', branch(profile)));
    expect(mine.body.data.customer.phoneMasked).toMatch(/9876$/);
    await expectStatus(404, conforms(alice, 'GET', branch('/tickets/tkt_none/profile')));
    const record = `/tickets/${ticketId}/record`;
    await expectStatus(200, conforms(alice, 'PUT', branch(record), { notes: 'contract test\nsecond line', outcome: 'follow-up' }, { origin: ORIGIN }));
    await expectStatus(200, conforms(alice, 'GET', branch(record)));
    await expectStatus(403, conforms(manager, 'GET', branch(record)));
    await expectStatus(400, conforms(alice, 'PUT', branch(record), { notes: 'x', outcome: 'maybe' }));
    await expectStatus(403, conforms(manager, 'PUT', branch(record), { notes: 'x', outcome: 'resolved' }));
    await expectStatus(401, conforms(anyone(), 'PUT', branch(record), { notes: 'x', outcome: 'resolved' }));
    await expectStatus(404, conforms(alice, 'PUT', branch('/tickets/tkt_none/record'), { notes: 'x', outcome: 'resolved' }));
    await expectStatus(200, conforms(manager, 'GET', branch(`/tickets/${ticketId}/report`)));
    await expectStatus(404, conforms(manager, 'GET', branch('/tickets/tkt_none/report')));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'no-show', ticketId }));

    const other = await expectStatus(201, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('C') }));
    await expectStatus(200, conforms(anyone(), 'POST', `/api/v1/tickets/${other.body.data.token}/cancel`));
    // Cancelled, it has left the queue: UNKNOWN_TICKET.
    await expectStatus(404, conforms(anyone(), 'POST', `/api/v1/tickets/${other.body.data.token}/cancel`));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'sign-off' }));
  });

  it('the audit log', async () => {
    const log = await expectStatus(200, conforms(manager, 'GET', branch('/audit?limit=50')));
    expect(log.body.data.length).toBeGreaterThan(0);
    await expectStatus(200, conforms(manager, 'GET', branch(`/audit?before=${log.body.data[0].id}`)));
    await expectStatus(400, conforms(manager, 'GET', branch('/audit?before=99999999999999999999')));
    await expectStatus(403, conforms(alice, 'GET', branch('/audit')));
    await expectStatus(401, conforms(anyone(), 'GET', branch('/audit')));
    await expectStatus(404, conforms(admin, 'GET', '/api/v1/branches/no-such-branch/audit'));
  });

  it('rollout readiness', async () => {
    await expectStatus(200, conforms(manager, 'GET', branch('/readiness')));
    await expectStatus(200, conforms(admin, 'GET', '/api/v1/readiness'));
    await expectStatus(403, conforms(alice, 'GET', branch('/readiness')));
    await expectStatus(403, conforms(manager, 'GET', '/api/v1/readiness'));
    await expectStatus(401, conforms(anyone(), 'GET', '/api/v1/readiness'));
    await expectStatus(404, conforms(admin, 'GET', '/api/v1/branches/00000000-0000-4000-8000-000000000000/readiness'));
  });

  it('notices and booking', async () => {
    await expectStatus(200, conforms(anyone(), 'GET', '/api/v1/notify/channels'));
    await conforms(anyone(), 'GET', '/api/v1/push/vapid-public-key');
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/tickets/${'A'.repeat(24)}/notify`));
    await expectStatus(200, conforms(anyone(), 'GET', branch('/booking')));
    await expectStatus(404, conforms(anyone(), 'GET', '/api/v1/branches/no-such-branch/booking'));
    await expectStatus(400, conforms(anyone(), 'POST', '/api/v1/appointments', { branchId: sys.branchId }));
    await expectStatus(413, conforms(anyone(), 'POST', '/api/v1/appointments', { branchId: 'x'.repeat(20 * 1024) }));
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/appointments/${'A'.repeat(24)}`));
  });

  it('the survey after a visit', async () => {
    const issued = await expectStatus(201, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('A') }));
    const { token, ticketId } = issued.body.data as { token: string; ticketId: string };
    const survey = `/api/v1/tickets/${token}/survey`;
    await expectStatus(200, conforms(anyone(), 'GET', survey));
    await expectStatus(409, conforms(anyone(), 'POST', survey, { rating: 5, language: 'en' }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'sign-on', counterId: sys.counter('1') }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'call-ticket', ticketId, reason: 'contract test' }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'start', ticketId }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'complete', ticketId }));
    await expectStatus(200, conforms(alice, 'POST', branch('/commands'), { type: 'sign-off' }));
    await expectStatus(400, conforms(anyone(), 'POST', survey, { rating: 6, language: 'en' }));
    await expectStatus(413, conforms(anyone(), 'POST', survey, { rating: 5, comment: 'x'.repeat(20 * 1024), language: 'en' }));
    await expectStatus(201, conforms(anyone(), 'POST', survey, { rating: 5, comment: 'quick and kind', language: 'en' }));
    await expectStatus(200, conforms(anyone(), 'POST', survey, { rating: 5, comment: 'quick and kind', language: 'en' }));
    await expectStatus(409, conforms(anyone(), 'POST', survey, { rating: 1, language: 'en' }));
    const answered = await expectStatus(200, conforms(anyone(), 'GET', survey));
    expect(answered.body.data.state).toBe('answered');
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/tickets/${'A'.repeat(24)}/survey`));
    await expectStatus(404, conforms(anyone(), 'POST', `/api/v1/tickets/${'A'.repeat(24)}/survey`, { rating: 5, language: 'en' }));
  });

  it('the consent to keep a visit history, on the manage page', async () => {
    // Any free slot the real clock allows: the first one of the coming week.
    const slots = await expectStatus(200, conforms(anyone(), 'GET', branch(`/services/${sys.service('A')}/slots?days=14`)));
    const free = (slots.body.data.days as { slots: { startsAt: number }[] }[]).flatMap((d) => d.slots);
    const slot = free[0]!;
    // The same person's second booking: at another time (the same time is OVERLAPPING_BOOKING).
    const later = free.find((s) => s.startsAt >= slot.startsAt + 60 * 60_000)!;
    const contact = { name: 'Contract Test', phone: '+86 139 5555 0101', language: 'en', consent: true };
    const booked = await expectStatus(201, conforms(anyone(), 'POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: slot.startsAt, contact, history: { keep: true, preferences: { hearing: true } } }));
    const history = `/api/v1/appointments/${booked.body.data.manageToken as string}/history`;
    expect((await expectStatus(200, conforms(anyone(), 'GET', history))).body.data).toEqual({ kept: true, preferences: {}, needsStored: true });
    await expectStatus(200, conforms(anyone(), 'PUT', history, { keep: false }));
    await expectStatus(400, conforms(anyone(), 'PUT', history, { keep: true, preferences: { pets: true } }));
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/appointments/${'A'.repeat(24)}/history`));
    await expectStatus(404, conforms(anyone(), 'PUT', `/api/v1/appointments/${'A'.repeat(24)}/history`, { keep: true }));

    // A booking that joins the profile asks its phone to confirm: the link's page and its answers.
    const joined = await expectStatus(201, conforms(anyone(), 'POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: later.startsAt, contact, history: { keep: true, preferences: { reading: true } } }));
    expect(joined.body.data).not.toHaveProperty('historyConfirmationSent');
    const asked = await expectStatus(200, conforms(anyone(), 'PUT', `/api/v1/appointments/${joined.body.data.manageToken as string}/history`, { keep: true }));
    // Answered as a profile's own booking is (the booking's own link is on its way: none is sent again).
    expect(asked.body.data).toEqual({ kept: true, preferences: {}, needsStored: false });
    await waitFor('the consent link', async () => sms.outbox.some((m) => m.to === normalizePhone(contact.phone) && m.text.includes('/consent/')));
    const token = /\/consent\/([A-Za-z0-9_-]+)/.exec(sms.outbox.filter((m) => m.to === normalizePhone(contact.phone) && m.text.includes('/consent/')).at(0)!.text)![1]!;
    const link = `/api/v1/consent-confirmations/${token}`;
    await expectStatus(200, conforms(anyone(), 'GET', link));
    await expectStatus(200, conforms(anyone(), 'POST', `${link}/confirm`));
    await expectStatus(410, conforms(anyone(), 'POST', `${link}/confirm`));
    await expectStatus(404, conforms(anyone(), 'GET', `/api/v1/consent-confirmations/${'A'.repeat(43)}`));
    await expectStatus(400, conforms(anyone(), 'POST', '/api/v1/consent-confirmations/short/confirm'));
  });

  it("staff accounts: the team, administrators, and one's own password", async () => {
    const listed = await expectStatus(200, conforms(manager, 'GET', branch('/team')));
    const aliceId = (listed.body.data as { userId: string; username: string }[]).find((m) => m.username === 'alice')!.userId;
    await expectStatus(403, conforms(alice, 'GET', branch('/team')));
    await expectStatus(401, conforms(anyone(), 'GET', branch('/team')));
    await expectStatus(404, conforms(admin, 'GET', '/api/v1/branches/no-such-branch/team'));
    const made = await expectStatus(201, conforms(manager, 'POST', branch('/team'), { username: 'contract.teller', displayName: 'Contract Teller', skills: { [sys.service('A')]: 0.5 } }));
    const userId = made.body.data.member.userId as string;
    await expectStatus(409, conforms(manager, 'POST', branch('/team'), { username: 'contract.teller', displayName: 'Again' }));
    await expectStatus(422, conforms(manager, 'POST', branch('/team'), { username: 'contract.other', displayName: 'Other', skills: { no_such_service: 1 } }));
    await expectStatus(400, conforms(manager, 'POST', branch('/team'), { username: 'Upper', displayName: 'U' }));
    await expectStatus(403, conforms(manager, 'POST', branch('/team'), { username: 'contract.boss', displayName: 'Boss', role: 'manager' }));
    await expectStatus(200, conforms(manager, 'PATCH', branch(`/team/${userId}`), { skills: { [sys.service('B')]: 1 } }));
    await expectStatus(404, conforms(manager, 'PATCH', branch('/team/no-such-user'), { displayName: 'x' }));
    await expectStatus(200, conforms(manager, 'POST', branch(`/team/${userId}/reset-password`)));
    await expectStatus(200, conforms(manager, 'POST', branch(`/team/${userId}/deactivate`)));
    await expectStatus(200, conforms(manager, 'POST', branch(`/team/${userId}/reactivate`)));
    await expectStatus(403, conforms(alice, 'POST', branch(`/team/${aliceId}/deactivate`)));
    await expectStatus(200, conforms(admin, 'GET', '/api/v1/admins'));
    const root = await expectStatus(201, conforms(admin, 'POST', '/api/v1/admins', { username: 'contract.root', displayName: 'Root' }));
    await expectStatus(200, conforms(admin, 'POST', `/api/v1/admins/${root.body.data.member.userId as string}/deactivate`));
    await expectStatus(403, conforms(manager, 'GET', '/api/v1/admins'));

    // The teller: a temporary password, then only a password change.
    const reset = await expectStatus(200, conforms(manager, 'POST', branch(`/team/${userId}/reset-password`)));
    const temporary = reset.body.data.temporaryPassword as string;
    const teller = anyone();
    await expectStatus(200, conforms(teller, 'POST', '/api/v1/auth/login', { username: 'contract.teller', password: temporary }));
    await expectStatus(403, conforms(teller, 'GET', branch('/staff-queue')));
    await expectStatus(200, conforms(teller, 'GET', '/api/v1/auth/me'));
    await expectStatus(400, conforms(teller, 'POST', '/api/v1/auth/password', { currentPassword: temporary }));
    await expectStatus(422, conforms(teller, 'POST', '/api/v1/auth/password', { currentPassword: temporary, newPassword: 'short' }));
    await expectStatus(200, conforms(teller, 'POST', '/api/v1/auth/password', { currentPassword: temporary, newPassword: 'contract-pass-1' }));
    for (let i = 0; i < MAX_ATTEMPTS; i++) await expectStatus(403, conforms(teller, 'POST', '/api/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: 'contract-pass-2' }));
    await expectStatus(429, conforms(teller, 'POST', '/api/v1/auth/password', { currentPassword: 'contract-pass-1', newPassword: 'contract-pass-2' }));
    await expectStatus(401, conforms(anyone(), 'POST', '/api/v1/auth/password', { currentPassword: 'a', newPassword: 'contract-pass-2' }));
  });

  it('the help assistant', async () => {
    const hours = await expectStatus(200, conforms(anyone(), 'POST', branch('/assistant'), { question: '营业时间', language: 'zh' }));
    expect(hours.body.data.intent).toBe('hours');
    await expectStatus(200, conforms(anyone(), 'POST', '/api/v1/branches/demo/assistant', { question: 'how long is the wait', language: 'en' }));
    await expectStatus(200, conforms(anyone(), 'POST', branch('/assistant'), { question: 'loans documents', language: 'en' }));
    await expectStatus(400, conforms(anyone(), 'POST', branch('/assistant'), { question: '', language: 'en' }));
    await expectStatus(404, conforms(anyone(), 'POST', '/api/v1/branches/no-such-branch/assistant', { question: 'hours', language: 'en' }));
  });

  it('setting branches up: branches, opening hours, services, counters', async () => {
    const day = [{ open: '09:00', close: '17:00' }];
    const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
    const made = await expectStatus(201, conforms(admin, 'POST', '/api/v1/branches', { code: 'contract', name: { zh: '契约', en: 'Contract' }, timezone: 'Asia/Shanghai', openingHours: hours }));
    await expectStatus(409, conforms(admin, 'POST', '/api/v1/branches', { code: 'contract', name: { zh: '契约', en: 'Contract' }, timezone: 'Asia/Shanghai', openingHours: hours }));
    await expectStatus(403, conforms(manager, 'POST', '/api/v1/branches', { code: 'mine', name: { zh: '我的', en: 'Mine' }, timezone: 'Asia/Shanghai', openingHours: hours }));
    await expectStatus(200, conforms(admin, 'PATCH', `/api/v1/branches/${made.body.data.id}`, { pilot: true }));
    await expectStatus(404, conforms(admin, 'PATCH', '/api/v1/branches/no-such-branch', { pilot: true }));
    await expectStatus(400, conforms(admin, 'PATCH', `/api/v1/branches/${made.body.data.id}`, { code: 'other' }));
    await expectStatus(200, conforms(manager, 'GET', branch('/setup')));
    await expectStatus(403, conforms(alice, 'GET', branch('/setup')));
    await expectStatus(200, conforms(manager, 'PUT', branch('/opening-hours'), { openingHours: { ...hours, sat: [{ open: '09:00', close: '12:00' }] } }));
    const service = await expectStatus(201, conforms(manager, 'POST', branch('/services'), { code: 'K', name: { zh: '开户', en: 'New accounts' }, targetMin: 15, defaultDurationMin: 10 }));
    await expectStatus(409, conforms(manager, 'POST', branch('/services'), { code: 'K', name: { zh: '开户', en: 'New accounts' }, targetMin: 15, defaultDurationMin: 10 }));
    await expectStatus(200, conforms(manager, 'PATCH', branch(`/services/${service.body.data.id}`), { name: { zh: '开户', en: 'Accounts' } }));
    await expectStatus(404, conforms(manager, 'PATCH', branch('/services/no-such-service'), { active: false }));
    await expectStatus(200, conforms(manager, 'PATCH', branch(`/services/${service.body.data.id}`), { active: false }));
    const counter = await expectStatus(201, conforms(manager, 'POST', branch('/counters'), { label: '9' }));
    await expectStatus(409, conforms(manager, 'POST', branch('/counters'), { label: '9' }));
    await expectStatus(200, conforms(manager, 'PATCH', branch(`/counters/${counter.body.data.id}`), { active: false }));
    await expectStatus(400, conforms(manager, 'PATCH', branch(`/counters/${counter.body.data.id}`), {}));
    // Out of service and back (the new branch: nobody there, nothing booked).
    const contract = (p: string) => `/api/v1/branches/${made.body.data.id}${p}`;
    await expectStatus(200, conforms(admin, 'GET', contract('/deactivation')));
    await expectStatus(403, conforms(manager, 'POST', contract('/deactivate'), {}));
    await expectStatus(400, conforms(admin, 'POST', contract('/deactivate'), { cancelBookings: false }));
    await expectStatus(200, conforms(admin, 'POST', contract('/deactivate'), {}));
    await expectStatus(200, conforms(admin, 'POST', contract('/reactivate'), {}));
    await expectStatus(404, conforms(admin, 'POST', '/api/v1/branches/no-such-branch/reactivate', {}));
  });

  it('a closed branch: walk-in hours, and the kiosk and the remote queue refuse with BRANCH_CLOSED', async () => {
    // A closure interval around now, in hours open all day (the set-up test above left 09:00-17:00
    // Shanghai time): closed by the closure whatever the time of day the test runs at.
    const allDay = [{ open: '00:00', close: '23:59' }];
    await expectStatus(200, conforms(manager, 'PUT', branch('/opening-hours'), { openingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } }));
    const now = Date.now();
    const closures = [{ from: now - 3_600_000, to: now + 3_600_000, reason: 'contract test' }];
    const { version } = (await manager.req('GET', branch('/booking/settings'))).body.data;
    const closed = await expectStatus(200, conforms(manager, 'PUT', branch('/booking/settings'), { version, settings: { remoteQueue: true, closures } }, { origin: ORIGIN }));
    const hours = await expectStatus(200, conforms(anyone(), 'GET', branch('/walk-in-hours')));
    expect(hours.body.data).toMatchObject({ issuing: false, reason: 'contract test' });
    const refused = await expectStatus(409, conforms(kiosk, 'POST', branch('/tickets'), { serviceId: sys.service('A') }));
    expect(refused.body.error).toMatchObject({ code: 'BRANCH_CLOSED', details: { reason: 'contract test' } });
    await expectStatus(409, conforms(anyone(), 'POST', branch('/remote-tickets'), { serviceId: sys.service('A') }));
    await expectStatus(200, conforms(manager, 'PUT', branch('/booking/settings'), { version: closed.body.data.version, settings: {} }, { origin: ORIGIN }));
  });
});
