/**
 * Asking for a phone check code texts a number, and anyone can ask: it must not flood a phone or
 * let one caller text a list of numbers, and its answers must not tell whether the number is
 * known here. Without an SMS channel a branch that confirms numbers takes no phone bookings at
 * all, rather than unconfirmed ones. Real API on PostgreSQL and Redis (booking-support.ts).
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOURS, branchClock, local, managerAndTeller, MON, TUE } from './booking-support.js';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
/** A number the operator cannot reach just now: its texts fail. */
const UNREACHABLE = '+86 136 0000 9999';
const operator = { name: 'test', send: (m: { to: string; text: string; validitySec: number }) => (m.to === normalizePhone(UNREACHABLE) ? Promise.resolve({ outcome: 'unavailable' as const }) : sms.send(m)) };
const { clock, setTime, at, anyone, contact, freshIp, book } = managerAndTeller({ notify: { smsProvider: operator } });
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const askCode = (phone: string, headers: Record<string, string> = freshIp()) => anyone().req('POST', '/api/v1/phone-checks', { branchId: at.sys.branchId, phone, lang: 'zh' }, headers);
const textsTo = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone)).length;
/** Moves the test's clock on by `sec` seconds. */
const wait = (sec: number) => void (clock.t += sec * 1000);

/** Ten minutes pass for the per-number window (a Redis key that lives ten real minutes). */
async function tenMinutesPass(): Promise<void> {
  const { redis, config } = at.sys.system.parts;
  for await (const keys of redis.scanIterator({ MATCH: `${config.redisPrefix}rl:phone-check-10m:*` })) if (keys.length) await redis.del(keys);
  wait(600);
}

async function turnOn(manager: HttpClient, sys: TestSystem): Promise<void> {
  const current = (await manager.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`)).body.data;
  const r = await manager.req('PUT', `/api/v1/branches/${sys.branchId}/booking/settings`, { version: current.version, settings: { ...current.settings, verifyPhone: true } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  await turnOn(at.manager, at.sys);
});

describe('asking for codes again and again', () => {
  it('one number: a minute between codes, three in ten minutes, ten a day, from whatever address', async () => {
    setTime(MON, '08:00');
    const phone = '+86 136 0000 0001';
    expect((await askCode(phone)).status).toBe(201);
    const soon = await askCode(phone);
    expect([soon.status, soon.body.error?.code, soon.body.error?.details?.retryAfterSec, soon.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', 60, '60']);
    wait(61);
    expect((await askCode(phone)).status).toBe(201);
    wait(61);
    expect((await askCode(phone)).status).toBe(201);
    wait(61);
    const fourth = await askCode(phone);
    expect([fourth.status, fourth.body.error?.details?.retryAfterSec]).toEqual([429, 600]);
    expect(textsTo(phone)).toBe(3);

    // Later the same day: three more each ten minutes, until ten are sent.
    for (let round = 0; round < 3; round++) {
      await tenMinutesPass();
      for (let i = 0; i < 3; i++) {
        wait(61);
        await askCode(phone);
      }
    }
    expect(textsTo(phone)).toBe(10);
    await tenMinutesPass();
    const tomorrow = await askCode(phone);
    expect([tomorrow.status, tomorrow.body.error?.details?.retryAfterSec]).toEqual([429, 86_400]);
    expect(textsTo(phone)).toBe(10);
  });

  it('one caller address: ten codes an hour, to any numbers', async () => {
    setTime(MON, '08:00');
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await askCode(`+86 136 0000 1${String(i).padStart(3, '0')}`, from('203.0.113.50')));
    expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(201), 429]);
    expect(answers[10]!.body.error.code).toBe('RATE_LIMITED');
    expect(textsTo('+86 136 0000 1010')).toBe(0);
    // Another address is not held to it.
    expect((await askCode('+86 136 0000 1010', from('203.0.113.51'))).status).toBe(201);
  });

  it('answers alike for a number that has a profile here and one that has not', async () => {
    setTime(MON, '08:00');
    const known = contact();
    const first = await askCode(known.phone);
    const code = /(\d{6})/.exec(sms.outbox.at(-1)!.text)![1]!;
    expect((await book('A', local(TUE, '09:00'), { contact: known, phoneCheck: { checkId: first.body.data.checkId, code } })).status).toBe(201);
    wait(61);
    const [again, stranger] = [await askCode(known.phone), await askCode('+86 136 0000 2001')];
    expect([again.status, Object.keys(again.body.data).sort()]).toEqual([stranger.status, Object.keys(stranger.body.data).sort()]);
    expect(again.body.data.resendAfterSec).toBe(stranger.body.data.resendAfterSec);
    expect(again.body.data.expiresAt).toBe(stranger.body.data.expiresAt);
  });
});

describe('a text that cannot go out', () => {
  it('answers NOTICE_NOT_SENT, and asking again at once is not held to the minute between codes', async () => {
    setTime(MON, '08:00');
    for (let i = 0; i < 2; i++) {
      const r = await askCode(UNREACHABLE);
      expect([r.status, r.body.error?.code]).toEqual([503, 'NOTICE_NOT_SENT']);
    }
  });
});

describe('a branch that confirms numbers, on an installation without SMS', () => {
  let sys: TestSystem;
  let manager: HttpClient;
  const { clock: ownClock } = branchClock();
  beforeAll(async () => {
    sys = await startTestSystem({ SMS_PROVIDER: 'none' }, { demoOpeningHours: BANK_HOURS, clock: ownClock });
    manager = new HttpClient(sys.url);
    await manager.login('manager');
    await turnOn(manager, sys);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('tells the booking page phone booking is unavailable, and refuses it rather than book unconfirmed', async () => {
    const client = new HttpClient(sys.url);
    expect((await client.req('GET', `/api/v1/branches/${sys.branchId}/booking`)).body.data.phoneCheck).toBe('unavailable');
    const ask = await client.req('POST', '/api/v1/phone-checks', { branchId: sys.branchId, phone: '+86 136 0000 3001', lang: 'en' });
    expect([ask.status, ask.body.error?.code]).toEqual([422, 'PHONE_CHECK_UNAVAILABLE']);
    const base = { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(TUE, '09:00') };
    const phone = await client.req('POST', '/api/v1/appointments', { ...base, contact: { name: 'No Sms', phone: '+86 136 0000 3001', language: 'en', consent: true } });
    expect([phone.status, phone.body.error?.code]).toEqual([422, 'PHONE_CHECK_UNAVAILABLE']);
    const mail = await client.req('POST', '/api/v1/appointments', { ...base, contact: { name: 'No Sms', email: 'no.sms@example.com', language: 'en', consent: true } });
    expect(mail.status, JSON.stringify(mail.body)).toBe(201);
  });
});
