import type { Lang } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { AppointmentNotifier, AppointmentReminder } from './booking-ports.js';
import { maskPhone } from './booking-views.js';

/**
 * One notification channel as packages/notify defines it (`NotificationChannel<string>`), typed
 * structurally here so use cases do not import the adapter package: compose.ts passes the
 * installation's e-mail and SMS channels in.
 */
export interface ReminderChannel {
  send(message: { to: string; lang: Lang; title: string; body: string; url?: string; urgency: 'normal' | 'high'; ttlSec: number; tag?: string }): Promise<{ status: string }>;
}

/** Where the customer manages the booking (the booking page's manage screen). */
export type ManageUrl = (manageToken: string) => string;

/**
 * The reminder's words. An in-branch visit asks the customer to come a few minutes early: the
 * routing keeps a colleague free for the booked time, but not for long after it, and in the
 * simulator over half of the booked customers called late had checked in after their time
 * (packages/simulator/README.md, "Where the late calls come from").
 */
export function reminderText(r: AppointmentReminder, lang: Lang, manageUrl: string): { title: string; body: string } {
  const { appointment: a, localDate, localTime } = r;
  const service = r.service.name[lang];
  const branch = r.branch.name[lang];
  const docs = r.service.documents[lang];
  if (lang === 'zh') {
    const when = r.kind === '24h' ? `${localDate} ${localTime}` : `今天 ${localTime}`;
    const how =
      a.channel === 'video' ? `视频办理${a.joinUrl ? `，链接：${a.joinUrl}` : '，工作人员会把链接发给您'}。` : a.channel === 'phone' ? '电话办理，工作人员会按时给您打电话。' : `请提前几分钟到达，到店后在取号机输入预约码 ${a.code}，我们会在预约时间叫号。`;
    return {
      title: r.kind === '24h' ? `预约提醒：${when}` : `您的预约在 ${localTime}`,
      body: [`您预约了${when}在${branch}办理${service}，${how}`, docs.length ? `请携带：${docs.join('、')}。` : '', `改期或取消：${manageUrl}`].filter(Boolean).join(''),
    };
  }
  const when = r.kind === '24h' ? `${localDate} at ${localTime}` : `today at ${localTime}`;
  const how =
    a.channel === 'video'
      ? `By video${a.joinUrl ? `: ${a.joinUrl}` : '; we will send you the link'}.`
      : a.channel === 'phone'
        ? 'By phone: we will call you at that time.'
        : `Please arrive a few minutes early and enter booking code ${a.code} at the kiosk: we call booked customers at their time.`;
  return {
    title: r.kind === '24h' ? `Reminder: your appointment ${when}` : `Your appointment is at ${localTime}`,
    body: [`${service} at ${branch}, ${when}. ${how}`, docs.length ? ` Please bring: ${docs.join(', ')}.` : '', ` Change or cancel: ${manageUrl}`].join(''),
  };
}

/**
 * Reminders by e-mail and SMS through the installation's channels (either may be absent). A
 * reminder goes to every address the customer gave that has a channel.
 */
export function createChannelNotifier(deps: { email: ReminderChannel | null; sms: ReminderChannel | null; manageUrl: ManageUrl }): AppointmentNotifier {
  return {
    async remind(r) {
      const lang = r.customer.language;
      const url = deps.manageUrl(r.appointment.manageToken);
      const { title, body } = reminderText(r, lang, url);
      const message = { lang, title, body, url, urgency: r.kind === '1h' ? ('high' as const) : ('normal' as const), ttlSec: r.kind === '1h' ? 3_600 : 12 * 3_600, tag: `appointment-${r.appointment.id}` };
      const sends: Promise<{ status: string }>[] = [];
      if (deps.email && r.customer.email) sends.push(deps.email.send({ ...message, to: r.customer.email }));
      if (deps.sms && r.customer.phone) sends.push(deps.sms.send({ ...message, to: r.customer.phone }));
      if (sends.length === 0) return 'no-contact';
      const results = (await Promise.all(sends)).map((x) => x.status);
      if (results.includes('sent')) return 'sent';
      if (results.includes('retry')) throw new Error(`reminder for appointment ${r.appointment.id}: ${results.join(', ')}`);
      return 'failed';
    },
  };
}

/** Writes reminders to the log (no channel configured); addresses masked. */
export function createLoggingNotifier(logger: Logger, manageUrl: ManageUrl): AppointmentNotifier {
  return {
    async remind(r) {
      const to = [r.customer.email ? `email:${r.customer.email.slice(0, 1)}•••` : null, r.customer.phone ? `sms:${maskPhone(r.customer.phone)}` : null].filter(Boolean);
      if (to.length === 0) return 'no-contact';
      const text = reminderText(r, r.customer.language, manageUrl(r.appointment.manageToken));
      logger.info({ appointmentId: r.appointment.id, kind: r.kind, to, title: text.title }, 'appointment reminder (logged, not sent)');
      return 'sent';
    },
  };
}
