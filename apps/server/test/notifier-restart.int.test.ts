/**
 * "Nearly your turn" across a restart of the worker (the whole system, on the same Redis and
 * PostgreSQL): a customer who signed up already within their threshold is told once their place
 * has moved up since, not at sign-up, and not by a restarted notifier that forgot where they
 * stood. Real system (compose(), Redis, PostgreSQL, BullMQ), SMS recorded by the provider.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { normalizePhone } from '@tellerline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
const sms = createLoggingSmsProvider(() => undefined);
let alice: HttpClient;
let kiosk: HttpClient;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sys = await startTestSystem({}, { notify: { smsProvider: sms } });
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  expect((await staff('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
});
afterAll(async () => {
  await sys?.close();
});

const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });

async function issue() {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ticketId: r.body.data.ticketId as string, token: r.body.data.token as string, number: r.body.data.view.number as string };
}

async function serve(ticketId: string) {
  const called = await staff('call-next');
  expect(called.body.data?.called?.ticketId, JSON.stringify(called.body)).toBe(ticketId);
  expect((await staff('start', { ticketId })).status).toBe(200);
  expect((await staff('complete', { ticketId })).status).toBe(200);
}

describe('"near" notices and a restart', () => {
  it('a restart between sign-up and the queue moves sends exactly one notice, after the place moved up', async () => {
    const ahead = [await issue(), await issue()];
    const mine = await issue();
    const phone = '+86 139 0000 7788';
    const signed = await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${mine.token}/notify`, { channel: 'sms', address: phone, consent: true, lang: 'en', aheadThreshold: 3 });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    const nearTexts = () => sms.outbox.filter((m) => m.to === normalizePhone(phone) && m.text.startsWith(`${mine.number}:`) && !m.text.includes('it is your turn'));
    await sleep(1000);
    expect(nearTexts()).toEqual([]); // 2 ahead at sign-up: within 3, but they see it on the page

    await sys.restart();
    alice = new HttpClient(sys.system.url());
    await alice.login('alice');
    kiosk = new HttpClient(sys.system.url(), { authorization: `Bearer ${sys.kioskToken}` });
    // The restarted notifier has resynced its targets (at start) and checked them: still nothing,
    // the place has not moved since the customer signed up.
    await sleep(2000);
    expect(nearTexts()).toEqual([]);

    await serve(ahead[0]!.ticketId); // 1 ahead: moved up since sign-up
    await waitFor('the "near" text', async () => nearTexts().length === 1 || null, 15_000);
    // Told at this move, with the place after it: not at 2 ahead (where they signed up), nor
    // only later at 0.
    const told = [expect.stringContaining(`${mine.number}: 1 person ahead of you.`)];
    expect(nearTexts().map((m) => m.text)).toEqual(told);
    await serve(ahead[1]!.ticketId); // 0 ahead: no second one
    await sleep(1500);
    expect(nearTexts().map((m) => m.text)).toEqual(told);

    // Kept in Redis under the system's prefix for a while only, and dropped once the ticket is done.
    const { redis, config } = sys.system.parts;
    const key = `${config.redisPrefix}near-baseline:${mine.ticketId}`;
    expect(await redis.hGetAll(key)).toEqual({ 'sms/3': '2' });
    expect(await redis.ttl(key)).toBeGreaterThan(24 * 3600);
    await serve(mine.ticketId);
    await waitFor('the baseline to be dropped', async () => (await redis.exists(key)) === 0 || null);
  }, 60_000);
});
