/**
 * What an appointment notice says, in both languages: the confirmation of a booking, a move or a
 * cancel, and the reminders: when, where, what to bring, and for a visit to the branch, to come a
 * few minutes early (most booked customers called late in the simulator had checked in after
 * their time). The manage link travels once per channel: after an SMS's text, as an e-mail's link.
 */
import { createEmailChannel, createLoggingSmsProvider, createSmsChannel, renderSms } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { createChannelNotifier, dayText, reminderText } from '../src/usecases/booking-notifier.js';
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
  it('asks a customer coming to the branch to arrive a few minutes early, with the check-in code, in English and Chinese', () => {
    const en = reminderText(reminder(), 'en');
    expect(en.title).toBe('Your appointment is at 10:30');
    expect(en.body).toContain('Reminder: Loans at Renmin Road, today at 10:30.');
    expect(en.body).toContain('Please arrive a few minutes early and enter check-in code K7Q2 at the kiosk');
    expect(en.body).toContain('Please bring: ID card.');
    const zh = reminderText(reminder(), 'zh');
    expect(zh.title).toBe('您的预约在 10:30');
    expect(zh.body).toContain('请提前几分钟到达，到店后在取号机输入签到码 K7Q2');
    expect(zh.body).toContain('请携带：身份证。');
  });

  it('tells a customer coming to the branch where it is, in their language or else the other; no address, no label', () => {
    const at = (address: AppointmentReminder['branch']['address'], kind: AppointmentReminder['kind'] = 'booked', over: Partial<AppointmentReminder['appointment']> = {}) => {
      const r = reminder(over, kind);
      return { ...r, branch: { ...r.branch, address } };
    };
    const both = { zh: '北京市西城区金融大街 1 号', en: '1 Financial Street, Xicheng District, Beijing' };
    for (const kind of ['booked', 'moved', '24h', '1h'] as const) {
      expect(reminderText(at(both, kind), 'en').body).toContain('Address: 1 Financial Street, Xicheng District, Beijing. Please arrive');
      expect(reminderText(at(both, kind), 'zh').body).toContain('地址：北京市西城区金融大街 1 号。请提前几分钟到达');
    }
    expect(reminderText(at({ zh: '北京市西城区金融大街 1 号', en: null }), 'en').body).toContain('Address: 北京市西城区金融大街 1 号.');
    expect(reminderText(at({ zh: null, en: '1 Financial Street' }), 'zh').body).toContain('地址：1 Financial Street。');
    for (const address of [undefined, { zh: null, en: null }]) {
      expect(reminderText(at(address), 'en').body).not.toContain('Address');
      expect(reminderText(at(address), 'zh').body).not.toContain('地址');
    }
    // Not where a video or phone appointment happens, nor in a cancellation.
    expect(reminderText(at(both, 'booked', { channel: 'phone' }), 'en').body).not.toContain('Address');
    expect(reminderText(at(both, 'cancelled'), 'zh').body).not.toContain('地址');
  });

  it('tells the contact on file that a booking tried with it was not made, naming the booking they keep, in both languages', () => {
    const en = reminderText(reminder({}, 'already-booked'), 'en');
    expect(en.title).toBe('You already have an appointment: Tue 1 Dec 2026 at 10:30');
    expect(en.body).toMatch(/^Not booked: a booking just tried with your contact details overlaps your Loans appointment at Renmin Road, Tue 1 Dec 2026 at 10:30, which stays as it is\./);
    expect(en.body).toContain('check-in code K7Q2');
    expect(en.body).toContain('if this was not you, there is nothing to do.');
    const zh = reminderText(reminder({}, 'already-booked'), 'zh');
    expect(zh.title).toBe('您已有预约：12月1日（周二）10:30');
    expect(zh.body).toContain('因与您12月1日（周二）10:30在人民路支行办理贷款的预约时间重叠，未予预约。您的预约不变');
    expect(zh.body).toContain('如非本人操作，无需处理。');
  });

  it('tells the contact on file that a booking tried with it was refused at the booking limit, naming their next booking, in both languages', () => {
    const en = reminderText(reminder({}, 'booking-limit'), 'en');
    expect(en.title).toBe('Not booked: you have the most bookings allowed');
    expect(en.body).toMatch(/^Not booked: a booking just tried with your contact details was refused, as you already have the most bookings allowed; those stay as they are\. Your next one: Loans at Renmin Road, Tue 1 Dec 2026 at 10:30\./);
    expect(en.body).toContain('check-in code K7Q2');
    expect(en.body).toContain('if this was not you, there is nothing to do.');
    const zh = reminderText(reminder({}, 'booking-limit'), 'zh');
    expect(zh.title).toBe('未予预约：您的预约数已达上限');
    expect(zh.body).toContain('因您的预约数已达上限，未予预约。您已有的预约不变。您的下一个预约：12月1日（周二）10:30在人民路支行办理贷款');
    expect(zh.body).toContain('如非本人操作，无需处理。');
  });

  it('does not ask a video or phone customer to come in', () => {
    for (const lang of ['en', 'zh'] as const) {
      const video = reminderText(reminder({ channel: 'video', joinUrl: 'https://meet.bank.example/r1' }), lang).body;
      const phone = reminderText(reminder({ channel: 'phone' }), lang).body;
      for (const body of [video, phone]) {
        expect(body).not.toMatch(/arrive|kiosk|到达|取号机/);
      }
      expect(video).toContain('https://meet.bank.example/r1');
    }
  });

  it('names the weekday with the date, the way people say it', () => {
    expect(dayText('2026-11-30', 'zh')).toBe('11月30日（周一）');
    expect(dayText('2026-11-30', 'en')).toBe('Mon 30 Nov 2026');
    expect(dayText('2027-01-03', 'zh')).toBe('1月3日（周日）');
    expect(dayText('2027-01-03', 'en')).toBe('Sun 3 Jan 2027');
    expect(reminderText(reminder({}, '24h'), 'zh').body).toContain('12月1日（周二）10:30');
  });

  it('the day before, names the date', () => {
    expect(reminderText(reminder({}, '24h'), 'en').title).toBe('Reminder: your appointment Tue 1 Dec 2026 at 10:30');
    expect(reminderText(reminder({}, '24h'), 'zh').title).toBe('预约提醒：12月1日（周二）10:30');
  });

  it('confirms a booking, a move and a cancel with the date, in English and Chinese', () => {
    expect(reminderText(reminder({}, 'booked'), 'en')).toEqual({
      title: 'Booked: your appointment Tue 1 Dec 2026 at 10:30',
      body: 'Booked: Loans at Renmin Road, Tue 1 Dec 2026 at 10:30. Please arrive a few minutes early and enter check-in code K7Q2 at the kiosk: we call booked customers at their time. Please bring: ID card.',
    });
    expect(reminderText(reminder({}, 'booked'), 'zh').body).toBe('您已预约12月1日（周二）10:30在人民路支行办理贷款，请提前几分钟到达，到店后在取号机输入签到码 K7Q2，我们会在预约时间叫号。请携带：身份证。');
    expect(reminderText(reminder({}, 'moved'), 'en').title).toBe('Moved: your appointment is now Tue 1 Dec 2026 at 10:30');
    expect(reminderText(reminder({}, 'moved'), 'en').body).toMatch(/^Moved: Loans at Renmin Road, now Tue 1 Dec 2026 at 10:30\. /);
    expect(reminderText(reminder({}, 'moved'), 'zh').title).toBe('预约已改期：12月1日（周二）10:30');
    expect(reminderText(reminder({}, 'cancelled'), 'en')).toEqual({ title: 'Cancelled: your appointment Tue 1 Dec 2026 at 10:30', body: 'Your Loans appointment at Renmin Road, Tue 1 Dec 2026 at 10:30, is cancelled. You are welcome to book again.' });
    expect(reminderText(reminder({}, 'cancelled'), 'zh').body).toBe('您12月1日（周二）10:30在人民路支行办理贷款的预约已取消。欢迎再次预约。');
  });

  it('sends the manage link once in a text message, and as a booking link in an e-mail', async () => {
    const sms = createLoggingSmsProvider(() => {});
    const sent: { text: string; html: string }[] = [];
    const email = createEmailChannel({ from: 'notices@bank.example', transport: { sendMail: async (m: { text: string; html: string }) => (sent.push(m), { messageId: 'm1' }) } as never });
    const notifier = createChannelNotifier({ email, sms: createSmsChannel(sms), manageUrl: (t) => `https://bank.example/a/${t}` });
    const r = reminder({}, 'booked');
    r.customer = { ...r.customer, phone: '+86 138 0000 1111' };
    expect(await notifier.remind(r)).toBe('sent');
    const text = sms.outbox[0]!.text;
    expect(text.split('https://bank.example/a/tok')).toHaveLength(2);
    expect(text).toBe(renderSms(reminderText(r, 'en'), 'https://bank.example/a/tok'));
    expect(sent[0]!.text).toContain('See, change or cancel your booking: https://bank.example/a/tok');
    expect(sent[0]!.text).toContain('because you booked a visit with us');
    expect(sent[0]!.text).not.toContain('place in the queue');
  });
});
