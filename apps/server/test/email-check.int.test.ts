/**
 * A branch that confirms e-mail addresses (booking setting `verifyEmail`): a booking with an
 * e-mail address needs the six-digit code mailed to that address, so a mistyped address never gets
 * the confirmation and its manage link. Real API on PostgreSQL and Redis; the mails are read from
 * an SMTP sink as from the customer's mailbox; expiry by the test's clock (booking-support.ts).
 * The same check as for phone numbers (phone-check*.int.test.ts), on the other channel.
 */
import { startSmtpSink } from '@tellerline/notify/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { sharedCheckCases, sharedJoinCases } from './contact-check-cases.js';

const smtp = await startSmtpSink();
const { clock, setTime, at, anyone, branchPath, contact, freshIp, book } = managerAndTeller({}, { SMTP_URL: smtp.url, MAIL_FROM: '"Tellerline" <notices@bank.example>' });
afterAll(() => smtp.close());

let mailSeq = 0;
/** A fresh mailbox and a contact that gives only it. */
const mailbox = () => `kunde.${++mailSeq}@mail.example`;
const byMail = (email: string, over: Record<string, unknown> = {}) => ({ ...contact({ phone: undefined, ...over }), email });
/** The code mails to `email` (not the booking confirmations), as the customer's mailbox shows them. */
const codeMailsTo = (email: string) => smtp.mails.filter((m) => m.to.some((t) => t.toLowerCase() === email.toLowerCase()) && /^Tellerline (code|验证码) \d{6}$/.test(m.subject));
const codeSentTo = (email: string) => /(\d{6})/.exec(codeMailsTo(email).at(-1)?.subject ?? '')?.[1] ?? '';
const askCode = (email: string, lang = 'en', headers = freshIp()) => anyone().req('POST', '/api/v1/email-checks', { branchId: at.sys.branchId, email, lang }, headers);
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const wait = (sec: number) => void (clock.t += sec * 1000);
const audited = async () => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 1000)).filter((e) => e.action === 'booking-settings');

async function saveSetting(setting: 'verifyEmail' | 'verifyPhone' | 'remoteQueue', on: boolean): Promise<void> {
  const current = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data;
  const r = await at.manager.req('PUT', branchPath('/booking/settings'), { version: current.version, settings: { ...current.settings, [setting]: on } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data.settings[setting]).toBe(on);
}

/** Ten minutes pass for the per-address window (a Redis key that lives ten real minutes). */
async function tenMinutesPass(): Promise<void> {
  const { redis, config } = at.sys.system.parts;
  for await (const keys of redis.scanIterator({ MATCH: `${config.redisPrefix}rl:email-check-10m:*` })) if (keys.length) await redis.del(keys);
  wait(600);
}

/** A code mailed to a fresh address: the contact, its check and the code. */
async function checked(lang = 'en') {
  const c = byMail(mailbox(), { language: lang });
  const r = await askCode(c.email, lang);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { contact: c, emailCheck: { checkId: r.body.data.checkId as string, code: codeSentTo(c.email) } };
}

describe('booking with the setting off (the default)', () => {
  it('books with an e-mail address and no code, as before; no code is mailed for the branch', async () => {
    setTime(MON, '08:00');
    expect((await at.manager.req('GET', branchPath('/booking/settings'))).body.data.settings.verifyEmail).toBe(false);
    expect((await anyone().req('GET', branchPath('/booking'))).body.data).toMatchObject({ phoneCheck: 'off', emailCheck: 'off' });
    expect((await book('A', local(TUE, '09:00'), { contact: byMail(mailbox()) })).status).toBe(201);
    const email = mailbox();
    const ask = await askCode(email);
    expect([ask.status, ask.body.error?.code]).toEqual([422, 'EMAIL_CHECK_UNAVAILABLE']);
    expect(codeMailsTo(email)).toHaveLength(0);
  });
});

describe('booking at a branch that confirms e-mail addresses', () => {
  it('the manager turns it on; the save is audited; phone numbers stay unconfirmed', async () => {
    setTime(MON, '08:00');
    const before = (await audited()).length;
    await saveSetting('verifyEmail', true);
    const rows = await audited();
    expect(rows).toHaveLength(before + 1);
    expect((rows[0]!.details as { settings?: Record<string, unknown> }).settings).toEqual({ verifyEmail: { from: false, to: true } });
    expect((await anyone().req('GET', branchPath('/booking'))).body.data).toMatchObject({ phoneCheck: 'off', emailCheck: 'required' });
    // The phone switch keeps its meaning: a phone booking needs no code.
    expect((await book('A', local(TUE, '09:15'))).status).toBe(201);
  });

  it('refuses an e-mail booking without a code (EMAIL_CHECK_REQUIRED), and with a phone number too', async () => {
    setTime(MON, '08:00');
    const r = await book('A', local(TUE, '09:30'), { contact: byMail(mailbox()) });
    expect([r.status, r.body.error?.code]).toEqual([422, 'EMAIL_CHECK_REQUIRED']);
    const both = await book('A', local(TUE, '09:30'), { contact: contact({ email: mailbox() }) });
    expect([both.status, both.body.error?.code]).toEqual([422, 'EMAIL_CHECK_REQUIRED']);
  });

  it('mails the code at once in the customer language; the right code books once, and only for that address', async () => {
    setTime(MON, '08:00');
    const zh = await checked('zh');
    const zhMail = codeMailsTo(zh.contact.email).at(-1)!;
    expect(zhMail.subject).toBe(`Tellerline 验证码 ${zh.emailCheck.code}`);
    expect(zhMail.text).toContain(`您的预约邮箱验证码是 ${zh.emailCheck.code}，10 分钟内有效，请勿告诉他人。`);
    expect(zhMail.headers['content-language']).toBe('zh-CN');
    const en = await checked('en');
    expect(codeMailsTo(en.contact.email).at(-1)!.text).toContain(`Your code to confirm this e-mail address for a booking is ${en.emailCheck.code}. It is valid for 10 minutes; do not share it.`);
    expect(en.emailCheck.checkId).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // Another address with this check's code: not confirmed.
    const other = await book('A', local(TUE, '10:00'), { contact: byMail(mailbox()), emailCheck: en.emailCheck });
    expect([other.status, other.body.error?.code]).toEqual([422, 'EMAIL_CHECK_REQUIRED']);
    // The same address in other case and with spaces around is the same address.
    const shouted = { ...zh.contact, email: ` ${zh.contact.email.toUpperCase()} ` };
    const ok = await book('A', local(TUE, '10:00'), { contact: { ...shouted, email: shouted.email.trim() }, emailCheck: zh.emailCheck });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // Used up: a second booking with the same code is refused.
    const again = await book('A', local(WED, '10:00'), { contact: zh.contact, emailCheck: zh.emailCheck });
    expect([again.status, again.body.error?.code]).toEqual([410, 'EMAIL_CODE_EXPIRED']);
  });

  it('a phone check proves nothing about an e-mail address', async () => {
    setTime(MON, '08:00');
    const { contact: c, emailCheck } = await checked();
    const r = await book('A', local(TUE, '10:15'), { contact: c, phoneCheck: emailCheck });
    expect([r.status, r.body.error?.code]).toEqual([422, 'EMAIL_CHECK_REQUIRED']);
  });

  it('keeps neither the address nor the code in clear in Redis', async () => {
    setTime(MON, '08:00');
    const { contact: c, emailCheck } = await checked();
    const { redis, config } = at.sys.system.parts;
    const stored: string[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${config.redisPrefix}*email-check*` })) {
      for (const key of keys) stored.push(key, JSON.stringify((await redis.type(key)) === 'hash' ? await redis.hGetAll(key) : await redis.dump(key).catch(() => '')));
    }
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.join('\n')).not.toContain(c.email);
    expect(stored.join('\n')).not.toContain(emailCheck.code);
  });

  it('wrong codes from one network do not use up its bookings for the hour: each still gets the code error, and a right code books', async () => {
    setTime(MON, '08:00');
    const lobby = from('203.0.113.70');
    const bookFrom = (extra: Record<string, unknown>) =>
      anyone().req('POST', '/api/v1/appointments', { branchId: at.sys.branchId, serviceId: at.sys.service('A'), startsAt: local(WED, '11:00'), ...extra }, lobby);
    const refused = [];
    // Two checks' five tries each, and one booking without a code: eleven refusals, past the ten bookings an hour.
    for (let round = 0; round < 2; round++) {
      const { contact: c, emailCheck } = await checked();
      const wrong = { ...emailCheck, code: emailCheck.code === '000000' ? '111111' : '000000' };
      for (let i = 0; i < 5; i++) refused.push((await bookFrom({ contact: c, emailCheck: wrong })).body.error?.code);
    }
    refused.push((await bookFrom({ contact: byMail(mailbox()) })).body.error?.code);
    expect(refused).toEqual([...Array(10).fill('EMAIL_CODE_WRONG'), 'EMAIL_CHECK_REQUIRED']);
    const right = await bookFrom(await checked());
    expect(right.status, JSON.stringify(right.body)).toBe(201);
  });

  sharedCheckCases({ channel: 'EMAIL', proof: 'emailCheck', setTime, book, checked });
});

describe('asking for codes again and again', () => {
  it('one address: a minute between codes, three in ten minutes, ten a day, from whatever caller', async () => {
    setTime(MON, '08:00');
    const email = mailbox();
    expect((await askCode(email)).status).toBe(201);
    const soon = await askCode(email.toUpperCase());
    expect([soon.status, soon.body.error?.code, soon.body.error?.details?.retryAfterSec, soon.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', 60, '60']);
    wait(61);
    expect((await askCode(email)).status).toBe(201);
    wait(61);
    expect((await askCode(email)).status).toBe(201);
    wait(61);
    const fourth = await askCode(email);
    expect([fourth.status, fourth.body.error?.details?.retryAfterSec]).toEqual([429, 600]);
    expect(codeMailsTo(email)).toHaveLength(3);
    for (let round = 0; round < 3; round++) {
      await tenMinutesPass();
      for (let i = 0; i < 3; i++) {
        wait(61);
        await askCode(email);
      }
    }
    expect(codeMailsTo(email)).toHaveLength(10);
    await tenMinutesPass();
    const tomorrow = await askCode(email);
    expect([tomorrow.status, tomorrow.body.error?.details?.retryAfterSec]).toEqual([429, 86_400]);
    expect(codeMailsTo(email)).toHaveLength(10);
  });

  it('one caller: ten codes an hour, to any addresses', async () => {
    setTime(MON, '08:00');
    const emails = Array.from({ length: 11 }, mailbox);
    const answers = [];
    for (const email of emails) answers.push(await askCode(email, 'en', from('203.0.113.60')));
    expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(201), 429]);
    expect(answers[10]!.body.error.code).toBe('RATE_LIMITED');
    expect(codeMailsTo(emails[10]!)).toHaveLength(0);
    expect((await askCode(emails[10]!, 'en', from('203.0.113.61'))).status).toBe(201);
  });

  it('a mail the server refuses answers NOTICE_NOT_SENT, and asking again at once is not held to the minute', async () => {
    setTime(MON, '08:00');
    const email = mailbox();
    smtp.reject(email, 451, 'mailbox busy');
    for (let i = 0; i < 2; i++) {
      const r = await askCode(email);
      expect([r.status, r.body.error?.code]).toEqual([503, 'NOTICE_NOT_SENT']);
    }
  });
});

describe('joining the queue from the phone with an e-mail address', () => {
  const join = (contact: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('B'), lang: 'en', contact: { consent: true, ...contact }, ...extra }, freshIp());

  it('needs the mailed code there too, since the ticket notices go to that address; a phone number needs none where numbers are not confirmed', async () => {
    setTime(MON, '10:00');
    await saveSetting('remoteQueue', true);
    const email = mailbox();
    const bare = await join({ email });
    expect([bare.status, bare.body.error?.code]).toEqual([422, 'EMAIL_CHECK_REQUIRED']);
    const asked = await askCode(email);
    const code = codeSentTo(email);
    const wrong = await join({ email }, { emailCheck: { checkId: asked.body.data.checkId, code: code === '000000' ? '111111' : '000000' } });
    expect([wrong.status, wrong.body.error?.code, wrong.body.error?.details?.triesLeft]).toEqual([422, 'EMAIL_CODE_WRONG', 4]);
    const ok = await join({ email }, { emailCheck: { checkId: asked.body.data.checkId, code } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const again = await join({ email }, { emailCheck: { checkId: asked.body.data.checkId, code } });
    expect([again.status, again.body.error?.code]).toEqual([410, 'EMAIL_CODE_EXPIRED']);
    expect((await join({ phone: '+86 136 0000 7001' })).status).toBe(201);
  });

  sharedJoinCases({
    channel: 'EMAIL',
    setTime,
    address: mailbox,
    ask: async (email) => {
      const r = await askCode(email);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return { checkId: r.body.data.checkId as string, code: codeSentTo(email) };
    },
    join: (email, emailCheck, headers = freshIp()) =>
      anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('B'), lang: 'en', ...(email ? { contact: { email, consent: true } } : {}), ...(emailCheck ? { emailCheck } : {}) }, headers),
  });
});

describe('turned off again', () => {
  it('an e-mail booking needs no code', async () => {
    setTime(MON, '08:00');
    await saveSetting('verifyEmail', false);
    expect((await book('A', local(TUE, '11:30'), { contact: byMail(mailbox()) })).status).toBe(201);
  });
});
