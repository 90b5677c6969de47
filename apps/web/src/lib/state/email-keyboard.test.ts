import { describe, expect, it } from 'vitest';
import { EMAIL_MAX } from '@tellerline/contracts/input-rules';
import { canTypeAt, domainsFor, EMAIL_KEY_ROWS, spokenAddress, typeEmailKey, type EmailKey } from './email-keyboard.js';
import { isValidEmail } from './kiosk-logic.js';

const type = (value: string, ...keys: EmailKey[]) => keys.reduce(typeEmailKey, value);
const chars = (s: string): EmailKey[] => [...s].map((char) => ({ char }));

describe('the e-mail keyboard', () => {
  it('has every key an address needs, lower case, each once', () => {
    const all = EMAIL_KEY_ROWS.flat();
    for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789@.-_+') expect(all).toContain(c);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('types one character at the end per tap, deletes the last one, clears all', () => {
    expect(type('', ...chars('li.wei@example.cn'))).toBe('li.wei@example.cn');
    expect(type('li.wei', 'back')).toBe('li.we');
    expect(type('', 'back')).toBe('');
    expect(type('li.wei@example.cn', 'clear')).toBe('');
  });

  it('refuses a second @ and anything past the server limit', () => {
    expect(type('li@', { char: '@' })).toBe('li@');
    expect(canTypeAt('li')).toBe(true);
    expect(canTypeAt('li@')).toBe(false);
    const full = 'a'.repeat(EMAIL_MAX);
    expect(type(full, { char: 'b' })).toBe(full);
    expect(type(full, 'back')).toHaveLength(EMAIL_MAX - 1);
  });

  it('offers the common domains once there is a mailbox name and no domain yet', () => {
    expect(domainsFor('')).toEqual([]);
    expect(domainsFor('@')).toEqual([]);
    expect(domainsFor('wang')).toEqual(['qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com']);
    expect(domainsFor('wang@')).toEqual(['qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com']);
  });

  it('after an @, offers only the domains the typed start fits, and none once complete or foreign', () => {
    expect(domainsFor('wang@1')).toEqual(['163.com', '126.com']);
    expect(domainsFor('wang@G')).toEqual(['gmail.com']);
    expect(domainsFor('wang@qq.com')).toEqual([]);
    expect(domainsFor('wang@example.cn')).toEqual([]);
    expect(domainsFor('wang@a@b')).toEqual([]);
  });

  it('a domain key completes the address, replacing the typed start of the domain', () => {
    expect(type('wang', { domain: 'qq.com' })).toBe('wang@qq.com');
    expect(type('wang@', { domain: '163.com' })).toBe('wang@163.com');
    expect(type('wang@ou', { domain: 'outlook.com' })).toBe('wang@outlook.com');
    expect(isValidEmail(type('li.wei', { domain: 'gmail.com' }))).toBe(true);
  });

  it('a domain key that is not on offer does nothing', () => {
    expect(type('', { domain: 'qq.com' })).toBe('');
    expect(type('wang@1', { domain: 'qq.com' })).toBe('wang@1');
    expect(type('wang@qq.com', { domain: 'qq.com' })).toBe('wang@qq.com');
  });

  it('says the address after a tap, but never a link (a ticket link carries its secret token)', () => {
    expect(spokenAddress('li.na@qq.com')).toBe('li.na@qq.com');
    for (const link of ['annhttps://bank.example/t/aaaaBBBBccccDDDD', 'https:', 'www.example.com/t/x']) expect(spokenAddress(link), link).toBe('');
  });
});
