import type { Lang } from '@tellerline/engine';

/** The ways Tellerline can reach a customer outside the open phone page. */
export type ChannelKind = 'push' | 'email' | 'sms';

/** What a notice is about, for the e-mail's footer and link text: the queue, a booking, the survey after a visit, a consent (or its withdrawal) to confirm. */
export type NoticeTopic = 'queue' | 'booking' | 'survey' | 'consent' | 'consent-withdrawal' | 'contact-check';

/** RFC 8030 urgency; push services use it to decide whether to wake a sleeping device. */
export type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** What a browser's `PushSubscription.toJSON()` gives (the fields a sender needs). */
export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A file to attach to an e-mail (e.g. the `.ics` of an appointment). */
export interface Attachment {
  filename: string;
  content: string;
  contentType: string;
}

/**
 * One notice to one recipient, already in the recipient's language. Channels carry what they can:
 * web push shows title + body and opens `url` on a tap; e-mail adds a footer and any `ics`;
 * SMS sends body + url.
 */
export interface NotificationMessage<To> {
  to: To;
  lang: Lang;
  title: string;
  body: string;
  /** The page to open (the customer's phone page). */
  url?: string;
  urgency: Urgency;
  /** How long the notice is worth delivering; a push service drops it after this. */
  ttlSec: number;
  /** Same tag = the newer notice replaces the older one on the device. */
  tag?: string;
  /** Calendar attachment for e-mail; other channels ignore it. */
  ics?: Attachment;
  /** What the notice is about, for the e-mail's footer and link text: the queue (default) otherwise. */
  about?: NoticeTopic;
}

/**
 * The stable outcome of a send, whatever the provider said:
 * - `sent`: accepted by the push service / mail server / SMS operator;
 * - `gone`: the address no longer exists (push 404/410, mailbox unknown, invalid number): remove it;
 * - `retry`: a transient failure (network, 429, 5xx, 4xx SMTP): try again later, maybe after `retryAfterSec`;
 * - `failed`: a permanent failure of this message (bad request, refused content): do not retry.
 */
export type SendResult =
  | { status: 'sent'; id?: string }
  | { status: 'gone'; reason: string }
  | { status: 'retry'; reason: string; retryAfterSec?: number }
  | { status: 'failed'; reason: string };

/**
 * The port every channel implements. Guarantees (checked by the shared contract test):
 * `send` never throws or rejects: every provider failure maps to a {@link SendResult};
 * one call makes at most one delivery attempt (retries are the caller's: BullMQ jobs).
 */
export interface NotificationChannel<To = string> {
  readonly kind: ChannelKind;
  send(message: NotificationMessage<To>): Promise<SendResult>;
}

/** Seconds from an HTTP `Retry-After` header (seconds or an HTTP date), if usable. */
export function retryAfterSeconds(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return `${(err as { code?: string }).code ? `${(err as { code?: string }).code}: ` : ''}${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
