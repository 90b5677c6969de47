import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.js';
import { formatProficiency, reasonPhrases, type CallRecord } from './staff-reason.js';

const call = (over: Partial<CallRecord['reason']> = {}, note?: string): CallRecord => ({
  ticketId: 't1',
  number: 'A001',
  reason: { text: 'waited 14 min, target 10; your skill: A 1.0', waitedMin: 14.2, targetMin: 10, proficiency: 1, rule: 'urgency', ...over },
  ...(note ? { note } : {}),
});

const zh = (c: CallRecord, ticket?: Parameters<typeof reasonPhrases>[2]) =>
  reasonPhrases(c, 'A', ticket)
    .map((p) => translate('zh', p.key, p.params))
    .join('；');

describe('why this customer, in Chinese', () => {
  it('says the wait against the target, how far over, and the skill', () => {
    expect(zh(call())).toBe('已等候 14 分钟，目标 10 分钟；超出目标 4 分钟；您的 A 类业务熟练度 1.0');
  });

  it('does not claim "over" within the target', () => {
    expect(zh(call({ waitedMin: 3.4, proficiency: 0.6 }))).toBe('已等候 3 分钟，目标 10 分钟；您的 A 类业务熟练度 0.6');
  });

  it('names manual calls with the typed note, transfers, priority and appointments', () => {
    expect(zh(call({ rule: 'manual', waitedMin: 1 }, '客户需要协助'))).toMatch(/^人工指定叫号：客户需要协助；/);
    expect(zh(call({ rule: 'reserved', waitedMin: 1 }))).toMatch(/^转至您柜台的客户；/);
    expect(zh(call({ rule: 'priority', waitedMin: 1 }), { priority: 'vip', appointmentAt: null })).toMatch(/^VIP 客户；/);
    expect(zh(call({ rule: 'appointment', waitedMin: 1 }), { priority: 'normal', appointmentAt: 5 })).toMatch(/^预约客户；/);
  });

  it('has the same phrases in English', () => {
    const en = reasonPhrases(call(), 'A').map((p) => translate('en', p.key, p.params));
    expect(en.join('; ')).toBe('waited 14 min, target 10; 4 min over target; your skill: A 1.0');
  });
});

describe('proficiency', () => {
  it('prints like the server: one decimal when enough, else two', () => {
    expect(formatProficiency(1)).toBe('1.0');
    expect(formatProficiency(0.7)).toBe('0.7');
    expect(formatProficiency(0.75)).toBe('0.75');
  });
});
