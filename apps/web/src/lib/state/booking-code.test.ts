import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookingInfo } from '@tellerline/contracts';
import { BookingFlow } from './booking-flow.svelte.js';
import { codeErrorText, sameAddress, secondsUntil, typedCode } from './contact-check-logic.js';
import { translate } from '../i18n/translate.js';
import { bookedAppointment, bookingInfo } from './booking-test-fixtures.js';

const info = bookingInfo;
const booked = bookedAppointment;
const phone = { name: 'Wang', phone: '+86 139 0000 1234', language: 'zh' as const, consent: true as const };
const checkId = 'c'.repeat(32);

const respond = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string, details?: Record<string, unknown>) => respond(status, { error: { code, message: code, ...(details ? { details } : {}) } });

/** Answers POST /phone-checks and /email-checks with a new check and POST /appointments with `appointment()`; records what was sent. */
function server(appointment: () => Response = () => respond(201, { data: booked }), codes: () => Response = () => respond(201, { data: { checkId, expiresAt: Date.now() + 600_000, resendAfterSec: 60 } })) {
  const sent: { path: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      sent.push({ path, body: JSON.parse((init.body as string) ?? '{}') as Record<string, unknown> });
      return path === '/api/v1/phone-checks' || path === '/api/v1/email-checks' ? codes() : appointment();
    }),
  );
  return sent;
}

function atContact(mode: BookingInfo['phoneCheck'], emailMode: BookingInfo['emailCheck'] = 'off'): BookingFlow {
  const flow = new BookingFlow();
  flow.info = info(mode, emailMode);
  flow.service = flow.info.services[0]!;
  flow.slot = { startsAt: 1_000_000, endsAt: 1_300_000, time: '09:00', remaining: 1 };
  flow.step = 'contact';
  return flow;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('booking at a branch that confirms phone numbers', () => {
  it('texts a code to the number in the reminder language first, then books with it', async () => {
    const sent = server();
    const flow = atContact('required');
    expect(await flow.confirm(phone)).toBeNull();
    expect(flow.step).toBe('verify');
    expect(flow.steps.at(-1)).toBe('verify');
    expect(sent).toEqual([{ path: '/api/v1/phone-checks', body: { branchId: 'b1', phone: '+86 139 0000 1234', lang: 'zh' } }]);
    expect(await flow.confirmCode('042917')).toEqual(booked);
    expect(sent[1]!.body).toMatchObject({ contact: phone, phoneCheck: { checkId, code: '042917' } });
    expect(flow.phoneCheck.checkId).toBeNull();
  });

  it('changes nothing when the setting is off, and never asks a code of an e-mail booking', async () => {
    const off = server();
    expect(await atContact('off').confirm(phone)).toEqual(booked);
    expect(off.map((s) => s.path)).toEqual(['/api/v1/appointments']);
    expect(off[0]!.body).not.toHaveProperty('phoneCheck');
    const mail = server();
    expect(await atContact('required').confirm({ name: 'Wang', email: 'w@example.com', language: 'en', consent: true })).toEqual(booked);
    expect(mail.map((s) => s.path)).toEqual(['/api/v1/appointments']);
  });

  it('says phone booking is unavailable where no code can be sent, and sends nothing', async () => {
    const sent = server();
    const flow = atContact('unavailable');
    expect(await flow.confirm(phone)).toBeNull();
    expect([flow.step, flow.error, sent.length]).toEqual(['contact', 'PHONE_CHECK_UNAVAILABLE', 0]);
    expect(translate('en', 'booking.error.PHONE_CHECK_UNAVAILABLE')).toMatch(/e-mail/);
  });

  it('a wrong code says the tries left and keeps the check; the last one, or an expired code, needs a new one', async () => {
    let answer = refusal(422, 'PHONE_CODE_WRONG', { triesLeft: 3 });
    server(() => answer);
    const flow = atContact('required');
    await flow.confirm(phone);
    expect(await flow.confirmCode('000000')).toBeNull();
    expect([flow.step, flow.phoneCheck.error, flow.phoneCheck.triesLeft, flow.phoneCheck.checkId, flow.error]).toEqual(['verify', 'PHONE_CODE_WRONG', 3, checkId, null]);
    expect(translate('zh', flow.phoneCheck.errorText!.key, flow.phoneCheck.errorText!.params)).toBe('验证码不正确，还可以再试 3 次。');
    answer = refusal(422, 'PHONE_CODE_WRONG', { triesLeft: 0 });
    await flow.confirmCode('000000');
    expect([flow.phoneCheck.checkId, flow.phoneCheck.errorText!.key]).toEqual([null, 'booking.error.PHONE_CODE_WRONG.last']);

    answer = refusal(410, 'PHONE_CODE_EXPIRED');
    await flow.sendCode();
    await flow.confirmCode('123456');
    expect([flow.phoneCheck.error, flow.phoneCheck.checkId]).toEqual(['PHONE_CODE_EXPIRED', null]);
  });

  it('counts down to a new code, and to the wait a refused request names', async () => {
    vi.useFakeTimers();
    let codes = respond(201, { data: { checkId, expiresAt: Date.now() + 600_000, resendAfterSec: 60 } });
    server(undefined, () => codes);
    const flow = atContact('required');
    await flow.confirm(phone);
    expect(flow.phoneCheck.resendIn).toBe(60);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(flow.phoneCheck.resendIn).toBe(45);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(flow.phoneCheck.resendIn).toBe(0);
    codes = refusal(429, 'RATE_LIMITED', { retryAfterSec: 600 });
    expect(await flow.sendCode()).toBe(false);
    expect([flow.phoneCheck.error, flow.phoneCheck.resendIn]).toEqual(['RATE_LIMITED', 600]);
    expect(flow.phoneCheck.errorText!.key).toBe('booking.code.error.RATE_LIMITED');
  });

  it('a slot taken meanwhile goes back to the times; the code sent still serves that number, without a new text', async () => {
    let answer = refusal(409, 'SLOT_FULL');
    const sent = server(() => answer);
    const flow = atContact('required');
    vi.spyOn(flow, 'loadSlots').mockResolvedValue();
    await flow.confirm(phone);
    await flow.confirmCode('123456');
    expect([flow.step, flow.notice]).toEqual(['when', 'booking.slotFull']);
    flow.chooseSlot({ startsAt: 2_000_000, endsAt: 2_300_000, time: '10:00', remaining: 1 });
    await flow.confirm({ ...phone, phone: '+8613900001234' });
    expect(flow.step).toBe('verify');
    expect(sent.filter((s) => s.path === '/api/v1/phone-checks')).toHaveLength(1);
    answer = respond(201, { data: booked });
    expect(await flow.confirmCode('123456')).toEqual(booked);
  });

  it('keeps the request key over a lost answer even when the code is typed again', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const sent = server(() => (++calls === 1 ? refusal(500, 'INTERNAL') : respond(201, { data: booked })));
    const flow = atContact('required');
    await flow.confirm(phone);
    const done = flow.confirmCode('123456');
    await vi.runAllTimersAsync();
    expect(await done).toEqual(booked);
    const ids = sent.filter((s) => s.path === '/api/v1/appointments').map((s) => s.body.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('back from the code goes to the details', async () => {
    server();
    const flow = atContact('required');
    await flow.confirm(phone);
    flow.back();
    expect(flow.step).toBe('contact');
  });
});

describe('booking at a branch that confirms e-mail addresses', () => {
  const mail = { name: 'Wang', email: 'Wang.Li@Mail.example', language: 'en' as const, consent: true as const };

  it('mails a code to the address in the reminder language first, then books with it', async () => {
    const sent = server();
    const flow = atContact('off', 'required');
    expect(await flow.confirm(mail)).toBeNull();
    expect([flow.step, flow.steps.at(-1), flow.check?.channel, flow.codeTo]).toEqual(['verify', 'verify', 'email', 'Wang.Li@Mail.example']);
    expect(sent).toEqual([{ path: '/api/v1/email-checks', body: { branchId: 'b1', email: 'Wang.Li@Mail.example', lang: 'en' } }]);
    expect(await flow.confirmCode('042917')).toEqual(booked);
    expect(sent[1]!.body).toMatchObject({ contact: mail, emailCheck: { checkId, code: '042917' } });
    expect(sent[1]!.body).not.toHaveProperty('phoneCheck');
    expect(flow.emailCheck.checkId).toBeNull();
  });

  it('asks nothing of a phone booking there, and each channel only where its switch is on', async () => {
    const sent = server();
    expect(await atContact('off', 'required').confirm(phone)).toEqual(booked);
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/appointments']);
    const both = server();
    const flow = atContact('required', 'required');
    await flow.confirm(phone);
    expect([flow.check?.channel, both.map((s) => s.path)]).toEqual(['sms', ['/api/v1/phone-checks']]);
  });

  it('says e-mail booking is unavailable where no code can be mailed, and sends nothing', async () => {
    const sent = server();
    const flow = atContact('off', 'unavailable');
    expect(await flow.confirm(mail)).toBeNull();
    expect([flow.step, flow.error, sent.length]).toEqual(['contact', 'EMAIL_CHECK_UNAVAILABLE', 0]);
    expect(translate('en', 'booking.error.EMAIL_CHECK_UNAVAILABLE')).toMatch(/mobile number/);
  });

  it('a wrong code says the tries left on the e-mail check; an expired one needs a new code', async () => {
    let answer = refusal(422, 'EMAIL_CODE_WRONG', { triesLeft: 2 });
    server(() => answer);
    const flow = atContact('off', 'required');
    await flow.confirm(mail);
    await flow.confirmCode('000000');
    expect([flow.step, flow.emailCheck.error, flow.emailCheck.triesLeft, flow.emailCheck.checkId, flow.error]).toEqual(['verify', 'EMAIL_CODE_WRONG', 2, checkId, null]);
    expect(translate('en', flow.emailCheck.errorText!.key, flow.emailCheck.errorText!.params)).toBe('That code is not right; 2 more tries.');
    answer = refusal(410, 'EMAIL_CODE_EXPIRED');
    await flow.confirmCode('123456');
    expect([flow.emailCheck.error, flow.emailCheck.checkId]).toEqual(['EMAIL_CODE_EXPIRED', null]);
  });

  it('the code mailed still serves the same address however cased, without a new mail', async () => {
    let answer = refusal(409, 'SLOT_FULL');
    const sent = server(() => answer);
    const flow = atContact('off', 'required');
    vi.spyOn(flow, 'loadSlots').mockResolvedValue();
    await flow.confirm(mail);
    await flow.confirmCode('123456');
    flow.chooseSlot({ startsAt: 2_000_000, endsAt: 2_300_000, time: '10:00', remaining: 1 });
    await flow.confirm({ ...mail, email: 'wang.li@mail.example' });
    expect(sent.filter((s) => s.path === '/api/v1/email-checks')).toHaveLength(1);
    answer = respond(201, { data: booked });
    expect(await flow.confirmCode('123456')).toEqual(booked);
  });
});

describe('the code step, as plain functions', () => {
  it('reads six digits however they were typed or pasted', () => {
    expect(typedCode('042917')).toBe('042917');
    expect(typedCode(' 042 917 ')).toBe('042917');
    expect(typedCode('０４２９１７')).toBe('042917');
    for (const bad of ['', '04291', '0429177', '04a917']) expect(typedCode(bad), bad).toBeNull();
  });

  it('counts whole seconds down to zero, and knows a number however spaced, an address however cased', () => {
    expect([secondsUntil(10_000, 0), secondsUntil(10_000, 9_001), secondsUntil(10_000, 11_000)]).toEqual([10, 1, 0]);
    expect(sameAddress('sms', '+86 139-0000 1234', '+8613900001234')).toBe(true);
    expect(sameAddress('sms', '+86 139 0000 1234', '+86 139 0000 1235')).toBe(false);
    expect(sameAddress('email', ' Li.Na@Bank.Example', 'li.na@bank.example')).toBe(true);
    expect(sameAddress('email', 'li.na@bank.example', 'li.nb@bank.example')).toBe(false);
  });

  it('words every refusal in both languages, naming the channel where it matters', () => {
    const refusals = {
      sms: ['PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED', 'PHONE_CHECK_UNAVAILABLE', 'NOTICE_NOT_SENT', 'RATE_LIMITED'],
      email: ['EMAIL_CODE_EXPIRED', 'EMAIL_CHECK_REQUIRED', 'EMAIL_CHECK_UNAVAILABLE', 'NOTICE_NOT_SENT', 'RATE_LIMITED'],
    } as const;
    for (const channel of ['sms', 'email'] as const) {
      for (const code of refusals[channel]) {
        const { key } = codeErrorText(channel, code, null);
        for (const lang of ['zh', 'en'] as const) expect(translate(lang, key), `${lang} ${key}`).not.toBe(key);
      }
    }
    expect(translate('en', codeErrorText('sms', 'PHONE_CODE_WRONG', 2).key, { n: 2 })).toBe('That code is not right; 2 more tries.');
    expect(translate('zh', codeErrorText('email', 'EMAIL_CODE_WRONG', 2).key, { n: 2 })).toBe('验证码不正确，还可以再试 2 次。');
    expect(translate('en', codeErrorText('email', 'NOTICE_NOT_SENT', null).key)).toMatch(/e-mail/);
    expect(translate('zh', codeErrorText('sms', 'NOTICE_NOT_SENT', null).key)).toMatch(/短信/);
  });
});
