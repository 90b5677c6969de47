/**
 * Customer notices end to end on the real system (compose(), Redis, PostgreSQL, BullMQ), with
 * real protocol peers: a local HTTPS push service that checks the VAPID header and decrypts the
 * RFC 8291 payload, an in-process SMTP server, and an SMS provider that records what it is given.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { startSmtpSink, startTestPushService, type Delivery, type SmtpSink, type TestPushService, type TestSubscription } from '@tellerline/notify/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeJob } from '../src/jobs/job-names.js';
import { normalizePhone } from '@tellerline/contracts';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
let push: TestPushService;
let smtp: SmtpSink;
const sms = createLoggingSmsProvider(() => undefined);
let alice: HttpClient;
let kiosk: HttpClient;
let phone: HttpClient;
/** Service A's name in the demo branch. */
let serviceA: { zh: string; en: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  push = await startTestPushService();
  smtp = await startSmtpSink();
  sys = await startTestSystem(
    { PUSH_SERVICE_HOSTS: '127.0.0.1', SMTP_URL: smtp.url, MAIL_FROM: '"Tellerline" <notices@bank.example>', VAPID_SUBJECT: 'mailto:ops@bank.example' },
    { notify: { pushAgent: push.agent, smsProvider: sms } },
  );
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  phone = new HttpClient(sys.url);
  serviceA = (await phone.req('GET', `/api/v1/branches/${sys.branchId}`)).body.data.services.find((x: { code: string }) => x.code === 'A').name;
  expect((await staff('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
});
afterAll(async () => {
  await sys?.close();
  await push?.close();
  await smtp?.close();
});

const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });
const load = async () => (await sys.system.parts.store.load(sys.branchId))!;

/** Empties the queue so each test starts with nobody ahead. */
beforeEach(async () => {
  const state = await load();
  for (const t of Object.values(state.tickets)) {
    if (t.status === 'called') await staff('start', { ticketId: t.id });
    if (t.status !== 'waiting') await staff('complete', { ticketId: t.id });
    else await staff('cancel', { ticketId: t.id });
  }
});

async function issue(body: Record<string, unknown> = {}) {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ticketId: r.body.data.ticketId as string, token: r.body.data.token as string, number: r.body.data.view.number as string };
}

async function subscribe(token: string, sub: TestSubscription, choices: Record<string, unknown> = {}) {
  const r = await phone.req('POST', `/api/v1/tickets/${token}/push`, { subscription: sub.toJSON(), ...choices });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { id: string };
}

/** Calls the next ticket at counter 1 and expects it to be `ticketId`. */
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

const to = (sub: TestSubscription) => (d: Delivery) => d.subscriptionId === sub.id;

describe('VAPID keys and channels', () => {
  it('creates one VAPID key pair on first start, keeps it in the database, and serves the public key', async () => {
    const r = await phone.req('GET', '/api/v1/push/vapid-public-key');
    expect(r.status).toBe(200);
    expect(r.body.data.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const stored = await sys.system.parts.db.settings.putIfAbsent('webpush.vapid', { publicKey: 'x', privateKey: 'y' });
    expect(stored).toMatchObject({ publicKey: r.body.data.publicKey });
    expect((stored as { privateKey: string }).privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('says which channels are offered', async () => {
    expect((await phone.req('GET', '/api/v1/notify/channels')).body.data).toEqual({ push: true, email: true, sms: true });
  });
});

describe('subscribing', () => {
  it('refuses bad subscriptions, unknown push services, unknown tickets and empty choices', async () => {
    const { token } = await issue();
    const sub = push.subscribe().toJSON();
    const post = (body: unknown, t = token) => phone.req('POST', `/api/v1/tickets/${t}/push`, body);
    expect((await post({ subscription: { ...sub, endpoint: 'https://169.254.169.254/latest' } })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await post({ subscription: { ...sub, endpoint: 'http://127.0.0.1/push/x' } })).status).toBe(400);
    expect((await post({ subscription: { ...sub, keys: { p256dh: 'short', auth: sub.keys.auth } } })).status).toBe(400);
    expect((await post({ subscription: sub, aheadThreshold: null, onCalled: false })).status).toBe(400);
    expect((await post({ subscription: sub, aheadThreshold: 99 })).status).toBe(400);
    expect((await post({ subscription: sub }, 'x'.repeat(24))).status).toBe(404);
    expect((await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'email', address: 'a@bank.example' })).status).toBe(400); // no consent
    expect((await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: 'call me', consent: true })).status).toBe(400);
    expect((await phone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data).toEqual({ push: [], contacts: [] });
  });

  it('lists what a ticket will be told, with addresses masked', async () => {
    const { token } = await issue();
    const s = await subscribe(token, push.subscribe(), { aheadThreshold: 2, onCalled: true, lang: 'en' });
    await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: '+86 138 1234 5678', consent: true, aheadThreshold: null });
    const r = await phone.req('GET', `/api/v1/tickets/${token}/notify`);
    expect(r.body.data.push).toEqual([{ id: s.id, aheadThreshold: 2, onCalled: true, lang: 'en' }]);
    expect(r.body.data.contacts).toEqual([expect.objectContaining({ channel: 'sms', addressMasked: '+86 ••• •••• 5678', aheadThreshold: null, onCalled: true })]);
  });
});

describe('web push', () => {
  it('pushes "go to counter 1" when the ticket is called: decrypted text, TTL, Urgency and VAPID checked', async () => {
    const { ticketId, token, number } = await issue({ lang: 'en' });
    const sub = push.subscribe();
    await subscribe(token, sub, { lang: 'en', aheadThreshold: null });
    await callNext(ticketId);
    const [d] = await push.waitFor(1, to(sub));
    expect(d!.error).toBeNull();
    expect(d!.json).toEqual({
      title: `Counter 1, please (${number})`,
      body: `${number}: it is your turn for ${serviceA.en}. Please go to counter 1.`,
      lang: 'en',
      urgency: 'high',
      url: `${sys.system.parts.config.publicUrl}/t/${token}`,
      tag: `tl-${ticketId}`,
    });
    expect(d!.headers.urgency).toBe('high');
    expect(d!.headers.contentEncoding).toBe('aes128gcm');
    expect(Number(d!.headers.ttl)).toBeGreaterThan(100);
    expect(Number(d!.headers.ttl)).toBeLessThanOrEqual(120);
    const key = (await phone.req('GET', '/api/v1/push/vapid-public-key')).body.data.publicKey;
    expect(d!.vapid).toMatchObject({ aud: push.origin, sub: 'mailto:ops@bank.example', publicKey: key });
  });

  it('tells a Chinese customer when 2 are ahead, once, in Chinese, then again when called back', async () => {
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issue());
    const last = tickets[4]!;
    const sub = push.subscribe();
    await subscribe(last.token, sub, { lang: 'zh', aheadThreshold: 2, onCalled: true });
    await sleep(300);
    expect(push.deliveries.filter(to(sub))).toHaveLength(0); // 4 ahead
    await serve(tickets[0]!.ticketId);
    await sleep(300);
    expect(push.deliveries.filter(to(sub))).toHaveLength(0); // 3 ahead
    await serve(tickets[1]!.ticketId); // 2 ahead
    const [near] = await push.waitFor(1, to(sub));
    expect(near!.json).toMatchObject({ title: `快轮到您了（${last.number}）`, body: `${last.number} 号，您前面还有 2 位，请回到大厅等候叫号。`, lang: 'zh', urgency: 'normal' });
    expect(near!.headers).toMatchObject({ urgency: 'normal' });
    expect(Number(near!.headers.ttl)).toBeGreaterThan(280);
    await serve(tickets[2]!.ticketId); // 1 ahead: no second "near" notice
    await serve(tickets[3]!.ticketId);
    await callNext(last.ticketId);
    const all = await push.waitFor(2, to(sub));
    expect((all[1]!.json as { title: string }).title).toBe(`请到 1 号柜台（${last.number}）`);
    expect((await staff('recall', { ticketId: last.ticketId })).status).toBe(200);
    const three = await push.waitFor(3, to(sub));
    expect((three[2]!.json as { title: string }).title).toBe('再次叫号：请到 1 号柜台');
    await sleep(300);
    expect(push.deliveries.filter(to(sub))).toHaveLength(3);
  });

  it('a 410 from the push service removes the subscription', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    sub.answerAlways(410);
    await subscribe(token, sub, { aheadThreshold: null });
    await callNext(ticketId);
    await push.waitFor(1, (d) => to(sub)(d) && d.status === 410);
    await waitFor('the subscription to be removed', async () => (await phone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data.push.length === 0);
    expect((await sys.system.parts.db.notices.pushFor(ticketId)).length).toBe(0);
  });

  it('a customer who turns notices off gets none', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub, { aheadThreshold: null });
    const r = await phone.req('DELETE', `/api/v1/tickets/${token}/push`, { endpoint: sub.endpoint });
    expect(r.body.data).toEqual({ removed: true });
    await callNext(ticketId);
    await sleep(500);
    expect(push.deliveries.filter(to(sub))).toHaveLength(0);
  });

  it('refuses notices for a finished ticket', async () => {
    const { ticketId, token } = await issue();
    await serve(ticketId);
    const r = await phone.req('POST', `/api/v1/tickets/${token}/push`, { subscription: push.subscribe().toJSON() });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('TICKET_FINISHED');
  });
});

describe('exactly one push per queue event', () => {
  /** The job the notifier enqueued for this ticket's call, once it has run. */
  async function callJob(ticketId: string) {
    const queue = sys.system.parts.notices.queue.queue;
    return waitFor(`the push job of ${ticketId}`, async () => {
      const jobs = await queue.getJobs(['completed', 'failed']);
      return jobs.find((j) => j.name === 'push' && (j.data as NoticeJob).ticketId === ticketId && j.id?.includes('/called/'));
    });
  }

  it('a retried job does not push twice to the device it already reached', async () => {
    const { ticketId, token } = await issue();
    const ok = push.subscribe();
    const flaky = push.subscribe();
    flaky.answer(503); // first attempt fails, the retry succeeds
    await subscribe(token, ok, { aheadThreshold: null });
    await subscribe(token, flaky, { aheadThreshold: null });
    await callNext(ticketId);
    await push.waitFor(1, (d) => to(flaky)(d) && d.status === 201, 15_000);
    const job = await callJob(ticketId);
    expect(job.attemptsMade).toBe(2);
    expect(job.id).toMatch(new RegExp(`^push/${ticketId}/called/\\d+$`));
    expect(push.deliveries.filter(to(ok))).toHaveLength(1);
    expect(push.deliveries.filter(to(flaky)).map((d) => d.status)).toEqual([503, 201]);
  });

  it('the same event enqueued twice, or replayed after its job was removed, pushes once', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub, { aheadThreshold: null });
    await callNext(ticketId);
    await push.waitFor(1, to(sub));
    const job = await callJob(ticketId);
    const data = job.data as NoticeJob;
    const queue = sys.system.parts.notices.queue;
    // A second notifier (or a replay) adds the same notice: same id, nothing new.
    await queue.add([{ channel: 'push', data }, { channel: 'push', data }]);
    expect((await queue.queue.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter((j) => j.id === job.id)).toHaveLength(1);
    // Even once BullMQ has forgotten the job, the sent marker holds.
    await job.remove();
    await queue.add([{ channel: 'push', data: { ...data, at: Date.now() } }]);
    await waitFor('the re-added job to finish', async () => (await queue.queue.getJob(job.id!))?.finishedOn);
    expect((await queue.queue.getJob(job.id!))!.returnvalue).toBe('skipped:1');
    await sleep(200);
    expect(push.deliveries.filter(to(sub))).toHaveLength(1);
  });

  it('a notice past its TTL is not sent', async () => {
    const { ticketId, token } = await issue();
    const sub = push.subscribe();
    await subscribe(token, sub, { aheadThreshold: null });
    const stale: NoticeJob = {
      branchId: sys.branchId, ticketId, customerId: null, token, number: 'A999', service: { zh: '个人业务', en: 'Personal banking' },
      notice: 'called', seq: 999_999, threshold: null, ahead: null, counter: '1', at: Date.now() - 130_000,
    };
    await sys.system.parts.notices.queue.add([{ channel: 'push', data: stale }]);
    await waitFor('the stale job', async () => (await sys.system.parts.notices.queue.queue.getJob(`push/${ticketId}/called/999999`))?.returnvalue === 'expired');
    expect(push.deliveries.filter(to(sub))).toHaveLength(0);
  });
});

describe('e-mail and SMS where push is not available', () => {
  it('mails a Chinese customer when called', async () => {
    const { ticketId, token, number } = await issue();
    const r = await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'email', address: 'Wang@Bank.example', consent: true, lang: 'zh', aheadThreshold: null });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data).toMatchObject({ channel: 'email', addressMasked: 'w••@bank.example', onCalled: true });
    const before = smtp.mails.length;
    await callNext(ticketId);
    const mail = (await smtp.waitFor(before + 1))[before]!;
    expect(mail.to).toEqual(['wang@bank.example']);
    expect(mail.subject).toBe(`请到 1 号柜台（${number}）`);
    expect(mail.text).toContain(`${number} 号，轮到您办理${serviceA.zh}了，请到 1 号柜台。`);
    expect(mail.text).toContain(`/t/${token}`);
  });

  it('texts the number a customer left at the kiosk (with consent), in English', async () => {
    const { ticketId, number } = await issue({ lang: 'en', contact: { phone: '+86 139 0000 1234', consent: true } });
    // Nobody is ahead, but the customer stands at the kiosk holding the ticket: no "come back to
    // the waiting area" text at issue (the kiosk default is "tell me when 3 are ahead").
    await sleep(1000);
    expect(sms.outbox.filter((m) => m.to === normalizePhone('+86 139 0000 1234'))).toEqual([]);
    await callNext(ticketId);
    const text = await waitFor('the call text', async () => sms.outbox.find((m) => m.text.includes(`${number}: it is your turn`)));
    expect(text.to).toBe(normalizePhone('+86 139 0000 1234'));
    expect(sms.outbox.filter((m) => m.text.includes(`${number}: you are next`))).toEqual([]);
    expect(text.text).toContain(`${number}: it is your turn for ${serviceA.en}. Please go to counter 1.`);
    expect(text.validitySec).toBeLessThanOrEqual(120);
  });

  it('texts "near" once the place moves within the kiosk default after issue, not at issue', async () => {
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await issue());
    const phoneNumber = '+86 139 0000 4321';
    const { ticketId, number } = await issue({ lang: 'en', contact: { phone: phoneNumber, consent: true } });
    const texts = () => sms.outbox.filter((m) => m.to === normalizePhone(phoneNumber));
    await sleep(1000);
    expect(texts()).toEqual([]); // 4 ahead
    await serve(ahead[0]!.ticketId); // 3 ahead: within "tell me when 3 are ahead", and moved since issue
    const near = await waitFor('the "near" text', async () => texts().find((m) => m.text.includes(`${number}:`)));
    expect(near.text).toContain(`${number}: 3 people ahead of you. Please come back to the waiting area.`);
    for (const t of ahead.slice(1)) await serve(t.ticketId);
    await callNext(ticketId);
    await waitFor('the call text', async () => texts().find((m) => m.text.includes(`${number}: it is your turn`)));
    expect(texts()).toHaveLength(2);
  });

  it('e-mails no "near" notice to a customer who signs up already within the threshold', async () => {
    const first = await issue();
    const { ticketId, token, number } = await issue();
    const before = smtp.mails.length;
    const r = await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'email', address: 'near@bank.example', consent: true, lang: 'en', aheadThreshold: 3 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await sleep(1000);
    expect(smtp.mails.slice(before)).toEqual([]); // 1 ahead when signing up: they see it on the page
    await serve(first.ticketId); // moved up to 0 ahead since: told
    const mails = await smtp.waitFor(before + 1);
    expect(mails.slice(before).map((m) => [m.to, m.subject])).toEqual([[['near@bank.example'], `You are next (${number})`]]);
    await callNext(ticketId);
    expect((await smtp.waitFor(before + 2))[before + 1]!.subject).toBe(`Counter 1, please (${number})`);
  });

  it('does not text "you are next" twice when Redis lost the job and its marks', async () => {
    const first = await issue();
    const { ticketId, number } = await issue({ lang: 'en', contact: { phone: '+86 139 0000 5678', consent: true } });
    const nearTexts = () => sms.outbox.filter((m) => m.to === '+8613900005678' && m.text.includes(`${number}: you are next`));
    await serve(first.ticketId); // 1 ahead at issue, none now: "you are next"
    await waitFor('the "near" text', async () => nearTexts().length === 1 || null);
    const queue = sys.system.parts.notices.queue;
    const job = await waitFor('the near job', async () => (await queue.queue.getJobs(['completed'])).find((j) => j.name === 'sms' && (j.data as NoticeJob).ticketId === ticketId && j.id?.includes('/near/')));
    // What a Redis that lost its data no longer has: the finished job and anything else in Redis
    // about it. The notifier, restarted, enqueues the same notice again.
    await job.remove();
    const redis = sys.system.parts.redis;
    for await (const keys of redis.scanIterator({ MATCH: `${sys.system.parts.config.redisPrefix}notice-sent:*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
    await queue.add([{ channel: 'sms', data: { ...(job.data as NoticeJob), at: Date.now() } }]);
    await waitFor('the re-added job to finish', async () => (await queue.queue.getJob(job.id!))?.finishedOn);
    expect((await queue.queue.getJob(job.id!))!.returnvalue).toBe('skipped:1');
    expect(nearTexts()).toHaveLength(1);
  });

  it('stops e-mail and SMS on request', async () => {
    const { ticketId, token, number } = await issue();
    await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: '13800001111', consent: true, aheadThreshold: null });
    expect((await phone.req('DELETE', `/api/v1/tickets/${token}/notify`)).body.data).toEqual({ removed: 1 });
    await callNext(ticketId);
    await sleep(500);
    expect(sms.outbox.filter((m) => m.text.includes(number))).toHaveLength(0);
  });

  it('shows the number left at the kiosk on the phone page, masked, and lets the customer switch it off', async () => {
    const { ticketId, token, number } = await issue({ lang: 'en', contact: { phone: '13800138000', consent: true } });
    const choices = async () => (await phone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data;
    expect(await choices()).toEqual({ push: [], contacts: [{ id: 'kiosk-sms', channel: 'sms', addressMasked: '+86 ••• •••• 8000', aheadThreshold: 3, onCalled: true, lang: 'en' }] });
    expect((await phone.req('DELETE', `/api/v1/tickets/${token}/notify`)).body.data).toEqual({ removed: 1 });
    expect(await choices()).toEqual({ push: [], contacts: [] });
    // Off stays off: asking again removes nothing, and the call sends no text.
    expect((await phone.req('DELETE', `/api/v1/tickets/${token}/notify`)).body.data).toEqual({ removed: 0 });
    await callNext(ticketId);
    await sleep(500);
    expect(sms.outbox.filter((m) => m.text.includes(`${number}: it is your turn`))).toHaveLength(0);
  });

  it('lets a customer who switched the kiosk number off turn it on again on the phone page', async () => {
    const { ticketId, token, number } = await issue({ lang: 'en', contact: { phone: '13800138000', consent: true } });
    await phone.req('DELETE', `/api/v1/tickets/${token}/notify`);
    const again = await phone.req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: '138 0013 8000', consent: true, lang: 'en', aheadThreshold: null });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const listed = (await phone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data.contacts;
    expect(listed).toEqual([expect.objectContaining({ channel: 'sms', addressMasked: '+86 ••• •••• 8000', aheadThreshold: null, onCalled: true })]);
    await callNext(ticketId);
    const text = await waitFor('the call text', async () => sms.outbox.find((m) => m.text.includes(`${number}: it is your turn`)));
    expect(text.to).toBe('+8613800138000');
  });
});

describe('after a transfer', () => {
  it('the call at the new service names the new number, by push and by text', async () => {
    const { ticketId, token, number } = await issue({ lang: 'en', contact: { phone: '+86 139 0000 4321', consent: true } });
    const sub = push.subscribe();
    await subscribe(token, sub, { lang: 'en', aheadThreshold: null });
    await callNext(ticketId);
    await push.waitFor(1, to(sub));
    // Alice sends the customer on to service B: the engine gives the ticket a B number.
    expect((await staff('transfer', { ticketId, toServiceId: sys.service('B') })).status).toBe(200);
    const moved = (await load()).tickets[ticketId]!.number;
    expect(moved).toMatch(/^B\d{3}$/);
    const serviceB = (await phone.req('GET', `/api/v1/branches/${sys.branchId}`)).body.data.services.find((x: { code: string }) => x.code === 'B').name;
    await callNext(ticketId);
    const [, d] = await push.waitFor(2, to(sub));
    expect(d!.json).toMatchObject({ title: `Counter 1, please (${moved})`, body: `${moved}: it is your turn for ${serviceB.en}. Please go to counter 1.` });
    const text = await waitFor('the call text at B', async () => sms.outbox.find((m) => m.to === '+8613900004321' && m.text.includes(`${moved}: it is your turn`)));
    expect(text.text).toContain(`${moved}: it is your turn for ${serviceB.en}. Please go to counter 1.`);
    expect(text.text).not.toContain(number);
  });
});
