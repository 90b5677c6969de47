import type { NoticeChoices, NotifyChannels } from '@tellerline/contracts';
import { phoneProblem } from '@tellerline/contracts/input-rules';
import type { PushSupport, SubscribeResult } from '$lib/push/push-client.js';

/**
 * Why this phone cannot get web push, each with its own plain explanation on the page:
 * what pushSupport() says before any tap, what subscribe() met after one, or that this
 * installation does not send web push at all ('not-offered').
 */
export type PushProblem = Exclude<PushSupport, 'supported'> | 'dismissed' | 'push-service-unreachable' | 'not-offered';

export type ContactChannel = 'email' | 'sms';

/** "Tell me when N are ahead": the choices offered (null = no such notice). */
export const AHEAD_CHOICES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const DEFAULT_AHEAD = 3;

/** The words of one "N ahead" choice: one person ahead has its own (singular) sentence, as `simulation.doneOne`. */
export function aheadOptionKey(n: number): string {
  return n === 1 ? 'phone.notices.ahead.optionOne' : 'phone.notices.ahead.option';
}

/** Before any tap: is push worth offering on this phone? */
export function problemBeforeTap(support: PushSupport, channels: NotifyChannels | null): PushProblem | null {
  if (support !== 'supported') return support;
  if (channels && !channels.push) return 'not-offered';
  return null;
}

/** After the tap. A refusal by our own server that is not about push itself is an error, not a problem. */
export function problemAfterTap(result: SubscribeResult): PushProblem | null {
  if (result.ok) return null;
  if (result.reason === 'server') return result.code === 'CHANNEL_UNAVAILABLE' ? 'not-offered' : null;
  return result.reason;
}

/** The server refuses a signup with neither notice (and so do we, before asking it). */
export function wantsSomething(aheadThreshold: number | null, onCalled: boolean): boolean {
  return aheadThreshold !== null || onCalled;
}

export type ContactRefusal = 'nothing' | 'address' | 'consent';

/**
 * What stops an e-mail/SMS signup before it is sent. Only emptiness is checked here: whether an
 * address is well-formed is the server's call (VALIDATION_FAILED), so the two never disagree.
 */
export function contactRefusal(input: { address: string; consent: boolean; aheadThreshold: number | null; onCalled: boolean }): ContactRefusal | null {
  if (!wantsSomething(input.aheadThreshold, input.onCalled)) return 'nothing';
  if (!input.address.trim()) return 'address';
  if (!input.consent) return 'consent';
  return null;
}

/**
 * The message key for a refused signup (codes from notifyBy / subscribe, see push.routes.ts). A
 * refused SMS number without a country code that is no mainland number (the shared rule the server
 * refused it by) asks for the country code rather than for "an 11-digit mobile number".
 */
export function noticeErrorKey(code: string, channel: ContactChannel | 'push', address = ''): string {
  switch (code) {
    case 'VALIDATION_FAILED':
      if (channel === 'sms' && phoneProblem(address) === 'countryCode') return 'phone.notices.error.countryCode.sms';
      return channel === 'push' ? 'error.generic' : `phone.notices.error.address.${channel}`;
    case 'PAYLOAD_TOO_LARGE':
      return channel === 'push' ? 'error.generic' : `phone.notices.error.address.${channel}`;
    case 'CHANNEL_UNAVAILABLE':
      return `phone.notices.error.unavailable.${channel}`;
    case 'TICKET_FINISHED':
      return 'phone.notices.error.finished';
    case 'TICKET_NOT_WAITING':
      return 'phone.notices.error.serving';
    case 'RATE_LIMITED':
      return channel === 'push' ? 'phone.notices.error.tooMany.push' : 'phone.notices.error.tooMany.contact';
    case 'NOT_FOUND':
    case 'UNKNOWN_TICKET':
      return 'phone.notices.error.notFound';
    case 'BUSY_RETRY':
    case 'NO_CONNECTION':
      return 'phone.notices.error.network';
    default:
      return 'error.generic';
  }
}

export function refusalKey(refusal: ContactRefusal, channel: ContactChannel): string {
  if (refusal === 'address') return `phone.notices.error.empty.${channel}`;
  return `phone.notices.error.${refusal}`;
}

/**
 * The form field an e-mail/SMS form error is about (marked aria-invalid and described by the
 * message), or null when it is about no field (a network or server error).
 */
export function contactErrorField(key: string | null): 'address' | 'consent' | null {
  if (!key) return null;
  if (/^phone\.notices\.error\.(empty|address|countryCode)\./.test(key)) return 'address';
  return key === 'phone.notices.error.consent' ? 'consent' : null;
}

/** Something will be sent for this ticket (on this or another device, or by e-mail/SMS). */
export function noticesOn(active: NoticeChoices | null): boolean {
  return active !== null && (active.push.length > 0 || active.contacts.length > 0);
}

/** The choices already made, to show them and to start the form from them. */
export function currentChoices(active: NoticeChoices | null): { aheadThreshold: number | null; onCalled: boolean } | null {
  const first = active?.push[0] ?? active?.contacts[0];
  return first ? { aheadThreshold: first.aheadThreshold, onCalled: first.onCalled } : null;
}

/** The channels to offer instead of push, in the order shown. */
/**
 * The channel preselected when push cannot be used: in China a text message is what people read
 * (e-mail is little used on the phone), elsewhere e-mail; the other when only one is offered.
 */
export function defaultContactChannel(channels: NotifyChannels, lang: 'zh' | 'en'): ContactChannel {
  const preferred: ContactChannel = lang === 'zh' ? 'sms' : 'email';
  const other: ContactChannel = preferred === 'sms' ? 'email' : 'sms';
  return channels[preferred] || !channels[other] ? preferred : other;
}

export function contactOffers(channels: NotifyChannels | null): ContactChannel[] {
  if (!channels) return [];
  return (['email', 'sms'] as const).filter((c) => channels[c]);
}
