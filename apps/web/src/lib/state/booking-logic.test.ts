import { describe, expect, it } from 'vitest';
import { BookingContact } from '@tellerline/contracts';
import { bookingContact, textsTo, isRetryable, bookingErrorKey, dayLabel, firstOpenDay, manageUrl, slotTime, zoneName } from './booking-logic.js';
import { dictionaries } from '$lib/i18n/messages/index.js';

describe('booking page logic', () => {
  it('shows slot times in the branch zone, not the phone zone', () => {
    const at = Date.parse('2026-03-03T09:30:00+08:00');
    expect(slotTime(at, 'Asia/Shanghai', 'en')).toBe('09:30');
    expect(slotTime(at, 'Europe/London', 'en')).toBe('01:30');
    expect(slotTime(at, 'Not/AZone', 'en', '09:30')).toBe('09:30');
  });

  it('labels a local day without shifting it', () => {
    expect(dayLabel('2026-03-03', 'en')).toContain('3');
    expect(dayLabel('2026-03-03', 'en')).toContain('Tue');
    expect(dayLabel('bad', 'en')).toBe('bad');
  });

  it('starts at the first day with a free slot', () => {
    const slot = { startsAt: 1, endsAt: 2, time: '09:00', remaining: 1 };
    expect(firstOpenDay([{ date: 'a', closed: false, slots: [] }, { date: 'b', closed: true, slots: [] }, { date: 'c', closed: false, slots: [slot] }])?.date).toBe('c');
    expect(firstOpenDay([])).toBeNull();
  });

  it('needs a name, a valid phone or e-mail and the consent tick', () => {
    const base = { name: 'Ann', kind: 'phone' as const, value: '+86 139 0000 1234', language: 'en' as const, consent: true };
    expect(bookingContact(base)).toEqual({ ok: true, contact: { name: 'Ann', phone: '+86 139 0000 1234', language: 'en', consent: true } });
    expect(bookingContact({ ...base, name: ' ' })).toEqual({ ok: false, problem: 'name' });
    expect(bookingContact({ ...base, value: '' })).toEqual({ ok: false, problem: 'empty' });
    expect(bookingContact({ ...base, value: 'abc' })).toEqual({ ok: false, problem: 'invalid' });
    expect(bookingContact({ ...base, consent: false })).toEqual({ ok: false, problem: 'consent' });
    expect(bookingContact({ ...base, kind: 'email', value: 'a@b.cn' })).toEqual({ ok: true, contact: { name: 'Ann', email: 'a@b.cn', language: 'en', consent: true } });
    expect(bookingContact({ ...base, kind: 'email', value: 'a@b' })).toEqual({ ok: false, problem: 'invalid' });
  });

  // The page must not send what the server refuses (VALIDATION_FAILED is no retry, only a dead end).
  const base = { name: 'Ann', kind: 'phone' as const, value: '13900001234', language: 'en' as const, consent: true };
  it.each([
    ['e-mail', 'li.wei@example.cn'],
    ['e-mail', 'a..b@example.com'],
    ['e-mail', '张三@例子.com'],
    ['e-mail', 'li@example.c'],
    ['phone', '------'],
    ['phone', '+      '],
    ['phone', '+1 2-3 4 5'],
    ['phone', '+86 139 0000 1234'],
    ['phone', '(021) 6123 4567'],
    ['phone', '+86 (138) 0013 8000'],
    ['phone', '138.0013.8000'],
    ['phone', '１３８００１３８０００'],
    ['phone', '138/0013/8000'],
    ['name', 'Li\u0000Wei'],
    ['name', 'Li \ud800'],
    ['name', 'Li\u001bWei'],
    ['name', '李伟 😀'],
  ] as const)('takes the %s %j exactly when the server does', (field, value) => {
    const input = field === 'name' ? { ...base, name: value } : { ...base, kind: field === 'phone' ? ('phone' as const) : ('email' as const), value };
    const r = bookingContact(input);
    const server = BookingContact.safeParse(field === 'name' ? { name: value, phone: base.value, language: 'en', consent: true } : { name: 'Ann', [field === 'phone' ? 'phone' : 'email']: value, language: 'en', consent: true }).success;
    expect(r.ok).toBe(server);
    if (r.ok) expect(BookingContact.safeParse(r.contact).success).toBe(true);
    else expect(r.problem).toBe(field === 'name' ? 'name' : 'invalid');
  });

  it.each(['(021) 6123 4567', '+86 (138) 0013 8000', '138.0013.8000', '１３８００１３８０００'])('takes the phone number %j as people write it', (value) => {
    expect(bookingContact({ ...base, value }).ok).toBe(true);
  });

  it.each(['1391234567', '139 1234 567', '+86 139123456789', '１３９１２３４５６７'])('refuses the mobile %j a digit short or long, as the server does, asking for 11 digits', (value) => {
    expect(bookingContact({ ...base, value })).toEqual({ ok: false, problem: 'mobileDigits' });
    expect(BookingContact.safeParse({ name: 'Ann', phone: value, language: 'en', consent: true }).success).toBe(false);
    expect(dictionaries.zh['booking.contact.problem.mobileDigits']).toContain('请输入 11 位手机号码');
    expect(dictionaries.en['booking.contact.problem.mobileDigits']).toContain('Enter an 11-digit mobile number');
  });

  it.each(['9123 4567', '447911123456', '６１２３　４５６７'])('refuses %j, no mainland number, as the server does, asking for the country code', (value) => {
    expect(bookingContact({ ...base, value })).toEqual({ ok: false, problem: 'countryCode' });
    expect(BookingContact.safeParse({ name: 'Ann', phone: value, language: 'en', consent: true }).success).toBe(false);
    expect(textsTo(value, 'en')).toBeNull();
    expect(dictionaries.zh['booking.contact.problem.countryCode']).toContain('请在号码前加国家代码，例如 +44');
    expect(dictionaries.en['booking.contact.problem.countryCode']).toContain('Add the country code, e.g. +44');
  });

  it('still takes an 11-digit mobile, a Beijing landline and a foreign number', () => {
    for (const value of ['139 1234 5678', '010 6512 3456', '+852 9123 4567', '00852 9123 4567']) expect(bookingContact({ ...base, value }).ok).toBe(true);
  });

  it('reads back the number the texts go to, before the booking is confirmed', () => {
    expect(textsTo('13912345678', 'zh')).toBe('139 1234 5678');
    expect(textsTo('１３９１２３４５６７８', 'en')).toBe('+86 139 1234 5678');
    expect(textsTo('021 6123 4567', 'zh')).toBe('+86 2161234567');
    expect(textsTo('+852 9123 4567', 'en')).toBe('+85291234567');
    // Nothing while the number is not one the server takes: the problem is said instead.
    expect(textsTo('1391234567', 'zh')).toBeNull();
    expect(textsTo('', 'en')).toBeNull();
    expect(dictionaries.zh['booking.contact.textsTo']).toBe('短信将发送到 {number}');
    expect(dictionaries.en['booking.contact.textsTo']).toBe('Texts go to {number}');
  });

  it('says what a phone number may contain when it is still refused, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = dictionaries[lang]['booking.contact.problem.invalid']!;
      expect(text).toContain('(021) 6123 4567');
      expect(text).toContain('+86 138 0013 8000');
      expect(dictionaries[lang]['booking.contact.problem.invalidEmail']).toContain('name@example.com');
    }
  });

  it('does not retry a request the server refused as malformed', () => {
    expect(isRetryable('VALIDATION_FAILED')).toBe(false);
  });

  it('translates errors by booking key, then common key, then generic', () => {
    const keys = new Set(['booking.error.SLOT_FULL', 'error.FORBIDDEN']);
    const known = (k: string) => keys.has(k);
    expect(bookingErrorKey('SLOT_FULL', known)).toBe('booking.error.SLOT_FULL');
    expect(bookingErrorKey('FORBIDDEN', known)).toBe('error.FORBIDDEN');
    expect(bookingErrorKey('WHAT', known)).toBe('error.generic');
  });

  it('builds the manage link', () => {
    expect(manageUrl('https://bank.example', 'abc_DEF-123')).toBe('https://bank.example/a/abc_DEF-123');
  });
});

describe('zoneName', () => {
  it('names China’s zone 北京时间 in Chinese, never the raw id', () => {
    expect(zoneName('Asia/Shanghai', 'zh')).toBe('北京时间');
    expect(zoneName('Asia/Shanghai', 'en')).not.toContain('Asia/');
    expect(zoneName('Asia/Shanghai', 'en')).toMatch(/China/);
  });

  it('uses the long generic zone name in the page language elsewhere', () => {
    expect(zoneName('America/New_York', 'en')).toBe('Eastern Time');
    expect(zoneName('Europe/Berlin', 'zh')).not.toContain('Europe/');
    expect(zoneName('Europe/Berlin', 'zh')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('falls back to the id for a zone Intl does not know', () => {
    expect(zoneName('Mars/Olympus', 'en')).toBe('Mars/Olympus');
  });
});
