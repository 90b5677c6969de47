import { describe, expect, it } from 'vitest';
import { IssueTicketBody } from '@tellerline/contracts';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { contactFor, contactProblem, readBackPhone, isNewer, isValidEmail, isValidPhone, newRequestId, paperWidth, phonePageUrl, pickBranch, pressKey, receiptTime, resolveDevice, retryable, DEVICE_KEY } from './kiosk-logic.js';

function memoryStorage(init: Record<string, string> = {}) {
  const data = new Map(Object.entries(init));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('phone and e-mail validation', () => {
  it('accepts what the server accepts and a customer would type', () => {
    expect(isValidPhone('13800138000')).toBe(true);
    expect(isValidPhone('+86 138-0013-8000')).toBe(true);
    expect(isValidPhone('021 6888 1234')).toBe(true);
    expect(isValidPhone('0044 7911 123456')).toBe(true);
  });
  it('refuses too short, too long, letters', () => {
    expect(isValidPhone('12345')).toBe(false);
    expect(isValidPhone('1234567890123456')).toBe(false);
    // The limit is on the digits typed: the +86 the stored form adds does not count against them.
    expect(isValidPhone('0086 755 8888 1234')).toBe(true);
    expect(isValidPhone('13800abc000')).toBe(false);
    expect(isValidPhone('')).toBe(false);
  });
  it('checks e-mail shape loosely', () => {
    expect(isValidEmail('li.wei@example.cn')).toBe(true);
    expect(isValidEmail(' li@example.com ')).toBe(true);
    expect(isValidEmail('li@example')).toBe(false);
    expect(isValidEmail('li wei@example.com')).toBe(false);
    expect(isValidEmail('@example.com')).toBe(false);
  });

  // The kiosk must not take an address the server then refuses: a generic error with a "try
  // again" that resends it was all the customer got.
  it.each([
    ['li.wei@example.cn', true],
    ["o'brien+queue@mail.example.com", true],
    ['a..b@example.com', false],
    ['a.@example.com', false],
    ['张三@例子.com', false],
    ['li@例子.com', false],
    ['li@example.c', false],
    [`${'a'.repeat(245)}@example.com`, false],
  ])('takes the e-mail address %s exactly when the server does (%s)', (email, accepted) => {
    expect(isValidEmail(email)).toBe(accepted);
    expect(IssueTicketBody.safeParse({ serviceId: 'svc', contact: { email, consent: true } }).success).toBe(accepted);
    expect(contactFor({ kind: 'email', value: email, consent: true }).ok).toBe(accepted);
  });

  it.each(['------', '- - - - - -', '+1 2-3 4 5', '13800138000', '+86 138 0013 8000', '(021) 6123 4567', '１３８００１３８０００'])('takes the phone number %j exactly when the server does', (phone) => {
    const sent = contactFor({ kind: 'phone', value: phone, consent: true });
    const server = IssueTicketBody.safeParse({ serviceId: 'svc', contact: { phone, consent: true } }).success;
    expect(isValidPhone(phone)).toBe(server);
    if (sent.ok) expect(IssueTicketBody.safeParse({ serviceId: 'svc', contact: sent.contact }).success).toBe(true);
    else expect(server).toBe(false);
  });
});

describe('on-screen keypad', () => {
  it('appends digits, deletes and clears', () => {
    let v = '';
    for (const k of ['1', '3', '8'] as const) v = pressKey(v, k);
    expect(v).toBe('138');
    expect(pressKey(v, 'back')).toBe('13');
    expect(pressKey(v, 'clear')).toBe('');
    expect(pressKey('', 'back')).toBe('');
  });
  it('stops at the longest number', () => {
    expect(pressKey('123456789012345', '6')).toBe('123456789012345');
  });
  it('groups a mobile number for reading', () => {
    expect(readBackPhone('13800138000')).toBe('138 0013 8000');
    expect(readBackPhone('6888')).toBe('6888');
  });
});

describe('contact consent', () => {
  it('sends nothing without consent', () => {
    expect(contactFor({ kind: 'phone', value: '13800138000', consent: false })).toEqual({ ok: false, reason: 'consent' });
  });
  it('reports empty and invalid before consent', () => {
    expect(contactFor({ kind: 'phone', value: ' ', consent: true })).toEqual({ ok: false, reason: 'empty' });
    expect(contactFor({ kind: 'email', value: 'nope', consent: true })).toEqual({ ok: false, reason: 'invalid' });
  });
  it('asks for an 11-digit mobile number when one is a digit short or long, and issues nothing', () => {
    for (const value of ['1380000111', '138000011122']) {
      const check = contactFor({ kind: 'phone', value, consent: true });
      expect(check).toEqual({ ok: false, reason: 'mobileDigits' });
      expect(contactProblem(check, true, null)).toBe('mobileDigits');
    }
    expect(contactFor({ kind: 'phone', value: '13800001111', consent: true }).ok).toBe(true);
    expect(contactFor({ kind: 'phone', value: '02161234567', consent: true }).ok).toBe(true);
  });
  it('asks for the country code of a number that is no mainland one, and issues nothing', () => {
    for (const value of ['91234567', '447911123456', '654321']) {
      const check = contactFor({ kind: 'phone', value, consent: true });
      expect(check).toEqual({ ok: false, reason: 'countryCode' });
      expect(contactProblem(check, true, null)).toBe('countryCode');
    }
    // The keypad has no +: 00 is how a visitor types the country code, and the message says so.
    expect(contactFor({ kind: 'phone', value: '0085291234567', consent: true })).toEqual({ ok: true, contact: { phone: '+85291234567', consent: true } });
    expect(dictionaries.zh['kiosk.contact.countryCode']).toContain('0044');
    expect(dictionaries.en['kiosk.contact.countryCode']).toContain('add 00 and the country code');
  });
  it('builds the body with consent: true, digits only for a phone', () => {
    expect(contactFor({ kind: 'phone', value: '138 0013 8000', consent: true })).toEqual({ ok: true, contact: { phone: '+8613800138000', consent: true } });
    // A hardware keyboard in full-width mode: the same number, not an empty one.
    expect(contactFor({ kind: 'phone', value: '１３８００１３８０００', consent: true })).toEqual({ ok: true, contact: { phone: '+8613800138000', consent: true } });
    expect(contactFor({ kind: 'email', value: ' a@b.cn ', consent: true })).toEqual({ ok: true, contact: { email: 'a@b.cn', consent: true } });
  });
});

describe('device pairing', () => {
  it('stores the token from the address and removes it from there', () => {
    const s = memoryStorage();
    const r = resolveDevice('http://x.test/kiosk?branch=b1&device=abc123&print=on', s);
    expect(r).toEqual({ token: 'abc123', cleanUrl: '/kiosk?branch=b1&print=on' });
    expect(s.data.get(DEVICE_KEY)).toBe('abc123');
  });
  it('uses the stored token later', () => {
    expect(resolveDevice('http://x.test/kiosk', memoryStorage({ [DEVICE_KEY]: 'tok' }))).toEqual({ token: 'tok', cleanUrl: null });
  });
  it('has no token when never paired', () => {
    expect(resolveDevice('http://x.test/kiosk', memoryStorage()).token).toBeNull();
  });
  it('a new token replaces the stored one (re-pairing)', () => {
    const s = memoryStorage({ [DEVICE_KEY]: 'old' });
    expect(resolveDevice('http://x.test/kiosk?device=new', s).token).toBe('new');
    expect(s.data.get(DEVICE_KEY)).toBe('new');
  });
});

describe('small helpers', () => {
  it('picks the asked branch, else the first', () => {
    const list = [{ id: 'a' }, { id: 'b' }];
    expect(pickBranch(list, 'b')).toEqual({ id: 'b' });
    expect(pickBranch(list, null)).toEqual({ id: 'a' });
    expect(pickBranch(list, 'zzz')).toBeNull();
    expect(pickBranch([], null)).toBeNull();
  });
  it('links the phone page in the chosen language', () => {
    expect(phonePageUrl('https://q.bank.cn', 'Tok_en-1', 'en')).toBe('https://q.bank.cn/t/Tok_en-1?lang=en');
  });
  it('ignores older queue summaries', () => {
    expect(isNewer(5, 4)).toBe(true);
    expect(isNewer(4, 4)).toBe(true);
    expect(isNewer(3, 4)).toBe(false);
  });
  it('knows the two paper widths', () => {
    expect(paperWidth('58')).toBe(58);
    expect(paperWidth(null)).toBe(80);
    expect(paperWidth('110')).toBe(80);
  });
  it('prints the time in the branch time zone', () => {
    const at = Date.UTC(2025, 0, 2, 1, 5); // 09:05 in Shanghai
    expect(receiptTime(at, 'Asia/Shanghai', 'en')).toContain('09:05');
    expect(receiptTime(at, 'Asia/Shanghai', 'zh')).toContain('09:05');
    expect(receiptTime(at, 'Not/AZone', 'en')).toBe('2025-01-02 01:05');
  });
});

describe('issue request ids', () => {
  it('are 22 base64url characters, as the server accepts (8-64 of A-Z a-z 0-9 _ -)', () => {
    const ids = Array.from({ length: 50 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(50);
  });

  it('map every byte to the URL-safe alphabet (no + / =)', () => {
    expect(newRequestId((b) => b.fill(0xff))).toBe('_'.repeat(21) + 'w');
    expect(newRequestId((b) => b.fill(0xfb))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('retrying a refused ticket', () => {
  it('is offered after network trouble or a busy server, not when the service takes no walk-ins', () => {
    expect(['BUSY_RETRY', 'INTERNAL', 'RATE_LIMITED'].map(retryable)).toEqual([true, true, true]);
    expect(['SERVICE_APPOINTMENT_ONLY', 'UNKNOWN_SERVICE'].map(retryable)).toEqual([false, false]);
  });

  it('is not offered when the server refused the request itself: resending it changes nothing', () => {
    expect(['VALIDATION_FAILED', 'REQUEST_ID_REUSED'].map(retryable)).toEqual([false, false]);
  });

  it('is not offered when the branch has closed: the start screen says when it opens instead', () => {
    expect(retryable('BRANCH_CLOSED')).toBe(false);
  });

  it('marks the contact field invalid when the server refused the contact sent', () => {
    const fine = contactFor({ kind: 'email', value: 'li@example.cn', consent: true });
    expect(contactProblem(fine, true, 'VALIDATION_FAILED')).toBe('invalid');
    expect(contactProblem(fine, true, 'BUSY_RETRY')).toBeNull();
    expect(contactProblem(fine, false, null)).toBeNull();
    const typo = contactFor({ kind: 'email', value: 'li@example', consent: true });
    expect(contactProblem(typo, false, null)).toBeNull();
    expect(contactProblem(typo, true, null)).toBe('invalid');
    expect(contactProblem(contactFor({ kind: 'phone', value: '', consent: true }), true, null)).toBeNull();
    expect(contactProblem(contactFor({ kind: 'phone', value: '13800138000', consent: false }), true, null)).toBe('consent');
  });
});
