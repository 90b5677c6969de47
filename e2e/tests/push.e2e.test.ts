/**
 * Web push to the phone, end to end, as far as a headless browser allows: a staff call on the
 * real system makes the notice worker send a real Web Push request (VAPID, aes128gcm) to a local
 * push service, which decrypts it as the browser's push service would hand it over; the decrypted
 * message is then delivered to apps/web's service worker (/sw.js) through the DevTools protocol
 * (`ServiceWorker.deliverPushMessage`), and the notification it shows is read back with
 * `registration.getNotifications()`. (Chromium's own push service is unreachable here, so
 * `pushManager.subscribe` cannot be used.) Needs apps/web built (`cd apps/web && npx vite build`).
 */
import { startTestPushService, type Delivery, type TestPushService } from '@tellerline/notify/testing';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let push: TestPushService;
let browser: Browser;
let staff: HttpClient;

beforeAll(async () => {
  push = await startTestPushService();
  ({ sys, browser } = await startWithBrowser({ PUSH_SERVICE_HOSTS: '127.0.0.1', VAPID_SUBJECT: 'mailto:ops@bank.example' }, { notify: { pushAgent: push.agent } }));
  staff = new HttpClient(sys.url);
  await staff.login('alice');
  const on = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-on', counterId: sys.counter('1') });
  expect(on.status).toBe(200);
});

afterAll(async () => {
  await stopWithBrowser(sys, browser);
  await push?.close();
});

interface Shown {
  title: string;
  body: string;
  tag: string;
  lang: string;
  data: { url: string };
  requireInteraction: boolean;
}

/** A phone with notifications allowed, on the ticket's page, with /sw.js registered and active. */
async function phoneWithServiceWorker(token: string): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; registrationId: string }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await context.grantPermissions(['notifications'], { origin: sys.url });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await page.goto(`${sys.url}/t/${token}`);
  const scope = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    return r.scope;
  });
  expect(scope).toBe(`${sys.url}/`);
  await expect.poll(() => registrations.find((r) => r.scopeURL === scope && !r.isDeleted)).toBeTruthy();
  return { context, page, cdp, registrationId: registrations.find((r) => r.scopeURL === scope && !r.isDeleted)!.registrationId };
}

const shown = (page: Page) =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      lang: n.lang,
      data: n.data as { url: string },
      requireInteraction: n.requireInteraction,
    })),
  );

describe('web push to the service worker', () => {
  it('a call on the counter shows "please go to counter 1" on the phone, in Chinese', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), lang: 'zh' });
    expect(issued.status).toBe(201);
    const { token, ticketId } = issued.body.data as { token: string; ticketId: string };
    const number = issued.body.data.view.number as string;

    const phone = await phoneWithServiceWorker(token);
    // The subscription the browser's push service would have made for this service worker.
    const sub = push.subscribe();
    const r = await phone.page.evaluate(
      async ({ token, subscription }) => {
        const res = await fetch(`/api/v1/tickets/${token}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription, lang: 'zh', aheadThreshold: null }) });
        return res.status;
      },
      { token, subscription: sub.toJSON() },
    );
    expect(r).toBe(201);

    const call = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'call-next' });
    expect(call.body.data.called.ticketId).toBe(ticketId);
    const [delivery] = (await push.waitFor(1, (d: Delivery) => d.subscriptionId === sub.id)) as Delivery[];
    expect(delivery!.error).toBeNull();
    expect(delivery!.headers).toMatchObject({ urgency: 'high', contentEncoding: 'aes128gcm' });

    // Hand the decrypted message to the service worker exactly as the browser would.
    // The notice carries the ticket's tag, so handing it over again while it is missing (see the
    // next test) replaces rather than adds one.
    const deliver = () => phone.cdp.send('ServiceWorker.deliverPushMessage', { origin: sys.url, registrationId: phone.registrationId, data: delivery!.text! });
    await deliver();
    await expect
      .poll(
        async () => {
          const count = (await shown(phone.page)).length;
          if (count === 0) await deliver();
          return count;
        },
        { timeout: 30_000, interval: 3_000 },
      )
      .toBe(1);
    const [n] = (await shown(phone.page)) as Shown[];
    expect(n).toMatchObject({
      title: `请到 1 号柜台（${number}）`,
      tag: `tl-${ticketId}`,
      lang: 'zh-CN',
      requireInteraction: true,
      data: { url: `${sys.url}/t/${token}` },
    });
    expect(n!.body).toContain(`${number} 号，轮到您办理`);
    await phone.context.close();
  });

  it('a later notice for the same ticket replaces the earlier one; an unreadable push still shows a generic notice', async () => {
    const { context, page, cdp, registrationId } = await phoneWithServiceWorker('x'.repeat(24));
    const deliver = (data: string) => cdp.send('ServiceWorker.deliverPushMessage', { origin: sys.url, registrationId, data });
    await deliver(JSON.stringify({ title: 'Almost your turn (A001)', body: '2 ahead', lang: 'en', tag: 'tl-t1', urgency: 'normal', url: '/t/abc' }));
    const call = JSON.stringify({ title: 'Counter 2, please (A001)', body: 'Your turn', lang: 'en', tag: 'tl-t1', urgency: 'high', url: '/t/abc' });
    await deliver(call);
    // On a loaded CI run a message handed over by CDP once never showed (15 s), so each poll hands
    // it over again while it is missing; both notices carry a fixed tag, so a repeat replaces.
    await expect
      .poll(
        async () => {
          const titles = (await shown(page)).map((n) => n.title);
          if (titles[0] !== 'Counter 2, please (A001)') await deliver(call);
          return titles;
        },
        { timeout: 30_000, interval: 3_000 },
      )
      .toEqual(['Counter 2, please (A001)']);
    await expect
      .poll(
        async () => {
          const titles = (await shown(page)).map((n) => n.title).sort();
          if (titles.length < 2) await deliver('not json');
          return titles;
        },
        { timeout: 30_000, interval: 3_000 },
      )
      .toEqual(['Counter 2, please (A001)', '排队提醒']);
    const generic = (await shown(page)).find((n) => n.title === '排队提醒')!;
    expect(generic).toMatchObject({ body: '您的排队状态有更新，请查看。', tag: 'tl-unreadable', lang: 'zh-CN', requireInteraction: false });
    await context.close();
  });
});
