/**
 * A branch that confirms phone numbers (booking setting `verifyPhone`): a booking with a phone
 * number needs the six-digit code texted to that number. Real API on PostgreSQL and Redis, the
 * texts read from the logging SMS provider's outbox as from the customer's phone, expiry by the
 * test's clock (booking-support.ts). With the setting off (the default) booking is as before.
 * A remote-queue join with a phone number follows the same rule (its notices are texted there).
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { sharedCheckCases, sharedJoinCases } from './contact-check-cases.js';

const sms = createLoggingSmsProvider(() => undefined);
const { setTime, at, anyone, branchPath, contact, freshIp, book } = managerAndTeller({ notify: { smsProvider: sms } });

/** The code in the last text to `phone`, as the customer reads it. */
const codeSentTo = (phone: string) => /(\d{6})/.exec(sms.outbox.filter((m) => m.to === normalizePhone(phone)).at(-1)?.text ?? '')?.[1] ?? '';
const askCode = (phone: string, lang = 'en', headers = freshIp()) => anyone().req('POST', '/api/v1/phone-checks', { branchId: at.sys.branchId, phone, lang }, headers);
const audited = async () => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 1000)).filter((e) => e.action === 'booking-settings');

/** The manager saves the booking rules screen's toggle (the versioned PUT the screen sends). */
async function saveSetting(setting: 'verifyPhone' | 'remoteQueue', on: boolean): Promise<void> {
  const current = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
  const r = await at.manager.req('PUT', branchPath('/booking/settings'), { version: current.version, settings: { ...current.settings, [setting]: on } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data.settings[setting]).toBe(on);
}
const saveVerifyPhone = (on: boolean) => saveSetting('verifyPhone', on);

/** Joins the queue from the phone (service B, a walk-in one), with the number as the contact when given. */
const join = (phone: string | null, phoneCheck?: { checkId: string; code: string }, headers: Record<string, string> = freshIp()) =>
  anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('B'), lang: 'en', ...(phone ? { contact: { phone, consent: true } } : {}), ...(phoneCheck ? { phoneCheck } : {}) }, headers);

/** A code texted to a fresh number: the number, its check and the code. */
async function checked(lang = 'en') {
  const c = contact();
  const r = await askCode(c.phone, lang);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { contact: c, phoneCheck: { checkId: r.body.data.checkId as string, code: codeSentTo(c.phone) } };
}

describe('booking with the setting off (the default)', () => {
  it('books with a phone number and no code, as before; no code is sent for the branch', async () => {
    setTime(MON, '08:00');
    expect((await at.manager.req('GET', branchPath('/booking/settings'))).body.data.settings.verifyPhone).toBe(false);
    expect((await anyone().req('GET', branchPath('/booking'))).body.data.phoneCheck).toBe('off');
    const r = await book('A', local(TUE, '09:00'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const ask = await askCode('+86 139 5555 0001');
    expect([ask.status, ask.body.error?.code]).toEqual([422, 'PHONE_CHECK_UNAVAILABLE']);
    expect(sms.outbox.filter((m) => m.to === normalizePhone('+86 139 5555 0001'))).toHaveLength(0);
  });

  it('joins the queue from the phone with a number and no code', async () => {
    setTime(MON, '10:00');
    await saveSetting('remoteQueue', true);
    const r = await join(contact().phone);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });
});

describe('booking at a branch that confirms phone numbers', () => {
  it('the manager turns it on; the save is audited and the booking page is told', async () => {
    setTime(MON, '08:00');
    const before = (await audited()).length;
    await saveVerifyPhone(true);
    const rows = await audited();
    expect(rows).toHaveLength(before + 1);
    expect((rows[0]!.details as { settings?: Record<string, unknown> }).settings).toEqual({ verifyPhone: { from: false, to: true } });
    expect((await anyone().req('GET', branchPath('/booking'))).body.data.phoneCheck).toBe('required');
  });

  it('refuses a phone booking without a code (PHONE_CHECK_REQUIRED); an e-mail booking needs none', async () => {
    setTime(MON, '08:00');
    const r = await book('A', local(TUE, '09:15'));
    expect([r.status, r.body.error?.code]).toEqual([422, 'PHONE_CHECK_REQUIRED']);
    const mail = await book('A', local(TUE, '09:15'), { contact: { name: 'Mail Only', email: 'mail.only@example.com', language: 'en', consent: true } });
    expect(mail.status, JSON.stringify(mail.body)).toBe(201);
  });

  it('texts the code in the customer language; the right code books once, and only for that number', async () => {
    setTime(MON, '08:00');
    const zh = await checked('zh');
    expect(sms.outbox.at(-1)!.text).toMatch(/^Tellerline 验证码 \d{6}，10 分钟内有效，请勿告诉他人。$/);
    const en = await checked('en');
    expect(sms.outbox.at(-1)!.text).toMatch(/^Tellerline code \d{6}, valid 10 minutes, do not share\.$/);
    expect(en.phoneCheck.checkId).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // Another number with this check's code: not confirmed.
    const other = await book('A', local(TUE, '09:30'), { contact: contact(), phoneCheck: en.phoneCheck });
    expect([other.status, other.body.error?.code]).toEqual([422, 'PHONE_CHECK_REQUIRED']);
    // The same number written with other spacing is the same number.
    const spaced = { ...zh.contact, phone: zh.contact.phone.replace(/ /g, '-') };
    const ok = await book('A', local(TUE, '09:30'), { contact: spaced, phoneCheck: zh.phoneCheck });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // Used up: a second booking with the same code is refused.
    const again = await book('A', local(WED, '09:30'), { contact: spaced, phoneCheck: zh.phoneCheck });
    expect([again.status, again.body.error?.code]).toEqual([410, 'PHONE_CODE_EXPIRED']);
  });

  it('a replay of a booking under its requestId needs no fresh code, and books nothing more', async () => {
    setTime(MON, '08:00');
    const { contact: c, phoneCheck } = await checked();
    const body = { branchId: at.sys.branchId, serviceId: at.sys.service('A'), startsAt: local(TUE, '10:00'), contact: c, requestId: 'phone-check-replay-1' };
    const first = await anyone().req('POST', '/api/v1/appointments', { ...body, phoneCheck }, freshIp());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    for (const replay of [{ ...body, phoneCheck }, body]) {
      const r = await anyone().req('POST', '/api/v1/appointments', replay, freshIp());
      expect([r.status, r.headers.get('idempotent-replayed'), r.body.data?.manageToken]).toEqual([201, 'true', first.body.data.manageToken]);
    }
  });

  sharedCheckCases({ channel: 'PHONE', proof: 'phoneCheck', setTime, book, checked });

  describe('joining the queue from the phone with a number (its notices are texted there)', () => {
    sharedJoinCases({
      channel: 'PHONE',
      setTime,
      address: () => contact().phone,
      ask: async (phone) => {
        const r = await askCode(phone);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return { checkId: r.body.data.checkId as string, code: codeSentTo(phone) };
      },
      join,
    });
  });

  it('turned off again, a phone booking or join needs no code', async () => {
    setTime(MON, '10:00');
    await saveVerifyPhone(false);
    expect((await book('A', local(TUE, '11:30'))).status).toBe(201);
    expect((await join(contact().phone)).status).toBe(201);
  });
});
