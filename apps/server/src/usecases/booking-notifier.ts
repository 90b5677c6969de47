import { addressIn } from '@tellerline/contracts';
import type { Lang } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { AppointmentNotifier, AppointmentReminder } from './booking-ports.js';
import { maskPhone } from '@tellerline/contracts/input-rules';

/**
 * One notification channel as packages/notify defines it (`NotificationChannel<string>`), typed
 * structurally here so use cases do not import the adapter package: compose.ts passes the
 * installation's e-mail and SMS channels in.
 */
export interface ReminderChannel {
  send(message: { to: string; lang: Lang; title: string; body: string; url?: string; urgency: 'normal' | 'high'; ttlSec: number; tag?: string; about?: 'booking' }): Promise<{ status: string }>;
}

/** Where the customer manages the booking (the booking page's manage screen). */
export type ManageUrl = (manageToken: string) => string;

/**
 * The words of an appointment notice: the confirmation of a booking, a move or a cancel, and the
 * reminders 24 h and 1 h before. The manage link is not in the body: each channel carries it
 * (SMS after the text, e-mail as a link). An in-branch visit asks the customer to come a few
 * minutes early: the routing keeps a colleague free for the booked time, but not for long after
 * it, and in the simulator over half of the booked customers called late had checked in after
 * their time (packages/simulator/README.md, "Where the late calls come from").
 */
export function reminderText(r: AppointmentReminder, lang: Lang): { title: string; body: string } {
  return lang === 'zh' ? zhText(r) : enText(r);
}

const ZH_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The branch's calendar date with its weekday, the way people say it ("12月1日（周二）",
 * "Tue 1 Dec 2026"): a bare "2026-12-01" makes the reader work out which day that is. The date
 * is already local to the branch, so its weekday is the same in any zone (computed in UTC).
 */
export function dayText(localDate: string, lang: Lang): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return localDate;
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return lang === 'zh' ? `${m}月${d}日（${ZH_WEEKDAYS[weekday]}）` : `${EN_WEEKDAYS[weekday]} ${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** The code the customer types at the kiosk to check in: the same name on every screen and notice. */
const CODE_NAME = { zh: '签到码', en: 'check-in code' } as const;

function zhText(r: AppointmentReminder): { title: string; body: string } {
  const { appointment: a, localDate, localTime } = r;
  const service = r.service.name.zh;
  const branch = r.branch.name.zh;
  const date = `${dayText(localDate, 'zh')}${localTime}`;
  if (r.kind === 'cancelled' && r.appointment.cancelledBy === 'branch' && r.branch.active === false) {
    return { title: `网点已取消您的预约：${date}`, body: `很抱歉，${branch}已停止营业，您${date}办理${service}的预约已由网点取消。请通过链接预约其他网点。` };
  }
  if (r.kind === 'cancelled' && r.closed) {
    const why = r.closed.reason ? `（${r.closed.reason.zh}）` : '';
    return { title: `网点已取消您的预约：${date}`, body: `很抱歉，${branch}在${date}暂停营业${why}，您办理${service}的预约已由网点取消。请通过链接重新预约其他时间。` };
  }
  if (r.kind === 'cancelled' && r.appointment.cancelledBy === 'branch') {
    return { title: `网点已取消您的预约：${date}`, body: `很抱歉，${branch}已停止办理${service}，您${date}的预约已由网点取消。请通过链接重新预约其他时间或业务。` };
  }
  if (r.kind === 'cancelled') return { title: `预约已取消：${date}`, body: `您${date}在${branch}办理${service}的预约已取消。欢迎再次预约。` };
  const address = a.channel === 'branch' ? addressIn(r.branch.address, 'zh') : null;
  const how =
    a.channel === 'video'
      ? `视频办理${a.joinUrl ? `，链接：${a.joinUrl}` : '，工作人员会把链接发给您'}。`
      : a.channel === 'phone'
        ? '电话办理，工作人员会按时给您打电话。'
        : `${address ? `地址：${address}。` : ''}请提前几分钟到达，到店后在取号机输入${CODE_NAME.zh} ${a.code}，我们会在预约时间叫号。`;
  const docs = r.service.documents.zh.length ? `请携带：${r.service.documents.zh.join('、')}。` : '';
  if (r.kind === 'already-booked') {
    return { title: `您已有预约：${date}`, body: `刚才有人用您的联系方式预约，因与您${date}在${branch}办理${service}的预约时间重叠，未予预约。您的预约不变，${how}如需更改或取消，请使用链接；如非本人操作，无需处理。` };
  }
  if (r.kind === 'booking-limit') {
    return { title: '未予预约：您的预约数已达上限', body: `刚才有人用您的联系方式预约，因您的预约数已达上限，未予预约。您已有的预约不变。您的下一个预约：${date}在${branch}办理${service}，${how}如需更改或取消，请使用链接（其他预约的链接在各自的预约确认中）；如非本人操作，无需处理。` };
  }
  const when = r.kind === '1h' ? `今天 ${localTime}` : date;
  const titles = { booked: `预约成功：${date}`, moved: `预约已改期：${date}`, '24h': `预约提醒：${date}`, '1h': `您的预约在 ${localTime}` };
  const lead = r.kind === 'booked' ? '您已预约' : r.kind === 'moved' ? '您的预约已改到' : '您预约了';
  return { title: titles[r.kind], body: `${lead}${when}在${branch}办理${service}，${how}${docs}` };
}

function enText(r: AppointmentReminder): { title: string; body: string } {
  const { appointment: a, localDate, localTime } = r;
  const service = r.service.name.en;
  const branch = r.branch.name.en;
  const date = `${dayText(localDate, 'en')} at ${localTime}`;
  if (r.kind === 'cancelled' && r.appointment.cancelledBy === 'branch' && r.branch.active === false) {
    return {
      title: `Cancelled by the branch: your appointment ${date}`,
      body: `Sorry: ${branch} has closed, so the branch has cancelled your ${service} appointment ${date}. Please use the link to book at another branch.`,
    };
  }
  if (r.kind === 'cancelled' && r.closed) {
    const why = r.closed.reason ? ` (${r.closed.reason.en})` : '';
    return {
      title: `Cancelled by the branch: your appointment ${date}`,
      body: `Sorry: ${branch} is closed ${date}${why}, so the branch has cancelled your ${service} appointment then. Please use the link to book another time.`,
    };
  }
  if (r.kind === 'cancelled' && r.appointment.cancelledBy === 'branch') {
    return {
      title: `Cancelled by the branch: your appointment ${date}`,
      body: `Sorry: ${branch} no longer offers ${service}, so the branch has cancelled your appointment ${date}. Please use the link to book another time or service.`,
    };
  }
  if (r.kind === 'cancelled') return { title: `Cancelled: your appointment ${date}`, body: `Your ${service} appointment at ${branch}, ${date}, is cancelled. You are welcome to book again.` };
  const address = a.channel === 'branch' ? addressIn(r.branch.address, 'en') : null;
  const how =
    a.channel === 'video'
      ? `By video${a.joinUrl ? `: ${a.joinUrl}` : '; we will send you the link'}.`
      : a.channel === 'phone'
        ? 'By phone: we will call you at that time.'
        : `${address ? `Address: ${address}. ` : ''}Please arrive a few minutes early and enter ${CODE_NAME.en} ${a.code} at the kiosk: we call booked customers at their time.`;
  const docs = r.service.documents.en.length ? ` Please bring: ${r.service.documents.en.join(', ')}.` : '';
  if (r.kind === 'already-booked') {
    return {
      title: `You already have an appointment: ${date}`,
      body: `Not booked: a booking just tried with your contact details overlaps your ${service} appointment at ${branch}, ${date}, which stays as it is. ${how} Use the link to change or cancel it; if this was not you, there is nothing to do.`,
    };
  }
  if (r.kind === 'booking-limit') {
    return {
      title: 'Not booked: you have the most bookings allowed',
      body: `Not booked: a booking just tried with your contact details was refused, as you already have the most bookings allowed; those stay as they are. Your next one: ${service} at ${branch}, ${date}. ${how} Use the link to change or cancel it (each other booking's link came with its confirmation); if this was not you, there is nothing to do.`,
    };
  }
  const when = r.kind === '1h' ? `today at ${localTime}` : date;
  const titles = { booked: `Booked: your appointment ${date}`, moved: `Moved: your appointment is now ${date}`, '24h': `Reminder: your appointment ${date}`, '1h': `Your appointment is at ${localTime}` };
  // A text message has no title: the body says itself what it is.
  const lead = { booked: 'Booked', moved: 'Moved', '24h': 'Reminder', '1h': 'Reminder' }[r.kind];
  return { title: titles[r.kind], body: `${lead}: ${service} at ${branch}, ${r.kind === 'moved' ? 'now ' : ''}${when}. ${how}${docs}` };
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
      const { title, body } = reminderText(r, lang);
      const message = { lang, title, body, url, about: 'booking' as const, urgency: r.kind === '1h' ? ('high' as const) : ('normal' as const), ttlSec: r.kind === '1h' ? 3_600 : 12 * 3_600, tag: `appointment-${r.appointment.id}` };
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

/** Writes notices to the log (no channel configured); addresses masked, and no manage link (it is the key to the booking). */
export function createLoggingNotifier(logger: Logger): AppointmentNotifier {
  return {
    async remind(r) {
      const to = [r.customer.email ? `email:${r.customer.email.slice(0, 1)}•••` : null, r.customer.phone ? `sms:${maskPhone(r.customer.phone)}` : null].filter(Boolean);
      if (to.length === 0) return 'no-contact';
      const text = reminderText(r, r.customer.language);
      logger.info({ appointmentId: r.appointment.id, kind: r.kind, to, title: text.title, body: text.body }, 'appointment notice (logged, not sent)');
      return 'sent';
    },
  };
}
