import { isCounterNumber } from '@tellerline/contracts/counter-label';
import type { Lang, LocalizedText } from '@tellerline/engine';
import type { NoticeTopic, Urgency } from './channel.js';

/** The queue notices a customer can ask for. */
export type NoticeKind = 'near' | 'called' | 'recalled';

export interface NoticeFacts {
  /** Ticket number, e.g. A023. */
  number: string;
  service: LocalizedText;
  /** People ahead (near). */
  ahead?: number;
  /** Counter label (called, recalled). */
  counter?: string;
}

export interface NoticeText {
  title: string;
  body: string;
}

/** How each notice travels: a call is worth waking the phone for, and stale after two minutes. */
export const NOTICE_DELIVERY: Record<NoticeKind, { ttlSec: number; urgency: (facts: NoticeFacts) => Urgency }> = {
  near: { ttlSec: 300, urgency: (f) => ((f.ahead ?? 0) <= 1 ? 'high' : 'normal') },
  called: { ttlSec: 120, urgency: () => 'high' },
  recalled: { ttlSec: 120, urgency: () => 'high' },
};

/** "3 号柜台" for a numbered counter; any other label ("一号窗") as it is (`isCounterNumber`). */
const zhCounter = (f: NoticeFacts) => (isCounterNumber(f.counter ?? '') ? `${f.counter} 号柜台` : `${f.counter}`);
const enCounter = (f: NoticeFacts, word = 'counter') => (isCounterNumber(f.counter ?? '') ? `${word} ${f.counter}` : `${f.counter}`);

const TEXTS: Record<Lang, Record<NoticeKind, (f: NoticeFacts) => NoticeText>> = {
  zh: {
    near: (f) =>
      f.ahead === 0
        ? { title: `下一位就是您（${f.number}）`, body: `${f.number} 号，下一位就轮到您办理${f.service.zh}，请回到大厅等候叫号。` }
        : { title: `快轮到您了（${f.number}）`, body: `${f.number} 号，您前面还有 ${f.ahead} 位，请回到大厅等候叫号。` },
    called: (f) => ({ title: `请到 ${zhCounter(f)}（${f.number}）`, body: `${f.number} 号，轮到您办理${f.service.zh}了，请到 ${zhCounter(f)}。` }),
    recalled: (f) => ({ title: `再次叫号：请到 ${zhCounter(f)}`, body: `${f.number} 号，${zhCounter(f)} 正在等您，请尽快前往，否则可能视为过号。` }),
  },
  en: {
    near: (f) =>
      f.ahead === 0
        ? { title: `You are next (${f.number})`, body: `${f.number}: you are next for ${f.service.en}. Please come back to the waiting area.` }
        : { title: `Almost your turn (${f.number})`, body: `${f.number}: ${f.ahead} ${f.ahead === 1 ? 'person' : 'people'} ahead of you. Please come back to the waiting area.` },
    called: (f) => ({ title: `${enCounter(f, 'Counter')}, please (${f.number})`, body: `${f.number}: it is your turn for ${f.service.en}. Please go to ${enCounter(f)}.` }),
    recalled: (f) => ({ title: `Called again: ${enCounter(f)}`, body: `${f.number}: ${enCounter(f)} is waiting for you. Please come now or you may lose your turn.` }),
  },
};

/** Why the customer gets the e-mail, and what its link opens. */
const EMAIL_FRAME: Record<NoticeTopic, Record<Lang, { footer: string; open: string }>> = {
  queue: {
    zh: { footer: '您收到这封邮件，是因为您在排队时要求我们通知您。本邮件由系统自动发送，请勿回复。', open: '查看排队进度' },
    en: { footer: 'You receive this e-mail because you asked us to notify you about your place in the queue. This is an automatic message; please do not reply.', open: 'See your place in the queue' },
  },
  booking: {
    zh: { footer: '您收到这封邮件，是因为您在我们这里预约了办理业务。本邮件由系统自动发送，请勿回复。', open: '查看、改期或取消预约' },
    en: { footer: 'You receive this e-mail because you booked a visit with us. This is an automatic message; please do not reply.', open: 'See, change or cancel your booking' },
  },
  survey: {
    zh: { footer: '您收到这封邮件，是因为您在办理业务时要求我们通知您。每次到访只发送这一封评价邀请。本邮件由系统自动发送，请勿回复。', open: '为本次服务评分' },
    en: { footer: 'You receive this e-mail because you asked us to notify you about your visit. We send one invitation to rate each visit. This is an automatic message; please do not reply.', open: 'Rate your visit' },
  },
  consent: {
    zh: { footer: '您收到这封邮件，是因为有一个使用您姓名和联系方式的预约请求保留您的来访记录。不确认则不会保留。本邮件由系统自动发送，请勿回复。', open: '确认保留来访记录' },
    en: { footer: 'You receive this e-mail because a booking made with your name and contact details asked to keep your visit history. Nothing is kept unless you confirm. This is an automatic message; please do not reply.', open: 'Confirm keeping your visit history' },
  },
  'consent-withdrawal': {
    zh: { footer: '您收到这封邮件，是因为有一个使用您姓名和联系方式的预约请求撤回保留您的来访记录。不确认则一切不变。本邮件由系统自动发送，请勿回复。', open: '确认撤回' },
    en: { footer: 'You receive this e-mail because a booking made with your name and contact details asked to stop keeping your visit history. Nothing changes unless you confirm. This is an automatic message; please do not reply.', open: 'Confirm the withdrawal' },
  },
  'contact-check': {
    zh: { footer: '您收到这封邮件，是因为有人在预约时填写了此邮箱。如非本人操作，请忽略本邮件：没有验证码不会预约任何业务。本邮件由系统自动发送，请勿回复。', open: '' },
    en: { footer: 'You receive this e-mail because this address was given for a booking with us. If that was not you, ignore it: nothing is booked without the code. This is an automatic message; please do not reply.', open: '' },
  },
};

/** What the consent confirmation needs: the branch that asks to keep the history (or to stop), and the link. */
export interface ConsentConfirmationFacts {
  branch: LocalizedText;
  /** false: the booking asked to withdraw the consent (stop keeping the history, clear the needs). Default true. */
  keep?: boolean;
  /** The one-time link, written into the text (an SMS); left out of an e-mail's text, which links it below. */
  url?: string;
}

/** How the consent confirmation travels: nothing urgent, and worth delivering while the link lasts (7 days). */
export const CONSENT_CONFIRMATION_DELIVERY = { urgency: 'normal', ttlSec: 7 * 24 * 3600 } as const satisfies { urgency: Urgency; ttlSec: number };

/**
 * The one-time link that lets a customer confirm, from their own phone or e-mail, a consent a
 * booking asked for on their profile (a booking joins a profile on name and phone, which others
 * may know). Whoever did not ask ignores it, and nothing is kept. The link sits inside the text
 * (before "if this was not you"), so an SMS is sent with `url` in the facts and no channel url.
 * A withdrawal asked that way is confirmed alike: the text tells the customer someone asked to
 * clear their history, and ignoring it keeps everything as it is.
 */
export function renderConsentConfirmation(lang: Lang, facts: ConsentConfirmationFacts): NoticeText {
  const branch = facts.branch[lang].trim();
  if (facts.keep === false) {
    if (lang === 'zh') {
      const link = facts.url ? `：${facts.url} 。` : '（请点击下方链接）。';
      return { title: '请确认撤回保留来访记录', body: `有人通过预约请求${branch}停止保留您的来访记录并清除您的需求。如是您本人，请确认${link}如非本人操作，请忽略本消息，您的记录不受影响。` };
    }
    const link = facts.url ? `: ${facts.url} .` : ' (link below).';
    return { title: 'Confirm withdrawing your visit history', body: `A booking asked ${branch} to stop keeping your visit history and clear your needs. If this was you, confirm${link} If not, ignore this message: nothing changes.` };
  }
  if (lang === 'zh') {
    const link = facts.url ? `：${facts.url} 。` : '（请点击下方链接）。';
    return { title: '请确认保留来访记录', body: `请确认${branch}可以保留您的来访记录和需求${link}如非本人操作，请忽略本消息。` };
  }
  const link = facts.url ? `: ${facts.url} .` : ' (link below).';
  return { title: 'Confirm keeping your visit history', body: `Confirm that ${branch} may keep your visit history and needs${link} If this was not you, ignore this message.` };
}

/**
 * How a contact check code travels (SMS or e-mail, at once): urgent (the customer waits on the
 * booking page) and worth delivering only while the code lasts, ten minutes.
 */
export const CONTACT_CHECK_CODE_DELIVERY = { urgency: 'high', ttlSec: 10 * 60 } as const satisfies { urgency: Urgency; ttlSec: number };

/**
 * The one-time code that confirms a phone number or an e-mail address before a booking. The code
 * leads (a phone's one-time-code autofill reads it from the text; a mail's subject shows it in the
 * inbox list), then how long it lasts and "do not share": a bank never asks for it, and whoever
 * does is not the bank. A mail is sent `about: 'contact-check'`: its footer says what to do if
 * nobody asked (the address was mistyped).
 */
export function renderContactCheckCode(channel: 'sms' | 'email', lang: Lang, code: string): NoticeText {
  if (channel === 'sms') {
    if (lang === 'zh') return { title: 'Tellerline 验证码', body: `Tellerline 验证码 ${code}，10 分钟内有效，请勿告诉他人。` };
    return { title: 'Tellerline code', body: `Tellerline code ${code}, valid 10 minutes, do not share.` };
  }
  if (lang === 'zh') {
    return { title: `Tellerline 验证码 ${code}`, body: `您的预约邮箱验证码是 ${code}，10 分钟内有效，请勿告诉他人。` };
  }
  return { title: `Tellerline code ${code}`, body: `Your code to confirm this e-mail address for a booking is ${code}. It is valid for 10 minutes; do not share it.` };
}

/** What the survey invitation needs: the branch the customer visited (null if it no longer exists). */
export interface SurveyInvitationFacts {
  branch: LocalizedText | null;
}

/**
 * How the survey invitation travels. Nothing in it is urgent (it must not wake anyone), and it
 * is worth delivering for a day at most: a "how was your visit" that reaches a phone switched
 * off for a week reads as spam, however long the survey itself stays open.
 */
export const SURVEY_INVITATION_DELIVERY = { urgency: 'normal', maxTtlSec: 24 * 3600 } as const satisfies { urgency: Urgency; maxTtlSec: number };

/**
 * The invitation to rate a visit, sent once some minutes after it ended. The body names the
 * branch and says how long the survey takes; the link (each channel adds it: SMS after the text,
 * e-mail as a link, push on a tap) opens the ticket's phone page, where the survey is.
 */
export function renderSurveyInvitation(lang: Lang, facts: SurveyInvitationFacts): NoticeText {
  const branch = facts.branch?.[lang].trim();
  if (lang === 'zh') {
    return { title: '请为本次服务评分', body: `${branch ? `感谢您光临${branch}。` : '感谢您的光临。'}请为本次服务评分（约1分钟）。` };
  }
  return { title: 'How was your visit?', body: `${branch ? `Thank you for visiting ${branch}.` : 'Thank you for your visit.'} How was it? Rate your visit (1 minute).` };
}

/** The notice's title and body in the customer's language. */
export function renderNotice(kind: NoticeKind, lang: Lang, facts: NoticeFacts): NoticeText {
  return TEXTS[lang][kind](facts);
}

/** The e-mail around a notice: subject, plain text and a small HTML version, in zh or en. */
export function renderEmail(lang: Lang, notice: NoticeText, url?: string, about: NoticeTopic = 'queue'): { subject: string; text: string; html: string } {
  const { footer, open } = EMAIL_FRAME[about][lang];
  const text = [notice.body, ...(url ? [`${open}: ${url}`] : []), '', footer].join('\n');
  const html = [
    `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<h1 style="font-size:20px">${escapeHtml(notice.title)}</h1>`,
    `<p style="font-size:16px">${escapeHtml(notice.body)}</p>`,
    url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(open)}</a></p>` : '',
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: notice.title, text, html };
}

/** An SMS: short, one segment where possible; the link lets the customer open the phone page. */
export function renderSms(notice: NoticeText, url?: string): string {
  return url ? `${notice.body} ${url}` : notice.body;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
