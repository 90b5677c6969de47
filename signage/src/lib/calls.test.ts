import { describe, expect, it } from 'vitest';
import type { PublicCall } from '@tellerline/contracts';
import { announcementText, spellNumber, utterancesFor } from './announcement.js';
import { currentCall, mergeCalls, recentCalls, withPhase } from './calls.js';

const call = (seq: number, number: string, counterLabel = '1', recall = false): PublicCall => ({
  seq,
  at: 1_000 * seq,
  number,
  counterLabel,
  serviceName: { zh: '个人现金业务', en: 'Personal cash' },
  recall,
  phase: 'calling',
});

describe('mergeCalls', () => {
  it('keeps each call once, newest first, and at most `keep`', () => {
    const merged = mergeCalls([call(5, 'A002'), call(3, 'A001')], [call(7, 'A003'), call(5, 'A002')], 2);
    expect(merged.map((c) => c.seq)).toEqual([7, 5]);
  });
});

const over = (c: PublicCall): PublicCall => ({ ...c, phase: 'over' });

describe('mergeCalls', () => {
  it('never brings an ended call back, whatever copy of it comes later', () => {
    const merged = mergeCalls([over(call(5, 'A002'))], [{ ...call(5, 'A002'), counterLabel: '1 VIP' }]);
    expect(merged).toEqual([{ ...over(call(5, 'A002')), counterLabel: '1 VIP' }]);
  });
});

describe('currentCall', () => {
  it('is the newest call still standing: an ended one leaves "now calling", one being served stays', () => {
    const calls = [over(call(9, 'A007')), { ...call(8, 'A006'), phase: 'serving' as const }, call(6, 'A005')];
    expect(currentCall(calls)?.number).toBe('A006');
    expect(currentCall([over(call(9, 'A007')), over(call(8, 'A006'))])).toBeNull();
  });
});

describe('withPhase', () => {
  it('moves every earlier call of the number on, and no later or other call', () => {
    const calls = [call(9, 'A002'), call(8, 'A001', '1', true), call(6, 'A001'), call(3, 'A003')];
    const after = withPhase(calls, { seq: 9, number: 'A001', phase: 'over' });
    expect(after.map((c) => `${c.number}@${c.seq}:${c.phase}`)).toEqual(['A002@9:calling', 'A001@8:over', 'A001@6:over', 'A003@3:calling']);
    // A number called again today is a new call: the end of an older one does not touch it.
    expect(withPhase([call(12, 'A001'), ...after], { seq: 10, number: 'A001', phase: 'serving' })[0]?.phase).toBe('calling');
    expect(withPhase(after, { seq: 10, number: 'A001', phase: 'serving' })[1]?.phase).toBe('over');
  });
});

describe('recentCalls', () => {
  it('lists the newer ended calls too, beside an older call still standing', () => {
    const calls = [over(call(9, 'A007')), call(8, 'A006'), over(call(6, 'A005'))];
    expect(recentCalls(calls, calls[1]!, 6).map((c) => c.number)).toEqual(['A007', 'A005']);
  });

  it('lists the calls before the current one, each ticket once at its latest call', () => {
    const calls = [call(9, 'A003'), call(8, 'A001', '2', true), call(6, 'A002'), call(4, 'A001'), call(2, 'A003')];
    expect(recentCalls(calls, calls[0]!, 6).map((c) => `${c.number}@${c.seq}`)).toEqual(['A001@8', 'A002@6']);
  });

  it('stops at the requested count', () => {
    const calls = [1, 2, 3, 4, 5].map((i) => call(10 - i, `A00${i}`));
    expect(recentCalls(calls, calls[0]!, 2).map((c) => c.number)).toEqual(['A002', 'A003']);
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

  // A reviewer heard the English voice say "please go to" and nothing: it cannot read 外汇兑换专窗.
  it('points an English listener to the screen for a counter named in Chinese, and keeps other names', () => {
    expect(announcementText(call(1, 'A023', '外汇兑换专窗'), 'en')).toBe('Ticket A 0 2 3, please go to the counter shown on the screen');
    expect(announcementText(call(1, 'A023', '外汇兑换专窗', true), 'en')).toBe('Calling again: ticket A 0 2 3, please go to the counter shown on the screen');
    expect(announcementText(call(1, 'A023', '外汇兑换专窗'), 'zh')).toBe('请 A023 号到 外汇兑换专窗');
    expect(announcementText(call(1, 'A023', 'Cash & FX Counter 03'), 'en')).toBe('Ticket A 0 2 3, please go to Cash & FX Counter 03');
    expect(announcementText(call(1, 'A023', 'Cash & FX Counter 03'), 'zh')).toBe('请 A023 号到 Cash & FX Counter 03');
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
