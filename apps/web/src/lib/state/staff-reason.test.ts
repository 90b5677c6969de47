import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.js';
import { callFor, formatProficiency, manualNote, reasonPhrases, type CallRecord } from './staff-reason.js';

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

  it('says when the line was called for someone behind who is close to the target', () => {
    expect(zh(call({ waitedMin: 25, behindNumber: 'A015' }))).toBe('已等候 25 分钟，目标 10 分钟；超出目标 15 分钟；您的 A 类业务熟练度 1.0；后面的 A015 即将超出目标');
    const en = reasonPhrases(call({ waitedMin: 25, behindNumber: 'A015' }), 'A').map((p) => translate('en', p.key, p.params));
    expect(en.at(-1)).toBe('A015 behind is close to the target');
  });

  it('says all the English sentence says: the slot time, the usual length, who was left to a colleague, the kept slot', () => {
    const c = call({ rule: 'appointment', waitedMin: 1, slotInMin: 5, typicalMin: 6, leftTo: { number: 'B003', serviceCode: 'B' }, holdFor: { serviceCode: 'C', inMin: 12 } });
    expect(zh(c, { priority: 'normal', appointmentAt: 5 })).toBe(
      '预约客户，5 分钟后到预约时间；已等候 1 分钟，目标 10 分钟；您的 A 类业务熟练度 1.0；A 类业务通常需 6 分钟；B003 留给更擅长 B 业务的空闲同事；为 12 分钟后的 C 类预约留出时间',
    );
    expect(zh(call({ rule: 'appointment', waitedMin: 9, slotInMin: -3 }))).toMatch(/^预约客户，预约时间已过 3 分钟；/);
    expect(zh(call({ rule: 'appointment', waitedMin: 9, slotInMin: 0 }))).toMatch(/^预约客户，现在正是预约时间；/);
    const en = reasonPhrases(c, 'A').map((p) => translate('en', p.key, p.params));
    expect(en).toContain('appointment in 5 min');
    expect(en).toContain('keeps you free for the C appointment in 12 min');
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

describe('the reason of the current call', () => {
  const snapReason = (over: Partial<NonNullable<Parameters<typeof callFor>[0]['callReason']>> = {}) => ({
    text: 'waited 6 min, target 10; your skill: A 1.0',
    waitedMin: 6,
    targetMin: 10,
    proficiency: 1,
    score: 0.6,
    rule: 'urgency',
    ...over,
  });

  it('comes from the snapshot, whichever device made the call (or after a reload)', () => {
    const got = callFor({ id: 't1', number: 'A001', callReason: snapReason() }, null);
    expect(got).toMatchObject({ ticketId: 't1', number: 'A001', reason: { waitedMin: 6, rule: 'urgency' } });
    expect(got?.note).toBeUndefined();
  });

  it('prefers the snapshot over this panel’s reply, and falls back to the reply while the snapshot has none', () => {
    const last = call({ waitedMin: 14.2 });
    expect(callFor({ id: 't1', number: 'A001', callReason: snapReason() }, last)?.reason.waitedMin).toBe(6);
    expect(callFor({ id: 't1', number: 'A001', callReason: null }, last)).toBe(last);
    // A reply about another ticket says nothing about this one.
    expect(callFor({ id: 't9', number: 'A009', callReason: null }, last)).toBeNull();
  });

  it('reads the typed note of a manual call back from the server’s sentence', () => {
    const manual = snapReason({ rule: 'manual', text: 'called out of order: needs cash now; waited 2 min, target 10; your skill: A 1.0' });
    expect(callFor({ id: 't1', number: 'A001', callReason: manual }, null)?.note).toBe('needs cash now');
    expect(zh(callFor({ id: 't1', number: 'A001', callReason: manual }, null)!)).toMatch(/^人工指定叫号：needs cash now；/);
  });
});

describe('manual notes', () => {
  it('takes everything between the prefix and the engine’s own "; waited"', () => {
    expect(manualNote('called out of order: help; waited here; waited 2 min, target 10; your skill: A 1.0')).toBe('help; waited here');
    expect(manualNote('called out of order; waited 2 min, target 10; your skill: A 1.0')).toBeUndefined();
    expect(manualNote('waited 2 min, target 10; your skill: A 1.0')).toBeUndefined();
  });
});
