import { describe, expect, it } from 'vitest';
import { bi, text } from './bilingual.js';
import { messages } from './messages.js';

describe('bilingual messages', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
  });

  it('fills placeholders in both languages', () => {
    expect(bi('call.goTo', { counter: '3' })).toEqual({ zh: '请到 3 号柜台', en: 'Please go to counter 3' });
  });

  it('says "号柜台" / "counter" only for a counter numbered with digits; a named one as it is', () => {
    expect(bi('call.goTo', { counter: '一号窗' })).toEqual({ zh: '请到 一号窗', en: 'Please go to 一号窗' });
    expect(bi('recent.counter', { counter: 'VIP' })).toEqual({ zh: 'VIP', en: 'VIP' });
    expect(bi('recent.counter', { counter: '12' })).toEqual({ zh: '12 号柜台', en: 'Counter 12' });
  });

  it('leaves a missing placeholder visible rather than blank', () => {
    expect(text('en', 'services.waiting')).toBe('{n} waiting');
  });
});
