import { afterEach, describe, expect, it, vi } from 'vitest';
import { pushSupport, subscribe, type PushEnv } from './push-client.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

function env(over: Partial<PushEnv> & { ua?: string; platform?: string; touch?: number; permission?: NotificationPermission; serviceWorker?: unknown } = {}): PushEnv {
  const nav = {
    userAgent: over.ua ?? ANDROID,
    platform: over.platform ?? 'Linux armv8l',
    maxTouchPoints: over.touch ?? 5,
    ...(over.serviceWorker !== null ? { serviceWorker: over.serviceWorker ?? {} } : {}),
  } as unknown as PushEnv['navigator'];
  let permission = over.permission ?? 'default';
  return {
    navigator: nav,
    Notification: {
      get permission() {
        return permission;
      },
      requestPermission: vi.fn(async () => (permission = over.permission === 'default' ? 'default' : 'granted')),
    },
    hasPushManager: true,
    isSecureContext: true,
    standaloneDisplay: false,
    ...over,
  };
}

describe('pushSupport', () => {
  it('tells iPhone and iPad Safari to add the page to the Home Screen first', () => {
    expect(pushSupport(env({ ua: IPHONE, hasPushManager: false }))).toBe('ios-needs-install');
    expect(pushSupport(env({ ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', platform: 'MacIntel', touch: 5 }))).toBe('ios-needs-install');
    expect(pushSupport(env({ ua: IPHONE, standaloneDisplay: true }))).toBe('supported');
  });

  it('says unsupported without the APIs or https, denied when blocked', () => {
    expect(pushSupport(env())).toBe('supported');
    expect(pushSupport(env({ hasPushManager: false }))).toBe('unsupported');
    expect(pushSupport(env({ isSecureContext: false }))).toBe('unsupported');
    expect(pushSupport(env({ serviceWorker: null }))).toBe('unsupported');
    expect(pushSupport(env({ Notification: undefined }))).toBe('unsupported');
    expect(pushSupport(env({ permission: 'denied' }))).toBe('denied');
    // A desktop Mac (no touch) is not an iPad.
    expect(pushSupport(env({ ua: 'Mozilla/5.0 (Macintosh) Safari/605', platform: 'MacIntel', touch: 0 }))).toBe('supported');
  });
});

describe('subscribe', () => {
  afterEach(() => vi.unstubAllGlobals());

  function browser(pushSubscribe: () => Promise<unknown>) {
    const registration = { pushManager: { getSubscription: vi.fn(async () => null), subscribe: vi.fn(pushSubscribe) } };
    const serviceWorker = { register: vi.fn(async () => registration), ready: Promise.resolve(registration) };
    return { registration, serviceWorker };
  }

  function server(answer: (url: string, init: RequestInit) => { status: number; body: unknown }) {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const a = answer(url, init);
      return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
    });
    return calls;
  }

  const sub = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', toJSON: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }) };

  it('asks permission, registers /sw.js, subscribes with the server key and posts the choices', async () => {
    const { registration, serviceWorker } = browser(async () => sub);
    const calls = server((url) => (url.endsWith('vapid-public-key') ? { status: 200, body: { data: { publicKey: KEY } } } : { status: 201, body: { data: { id: 's1' } } }));
    const e = env({ serviceWorker });
    const r = await subscribe('tok_abcdefghijklmnop', { aheadThreshold: 2, lang: 'en' }, e);
    expect(r).toEqual({ ok: true, id: 's1', endpoint: sub.endpoint });
    expect(e.Notification!.requestPermission).toHaveBeenCalled();
    expect(serviceWorker.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    const opts = registration.pushManager.subscribe.mock.calls[0] as unknown as [{ userVisibleOnly: boolean; applicationServerKey: Uint8Array }];
    expect(opts[0].userVisibleOnly).toBe(true);
    expect(opts[0].applicationServerKey).toHaveLength(65);
    const post = calls.find((c) => c.url === '/api/v1/tickets/tok_abcdefghijklmnop/push')!;
    expect(JSON.parse(String(post.init.body))).toEqual({ subscription: sub.toJSON(), lang: 'en', aheadThreshold: 2, onCalled: true });
  });

  it('reports an unreachable push service, a dismissed prompt, and server refusals', async () => {
    server((url) => (url.endsWith('vapid-public-key') ? { status: 200, body: { data: { publicKey: KEY } } } : { status: 409, body: { error: { code: 'TICKET_FINISHED', message: 'done' } } }));
    const unreachable = browser(async () => {
      throw new DOMException('Registration failed - push service error', 'AbortError');
    });
    expect(await subscribe('tok_abcdefghijklmnop', {}, env({ serviceWorker: unreachable.serviceWorker }))).toEqual({ ok: false, reason: 'push-service-unreachable' });
    const hangs = browser(() => new Promise(() => undefined));
    expect(await subscribe('tok_abcdefghijklmnop', { timeoutMs: 20 }, env({ serviceWorker: hangs.serviceWorker }))).toEqual({ ok: false, reason: 'push-service-unreachable' });
    expect(await subscribe('tok_abcdefghijklmnop', {}, env({ permission: 'default', serviceWorker: browser(async () => sub).serviceWorker }))).toEqual({ ok: false, reason: 'dismissed' });
    expect(await subscribe('tok_abcdefghijklmnop', {}, env({ serviceWorker: browser(async () => sub).serviceWorker }))).toEqual({ ok: false, reason: 'server', code: 'TICKET_FINISHED' });
    expect(await subscribe('tok_abcdefghijklmnop', {}, env({ ua: IPHONE }))).toEqual({ ok: false, reason: 'ios-needs-install' });
  });
});
