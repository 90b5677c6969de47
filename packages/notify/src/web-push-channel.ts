import type { Agent } from 'node:https';
import webpush from 'web-push';
import { errorText, retryAfterSeconds, type NotificationChannel, type PushTarget, type SendResult } from './channel.js';
import { assertVapidKeys, type VapidKeys } from './vapid.js';

export interface WebPushChannelOptions {
  vapid: VapidKeys & { subject: string };
  /** An https.Agent for the push service requests (keep-alive, a private CA in tests, a proxy). */
  agent?: Agent;
  /** Socket timeout per request; a push service that does not answer in time is a `retry`. */
  timeoutMs?: number;
  /** Clock for the VAPID JWT's expiry (tests). */
  now?: () => number;
}

/** Lifetime of a VAPID JWT (web-push's default); reused for half of it. */
const VAPID_JWT_SEC = 12 * 3600;

/** What the service worker receives (apps/web/static/sw.js reads these fields). */
export interface PushPayload {
  title: string;
  body: string;
  lang: 'zh' | 'en';
  url?: string;
  tag?: string;
  urgency: string;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291) through
 * the `web-push` library. Every send carries `TTL` and `Urgency`. Outcomes: 2xx `sent`; 404/410
 * `gone` (the browser dropped the subscription: remove it); 429 and 5xx `retry` (with Retry-After);
 * any other 4xx `failed`; a network error or timeout `retry`; a subscription whose keys cannot
 * be used (malformed p256dh/auth) `gone`. The VAPID keys and subject are checked here, at start-up, so a
 * configuration mistake fails loudly instead of looking like bad subscriptions.
 */
export function createWebPushChannel(options: WebPushChannelOptions): NotificationChannel<PushTarget> {
  const { vapid } = options;
  assertVapidKeys(vapid);
  if (!/^(mailto:|https:)/.test(vapid.subject)) throw new Error(`VAPID subject must be a mailto: or https: URL, got ${vapid.subject}`);
  const timeout = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;

  // Signing the VAPID JWT (ES256, with a PEM rebuilt from the raw key) costs about 1 ms; one JWT
  // per push service origin is valid for many sends (RFC 8292 allows up to 24 h), so keep it for
  // half of its 12 h life.
  const authorizations = new Map<string, { header: string; until: number }>();
  function authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const hit = authorizations.get(audience);
    if (hit && hit.until > now()) return hit.header;
    const exp = Math.floor(now() / 1000) + VAPID_JWT_SEC;
    const header = webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', exp).Authorization;
    authorizations.set(audience, { header, until: now() + (VAPID_JWT_SEC * 1000) / 2 });
    return header;
  }

  return {
    kind: 'push',
    async send(message): Promise<SendResult> {
      const payload: PushPayload = {
        title: message.title,
        body: message.body,
        lang: message.lang,
        urgency: message.urgency,
        ...(message.url ? { url: message.url } : {}),
        ...(message.tag ? { tag: message.tag } : {}),
      };
      const unusable = checkSubscription(message.to);
      if (unusable) return { status: 'gone', reason: `unusable subscription: ${unusable}` };
      const opts = {
        // VAPID by our own (cached) Authorization header instead of `vapidDetails`.
        vapidDetails: null as never,
        headers: { Authorization: authorization(message.to.endpoint) },
        TTL: Math.max(0, Math.round(message.ttlSec)),
        urgency: message.urgency,
        contentEncoding: 'aes128gcm' as const,
        timeout,
        ...(options.agent ? { agent: options.agent } : {}),
      };
      try {
        const res = await webpush.sendNotification(message.to, JSON.stringify(payload), opts);
        const location = res.headers?.location;
        return { status: 'sent', ...(typeof location === 'string' ? { id: location } : {}) };
      } catch (err) {
        return mapPushError(err);
      }
    },
  };
}

/** Why a subscription can never work (its keys are malformed), or null. */
function checkSubscription(to: PushTarget): string | null {
  if (!/^https:\/\//.test(to.endpoint)) return 'endpoint is not https';
  const key = /^[A-Za-z0-9_-]+={0,2}$/.test(to.keys.p256dh) ? Buffer.from(to.keys.p256dh, 'base64url') : null;
  if (!key || key.length !== 65 || key[0] !== 4) return 'p256dh is not an uncompressed P-256 point';
  const auth = /^[A-Za-z0-9_-]+={0,2}$/.test(to.keys.auth) ? Buffer.from(to.keys.auth, 'base64url') : null;
  if (!auth || auth.length < 16) return 'auth secret shorter than 16 bytes';
  return null;
}

function mapPushError(err: unknown): SendResult {
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number') return { status: 'retry', reason: `network: ${errorText(err)}` };
  const body = String((err as { body?: unknown }).body ?? '').slice(0, 200);
  const reason = `push service answered ${status}${body ? `: ${body}` : ''}`;
  if (status === 404 || status === 410) return { status: 'gone', reason };
  if (status === 429 || status >= 500) {
    const after = retryAfterSeconds((err as { headers?: Record<string, string> }).headers?.['retry-after']);
    return { status: 'retry', reason, ...(after !== undefined ? { retryAfterSec: after } : {}) };
  }
  return { status: 'failed', reason };
}
