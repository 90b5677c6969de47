/**
 * An in-process SMTP server (smtp-server) that keeps every message it accepts and decodes the
 * parts a test asserts on: Subject (RFC 2047 words), the text/plain and text/html bodies
 * (base64 or quoted-printable, UTF-8) and attachments. Recipients can be refused with a code.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` for the e-mail channel. */
  url: string;
  mails: ReceivedMail[];
  /** Refuse RCPT TO for this address with this reply code (550 no such mailbox, 451 try later …). */
  reject(address: string, code: number, message?: string): void;
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const rejects = new Map<string, { code: number; message: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const r = rejects.get(address.address.toLowerCase());
      if (!r) return cb();
      cb(Object.assign(new Error(r.message), { responseCode: r.code }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        mails.push({
          ...parseMime(raw),
          raw,
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    reject: (address, code, message = code >= 500 ? 'No such user here' : 'Try again later') => void rejects.set(address.toLowerCase(), { code, message }),
    waitFor(count, ms = 10_000) {
      const deadline = Date.now() + ms;
      return new Promise((resolve, reject) => {
        const poll = setInterval(() => {
          if (mails.length >= count) {
            clearInterval(poll);
            resolve(mails.slice(0, count));
          } else if (Date.now() > deadline) {
            clearInterval(poll);
            reject(new Error(`smtp sink: ${mails.length}/${count} mails after ${ms} ms`));
          }
        }, 20);
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Part = Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html' | 'attachments'>;

/** Just enough MIME (RFC 2045-2047) for the mails our channel writes. */
export function parseMime(raw: string): Part {
  const out: Part = { headers: {}, subject: '', text: '', html: '', attachments: [] };
  const { headers, body } = splitHeaders(raw);
  out.headers = headers;
  out.subject = decodeWords(headers['subject'] ?? '');
  walk(headers, body, out);
  return out;
}

function walk(headers: Record<string, string>, body: string, out: Part): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const p of parts) {
      if (p.startsWith('--')) break;
      const { headers: h, body: b } = splitHeaders(p.replace(/^\r?\n/, ''));
      walk(h, b, out);
    }
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding'] ?? '7bit');
  const disposition = headers['content-disposition'] ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
  if (/attachment/i.test(disposition) || (filename && !/^text\/(plain|html)/i.test(type))) {
    out.attachments.push({ filename: filename ?? '', contentType: type, content });
  } else if (/^text\/html/i.test(type)) out.html += content;
  else if (/^text\/plain/i.test(type)) out.text += content;
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return decodeQp(body);
  return body.replace(/\r?\n$/, '');
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r?\n$/, '');
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), adjacent words joined. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    );
}
