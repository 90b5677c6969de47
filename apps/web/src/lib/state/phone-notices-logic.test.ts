import { describe, expect, it } from 'vitest';
import { AHEAD_CHOICES, aheadOptionKey, contactErrorField, contactOffers, contactRefusal, defaultContactChannel, currentChoices, noticeErrorKey, noticesOn, problemAfterTap, problemBeforeTap, refusalKey } from './phone-notices-logic.js';
import { phone } from '$lib/i18n/messages/phone.js';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';

const all = { push: true, email: true, sms: true };

describe('why push is not offered', () => {
  it('before the tap: what the browser says, then whether this installation sends push at all', () => {
    expect(problemBeforeTap('supported', all)).toBeNull();
    expect(problemBeforeTap('supported', null)).toBeNull();
    expect(problemBeforeTap('ios-needs-install', all)).toBe('ios-needs-install');
    expect(problemBeforeTap('denied', all)).toBe('denied');
    expect(problemBeforeTap('unsupported', { ...all, push: false })).toBe('unsupported');
    expect(problemBeforeTap('supported', { ...all, push: false })).toBe('not-offered');
  });

  it('after the tap: an unreachable push service or a closed prompt is a problem; other server refusals are errors', () => {
    expect(problemAfterTap({ ok: true, id: 'p1', endpoint: 'https://push.example/1' })).toBeNull();
    expect(problemAfterTap({ ok: false, reason: 'push-service-unreachable' })).toBe('push-service-unreachable');
    expect(problemAfterTap({ ok: false, reason: 'dismissed' })).toBe('dismissed');
    expect(problemAfterTap({ ok: false, reason: 'denied' })).toBe('denied');
    expect(problemAfterTap({ ok: false, reason: 'server', code: 'CHANNEL_UNAVAILABLE' })).toBe('not-offered');
    expect(problemAfterTap({ ok: false, reason: 'server', code: 'RATE_LIMITED' })).toBeNull();
  });
});

describe('e-mail / SMS signup', () => {
  const ok = { address: 'a@bank.example', consent: true, aheadThreshold: 3, onCalled: true };
  it('refuses without consent, without an address, or with nothing chosen', () => {
    expect(contactRefusal(ok)).toBeNull();
    expect(contactRefusal({ ...ok, consent: false })).toBe('consent');
    expect(contactRefusal({ ...ok, address: '   ' })).toBe('address');
    expect(contactRefusal({ ...ok, aheadThreshold: null, onCalled: false })).toBe('nothing');
    expect(contactRefusal({ ...ok, aheadThreshold: null })).toBeNull();
    expect(refusalKey('address', 'sms')).toBe('phone.notices.error.empty.sms');
    expect(refusalKey('consent', 'email')).toBe('phone.notices.error.consent');
  });

  it('has a specific, translated message for every code the notice routes return', () => {
    const codes = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'CHANNEL_UNAVAILABLE', 'TICKET_FINISHED', 'TICKET_NOT_WAITING', 'RATE_LIMITED', 'NOT_FOUND', 'BUSY_RETRY'];
    for (const channel of ['email', 'sms', 'push'] as const) {
      for (const code of codes) {
        const key = noticeErrorKey(code, channel);
        expect(dictionaries.zh[key], `${code} ${channel}`).toBeTruthy();
        expect(dictionaries.en[key], `${code} ${channel}`).toBeTruthy();
      }
    }
    expect(noticeErrorKey('VALIDATION_FAILED', 'email')).toBe('phone.notices.error.address.email');
    // A number without its country code that is no mainland one: the refusal asks for the country code.
    expect(noticeErrorKey('VALIDATION_FAILED', 'sms', '9123 4567')).toBe('phone.notices.error.countryCode.sms');
    expect(dictionaries.zh['phone.notices.error.countryCode.sms']).toContain('请在号码前加国家代码，例如 +44');
    expect(dictionaries.en['phone.notices.error.countryCode.sms']).toContain('Add the country code, e.g. +44');
    expect(noticeErrorKey('VALIDATION_FAILED', 'sms', '1391234567')).toBe('phone.notices.error.address.sms');
    expect(noticeErrorKey('CHANNEL_UNAVAILABLE', 'sms')).toBe('phone.notices.error.unavailable.sms');
    expect(noticeErrorKey('SOMETHING_NEW', 'email')).toBe('error.generic');
    for (const r of ['nothing', 'address', 'consent'] as const) expect(phone.en[refusalKey(r, 'email')]).toBeTruthy();
  });

  it('offers only the channels this installation has set up', () => {
    expect(contactOffers(all)).toEqual(['email', 'sms']);
    expect(contactOffers({ ...all, email: false })).toEqual(['sms']);
    expect(contactOffers({ push: true, email: false, sms: false })).toEqual([]);
    expect(contactOffers(null)).toEqual([]);
  });

  it('preselects a text message in Chinese and e-mail in English, the other when only it is set up', () => {
    expect(defaultContactChannel(all, 'zh')).toBe('sms');
    expect(defaultContactChannel(all, 'en')).toBe('email');
    expect(defaultContactChannel({ ...all, sms: false }, 'zh')).toBe('email');
    expect(defaultContactChannel({ ...all, email: false }, 'en')).toBe('sms');
  });
});

describe('current choices', () => {
  it('are on when any push or contact exists, and start the form from the first one', () => {
    expect(noticesOn(null)).toBe(false);
    expect(noticesOn({ push: [], contacts: [] })).toBe(false);
    const contact = { id: 'c1', channel: 'email' as const, addressMasked: 'a•@bank.example', aheadThreshold: null, onCalled: true, lang: 'en' as const };
    expect(noticesOn({ push: [], contacts: [contact] })).toBe(true);
    expect(currentChoices({ push: [], contacts: [contact] })).toEqual({ aheadThreshold: null, onCalled: true });
    expect(currentChoices({ push: [{ id: 'p1', aheadThreshold: 5, onCalled: false, lang: 'zh' }], contacts: [contact] })).toEqual({ aheadThreshold: 5, onCalled: false });
    expect(currentChoices({ push: [], contacts: [] })).toBeNull();
  });
});

describe('"before my turn" choices', () => {
  it('say one person ahead in the singular, more in the plural, in both languages', () => {
    const en = AHEAD_CHOICES.map((n) => translate('en', aheadOptionKey(n), { n }));
    expect(en[0]).toBe('Tell me when 1 is ahead');
    expect(en.slice(1)).toEqual(AHEAD_CHOICES.slice(1).map((n) => `Tell me when ${n} are ahead`));
    expect(AHEAD_CHOICES.map((n) => translate('zh', aheadOptionKey(n), { n }))).toEqual(AHEAD_CHOICES.map((n) => `前面还剩 ${n} 人时提醒我`));
  });
});

describe('contactErrorField', () => {
  it('ties each form error to the field it is about (aria-invalid + aria-describedby), and others to none', () => {
    for (const ch of ['email', 'sms'] as const) {
      expect(contactErrorField(refusalKey('address', ch))).toBe('address');
      expect(contactErrorField(noticeErrorKey('VALIDATION_FAILED', ch))).toBe('address');
    }
    expect(contactErrorField(noticeErrorKey('VALIDATION_FAILED', 'sms', '9123 4567'))).toBe('address');
    expect(contactErrorField(refusalKey('consent', 'sms'))).toBe('consent');
    expect(contactErrorField(noticeErrorKey('BUSY_RETRY', 'sms'))).toBeNull();
    expect(contactErrorField(noticeErrorKey('CHANNEL_UNAVAILABLE', 'email'))).toBeNull();
    expect(contactErrorField(null)).toBeNull();
  });
});
