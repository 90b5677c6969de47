/**
 * Queue notices on the customer's phone: Web Push where the browser can, e-mail or SMS where it
 * cannot. The phone page calls these from its own UI; everything that talks to the browser's push
 * machinery or to the server's notice API is here.
 *
 *   pushSupport()                      what to offer: 'supported' | 'ios-needs-install' | 'unsupported' | 'denied'
 *   subscribe(token, { aheadThreshold, onCalled, lang })   call it straight from the tap handler
 *   unsubscribe(token)                 this device stops getting notices
 *   notifyBy(token, { channel, address, consent: true, ... })  e-mail / SMS instead
 *   stopContacts(token), noticeChoices(token), notifyChannels()
 */
import type { NoticeChoices, NotifyChannels, NotifyContactBody } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';

export type PushSupport = 'supported' | 'ios-needs-install' | 'unsupported' | 'denied';

export interface SubscribeOptions {
  /** "Tell me when this many (or fewer) are ahead of me"; null = don't. Default 3. */
  aheadThreshold?: number | null;
  /** "Tell me when I am called." Default true. */
  onCalled?: boolean;
  /** Language of the notices. Default zh. */
  lang?: 'zh' | 'en';
  /** Give up on the browser's push service after this long (it may be unreachable). Default 15 s. */
  timeoutMs?: number;
}

export type SubscribeResult =
  | { ok: true; id: string; endpoint: string }
  | {
      ok: false;
      /**
       * unsupported / ios-needs-install / denied: see pushSupport(); dismissed: the permission
       * prompt was closed without a choice; push-service-unreachable: the browser could not reach
       * its push service (e.g. mainland China, no Google services); server: our API refused (`code`).
       */
      reason: Exclude<PushSupport, 'supported'> | 'dismissed' | 'push-service-unreachable' | 'server';
      code?: string;
    };

/** The browser pieces this module uses (the real ones by default; tests pass fakes). */
export interface PushEnv {
  navigator: Navigator & { standalone?: boolean };
  Notification?: { permission: NotificationPermission; requestPermission(cb?: (p: NotificationPermission) => void): Promise<NotificationPermission> | undefined };
  hasPushManager: boolean;
  isSecureContext: boolean;
  standaloneDisplay: boolean;
}

export function browserEnv(): PushEnv {
  return {
    navigator,
    Notification: typeof Notification === 'undefined' ? undefined : (Notification as unknown as PushEnv['Notification']),
    hasPushManager: typeof window !== 'undefined' && 'PushManager' in window,
    isSecureContext: typeof window !== 'undefined' && window.isSecureContext,
    standaloneDisplay: typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(display-mode: standalone)').matches,
  };
}

function isIos(nav: Navigator): boolean {
  // iPadOS reports itself as a Mac; a Mac has no touch points.
  return /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}

/**
 * What this browser can do for push:
 * - 'ios-needs-install': iPhone/iPad Safari gives web push only to a page added to the Home Screen
 *   (iOS 16.4+) and opened from there; explain how, and offer e-mail/SMS meanwhile;
 * - 'unsupported': no service worker / Push API / Notifications (or not https);
 * - 'denied': the customer blocked notifications for this site (only the browser settings undo it);
 * - 'supported': offer the switch. The push service may still be unreachable (subscribe says so).
 */
export function pushSupport(env: PushEnv = browserEnv()): PushSupport {
  const standalone = env.standaloneDisplay || env.navigator.standalone === true;
  if (isIos(env.navigator) && !standalone) return 'ios-needs-install';
  if (!env.isSecureContext || !('serviceWorker' in env.navigator) || !env.hasPushManager || !env.Notification) return 'unsupported';
  if (env.Notification.permission === 'denied') return 'denied';
  return 'supported';
}

/** Old Safari's requestPermission takes a callback and returns nothing. */
function askPermission(n: NonNullable<PushEnv['Notification']>): Promise<NotificationPermission> {
  return new Promise((resolve) => {
    const maybe = n.requestPermission(resolve);
    if (maybe) void maybe.then(resolve, () => resolve('default'));
  });
}

function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}

/**
 * Turns on push notices for this ticket on this device. Call it directly from the tap handler
 * (no `await` before it): Safari shows the permission prompt only inside a user gesture, and this
 * asks for permission first. Registers /sw.js, fetches the VAPID key, subscribes, and hands the
 * subscription to the server with the customer's choices. Never throws: see SubscribeResult.
 */
export async function subscribe(token: string, options: SubscribeOptions = {}, env: PushEnv = browserEnv()): Promise<SubscribeResult> {
  const support = pushSupport(env);
  if (support !== 'supported') return { ok: false, reason: support };
  const permission = env.Notification!.permission === 'granted' ? 'granted' : await askPermission(env.Notification!);
  if (permission === 'denied') return { ok: false, reason: 'denied' };
  if (permission !== 'granted') return { ok: false, reason: 'dismissed' };

  let subscription: PushSubscription;
  let registration: ServiceWorkerRegistration;
  try {
    const sw = env.navigator.serviceWorker;
    await sw.register('/sw.js', { scope: '/' });
    registration = await sw.ready;
    const { publicKey } = await api<{ publicKey: string }>('GET', '/api/v1/push/vapid-public-key');
    const key = base64UrlToBytes(publicKey);
    let existing = await registration.pushManager.getSubscription();
    // A subscription made for another server key (keys rotated) cannot be used with ours.
    if (existing && !sameKey(existing.options.applicationServerKey, key)) {
      await existing.unsubscribe().catch(() => false);
      existing = null;
    }
    subscription = existing ?? (await withTimeout(registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), options.timeoutMs ?? 15_000));
  } catch (err) {
    if (err instanceof ApiFailure) return { ok: false, reason: 'server', code: err.code };
    // AbortError "push service error", a timeout: the browser's push service is out of reach.
    return { ok: false, reason: 'push-service-unreachable' };
  }

  try {
    const choices = {
      lang: options.lang ?? 'zh',
      aheadThreshold: options.aheadThreshold === undefined ? 3 : options.aheadThreshold,
      onCalled: options.onCalled ?? true,
    };
    const saved = await api<{ id: string }>('POST', `/api/v1/tickets/${encodeURIComponent(token)}/push`, { subscription: subscription.toJSON(), ...choices });
    tellWorker(registration, { type: 'tellerline:push-subscribed', token, endpoint: subscription.endpoint, ...choices });
    return { ok: true, id: saved.id, endpoint: subscription.endpoint };
  } catch (err) {
    return { ok: false, reason: 'server', code: err instanceof ApiFailure ? err.code : 'INTERNAL' };
  }
}

/** This device stops getting this ticket's notices (the browser subscription is dropped too). */
export async function unsubscribe(token: string, env: PushEnv = browserEnv()): Promise<void> {
  if (!('serviceWorker' in env.navigator)) return;
  const registration = await env.navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  await api('DELETE', `/api/v1/tickets/${encodeURIComponent(token)}/push`, { endpoint: subscription.endpoint });
  tellWorker(registration, { type: 'tellerline:push-unsubscribed', token });
  await subscription.unsubscribe().catch(() => false);
}

/**
 * /sw.js keeps which tickets this device subscribed for, so that when the browser replaces the
 * subscription (`pushsubscriptionchange`, with no page open) it can hand the new one to the server.
 */
function tellWorker(registration: ServiceWorkerRegistration | undefined, message: Record<string, unknown>): void {
  try {
    registration?.active?.postMessage(message);
  } catch {
    // Only a convenience for later: the subscription itself is saved.
  }
}

/**
 * E-mail or SMS instead of push. `consent: true` must come from a box the customer ticked.
 * Rejects with ApiFailure: VALIDATION_FAILED (bad address), CHANNEL_UNAVAILABLE (not set up
 * here), TICKET_FINISHED, RATE_LIMITED (too many contacts), NOT_FOUND.
 */
export function notifyBy(token: string, body: { channel: 'email' | 'sms'; address: string; consent: true; lang?: 'zh' | 'en'; aheadThreshold?: number | null; onCalled?: boolean }) {
  return api<{ id: string; channel: 'email' | 'sms'; addressMasked: string; aheadThreshold: number | null; onCalled: boolean; lang: 'zh' | 'en' }>(
    'POST',
    `/api/v1/tickets/${encodeURIComponent(token)}/notify`,
    body satisfies Partial<NotifyContactBody>,
  );
}

/** Stop every e-mail/SMS notice of this ticket. */
export function stopContacts(token: string) {
  return api<{ removed: number }>('DELETE', `/api/v1/tickets/${encodeURIComponent(token)}/notify`);
}

/** What this ticket will be told and where (addresses masked): to show the current choices. */
export function noticeChoices(token: string) {
  return api<NoticeChoices>('GET', `/api/v1/tickets/${encodeURIComponent(token)}/notify`);
}

/** Which channels this installation offers (hide e-mail or SMS when false). */
export function notifyChannels() {
  return api<NotifyChannels>('GET', '/api/v1/notify/channels');
}
