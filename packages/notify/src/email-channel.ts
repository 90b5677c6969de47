import nodemailer, { type Transporter } from 'nodemailer';
import { errorText, type NotificationChannel, type SendResult } from './channel.js';
import { renderEmail } from './templates.js';

export interface EmailChannelOptions {
  /**
   * Where to hand mail: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`), or a
   * nodemailer transport already built (tests, `jsonTransport` for development).
   */
  transport: string | Transporter;
  /** The From header, e.g. `"Tellerline" <notices@bank.example>`. */
  from: string;
  /** Connection/greeting/socket timeouts in ms (default 10 s each): a hung server is a `retry`. */
  timeoutMs?: number;
}

/** Network-level failures worth trying again (nodemailer error codes). */
const TRANSIENT = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL']);

/**
 * E-mail over SMTP (nodemailer), in the customer's language (zh/en templates), with an optional
 * `.ics` attachment. One recipient per send. Outcomes from the server's reply: accepted `sent`;
 * 550/551/553 (no such mailbox) `gone`; other 5xx `failed`; 4xx (greylisting, mailbox busy)
 * `retry`; network errors and timeouts `retry`; rejected credentials (`EAUTH`) `failed`.
 */
export function createEmailChannel(options: EmailChannelOptions): NotificationChannel<string> & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter =
    typeof options.transport === 'string'
      ? nodemailer.createTransport({ url: options.transport, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as never)
      : options.transport;

  return {
    kind: 'email',
    async send(message): Promise<SendResult> {
      const mail = renderEmail(message.lang, { title: message.title, body: message.body }, message.url, message.about);
      try {
        const info = (await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: {
            'Content-Language': message.lang === 'zh' ? 'zh-CN' : 'en',
            // A notice worth nothing after its TTL: mail clients that honour it hide stale ones.
            Expires: new Date(Date.now() + message.ttlSec * 1000).toUTCString(),
            ...(message.urgency === 'high' ? { Importance: 'high', 'X-Priority': '1' } : {}),
            'Auto-Submitted': 'auto-generated',
          },
          ...(message.ics ? { attachments: [{ filename: message.ics.filename, content: message.ics.content, contentType: message.ics.contentType }] } : {}),
        })) as { messageId?: string; rejected?: unknown[] };
        if (Array.isArray(info.rejected) && info.rejected.length > 0) return { status: 'gone', reason: 'recipient rejected' };
        return { status: 'sent', ...(info.messageId ? { id: info.messageId } : {}) };
      } catch (err) {
        return mapSmtpError(err);
      }
    },
    close: () => transporter.close(),
  };
}

function mapSmtpError(err: unknown): SendResult {
  const e = err as { code?: string; responseCode?: number; response?: string };
  const reason = errorText(err);
  const code = e.responseCode;
  if (typeof code === 'number') {
    if (code === 550 || code === 551 || code === 553) return { status: 'gone', reason };
    if (code >= 500) return { status: 'failed', reason };
    if (code >= 400) return { status: 'retry', reason };
  }
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { status: 'failed', reason };
  if (e.code && TRANSIENT.has(e.code)) return { status: 'retry', reason };
  return { status: 'retry', reason };
}

/**
 * For development without a mail server: each mail is built for real (nodemailer's JSON
 * transport) and written to the log instead of being sent; the address is shortened in the log.
 */
export function createLoggingEmailChannel(from: string, log: (line: string, fields: Record<string, unknown>) => void): NotificationChannel<string> & { close(): void } {
  const channel = createEmailChannel({ transport: nodemailer.createTransport({ jsonTransport: true }), from });
  return {
    kind: 'email',
    async send(message) {
      const result = await channel.send(message);
      log('e-mail (not sent: no SMTP server configured)', { to: message.to.replace(/^(.{1,2}).*(@.*)$/, '$1…$2'), subject: message.title, result: result.status });
      return result;
    },
    close: () => channel.close(),
  };
}
