import { describe, expect, it } from 'vitest';
import { BookingContact, DisplayName, isVisibleName, NewBranchBody, NewCounterBody, PairDeviceBody } from '../src/index.js';

const hours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const branch = (zh: string) => NewBranchBody.safeParse({ code: 'sh-test', name: { zh, en: 'Test' }, timezone: 'Asia/Shanghai', openingHours: hours });

describe('names people read on screens', () => {
  it.each([
    ['a bidi override ("abc\\u202Edef" shows as "abcfed")', 'abc\u202Edef'],
    ['a bidi embedding', '\u202Aabc'],
    ['a bidi isolate', 'abc\u2066def\u2069'],
    ['a right-to-left mark', '储蓄\u200F'],
    ['only a zero-width space', '\u200B'],
    ['only zero-width characters and spaces', ' \u200B\u2060\uFEFF '],
    ['only a Hangul filler', '\u3164'],
    ['only a combining mark', '\u0301'],
  ])('refuses %s', (_what, name) => {
    expect(isVisibleName(name)).toBe(false);
    expect(branch(name).success).toBe(false);
    expect(NewCounterBody.safeParse({ label: name }).success).toBe(false);
    expect(DisplayName.safeParse(name).success).toBe(false);
    expect(PairDeviceBody.safeParse({ kind: 'kiosk', name }).success).toBe(false);
  });

  it.each([
    ['Chinese', '浦东营业部'],
    ['a name with spaces and a dash', 'Counter 3 - VIP'],
    ['an emoji', '🏦'],
    ['a family emoji joined by ZWJ', '👨\u200D👩\u200D👧'],
    ['an accented name', 'Zoë'],
  ])('accepts %s', (_what, name) => {
    expect(isVisibleName(name)).toBe(true);
    expect(branch(name).success).toBe(true);
    expect(DisplayName.safeParse(name).success).toBe(true);
  });

  it("keeps ZWJ emoji in a customer's name and refuses a bidi override there", () => {
    const contact = (name: string) => BookingContact.safeParse({ name, phone: '+86 139 5555 0101', language: 'zh', consent: true });
    expect(contact('王芳 👩\u200D💻').success).toBe(true);
    expect(contact('abc\u202Edef').success).toBe(false);
    expect(contact('\u200B').success).toBe(false);
  });
});
