import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.js';
import { dictionaries } from '../i18n/messages/index.js';
import { codeOf, detailsOf, errorKey, errorMessage, type ErrorDetails } from './staff-errors.js';

const known = (key: string) => key in dictionaries.zh;

describe('error messages', () => {
  it('prefers the shared dictionary, then the panel’s own, then a generic sentence', () => {
    expect(errorKey('NO_TICKET_WAITING', known)).toBe('error.NO_TICKET_WAITING');
    expect(errorKey('UNKNOWN_COUNTER', known)).toBe('staff.error.UNKNOWN_COUNTER');
    expect(errorKey('SOMETHING_NEW', known)).toBe('error.generic');
  });

  it('a screen\'s own sentence comes first, when it has one for the code', () => {
    expect(errorKey('FORBIDDEN', known, 'simulation')).toBe('simulation.error.FORBIDDEN');
    expect(errorKey('CLOSED_THAT_DAY', known, 'simulation')).toBe('simulation.error.CLOSED_THAT_DAY');
    expect(errorKey('RATE_LIMITED', known, 'simulation')).toBe(errorKey('RATE_LIMITED', known));
  });

  it('has a sentence for every code a staff command can be refused with', () => {
    for (const code of ['NO_TICKET_WAITING', 'HELD_FOR_APPOINTMENT', 'LEFT_TO_COLLEAGUE', 'STAFF_BUSY', 'STAFF_PAUSED', 'COUNTER_TAKEN', 'NOT_SKILLED', 'TICKET_NOT_WAITING', 'TICKET_NOT_CALLED', 'TICKET_NOT_SERVING', 'TICKET_NOT_YOURS', 'UNKNOWN_TICKET', 'INVALID_TRANSFER', 'COUNTER_UNSTAFFED', 'UNKNOWN_SERVICE', 'UNKNOWN_COUNTER', 'STAFF_NOT_SIGNED_ON', 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'SESSION_EXPIRED', 'COUNTER_NOT_SKILLED', 'COUNTER_PAUSED', 'PRIORITY_NOT_RAISED', 'TEMPORARILY_UNAVAILABLE', 'TEXT_TOO_LONG', 'PAYLOAD_TOO_LARGE']) {
      expect(errorKey(code, known), code).not.toBe('error.generic');
    }
  });

  it('says a text is too long with its limit, in both languages, and without one when the details are odd', () => {
    const say = (lang: 'zh' | 'en', d: ErrorDetails | null) => {
      const { key, params } = errorMessage('TEXT_TOO_LONG', d, known);
      return translate(lang, key, params);
    };
    expect(say('zh', { field: 'reason', max: 200 })).toBe('文字太长：最多 200 个字，请缩短后重试。');
    expect(say('en', { field: 'reason', max: 200 })).toBe('The text is too long: at most 200 characters. Please shorten it and try again.');
    for (const odd of [null, { max: '200' }, { max: -1 }, { max: 2.5 }]) expect(say('en', odd as ErrorDetails | null)).toBe('The text is too long. Please shorten it and try again.');
  });

  it('reads the code from socket rejections and fetch failures alike', () => {
    expect(codeOf({ code: 'STAFF_BUSY', message: 'x' })).toBe('STAFF_BUSY');
    expect(codeOf(Object.assign(new Error('x'), { code: 'RATE_LIMITED' }))).toBe('RATE_LIMITED');
    expect(codeOf(new Error('boom'))).toBe('INTERNAL');
  });

  it('words "stay free for an appointment" from the refusal details, in both languages', () => {
    const details = { serviceId: 'svc-b', serviceCode: 'B', appointmentAt: 1_772_420_400_000, minutes: 8 };
    const say = (lang: 'zh' | 'en', d: ErrorDetails | null) => {
      const { key, params } = errorMessage('HELD_FOR_APPOINTMENT', d, known);
      return translate(lang, key, params);
    };
    expect(say('zh', details)).toBe('请保持空闲：8 分钟后有 B 业务预约客户需要您办理。');
    expect(say('en', details)).toBe('Please stay free: a B appointment in 8 min needs you.');
    expect(say('zh', { ...details, minutes: 0 })).toBe('请保持空闲：B 业务预约客户已到预约时间，需要您办理。');
    expect(say('en', { ...details, minutes: 0 })).toBe('Please stay free: a B appointment is due now and needs you.');
    // Missing or odd details still give a sentence, never "{service}" or markup.
    const odds: (ErrorDetails | null)[] = [null, {}, { serviceCode: '<b>', minutes: 3 }, { serviceCode: 'B', minutes: -1 }, { serviceCode: 'B', minutes: '8' }];
    for (const odd of odds) {
      for (const lang of ['zh', 'en'] as const) {
        const text = say(lang, odd);
        expect(text).not.toMatch(/[{}<]/);
        expect(text).toBe(translate(lang, 'staff.error.HELD_FOR_APPOINTMENT.noDetails'));
      }
    }
    // Other codes keep their plain sentences.
    expect(errorMessage('NO_TICKET_WAITING', details, known)).toEqual({ key: 'error.NO_TICKET_WAITING', params: {} });
  });

  it('words "left to a faster colleague" from the ticket number and service, in both languages', () => {
    const say = (lang: 'zh' | 'en', d: ErrorDetails | null) => {
      const { key, params } = errorMessage('LEFT_TO_COLLEAGUE', d, known);
      return translate(lang, key, params);
    };
    expect(say('zh', { ticketNumber: 'A003', serviceCode: 'A' })).toBe('A003 留给更擅长 A 业务的空闲同事办理。如对方不在座位，可按号码呼叫。');
    expect(say('en', { ticketNumber: 'A003', serviceCode: 'A' })).toBe('A003 is left to a free colleague who is faster at A. If they are away from their desk, call it by number.');
    const odds: (ErrorDetails | null)[] = [null, {}, { ticketNumber: '<i>', serviceCode: 'A' }, { ticketNumber: 'A003' }];
    for (const odd of odds) {
      expect(say('en', odd)).toBe(translate('en', 'staff.error.LEFT_TO_COLLEAGUE.noDetails'));
    }
  });

  it('words a transfer refused for the colleague at the counter with their name and the service, never an id', () => {
    // What the panel knows: names from its snapshot, service names from the branch, in its language.
    const names = (lang: 'zh' | 'en') => ({
      staff: (id: string) => (id === 'staff-chen-7f3a' ? 'Chen' : null),
      service: (code: string) => (code === 'A' ? (lang === 'zh' ? '个人现金业务' : 'Personal cash') : null),
    });
    const say = (lang: 'zh' | 'en', code: string, d: ErrorDetails | null) => {
      const { key, params } = errorMessage(code, d, known, names(lang));
      return translate(lang, key, params);
    };
    const details = { counterLabel: '3', staffId: 'staff-chen-7f3a', serviceCode: 'A' };
    expect(say('en', 'COUNTER_NOT_SKILLED', details)).toBe(
      'Chen at counter 3 cannot serve Personal cash: nobody would call the customer there. Choose another counter, or also move them to a service Chen serves.',
    );
    expect(say('zh', 'COUNTER_NOT_SKILLED', details)).toBe('Chen（3 号柜台）不能办理“个人现金业务”，客户转过去将无人叫号。请选择其他柜台，或同时转至对方能办理的业务。');
    expect(say('en', 'COUNTER_PAUSED', { counterLabel: '2', staffId: 'staff-chen-7f3a' })).toBe('Chen at counter 2 is paused: nobody would call the customer there. Choose another counter, or any counter.');
    expect(say('zh', 'COUNTER_PAUSED', { counterLabel: '2', staffId: 'staff-chen-7f3a' })).toBe('Chen（2 号柜台）正在暂停，客户转过去将无人叫号。请选择其他柜台，或不指定柜台。');
    // A colleague the panel cannot name (signed off meanwhile): a sentence without names, and no id.
    for (const lang of ['zh', 'en'] as const) {
      for (const odd of [null, {}, { ...details, staffId: 'staff-gone-1' }, { counterLabel: 3, staffId: 'staff-chen-7f3a' }]) {
        const text = say(lang, 'COUNTER_NOT_SKILLED', odd as ErrorDetails | null);
        expect(text).toBe(translate(lang, 'staff.error.COUNTER_NOT_SKILLED.noDetails'));
        expect(text).not.toMatch(/[{}]|staff-/);
      }
    }
  });

  it('reads the details from socket rejections and fetch failures alike', () => {
    const details = { serviceCode: 'B', minutes: 8 };
    expect(detailsOf({ code: 'HELD_FOR_APPOINTMENT', message: 'x', details })).toEqual(details);
    expect(detailsOf(Object.assign(new Error('x'), { code: 'HELD_FOR_APPOINTMENT', details }))).toEqual(details);
    expect(detailsOf({ code: 'STAFF_BUSY', message: 'x' })).toBeNull();
    expect(detailsOf({ code: 'X', details: ['a'] })).toBeNull();
    expect(detailsOf(null)).toBeNull();
  });
});
