/**
 * A small RFC 5545 writer for one VEVENT (appointment mails): TEXT escaping, line folding at 75
 * octets without splitting a UTF-8 character, CRLF line ends, and times in UTC ("Z" form) so no
 * VTIMEZONE is needed and every calendar shows the slot in its own zone.
 */
import type { Attachment } from './channel.js';

export interface IcsEvent {
  /** Globally unique and stable for the appointment (updates and cancels reuse it), e.g. `appt-42@bank.example`. */
  uid: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** When this version of the event was written (DTSTAMP), epoch ms. */
  stamp: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: { name?: string; email: string };
  /** Bumped by every change of a sent event (0 first). */
  sequence?: number;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** A reminder this many minutes before the start. */
  alarmMinutesBefore?: number;
}

export interface IcsOptions {
  /** iTIP method: PUBLISH (default) for a plain "add to calendar", CANCEL to withdraw it. */
  method?: 'PUBLISH' | 'CANCEL';
  prodId?: string;
}

/** A VCALENDAR holding one VEVENT, ready to attach as `text/calendar`. */
export function buildIcs(event: IcsEvent, options: IcsOptions = {}): string {
  if (!(event.end > event.start)) throw new RangeError('the event must end after it starts');
  const method = options.method ?? 'PUBLISH';
  const status = method === 'CANCEL' ? 'CANCELLED' : (event.status ?? 'CONFIRMED');
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? '-//Tellerline//Queue and appointments//EN')}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence ?? 0))}`,
    `STATUS:${status}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${uri(event.url)}`);
  if (event.organizer) {
    const cn = event.organizer.name ? `;CN=${paramValue(event.organizer.name)}` : '';
    lines.push(`ORGANIZER${cn}:mailto:${uri(event.organizer.email)}`);
  }
  if (event.alarmMinutesBefore !== undefined && method !== 'CANCEL') {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(event.summary)}`,
      `TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutesBefore))}M`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** The event as an e-mail attachment (`NotificationMessage.ics`). */
export function icsAttachment(event: IcsEvent, options: IcsOptions = {}, filename = 'appointment.ics'): Attachment {
  return { filename, content: buildIcs(event, options), contentType: `text/calendar; charset=utf-8; method=${options.method ?? 'PUBLISH'}` };
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline; controls dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Epoch ms -> `YYYYMMDDTHHMMSSZ` (UTC, "form #2" of RFC 5545 3.3.5). */
export function utc(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('not a time');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 3.1): a CRLF and one space
 * start each continuation, and a multi-byte UTF-8 character is never split.
 */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** URI values are not TEXT-escaped, but must not break the line structure. */
function uri(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** A parameter value (e.g. CN): quoted when it holds `:;,`; DQUOTE and controls cannot appear. */
function paramValue(s: string): string {
  const clean = s.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}
