/**
 * The survey invitation after a visit, end to end on the real system (compose(), Redis,
 * PostgreSQL, BullMQ) with a second worker node on the same Redis and schema, so every invitation
 * here is decided by two notifiers and could be sent by two workers. Real protocol peers: the
 * local HTTPS push service (decrypts the payload) and an SMTP sink; the SMS provider port is the
 * logging provider, whose log lines are kept to check that links are masked.
 *
 * The clock is the test's (the demo branch's Monday 2 March 2026, as in the booking tests), so a
 * week can pass; BullMQ's delays run on real time: invitations are due 3 s after the visit.
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { startSmtpSink, startTestPushService, type Delivery, type SmtpSink, type TestPushService, type TestSubscription } from '@tellerline/notify/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compose, type ComposeOverrides, type System } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { surveyInviteJobId, type SurveyInviteJob } from '../src/jobs/job-names.js';
import { createLogger } from '../src/logger.js';
import { bookingHelpers, local, MON } from './booking-support.js';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

const AFTER_MIN = '0.05'; // 3 s: room to answer the survey first on a loaded machine
const AFTER_MS = 3000;
const DAY_MS = 24 * 3600 * 1000;

const clock = { t: local(MON, '09:00'), now: () => clock.t };
let sys: TestSystem;
let second: System;
let push: TestPushService;
let smtp: SmtpSink;
const smsLog: Record<string, unknown>[] = [];
const sms = createLoggingSmsProvider((_line, fields) => smsLog.push(fields));
let alice: HttpClient;
let kiosk: HttpClient;
let phone: HttpClient;
const branchName = { zh: '总行营业部', en: 'Main Branch' };
const helpers = bookingHelpers(() => sys);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker-only node sharing the first system's Redis prefix and schema, with the same test peers. */
async function startSecondWorker(first: TestSystem, overrides: ComposeOverrides): Promise<System> {
  const c = first.system.parts.config;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    REDIS_URL: c.redisUrl!,
    REDIS_PREFIX: c.redisPrefix,
    DATABASE_URL: c.databaseUrl!,
    DATABASE_SCHEMA: c.databaseSchema!,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ROLES: 'worker',
    SURVEY_INVITE_AFTER_MIN: AFTER_MIN,
    PUSH_SERVICE_HOSTS: '127.0.0.1',
    SMTP_URL: smtp.url,
  });
  const system = await compose(config, createLogger(config.logLevel), overrides);
  await system.start();
  return system;
}

beforeAll(async () => {
  push = await startTestPushService();
  smtp = await startSmtpSink();
  const overrides: ComposeOverrides = { clock, notify: { pushAgent: push.agent, smsProvider: sms } };
  sys = await startTestSystem(
    { SURVEY_INVITE_AFTER_MIN: AFTER_MIN, PUSH_SERVICE_HOSTS: '127.0.0.1', SMTP_URL: smtp.url, MAIL_FROM: '"Tellerline" <notices@bank.example>', TRUST_PROXY: 'true' },
    overrides,
  );
  second = await startSecondWorker(sys, overrides);
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  phone = new HttpClient(sys.url);
  expect((await staff('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
  expect((await sys.system.parts.db.directory.profile(sys.branchId))!.name).toEqual(branchName);
});
afterAll(async () => {
  await second?.stop();
  await sys?.close();
  await push?.close();
  await smtp?.close();
});

const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });
const load = async () => (await sys.system.parts.store.load(sys.branchId))!;
const queue = () => sys.system.parts.notices.queue;

/** Empties the queue so each test starts with nobody ahead (no one here asked for notices). */
beforeEach(async () => {
  for (const t of Object.values((await load()).tickets)) {
    if (t.status === 'called') await staff('start', { ticketId: t.id });
    if (t.status !== 'waiting') await staff('complete', { ticketId: t.id });
    else await staff('cancel', { ticketId: t.id });
  }
});

async function issue(body: Record<string, unknown> = {}) {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ticketId: r.body.data.ticketId as string, token: r.body.data.token as string };
}

async function subscribe(token: string, sub: TestSubscription, choices: Record<string, unknown> = {}) {
  const r = await phone.req('POST', `/api/v1/tickets/${token}/push`, { subscription: sub.toJSON(), aheadThreshold: null, ...choices });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function contact(token: string, body: Record<string, unknown>) {
  const r = await phone.req('POST', `/api/v1/tickets/${token}/notify`, { consent: true, aheadThreshold: null, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function callNext(ticketId: string) {
  const r = await staff('call-next');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data.called.ticketId).toBe(ticketId);
}

async function serve(ticketId: string) {
  await callNext(ticketId);
  expect((await staff('start', { ticketId })).status).toBe(200);
  expect((await staff('complete', { ticketId })).status).toBe(200);
}

/** The invitation job of a ticket once it has run: its state and what the processor returned. */
async function finishedInvite(ticketId: string, ms = 10_000) {
  const id = surveyInviteJobId(ticketId);
  return waitFor(
    `the survey invitation of ${ticketId}`,
    async () => {
      const state = await queue().queue.getJobState(id);
      if (state !== 'completed' && state !== 'failed') return null;
      const job = (await queue().queue.getJob(id))!;
      return { state, value: (state === 'completed' ? job.returnvalue : job.failedReason) as unknown, delay: job.opts.delay, data: job.data as SurveyInviteJob };
    },
    ms,
  );
}

/** Survey invitations pushed to `sub` (the customers here also get their call notice). */
const invitedAt = (sub: TestSubscription) => (d: Delivery) => d.subscriptionId === sub.id && ['请为本次服务评分', 'How was your visit?'].includes((d.json as { title?: string } | null)?.title ?? '');
const invitesTo = (sub: TestSubscription) => push.deliveries.filter(invitedAt(sub));
const phoneUrl = (token: string) => `${sys.system.parts.config.publicUrl}/t/${token}`;
/** Survey invitations texted to `number`, in either language (the customers here also get their call notice). */
const textsTo = (number: string) => sms.outbox.filter((m) => m.to === normalizePhone(number) && /Rate your visit|请为本次服务评分/.test(m.text));

describe('the survey invitation after a visit', () => {
  it('goes out once, some minutes after the visit, on each channel the customer chose, in their language, with the link to the survey', async () => {
    const { ticketId, token } = await issue({ lang: 'zh' });
    const sub = push.subscribe();
    await subscribe(token, sub, { lang: 'zh' });
    await contact(token, { channel: 'sms', address: '+86 138 0000 2001', lang: 'en' });
    await contact(token, { channel: 'email', address: 'Li.Na@Bank.example', lang: 'en' });
    const mailsBefore = smtp.mails.length;
    const servedFrom = performance.now();
    await serve(ticketId);

    // Queued at once, due later: nothing reaches the customer while they are still at the counter.
    const pending = await waitFor('the invitation to be queued', async () => queue().queue.getJob(surveyInviteJobId(ticketId)));
    expect(await pending.getState()).toBe('delayed');
    expect(pending.opts.delay).toBeGreaterThan(AFTER_MS - 300);
    expect(pending.opts.delay).toBeLessThanOrEqual(AFTER_MS);

    const [d] = await push.waitFor(1, invitedAt(sub));
    expect(d!.receivedAt - servedFrom).toBeGreaterThanOrEqual(AFTER_MS);
    expect(d!.error).toBeNull();
    expect(d!.json).toEqual({
      title: '请为本次服务评分',
      body: '感谢您光临总行营业部。请为本次服务评分（约1分钟）。',
      lang: 'zh',
      urgency: 'normal',
      url: phoneUrl(token),
      tag: `tl-${ticketId}`,
    });
    expect(Number(d!.headers.ttl)).toBe(DAY_MS / 1000);

    const text = await waitFor('the text', async () => textsTo('+8613800002001')[0]);
    expect(text.text).toBe(`Thank you for visiting Main Branch. How was it? Rate your visit (1 minute). ${phoneUrl(token)}`);
    // The link is the key to the ticket: the log names the page, never the whole token.
    const logged = smsLog.find((f) => f.id === text.id)!;
    expect(logged.text).toContain(`/t/${token.slice(0, 4)}…`);
    expect(JSON.stringify(smsLog)).not.toContain(token);

    const mailsTo = () => smtp.mails.slice(mailsBefore).filter((m) => m.to.includes('li.na@bank.example') && m.subject === 'How was your visit?');
    const mail = await waitFor('the mail', async () => mailsTo()[0]);
    expect(mail.to).toEqual(['li.na@bank.example']);
    expect(mail.text).toContain('Thank you for visiting Main Branch. How was it? Rate your visit (1 minute).');
    expect(mail.text).toContain(`Rate your visit: ${phoneUrl(token)}`);

    // Two notifiers queued it, two workers could run it: it ran once, and reached each target once.
    expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'sent:3' });
    await sleep(AFTER_MS);
    expect(invitesTo(sub)).toHaveLength(1);
    expect(textsTo('+8613800002001')).toHaveLength(1);
    expect(mailsTo()).toHaveLength(1);
    // The survey it leads to is open.
    expect((await phone.req('GET', `/api/v1/tickets/${token}/survey`)).body.data).toEqual({ state: 'open' });
  });

  it('reaches each customer once when its job runs again: added again, or re-run after BullMQ forgot it', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub, { lang: 'en' });
    await contact(token, { channel: 'sms', address: '13800002002', lang: 'zh' });
    await serve(ticketId);
    const first = await finishedInvite(ticketId);
    expect(first).toMatchObject({ state: 'completed', value: 'sent:2' });
    expect((invitesTo(sub)[0]!.json as { body: string }).body).toBe('Thank you for visiting Main Branch. How was it? Rate your visit (1 minute).');
    expect(textsTo('13800002002').map((m) => m.text)).toEqual([`感谢您光临总行营业部。请为本次服务评分（约1分钟）。 ${phoneUrl(token)}`]);

    // A replay (another node, a restart) adds the same id: BullMQ keeps the one it has.
    await queue().addSurveyInvites([{ data: first.data, delayMs: 0 }]);
    expect((await queue().queue.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter((j) => j.id === surveyInviteJobId(ticketId))).toHaveLength(1);
    // Once BullMQ has forgotten it, the job runs again and the sent markers hold.
    await (await queue().queue.getJob(surveyInviteJobId(ticketId)))!.remove();
    await queue().addSurveyInvites([{ data: first.data, delayMs: 0 }]);
    expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'skipped:2' });
    await sleep(300);
    expect(invitesTo(sub)).toHaveLength(1);
    expect(textsTo('13800002002')).toHaveLength(1);
  });

  it('is not sent when the customer rated the visit before it was due', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub);
    await serve(ticketId);
    const answered = await phone.req('POST', `/api/v1/tickets/${token}/survey`, { rating: 4, language: 'en' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'answered' });
    await sleep(300);
    expect(invitesTo(sub)).toHaveLength(0);
  });

  it('is not queued after a no-show or a cancel, nor for a customer who asked for no notices', async () => {
    const missed = await issue();
    const missedSub = push.subscribe();
    await subscribe(missed.token, missedSub);
    await callNext(missed.ticketId);
    expect((await staff('no-show', { ticketId: missed.ticketId })).status).toBe(200);

    const cancelled = await issue({ contact: { phone: '13800002003', consent: true } });
    expect((await phone.req('POST', `/api/v1/tickets/${cancelled.token}/cancel`)).status).toBe(200);

    const quiet = await issue();
    await serve(quiet.ticketId);

    await sleep(AFTER_MS + 1000);
    for (const t of [missed, cancelled, quiet]) expect(await queue().queue.getJob(surveyInviteJobId(t.ticketId))).toBeUndefined();
    expect(invitesTo(missedSub)).toHaveLength(0);
    expect(textsTo('13800002003')).toHaveLength(0);
    expect((await phone.req('GET', `/api/v1/tickets/${missed.token}/survey`)).body.data).toEqual({ state: 'closed' });
  });

  it('is not sent to a customer who switched their notices off after the visit (the number left at the kiosk included)', async () => {
    const { ticketId, token } = await issue({ lang: 'en', contact: { phone: '13800002004', consent: true } });
    const sub = push.subscribe();
    await subscribe(token, sub);
    await serve(ticketId);
    // Off on the finished ticket's page: the kiosk number is muted for this ticket, the device unsubscribed.
    expect((await phone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data.contacts).toEqual([expect.objectContaining({ id: 'kiosk-sms', addressMasked: '+86 ••• •••• 2004' })]);
    expect((await phone.req('DELETE', `/api/v1/tickets/${token}/notify`)).body.data).toEqual({ removed: 1 });
    expect((await phone.req('DELETE', `/api/v1/tickets/${token}/push`, { endpoint: sub.endpoint })).body.data).toEqual({ removed: true });
    expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'no-target' });
    expect(invitesTo(sub)).toHaveLength(0);
    // Only survey invitations are counted (the call was texted while waiting): none came after the visit.
    expect(textsTo('13800002004')).toHaveLength(0);
  });

  it('reaches a booked customer on the number they gave (with consent) when booking, in their language', async () => {
    clock.t = local(MON, '09:00');
    const appt = await helpers.booked('A', local(MON, '11:00'), { contact: helpers.contact({ phone: '+86 139 0000 2005', language: 'zh' }) });
    clock.t = local(MON, '10:50');
    const checkIn = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/check-in`, { code: appt.code });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    const { ticketId, token } = checkIn.body.data as { ticketId: string; token: string };
    await serve(ticketId);
    expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'sent:1' });
    const invites = textsTo('+8613900002005');
    expect(invites.map((m) => m.text)).toEqual([`感谢您光临总行营业部。请为本次服务评分（约1分钟）。 ${phoneUrl(token)}`]);
  });

  it('is not sent once the survey has closed (the job came due more than a week after the visit)', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub);
    await serve(ticketId);
    const at = clock.t;
    clock.t += 8 * DAY_MS; // the server was down for over a week
    try {
      expect(await finishedInvite(ticketId)).toMatchObject({ state: 'completed', value: 'closed' });
      expect(invitesTo(sub)).toHaveLength(0);
      expect((await phone.req('GET', `/api/v1/tickets/${token}/survey`)).body.data).toEqual({ state: 'closed' });
    } finally {
      clock.t = at;
    }
  });
});
