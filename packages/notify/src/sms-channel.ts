import { maskPhone } from '@tellerline/contracts/input-rules';
import { errorText, type NotificationChannel, type SendResult } from './channel.js';
import { renderSms } from './templates.js';

/** One text message as an operator takes it. */
export interface Sms {
  /** E.164 or national number as the customer typed it (digits, spaces, dashes, leading +). */
  to: string;
  text: string;
  /** Drop the message if it cannot be delivered within this many seconds (operators call it validity). */
  validitySec: number;
}

/** What an SMS provider said about one message. */
export type SmsProviderResult =
  | { outcome: 'accepted'; id?: string }
  | {
      outcome: 'invalid-number' | 'unsubscribed' | 'throttled' | 'unavailable' | 'rejected';
      detail?: string;
      retryAfterSec?: number;
    };

/**
 * The port an SMS operator's adapter implements (Aliyun, Tencent Cloud, Twilio …: one file each).
 * `send` resolves with the operator's verdict; a network failure may simply reject (it is
 * treated as `retry`).
 */
export interface SmsProvider {
  readonly name: string;
  send(sms: Sms): Promise<SmsProviderResult>;
}

/**
 * SMS through a provider. Outcomes: accepted `sent`; invalid number or the customer opted out at
 * the operator `gone`; throttled or operator unavailable (or the call failed) `retry`; refused
 * content `failed`.
 */
export function createSmsChannel(provider: SmsProvider): NotificationChannel<string> {
  return {
    kind: 'sms',
    async send(message): Promise<SendResult> {
      let r: SmsProviderResult;
      try {
        r = await provider.send({ to: message.to, text: renderSms(message, message.url), validitySec: message.ttlSec });
      } catch (err) {
        return { status: 'retry', reason: `${provider.name}: ${errorText(err)}` };
      }
      const reason = `${provider.name}: ${r.outcome}${'detail' in r && r.detail ? ` (${r.detail})` : ''}`;
      switch (r.outcome) {
        case 'accepted':
          return { status: 'sent', ...(r.id ? { id: r.id } : {}) };
        case 'invalid-number':
        case 'unsubscribed':
          return { status: 'gone', reason };
        case 'throttled':
        case 'unavailable':
          return { status: 'retry', reason, ...(r.retryAfterSec !== undefined ? { retryAfterSec: r.retryAfterSec } : {}) };
        default:
          return { status: 'failed', reason };
      }
    },
  };
}

/** A sent text as the logging provider keeps it. */
export interface LoggedSms extends Sms {
  at: number;
  id: string;
}

/**
 * For development and tests: writes each text to the log instead of sending it, and keeps the
 * last `keep` (default 100) in `outbox`. Numbers and the tokens of links are masked in the log
 * line: a link to a ticket or a booking is the key to it, and logs travel further than texts.
 */
export function createLoggingSmsProvider(log: (line: string, fields: Record<string, unknown>) => void, keep = 100): SmsProvider & { outbox: LoggedSms[] } {
  const outbox: LoggedSms[] = [];
  let n = 0;
  return {
    name: 'log',
    outbox,
    async send(sms) {
      const id = `log-${++n}`;
      outbox.push({ ...sms, at: Date.now(), id });
      if (outbox.length > keep) outbox.shift();
      log('sms (not sent: logging provider)', { to: maskPhone(sms.to), text: maskLinkTokens(sms.text), id });
      return { outcome: 'accepted', id };
    },
  };
}

/** ".../t/Ab3dEf...xyz" -> ".../t/Ab3d…": the customer's page (/t/, /a/, /consent/) named, its key left out. */
export function maskLinkTokens(text: string): string {
  return text.replace(/\/(t|a|consent)\/([A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, '/$1/$2…');
}

