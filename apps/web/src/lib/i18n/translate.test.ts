import { describe, expect, it } from 'vitest';
import { dictionaries } from './messages/index.js';
import { translate } from './translate.js';

describe('translations', () => {
  it('every key exists in Chinese and English, and none is empty', () => {
    expect(Object.keys(dictionaries.zh).sort()).toEqual(Object.keys(dictionaries.en).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang])) expect(v, `${lang} ${k}`).not.toBe('');
    }
  });

  it('fills parameters', () => {
    expect(translate('en', 'wait.range', { low: 5, high: 9 })).toBe('about 5–9 min');
    expect(translate('zh', 'wait.range', { low: 5, high: 9 })).toBe('约 5–9 分钟');
  });

  it('speaks of signing on and off at a counter as a bank does (签到/签退, never 上岗/下岗: "laid off")', () => {
    const staffZh = Object.entries(dictionaries.zh).filter(([k]) => k.startsWith('staff.'));
    for (const [k, v] of staffZh) expect(v, k).not.toMatch(/上岗|下岗|在岗/);
    expect(dictionaries.zh['staff.action.sign-off']).toBe('签退');
    expect(dictionaries.zh['staff.status.offline']).toBe('未签到');
    expect(dictionaries.zh['staff.counter.signOnAt']).toContain('签到');
  });

  it('calls the 6-character code one name everywhere: 签到码 / check-in code', () => {
    for (const [k, v] of Object.entries(dictionaries.zh)) expect(v, k).not.toContain('预约码');
    for (const [k, v] of Object.entries(dictionaries.en)) expect(v, k).not.toMatch(/booking code|appointment code/i);
    expect(dictionaries.zh['appt.code']).toBe('签到码');
    expect(dictionaries.zh['kiosk.appointment.code']).toContain('签到码');
    expect(dictionaries.en['kiosk.appointment.code']).toContain('check-in code');
  });

  it('a queue call button’s accessible name starts with its visible text (WCAG 2.5.3)', () => {
    for (const lang of ['zh', 'en'] as const) {
      const name = translate(lang, 'staff.action.callNumber', { number: 'A003' });
      expect(name.startsWith(translate(lang, 'staff.action.call')), `${lang}: ${name}`).toBe(true);
    }
    expect(translate('zh', 'staff.action.callNumber', { number: 'A003' })).toBe('叫号 A003');
  });
});
