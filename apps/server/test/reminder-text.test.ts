/**
 * What an appointment reminder says, in both languages: when, where, what to bring, how to
 * change it, and for a visit to the branch, to come a few minutes early (most booked customers
 * called late in the simulator had checked in after their time).
 */
import { describe, expect, it } from 'vitest';
import { reminderText } from '../src/usecases/booking-notifier.js';
import type { AppointmentReminder } from '../src/usecases/booking-ports.js';

function reminder(over: Partial<AppointmentReminder['appointment']> = {}, kind: AppointmentReminder['kind'] = '1h'): AppointmentReminder {
  return {
    kind,
    appointment: { id: 'a1', code: 'K7Q2', startsAt: 0, endsAt: 0, channel: 'branch', joinUrl: null, manageToken: 'tok', version: 0, ...over },
    branch: { name: { zh: '人民路支行', en: 'Renmin Road' }, timezone: 'Asia/Shanghai' },
    service: { name: { zh: '贷款', en: 'Loans' }, documents: { zh: ['身份证'], en: ['ID card'] } },
    localDate: '2026-12-01',
    localTime: '10:30',
    customer: { id: 'c1', name: null, phone: null, email: 'li@bank.example', language: 'en' },
  };
}

describe('appointment reminder text', () => {
  it('asks a customer coming to the branch to arrive a few minutes early, with the booking code, in English and Chinese', () => {
    const en = reminderText(reminder(), 'en', 'https://bank.example/m/tok');
    expect(en.title).toBe('Your appointment is at 10:30');
    expect(en.body).toContain('Loans at Renmin Road, today at 10:30.');
    expect(en.body).toContain('Please arrive a few minutes early and enter booking code K7Q2 at the kiosk');
    expect(en.body).toContain('Please bring: ID card.');
    expect(en.body).toContain('Change or cancel: https://bank.example/m/tok');
    const zh = reminderText(reminder(), 'zh', 'https://bank.example/m/tok');
    expect(zh.title).toBe('您的预约在 10:30');
    expect(zh.body).toContain('请提前几分钟到达，到店后在取号机输入预约码 K7Q2');
    expect(zh.body).toContain('请携带：身份证。');
  });

  it('does not ask a video or phone customer to come in', () => {
    for (const lang of ['en', 'zh'] as const) {
      const video = reminderText(reminder({ channel: 'video', joinUrl: 'https://meet.bank.example/r1' }), lang, 'u').body;
      const phone = reminderText(reminder({ channel: 'phone' }), lang, 'u').body;
      for (const body of [video, phone]) {
        expect(body).not.toMatch(/arrive|kiosk|到达|取号机/);
      }
      expect(video).toContain('https://meet.bank.example/r1');
    }
  });

  it('the day before, names the date', () => {
    expect(reminderText(reminder({}, '24h'), 'en', 'u').title).toBe('Reminder: your appointment 2026-12-01 at 10:30');
    expect(reminderText(reminder({}, '24h'), 'zh', 'u').title).toBe('预约提醒：2026-12-01 10:30');
  });
});
