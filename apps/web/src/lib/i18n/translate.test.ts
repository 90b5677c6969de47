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

  it('words the staff day list\'s visit types as how the customer is served, never like where the booking stands', () => {
    // "未到 … 到店" / "Booked … At the branch" read as "not here … arrived": the type says the way of serving.
    const types = (lang: 'zh' | 'en') => ['branch', 'video', 'phone'].map((c) => translate(lang, `staff.appts.channel.${c}`));
    expect(types('zh')).toEqual(['网点面谈', '视频办理', '电话办理']);
    expect(types('en')).toEqual(['In person at the branch', 'By video', 'By phone']);
    const states = Object.keys(dictionaries.zh).filter((k) => k.startsWith('staff.appts.state.'));
    for (const type of types('zh')) {
      expect(type).not.toMatch(/到/);
      for (const k of states) expect(dictionaries.zh[k]).not.toContain(type);
    }
  });

  it('fills parameters', () => {
    expect(translate('en', 'wait.range', { low: 5, high: 9 })).toBe('about 5–9 min');
    expect(translate('zh', 'wait.range', { low: 5, high: 9 })).toBe('约 5–9 分钟');
  });

  it('words a wait that may end now by its upper end, never "about 0–5" or "from about 0 min"', () => {
    expect([translate('zh', 'wait.range', { low: 0, high: 5 }), translate('en', 'wait.range', { low: 0, high: 5 })]).toEqual(['5 分钟内', 'within 5 min']);
    const slot = { low: 0, high: 5, time: '18:30' };
    expect(translate('zh', 'wait.beforeSlot', slot)).toBe('可能早于您的预约时间（18:30）叫号：5 分钟内');
    expect(translate('en', 'wait.untilSlot', slot)).toBe('Any time from now until around your appointment time, 18:30');
    // From 1 minute on, the range as before.
    expect(translate('en', 'wait.untilSlot', { ...slot, low: 1 })).toBe('From about 1 min from now until around your appointment time, 18:30');
    // Both ends the same minute: that minute, not "约 1–1 分钟".
    expect([translate('zh', 'wait.range', { low: 1, high: 1 }), translate('en', 'wait.range', { low: 1, high: 1 })]).toEqual(['约 1 分钟', 'about 1 min']);
    expect(translate('zh', 'wait.beforeSlot', { low: 3, high: 3, time: '18:30' })).toBe('可能早于您的预约时间（18:30）叫号：约 3 分钟后');
    // Each variant speaks of the same things as its message, less its lower end.
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang]).filter(([k]) => k.endsWith('.fromZero') || k.endsWith('.same'))) {
        const base = dictionaries[lang][k.replace(/\.(fromZero|same)$/, '')];
        expect(base, k).toBeDefined();
        const names = (m: string) => new Set([...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
        expect(names(v).has('low'), k).toBe(false);
        expect([...names(v)].every((n) => names(base!).has(n)), k).toBe(true);
      }
    }
  });

  it('says "号柜台" / "counter" only for a counter numbered with digits; a named one ("一号窗") as it is', () => {
    // The phone page.
    expect(translate('zh', 'phone.called.go', { counter: '3' })).toBe('请到 3 号柜台');
    expect(translate('zh', 'phone.called.go', { counter: '一号窗' })).toBe('请到 一号窗');
    expect(translate('en', 'phone.called.go', { counter: 'VIP' })).toBe('Please go to VIP');
    expect(translate('zh', 'phone.serving', { counter: '一号窗' })).toBe('正在 一号窗 为您办理');
    expect(translate('en', 'phone.title.recalled', { counter: '12' })).toBe('Called again: go to counter 12');
    // The staff panel.
    expect(translate('zh', 'staff.counter.label', { label: '2' })).toBe('2 号柜台');
    expect(translate('zh', 'staff.counter.label', { label: '一号窗' })).toBe('一号窗');
    expect(translate('en', 'staff.counter.label', { label: '一号窗' })).toBe('一号窗');
    expect(translate('en', 'staff.queue.servingAt', { label: 'VIP' })).toBe('Serving · VIP');
    expect(translate('zh', 'staff.notice.transferredCounter', { number: 'A001', label: '一号窗' })).toBe('A001 已转至 一号窗，继续等候。');
    // Every counter message with a bare variant keeps the same placeholders.
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang]).filter(([k]) => k.endsWith('.bare'))) {
        const base = dictionaries[lang][k.slice(0, -'.bare'.length)];
        expect(base, k).toBeDefined();
        expect([...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), k).toEqual([...base!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        expect(v, k).not.toMatch(/号柜台|[Cc]ounter \{/);
      }
    }
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

  /** [aria-label key, its parameters, the key of the words the button or link shows]: every aria-label on one in apps/web. */
  const namedControls: [string, Record<string, string>, string][] = [
    ['lobby.raise.buttonLabel', { number: 'A002' }, 'lobby.raise.button'],
    ['staff.action.callNumber', { number: 'A002' }, 'staff.action.call'],
    ['team.editNamed', { name: 'Alice' }, 'team.edit'],
    ['team.resetNamed', { name: 'Alice' }, 'team.reset'],
    ['team.deactivateNamed', { name: 'Alice' }, 'team.deactivate'],
    ['team.reactivateNamed', { name: 'Alice' }, 'team.reactivate'],
    ['admins.resetNamed', { name: 'Admin' }, 'admins.reset'],
    ['admins.deactivateNamed', { name: 'Admin' }, 'admins.deactivate'],
    ['admins.reactivateNamed', { name: 'Admin' }, 'admins.reactivate'],
    ['branches.editNamed', { code: 'demo' }, 'branches.edit'],
    ['branches.setupNamed', { code: 'demo' }, 'branches.setup'],
    ['setup.editNamed', { code: 'A' }, 'setup.edit'],
    ['setup.deactivateService', { code: 'A' }, 'setup.deactivate'],
    ['setup.reactivateService', { code: 'A' }, 'setup.reactivate'],
    ['setup.deactivateCounter', { label: '1' }, 'setup.deactivate'],
    ['setup.reactivateCounter', { label: '1' }, 'setup.reactivate'],
    ['setup.renameNamed', { label: '1' }, 'setup.rename'],
    ['setup.hours.addNamed', { day: 'Mon' }, 'setup.hours.add'],
    ['setup.hours.removeNamed', { day: 'Mon', n: '1' }, 'setup.hours.remove'],
    ['devices.revokeNamed', { name: 'Kiosk' }, 'devices.revoke'],
    ['devices.rePairNamed', { name: 'Kiosk' }, 'devices.rePair'],
  ];

  it('every named button and link’s accessible name starts with the words it shows (WCAG 2.5.3, speech users say what they see)', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, params, visibleKey] of namedControls) {
        const name = translate(lang, key, params);
        expect(name.startsWith(translate(lang, visibleKey)), `${lang} ${key}: “${name}”`).toBe(true);
      }
    }
    expect(translate('zh', 'lobby.raise.buttonLabel', { number: 'A002' })).toBe('设为优先 A002');
    expect(translate('zh', 'branches.setupNamed', { code: 'demo' })).toBe('设置业务与柜台：网点 demo');
    expect(translate('en', 'team.resetNamed', { name: 'Alice' })).toBe('Reset password of “Alice”');
  });

  it('a sign-on button is named by the counter and its state it shows, then the action', () => {
    const name = (lang: 'zh' | 'en', state: string) =>
      translate(lang, 'staff.counter.signOnAt', { counter: translate(lang, 'staff.counter.label', { label: '1' }), state: translate(lang, state, { name: 'Alice' }) });
    expect(name('en', 'staff.counter.free')).toBe('Counter 1, Free – sign on');
    expect(name('en', 'staff.counter.takenBy')).toBe('Counter 1, Taken by Alice – sign on');
    expect(name('zh', 'staff.counter.free')).toBe('1 号柜台，空闲——签到');
  });
});
