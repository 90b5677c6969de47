import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate.js';
import { bandedWait, ticketAnnouncement } from './phone-announce.js';
import { phoneWaitWording } from './phone-wait.js';

const MIN = 60_000;
const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const view = (over: Partial<{ status: 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled'; ahead: number; counterLabel: string | null; recalls: number }> = {}) => ({
  status: 'waiting' as const,
  ahead: 3,
  counterLabel: null,
  recalls: 0,
  ...over,
});
const estimate = { ahead: 3, noStaff: false, wait: { lowMin: 8.4, highMin: 19.4, expectedMin: 14 }, appointmentAt: null };
/** The page's words `ageMs` after the estimate, and what its live region says then. */
const at = (ageMs: number, lang: 'zh' | 'en' = 'en', v = view()) => {
  const wait = phoneWaitWording(estimate, ageMs, NOW + ageMs);
  return { shown: translate(lang, wait.key, 'params' in wait ? wait.params : undefined), said: ticketAnnouncement(v, wait, (k, p) => translate(lang, k, p)) };
};

describe('the ticket page live region', () => {
  it('speaks the wait in 5-minute bands', () => {
    expect(bandedWait({ key: 'wait.range', params: { low: 7, high: 17 } })).toEqual({ key: 'wait.range', params: { low: 5, high: 20 } });
    expect(bandedWait({ key: 'wait.range', params: { low: 0, high: 1 } })).toEqual({ key: 'wait.range', params: { low: 0, high: 5 } });
    expect(bandedWait({ key: 'wait.beforeSlot', params: { low: 6, high: 11, time: '10:30' } })).toEqual({ key: 'wait.beforeSlot', params: { low: 5, high: 15, time: '10:30' } });
    expect(bandedWait({ key: 'wait.untilSlot', params: { low: 12, time: '10:30' } })).toEqual({ key: 'wait.untilSlot', params: { low: 10, time: '10:30' } });
    expect(bandedWait({ key: 'phone.wait.soon' })).toEqual({ key: 'phone.wait.soon' });
  });

  it('says nothing new while the visible countdown ticks inside a band, then the new band (en, zh)', () => {
    // 8–19 min, then 7–18, 6–17 and 5–16 a minute apart on screen: spoken "5–20" all along.
    const minutes = [0, 1, 2, 3].map((m) => at(m * MIN));
    expect(minutes.map((m) => m.shown)).toEqual(['about 8–19 min', 'about 7–18 min', 'about 6–17 min', 'about 5–16 min']);
    expect(new Set(minutes.map((m) => m.said))).toEqual(new Set(['People ahead of you: 3. Expected wait: about 5–20 min.']));
    // Into the next band: said once.
    expect(at(4 * MIN).said).toBe('People ahead of you: 3. Expected wait: under 15 minutes.');
    expect(at(0, 'zh').said).toBe('前面还有 3 人，预计等候：约 5–20 分钟。');
    expect(at(30 * MIN, 'zh').said).toBe('前面还有 3 人，预计等候：即将叫号。');
  });

  it('says a change of the people ahead, a call, a recall, the counter and the end', () => {
    expect(at(0, 'en', view({ ahead: 2 })).said).toBe('People ahead of you: 2. Expected wait: about 5–20 min.');
    expect(at(0, 'en', view({ status: 'called', counterLabel: '3' })).said).toBe('It’s your turn! Please go to counter 3.');
    expect(at(0, 'zh', view({ status: 'called', counterLabel: '1' })).said).toBe('轮到您了！请到 1 号柜台。');
    expect(at(0, 'zh', view({ status: 'called', counterLabel: '3', recalls: 1 })).said).toBe('再次呼叫！请到 3 号柜台。');
    expect(at(0, 'en', view({ status: 'serving', counterLabel: '3' })).said).toBe('Being served at counter 3.');
    expect(at(0, 'zh', view({ status: 'serving', counterLabel: '3' })).said).toBe('正在 3 号柜台为您办理。');
    expect(at(0, 'zh', view({ status: 'done' })).said).toBe('业务已办理完成，感谢您的光临。');
    expect(at(0, 'en', view({ status: 'done' })).said).toBe('All done — thank you for visiting.');
  });

  it('speaks every wait as whole sentences, the first band as "under 5 minutes" (en, zh)', () => {
    const say = (lang: 'zh' | 'en', wait: Parameters<typeof ticketAnnouncement>[1]) => ticketAnnouncement(view({ ahead: 1 }), wait, (k, p) => translate(lang, k, p));
    // The screen shows 2–4 min: not "about 0–5 min".
    expect(say('en', { key: 'wait.range', params: { low: 2, high: 4 } })).toBe('People ahead of you: 1. Expected wait: under 5 minutes.');
    expect(say('zh', { key: 'wait.range', params: { low: 2, high: 4 } })).toBe('前面还有 1 人，预计等候：不到 5 分钟。');
    expect(say('en', { key: 'wait.noStaff' })).toBe('People ahead of you: 1. No staff available for this service right now.');
    expect(say('zh', { key: 'wait.noStaff' })).toBe('前面还有 1 人。暂无可办理人员。');
    expect(say('en', { key: 'wait.none' })).toBe('People ahead of you: 1. Expected wait: none.');
    expect(say('en', { key: 'phone.wait.soon' })).toBe('People ahead of you: 1. Expected wait: any moment now.');
    expect(say('en', { key: 'wait.atSlot', params: { time: '10:30' } })).toBe('People ahead of you: 1. Around your appointment time, 10:30.');
    expect(say('zh', { key: 'wait.atSlot', params: { time: '10:30' } })).toBe('前面还有 1 人。在您的预约时间 10:30 前后叫号。');
  });
});
