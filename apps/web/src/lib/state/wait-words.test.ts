import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate.js';
import { slotWords, ticketWaitWords, waitWords } from './wait-words.js';

describe('waitWords', () => {
  const range = { lowMin: 2.4, highMin: 5.6, expectedMin: 4 };

  it('says nobody can serve instead of a wait, even with a short line', () => {
    expect(waitWords({ wait: null, noStaff: true }, 0)).toEqual({ key: 'wait.noStaff', params: {} });
    expect(waitWords({ wait: null, noStaff: true }, 3).key).toBe('wait.noStaff');
  });

  it('no wait only with nobody ahead and a zero estimate; a range in whole minutes otherwise', () => {
    expect(waitWords({ wait: { lowMin: 0, highMin: 0, expectedMin: 0 }, noStaff: false }, 0).key).toBe('wait.none');
    expect(waitWords({ wait: null, noStaff: false }, 0).key).toBe('wait.none');
    expect(waitWords({ wait: range, noStaff: false }, 1)).toEqual({ key: 'wait.range', params: { low: 2, high: 6 } });
    // People ahead and a tiny estimate: at least "0-1 min", never "No wait".
    expect(waitWords({ wait: { lowMin: 0, highMin: 0.1, expectedMin: 0.1 }, noStaff: false }, 2)).toEqual({ key: 'wait.range', params: { low: 0, high: 1 } });
  });
});

describe('the wait of a booked customer who came early', () => {
  // Checked in at 18:00 for 18:30 (Shanghai), with people ahead as if just walked in.
  const at = (hm: string) => Date.parse(`2026-11-30T${hm}:00+08:00`);
  const view = (lowMin: number, highMin: number) => ({ wait: { lowMin, highMin, expectedMin: (lowMin + highMin) / 2 }, noStaff: false, ahead: 6 });
  const words = (lowMin: number, highMin: number, now = at('18:00')) => ticketWaitWords(view(lowMin, highMin), at('18:30'), now, 'Asia/Shanghai');
  const say = (w: { key: string; params?: Record<string, string | number> }) => [translate('zh', w.key, w.params), translate('en', w.key, w.params)];

  it('says the estimate is a chance to be called before the slot, never a wait past it', () => {
    // The reviewer's ticket: 7-17 min, all before 18:30.
    expect(words(7, 17)).toEqual({ key: 'wait.beforeSlot', params: { low: 7, high: 17, time: '18:30' } });
    expect(say(words(7, 17))).toEqual(['可能早于您的预约时间（18:30）叫号：约 7–17 分钟后', 'We may call you before your appointment time (18:30): in about 7–17 min']);
    // A range that reaches past the slot ends at it: routing calls them around their time.
    expect(words(20, 45)).toEqual({ key: 'wait.untilSlot', params: { low: 20, time: '18:30' } });
    expect(say(words(20, 45))[1]).toBe('From about 20 min from now until around your appointment time, 18:30');
    // A range that starts after it: the slot is the answer.
    expect(words(35, 60)).toEqual({ key: 'wait.atSlot', params: { time: '18:30' } });
    expect(say(words(35, 60))).toEqual(['在您的预约时间 18:30 前后叫号', 'Around your appointment time, 18:30']);
  });

  it('words anything else as for anyone: no staff, no wait, the slot already here, a walk-in', () => {
    expect(ticketWaitWords({ wait: null, noStaff: true, ahead: 2 }, at('18:30'), at('18:00'), 'Asia/Shanghai').key).toBe('wait.noStaff');
    expect(ticketWaitWords({ wait: { lowMin: 0, highMin: 0, expectedMin: 0 }, noStaff: false, ahead: 0 }, at('18:30'), at('18:00'), 'Asia/Shanghai').key).toBe('wait.none');
    expect(words(7, 17, at('18:31'))).toEqual({ key: 'wait.range', params: { low: 7, high: 17 } });
    expect(ticketWaitWords(view(7, 17), null, at('18:00'), 'Asia/Shanghai')).toEqual({ key: 'wait.range', params: { low: 7, high: 17 } });
    expect(slotWords({ key: 'phone.wait.soon' }, 20, '18:30')).toEqual({ key: 'phone.wait.soon' });
  });
});
