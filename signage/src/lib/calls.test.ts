import { describe, expect, it } from 'vitest';
import type { PublicCall } from '@tellerline/contracts';
import { announcementText, spellNumber, utterancesFor } from './announcement.js';
import { mergeCalls, recentCalls } from './calls.js';

const call = (seq: number, number: string, counterLabel = '1', recall = false): PublicCall => ({
  seq,
  at: 1_000 * seq,
  number,
  counterLabel,
  serviceName: { zh: '个人现金业务', en: 'Personal cash' },
  recall,
});

describe('mergeCalls', () => {
  it('keeps each call once, newest first, and at most `keep`', () => {
    const merged = mergeCalls([call(5, 'A002'), call(3, 'A001')], [call(7, 'A003'), call(5, 'A002')], 2);
    expect(merged.map((c) => c.seq)).toEqual([7, 5]);
  });
});

describe('recentCalls', () => {
  it('lists the calls before the current one, each ticket once at its latest call', () => {
    const calls = [call(9, 'A003'), call(8, 'A001', '2', true), call(6, 'A002'), call(4, 'A001'), call(2, 'A003')];
    expect(recentCalls(calls, 6).map((c) => `${c.number}@${c.seq}`)).toEqual(['A001@8', 'A002@6']);
  });

  it('stops at the requested count', () => {
    const calls = [1, 2, 3, 4, 5].map((i) => call(10 - i, `A00${i}`));
    expect(recentCalls(calls, 2).map((c) => c.number)).toEqual(['A002', 'A003']);
  });
});

describe('announcements', () => {
  it('says the number and counter in Chinese, and spells it out in English', () => {
    expect(announcementText(call(1, 'A023', '3'), 'zh')).toBe('请 A023 号到 3 号柜台');
    expect(announcementText(call(1, 'A023', '3'), 'en')).toBe('Ticket A 0 2 3, please go to counter 3');
    expect(spellNumber('B 105')).toBe('B 1 0 5');
  });

  it('says a counter named otherwise than by digits as it is ("请到 一号窗", not "一号窗 号柜台")', () => {
    expect(announcementText(call(1, 'A023', '一号窗'), 'zh')).toBe('请 A023 号到 一号窗');
    expect(announcementText(call(1, 'A023', 'VIP'), 'en')).toBe('Ticket A 0 2 3, please go to VIP');
    expect(announcementText(call(1, 'A023', '一号窗', true), 'zh')).toBe('再次呼叫，请 A023 号到 一号窗');
  });

  it('says a recall is a second call', () => {
    expect(announcementText(call(1, 'A023', '3', true), 'zh')).toBe('再次呼叫，请 A023 号到 3 号柜台');
    expect(announcementText(call(1, 'A023', '3', true), 'en')).toMatch(/^Calling again: ticket A 0 2 3/);
  });

  it('speaks the configured languages in order, and nothing when the voice is off', () => {
    expect(utterancesFor(call(1, 'A001'), ['zh', 'en']).map((u) => u.lang)).toEqual(['zh-CN', 'en-US']);
    expect(utterancesFor(call(1, 'A001'), [])).toEqual([]);
  });
});
