import { describe, expect, it } from 'vitest';
import type { ServiceSetupView } from '@tellerline/contracts';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import {
  branchFieldErrorParams,
  branchFormErrors,
  branchOrder,
  deactivationPhrase,
  conflictPhrase,
  earlyWindowPhrase,
  counterLabelProblem,
  emptyServiceForm,
  hoursBody,
  hoursErrors,
  hoursFormOf,
  newServiceBody,
  nextInterval,
  refusalPhrase,
  sameNamedBranch,
  unmetItems,
  serviceFieldErrorParams,
  serviceFormErrors,
  serviceFormOf,
  servicePatch,
} from './setup-logic.js';

const cash: ServiceSetupView = { id: 's1', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: ['身份证'], en: ['ID card'] }, active: true };
const form = { ...emptyServiceForm(), code: 'b', nameZh: ' 对公 ', nameEn: 'Business', targetMin: '15', defaultDurationMin: '12', documentsZh: '营业执照\n\n 公章 ', documentsEn: 'Business licence\nCompany seal' };

describe('the service form', () => {
  it('takes a lower-case code as capitals and sends trimmed names and one document per line', () => {
    expect(serviceFormErrors(form, [cash])).toEqual({});
    expect(newServiceBody(form)).toEqual({
      code: 'B',
      name: { zh: '对公', en: 'Business' },
      targetMin: 15,
      defaultDurationMin: 12,
      documents: { zh: ['营业执照', '公章'], en: ['Business licence', 'Company seal'] },
    });
  });

  it('names each field that is wrong, a taken code included', () => {
    const errors = serviceFormErrors({ ...form, code: 'a', nameZh: '  ', nameEn: 'x'.repeat(61), targetMin: '0', defaultDurationMin: '2.5', documentsEn: Array.from({ length: 21 }, (_, i) => `doc ${i}`).join('\n') }, [cash]);
    expect(errors).toEqual({
      code: 'setup.invalid.serviceCodeTaken',
      nameZh: 'setup.invalid.required',
      nameEn: 'setup.invalid.serviceNameTooLong',
      targetMin: 'setup.invalid.minutes',
      defaultDurationMin: 'setup.invalid.minutes',
      documentsEn: 'setup.invalid.tooManyDocuments',
    });
    expect(serviceFormErrors({ ...form, code: 'A1' }, []).code).toBe('setup.invalid.serviceCode');
    expect(serviceFormErrors({ ...form, code: '' }, []).code).toBe('setup.invalid.required');
    expect(serviceFormErrors({ ...form, targetMin: '' }, []).targetMin).toBe('setup.invalid.required');
    expect(serviceFormErrors({ ...form, documentsZh: 'x'.repeat(101) }, []).documentsZh).toBe('setup.invalid.documentLong');
  });

  it('says how long a service name may be and how long it is now, in both languages', () => {
    const long = { ...form, nameZh: ` ${'储'.repeat(65)} ` };
    expect(serviceFormErrors(long, []).nameZh).toBe('setup.invalid.serviceNameTooLong');
    expect(serviceFieldErrorParams(long, 'nameZh')).toEqual({ max: 60, n: 65 });
    expect(serviceFieldErrorParams(long, 'code')).toEqual({});
    expect(translate('en', 'setup.invalid.serviceNameTooLong', { max: 60, n: 65 })).toBe('The name is too long: at most 60 characters (now 65).');
    expect(translate('zh', 'setup.invalid.serviceNameTooLong', { max: 60, n: 65 })).toBe('名称太长：最多 60 个字（现在 65 个）。');
  });

  it('sends only what an edit changed, and nothing when nothing did', () => {
    expect(servicePatch(cash, serviceFormOf(cash))).toBeNull();
    expect(servicePatch(cash, { ...serviceFormOf(cash), nameEn: 'Cash and cards', targetMin: '12' })).toEqual({ name: { zh: '现金', en: 'Cash and cards' }, targetMin: 12 });
    expect(servicePatch(cash, { ...serviceFormOf(cash), documentsEn: 'ID card\nBank card' })).toEqual({ documents: { zh: ['身份证'], en: ['ID card', 'Bank card'] } });
  });
});

describe('counter labels', () => {
  it('are required, short, and unique in the branch (inactive ones included)', () => {
    expect(counterLabelProblem(' 5 ', [{ label: '1' }])).toBeNull();
    expect(counterLabelProblem('1', [{ label: '1' }])).toBe('setup.invalid.counterLabelTaken');
    expect(counterLabelProblem(' ', [])).toBe('setup.invalid.required');
    expect(counterLabelProblem('x'.repeat(21), [])).toBe('setup.invalid.tooLong');
    expect(counterLabelProblem('\u200B', [])).toBe('setup.invalid.chars');
    expect(counterLabelProblem('1\u202E2', [])).toBe('setup.invalid.chars');
  });
});

describe('opening hours', () => {
  it('offers 09:00-17:00 on a closed day, the afternoon after a morning, and nothing on a full day', () => {
    expect(nextInterval([])).toEqual({ open: '09:00', close: '17:00' });
    expect(nextInterval([{ open: '09:00', close: '12:00' }])).toEqual({ open: '13:00', close: '17:00' });
    expect(nextInterval([{ open: '09:00', close: '17:30' }])).toEqual({ open: '18:30', close: '19:30' });
    expect(nextInterval([{ open: '09:00', close: '22:00' }])).toBeNull();
    expect(nextInterval(Array.from({ length: 6 }, () => ({ open: '09:00', close: '10:00' })))).toBeNull();
  });

  it('finds half-typed times, backwards intervals and overlaps, day by day', () => {
    const hours = hoursFormOf({
      mon: [{ open: '09:00', close: '12:00' }, { open: '11:30', close: '17:00' }],
      tue: [{ open: '17:00', close: '09:00' }],
      wed: [{ open: '09:00', close: '' }],
      thu: [{ open: '13:00', close: '17:00' }, { open: '09:00', close: '12:00' }],
    });
    expect(hoursErrors(hours)).toEqual({ mon: 'setup.invalid.overlap', tue: 'setup.invalid.closeBeforeOpen', wed: 'setup.invalid.time' });
    // Every weekday is sent, each in time order; a day left empty is closed.
    expect(hoursBody(hours).thu).toEqual([{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }]);
    expect(hoursBody(hours).sun).toEqual([]);
  });
});

describe('the branch form', () => {
  const branch = { code: 'sh-pudong', nameZh: '浦东支行', nameEn: 'Pudong', timezone: 'Asia/Shanghai', addressZh: '', addressEn: '', pilot: false };
  it('checks the code only when creating, and the time zone against the browser’s zones', () => {
    expect(branchFormErrors(branch, true, ['demo'])).toEqual({});
    expect(branchFormErrors({ ...branch, code: 'SH Pudong' }, true, [])).toEqual({ code: 'branches.invalid.code' });
    expect(branchFormErrors({ ...branch, code: 'demo' }, true, ['demo'])).toEqual({ code: 'branches.invalid.codeTaken' });
    expect(branchFormErrors({ ...branch, code: 'demo' }, false, ['demo'])).toEqual({});
    expect(branchFormErrors({ ...branch, timezone: 'Mars/Olympus', nameEn: '' }, false, [])).toEqual({ timezone: 'branches.invalid.timezone', nameEn: 'setup.invalid.required' });
  });

  it('takes an address in either language or none; at most 200 plain characters', () => {
    expect(branchFormErrors({ ...branch, addressZh: ' 上海市浦东新区世纪大道 8 号 ', addressEn: '  ' }, false, [])).toEqual({});
    expect(branchFormErrors({ ...branch, addressZh: '路'.repeat(201), addressEn: 'Line 1\u0007' }, false, [])).toEqual({ addressZh: 'branches.invalid.addressTooLong', addressEn: 'setup.invalid.chars' });
  });

  it('says the limit and the count of an address that is too long (zh, en)', () => {
    const form = { ...branch, addressZh: ` ${'路'.repeat(201)} `, addressEn: 'x'.repeat(205) };
    const errors = branchFormErrors(form, false, []);
    const say = (lang: 'zh' | 'en', field: 'addressZh' | 'addressEn') => translate(lang, errors[field]!, branchFieldErrorParams(form, field));
    expect(say('zh', 'addressZh')).toBe('地址太长：最多 200 个字（现在 201 个）。');
    expect(say('en', 'addressZh')).toBe('The address is too long: at most 200 characters (now 201).');
    expect(say('en', 'addressEn')).toBe('The address is too long: at most 200 characters (now 205).');
    expect(branchFieldErrorParams(form, 'timezone')).toEqual({});
  });

  it('says the limit and the count of a branch name that is too long (zh, en), as it does an address', () => {
    const form = { ...branch, nameZh: '支'.repeat(300), nameEn: ` ${'N'.repeat(121)} ` };
    const errors = branchFormErrors(form, false, []);
    const say = (lang: 'zh' | 'en', field: 'nameZh' | 'nameEn') => translate(lang, errors[field]!, branchFieldErrorParams(form, field));
    expect(say('zh', 'nameZh')).toMatch(/^名称太长：最多 \d+ 个字（现在 300 个）。$/);
    expect(say('en', 'nameEn')).toMatch(/^The name is too long: at most \d+ characters \(now 121\)\.$/);
  });

  it('names an existing branch with the same Chinese or English name (a warning; not the branch being edited)', () => {
    const list = [
      { id: 'b1', code: 'sh-pudong', name: { zh: '浦东支行', en: 'Pudong Branch' } },
      { id: 'b2', code: 'demo', name: { zh: '示范支行', en: 'Demo' } },
    ];
    expect(sameNamedBranch({ nameZh: ' 浦东支行 ', nameEn: 'Other' }, list, null)).toBe('sh-pudong');
    expect(sameNamedBranch({ nameZh: '别的', nameEn: 'pudong  branch' }, list, null)).toBe('sh-pudong');
    expect(sameNamedBranch({ nameZh: '浦东支行', nameEn: 'Pudong Branch' }, list, 'b1')).toBeNull();
    expect(sameNamedBranch({ nameZh: '', nameEn: '' }, list, null)).toBeNull();
    expect(translate('zh', 'branches.warn.sameName', { code: 'sh-pudong' })).toContain('sh-pudong');
    expect(translate('en', 'branches.warn.sameName', { code: 'sh-pudong' })).toContain('sh-pudong');
  });
});

describe('refusals, worded from their details in both languages', () => {
  const say = (lang: 'zh' | 'en', code: string, details: Record<string, string | number | boolean> | null) => {
    const p = refusalPhrase({ code, details }, (k) => k in dictionaries[lang], 'setup');
    return translate(lang, p.key, p.params);
  };

  it('says how many customers a service still has', () => {
    expect(say('en', 'SERVICE_IN_USE', { serviceCode: 'E', waiting: 3, called: 0, serving: 0 })).toBe('3 customers are waiting for this service; deactivate it after they are served.');
    expect(say('zh', 'SERVICE_IN_USE', { serviceCode: 'E', waiting: 3, called: 0, serving: 0 })).toBe('还有 3 位客户在等候此业务，请在他们办理完毕后再停用。');
    expect(say('en', 'SERVICE_IN_USE', { serviceCode: 'E', waiting: 1, called: 0, serving: 0 })).toBe('1 customer is waiting for this service; deactivate it after they are served.');
    expect(say('en', 'SERVICE_IN_USE', { serviceCode: 'E', waiting: 0, called: 1, serving: 1 })).toBe('2 customers are at counters for this service; deactivate it after they are served.');
    expect(say('zh', 'SERVICE_IN_USE', { serviceCode: 'E', waiting: 2, called: 0, serving: 1 })).toBe('还有 2 位客户在等候、1 位正在柜台办理此业务，请在他们办理完毕后再停用。');
    // Details that do not read right: the sentence without numbers, never the server's English.
    expect(say('en', 'SERVICE_CODE_IN_USE', { serviceCode: 'A', waiting: 3, called: 0, serving: 0 })).toBe('3 customers are waiting for this service; change its code after they are served.');
    expect(say('zh', 'SERVICE_CODE_IN_USE', { serviceCode: 'A', waiting: 2, called: 1, serving: 0 })).toBe('还有 2 位客户在等候、1 位正在柜台办理此业务，请在他们办理完毕后再修改业务代码。');
    expect(conflictPhrase('SERVICE_IN_USE', { waiting: -1, called: 0, serving: 0 })).toEqual({ key: 'setup.error.SERVICE_IN_USE', params: {} });
  });

  it('says who sits at a counter, and words other codes by the screen, then the shared dictionary', () => {
    expect(say('en', 'COUNTER_IN_USE', { counterLabel: '1', staffName: 'Alice' })).toBe('Alice is signed on at counter 1; deactivate it after they sign off.');
    expect(say('zh', 'COUNTER_IN_USE', { counterLabel: 'VIP 1' })).toBe('有员工正在柜台“VIP 1”签到，请在其签退后再停用。');
    expect(say('en', 'LAST_ACTIVE_SERVICE', null)).toMatch(/only active service/);
    expect(say('zh', 'BUSY_RETRY', null)).toBe(dictionaries.zh['error.BUSY_RETRY']);
    expect(say('en', 'SOMETHING_NEW', null)).toBe(dictionaries.en['error.generic']);
  });
  it('taking a branch out of service: who is signed on, how many customers are in the queue (on the branches screen)', () => {
    const branches = (lang: 'zh' | 'en', code: string, details: Record<string, string | number | boolean> | null) => {
      const p = refusalPhrase({ code, details }, (k) => k in dictionaries[lang], 'branches');
      return translate(lang, p.key, p.params);
    };
    expect(branches('en', 'BRANCH_IN_USE', { count: 1, staffName: 'Alice' })).toBe("Alice is signed on at this branch's counters; take it out of service after they sign off.");
    expect(branches('zh', 'BRANCH_IN_USE', { count: 3, staffName: '王芳' })).toBe('王芳 等 3 人正在此网点的柜台签到，请在他们签退后再停用。');
    expect(branches('en', 'BRANCH_IN_USE', { count: 2 })).toBe("2 people are signed on at this branch's counters; take it out of service after they sign off.");
    expect(branches('zh', 'BRANCH_HAS_CUSTOMERS', { waiting: 2, called: 1, serving: 1 })).toBe('今天的队列中还有客户：2 位在等候，2 位在柜台。请在办理完毕后再停用。');
    expect(branches('en', 'BRANCH_HAS_CUSTOMERS', { waiting: 'x', called: 0, serving: 0 })).toBe("Today's queue still has customers; take the branch out of service after they are served.");
    expect(branches('zh', 'BRANCH_INACTIVE', null)).toBe(dictionaries.zh['error.BRANCH_INACTIVE']);
  });

  it('the take-out-of-service question: the bookings it cancels, from which day, in the branch\'s own calendar', () => {
    expect(deactivationPhrase(0, null, 'en')).toEqual({ key: 'branches.offDialog.noBookings', params: {} });
    const p = deactivationPhrase(3, '2026-03-03', 'en');
    expect(translate('en', p.key, p.params)).toBe('It has 3 booked visits to come (the first on Tue 3 Mar). They will all be cancelled and each customer told.');
    const one = deactivationPhrase(1, '2026-03-03', 'zh');
    expect(translate('zh', one.key, one.params)).toMatch(/^此网点有 1 个待到访的预约（3月3日周二）。停用后将取消，并通知该客户。$/);
  });

  it('lists branches in service first, then those taken out of it, each by code', () => {
    const b = (code: string, active: boolean) => ({ code, active });
    expect(branchOrder([b('demo', false), b('zz', true), b('aa', false), b('bj', true)]).map((x) => x.code)).toEqual(['bj', 'zz', 'aa', 'demo']);
  });
});

describe('the early window in words', () => {
  const say = (lang: 'zh' | 'en', p: { key: string; params: Record<string, string | number> }) => translate(lang, p.key, p.params);
  it('0 minutes reads "from opening time", other values "N minutes before opening" (zh/en)', () => {
    expect(say('zh', earlyWindowPhrase(0))).toBe('现在：开门时起取号。');
    expect(say('en', earlyWindowPhrase(0))).toBe('Now: the kiosk issues tickets from opening time.');
    expect(say('zh', earlyWindowPhrase(0, true))).toBe('已保存：开门时起取号。');
    expect(say('en', earlyWindowPhrase(0, true))).toBe('Saved: the kiosk issues tickets from opening time.');
    expect(say('zh', earlyWindowPhrase(45))).toBe('现在：开门前 45 分钟起取号。');
    expect(say('en', earlyWindowPhrase(45, true))).toBe('Saved: the kiosk issues tickets from 45 minutes before opening.');
  });
});

describe('opening a branch to customers', () => {
  const item = (check: string, status: 'ok' | 'warning' | 'missing') => ({ check, status, text: { zh: check, en: check }, fix: '/staff/setup' }) as never;
  it('asks about the readiness items that keep it from going live, not the warnings', () => {
    const items = [item('services', 'ok'), item('staff', 'missing'), item('devices', 'warning'), item('address', 'missing')];
    expect(unmetItems({ items }).map((i) => i.check)).toEqual(['staff', 'address']);
    expect(unmetItems({ items: [item('services', 'ok'), item('devices', 'warning')] })).toEqual([]);
  });
});
