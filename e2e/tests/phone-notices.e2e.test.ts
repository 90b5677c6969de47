/**
 * The phone page's "Notify me" panel in Chromium, on the real system with e-mail (a local SMTP
 * sink), SMS (a recording provider) and web push (a local push service) set up:
 * - desktop Chromium with notifications allowed: Chromium's own push service is unreachable on
 *   this offline machine, exactly what a customer in mainland China meets, so the page says so
 *   and offers e-mail; the mail arrives when staff call the ticket;
 * - the consent box and the server's address check;
 * - an iPhone outside the Home Screen: the install steps and the e-mail/SMS offer, zh and en;
 * - the success path in the real page and service worker, with the browser's PushManager
 *   standing in for the unreachable push service (a subscription from the local push service),
 *   including the service worker's `pushsubscriptionchange` hand-over.
 * Needs apps/web built (`cd apps/web && npx vite build`).
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { startSmtpSink, startTestPushService, type Delivery, type SmtpSink, type TestPushService } from '@tellerline/notify/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, screenshot, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let sys: TestSystem;
let push: TestPushService;
let smtp: SmtpSink;
/** Keeps what it is given (`outbox`, numbers unmasked) instead of sending texts. */
const sms = createLoggingSmsProvider(() => undefined);
let browser: Browser;
let staff: HttpClient;
let kiosk: HttpClient;
let anyone: HttpClient;

beforeAll(async () => {
  push = await startTestPushService();
  smtp = await startSmtpSink();
  ({ sys, browser } = await startWithBrowser(
    { PUSH_SERVICE_HOSTS: '127.0.0.1', VAPID_SUBJECT: 'mailto:ops@bank.example', SMTP_URL: smtp.url, MAIL_FROM: '"Tellerline" <notices@bank.example>' },
    { notify: { pushAgent: push.agent, smsProvider: sms } },
  ));
  staff = new HttpClient(sys.url);
  await staff.login('alice');
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  anyone = new HttpClient(sys.url);
  expect((await command('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
});

afterAll(async () => {
  await stopWithBrowser(sys, browser);
  await smtp?.close();
  await push?.close();
});

const command = (type: string, extra: Record<string, unknown> = {}) => staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });

/** Each test starts with nobody waiting or at the counter, so "call next" calls its ticket. */
beforeEach(async () => {
  const state = (await sys.system.parts.store.load(sys.branchId))!;
  for (const t of Object.values(state.tickets)) {
    if (t.status === 'called') await command('start', { ticketId: t.id });
    if (t.status === 'waiting') await command('cancel', { ticketId: t.id });
    else if (t.status === 'called' || t.status === 'serving') await command('complete', { ticketId: t.id });
  }
});

async function issue(lang: 'zh' | 'en') {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), lang });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { token: r.body.data.token as string, ticketId: r.body.data.ticketId as string, number: r.body.data.view.number as string };
}

const choices = async (token: string) => (await anyone.req('GET', `/api/v1/tickets/${token}/notify`)).body.data as { push: unknown[]; contacts: { channel: string; addressMasked: string; lang: string; aheadThreshold: number | null; onCalled: boolean }[] };

async function openTicket(context: BrowserContext, token: string, lang: 'zh' | 'en'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
  await page.locator('[data-testid=phone-notices]').waitFor();
  return page;
}

const text = (page: Page, testid: string) => page.locator(`[data-testid=${testid}]`).innerText();

describe('notify me: push unavailable, e-mail instead', () => {
  it('desktop Chromium: the push service is unreachable, the page says so and the called mail arrives in Chinese', async () => {
    const t = await issue('zh');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.grantPermissions(['notifications'], { origin: sys.url });
    const page = await openTicket(context, t.token, 'zh');
    const panel = page.locator('[data-testid=phone-notices]');
    expect(await panel.innerText()).toContain('前面还剩 3 人时提醒我'); // the default choice
    expect(await page.locator('[data-testid=notices-called]').isChecked()).toBe(true);

    await page.click('[data-testid=notices-push]');
    // Chromium tries its push service, which cannot be reached from here.
    await expect.poll(() => panel.getAttribute('data-problem'), { timeout: 45_000 }).toBe('push-service-unreachable');
    const why = await text(page, 'push-unavailable');
    expect(why).toContain('连接不上它的通知服务');
    expect(why).toContain('中国大陆');
    expect(why).toContain('只要本页面保持打开，排队状态就会实时更新');
    // The offer waits for GET /api/v1/notify/channels, which may answer after the rest has rendered.
    await expect.poll(() => panel.innerText()).toContain('也可以改用邮件或短信提醒您');
    expect(await page.locator('[data-testid=notices-push]').count()).toBe(0);
    await screenshot(page, 'phone-notices-unreachable-zh');

    await page.check('[data-testid=notices-channel-email]');
    await page.fill('[data-testid=notices-address]', 'Wang.Li@Bank.example');
    expect(await page.locator('[data-testid=notices-consent]').isChecked()).toBe(false);
    await page.check('[data-testid=notices-consent]');
    await page.click('[data-testid=notices-send]');
    await page.locator('[data-testid=notices-on]').waitFor();
    expect(await text(page, 'notices-on-contact')).toMatch(/^我们会发邮件到 w••@bank\.example$/);
    expect(await text(page, 'notices-on')).toContain('前面还剩 3 人时、叫到您的号时');

    // The server has it, masked, in the page's language.
    const c = await choices(t.token);
    expect(c.push).toEqual([]);
    expect(c.contacts).toEqual([expect.objectContaining({ channel: 'email', lang: 'zh', aheadThreshold: 3, onCalled: true, addressMasked: expect.stringMatching(/^w••@bank\.example$/) })]);

    // Nobody is ahead, so "3 or fewer ahead" has already been mailed; now the call.
    const calledSubject = `请到 1 号柜台（${t.number}）`;
    const call = await command('call-next');
    expect(call.body.data.called.ticketId).toBe(t.ticketId);
    await expect.poll(() => smtp.mails.find((m) => m.subject === calledSubject), { timeout: 20_000 }).toBeTruthy();
    const mail = smtp.mails.find((m) => m.subject === calledSubject)!;
    expect(mail.to).toEqual(['wang.li@bank.example']);
    expect(mail.text).toContain(`${t.number} 号，轮到您办理`);
    expect(mail.text).toContain(`/t/${t.token}`);
    // Called: the panel gives way to "go to counter 1".
    await page.locator('[data-testid=phone-called]').waitFor();
    expect(await page.locator('[data-testid=phone-notices]').count()).toBe(0);
    await context.close();
  });

  it('sends nothing without consent, shows the server’s address check, and texts a good number', async () => {
    const t = await issue('en');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    // Notifications blocked for this site: the page says how to allow them, and offers the rest.
    const cdp = await context.newCDPSession(await context.newPage());
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin: sys.url, browserContextId: targetInfo.browserContextId });
    const page = await openTicket(context, t.token, 'en');
    const why = await text(page, 'push-unavailable');
    expect(why).toContain('Notifications are blocked for this site.');
    expect(why).toContain('set Notifications to Allow');
    expect(why).toContain('keeps updating live');

    await page.check('[data-testid=notices-channel-email]');
    await page.fill('[data-testid=notices-address]', 'a@bank.example');
    await page.click('[data-testid=notices-send]');
    expect(await text(page, 'notices-contact-error')).toBe('Please tick the box to agree: we send nothing without your consent.');
    expect((await choices(t.token)).contacts).toEqual([]);

    await page.check('[data-testid=notices-consent]');
    await page.fill('[data-testid=notices-address]', 'not an address');
    await page.click('[data-testid=notices-send]');
    await expect.poll(() => text(page, 'notices-contact-error')).toBe('That e-mail address doesn’t look right; please check it (e.g. name@example.com).');

    await page.check('[data-testid=notices-channel-sms]');
    expect(await page.locator('[data-testid=notices-address]').getAttribute('type')).toBe('tel');
    await page.fill('[data-testid=notices-address]', '138-ABC');
    await page.click('[data-testid=notices-send]');
    await expect.poll(() => text(page, 'notices-contact-error')).toContain('That number doesn’t look right');
    expect((await choices(t.token)).contacts).toEqual([]);

    // Only "when I am called".
    await page.selectOption('[data-testid=notices-ahead]', { label: 'No need' });
    await page.fill('[data-testid=notices-address]', '+86 138 0013 8000');
    await page.click('[data-testid=notices-send]');
    await page.locator('[data-testid=notices-on]').waitFor();
    expect(await text(page, 'notices-on-contact')).toMatch(/^We will text \+86 [• ]+8000$/);
    expect(await text(page, 'notices-on')).toContain('When: when you are called');
    expect((await choices(t.token)).contacts).toEqual([expect.objectContaining({ channel: 'sms', lang: 'en', aheadThreshold: null, onCalled: true })]);

    const before = sms.outbox.length;
    await command('call-next');
    await expect.poll(() => sms.outbox.length, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(sms.outbox[before]!.to).toBe('+8613800138000');
    expect(sms.outbox[before]!.text).toContain(t.number);
    await context.close();
  });

  it('an iPhone outside the Home Screen gets the install steps and the e-mail/SMS offer, in Chinese and in English', async () => {
    const t = await issue('zh');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: IPHONE_SAFARI, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await openTicket(context, t.token, 'zh');
    const panel = page.locator('[data-testid=phone-notices]');
    expect(await panel.getAttribute('data-problem')).toBe('ios-needs-install');
    expect(await page.locator('[data-testid=notices-push]').count()).toBe(0);
    const zh = await text(page, 'push-unavailable');
    expect(zh).toContain('需要先把本页添加到主屏幕');
    expect(zh).toContain('“分享”');
    expect(zh).toContain('添加到主屏幕');
    expect(zh).toContain('iOS 16.4');
    expect(zh).toContain('排队状态就会实时更新');
    // The offer waits for GET /api/v1/notify/channels, which may answer after the rest has rendered.
    await expect.poll(() => panel.innerText()).toContain('也可以改用邮件或短信提醒您');
    expect(await page.locator('[data-testid=notices-channel-sms]').count()).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-notices-zh');

    await page.click('[data-testid=booking-lang-switch]');
    await expect.poll(() => text(page, 'push-unavailable')).toContain('On iPhone and iPad, notifications only work once this page is on your Home Screen');
    const en = await text(page, 'push-unavailable');
    expect(en).toContain('Share');
    expect(en).toContain('Add to Home Screen');
    expect(en).toContain('iOS 16.4 or later');
    expect(en).toContain('keeps updating live');
    expect(await panel.innerText()).toContain('We can e-mail or text you instead');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-notices-en');

    // Signed up after switching: the notices come in English.
    await page.check('[data-testid=notices-channel-email]');
    await page.fill('[data-testid=notices-address]', 'sam@bank.example');
    await page.check('[data-testid=notices-consent]');
    await page.click('[data-testid=notices-send]');
    await page.locator('[data-testid=notices-on]').waitFor();
    expect((await choices(t.token)).contacts).toEqual([expect.objectContaining({ channel: 'email', lang: 'en' })]);

    // Turned off from the page: nothing left on the server, and the offer is back.
    await page.click('[data-testid=notices-off]');
    await page.locator('[data-testid=notices-contact]').waitFor();
    expect(await choices(t.token)).toEqual({ push: [], contacts: [] });
    // The "turn off" button is gone: the focus is on the panel's heading, not lost to <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('notices-title');
    await context.close();
  });
});

describe('notify me: where push works', () => {
  it('subscribes from the tap, turns off, and the service worker hands a replaced subscription to the server', async () => {
    const t = await issue('zh');
    const first = push.subscribe();
    const replaced = push.subscribe();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await context.grantPermissions(['notifications'], { origin: sys.url });
    // The browser's PushManager, answering as a reachable push service would: the subscription
    // is one the local push service made, so the server's real sends reach it.
    await context.addInitScript((json) => {
      let current: unknown = null;
      const subscription = {
        endpoint: json.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: null },
        toJSON: () => json,
        getKey: () => null,
        unsubscribe: async () => ((current = null), true),
      };
      PushManager.prototype.subscribe = async function () {
        current = subscription;
        return subscription as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        return current as PushSubscription | null;
      };
    }, first.toJSON());
    const page = await openTicket(context, t.token, 'zh');
    const notes = () => page.evaluate(async () => (await (await caches.open('tellerline-push-tickets')).keys()).length);

    await page.selectOption('[data-testid=notices-ahead]', '2');
    await page.click('[data-testid=notices-push]');
    await page.locator('[data-testid=notices-on]').waitFor({ timeout: 30_000 });
    expect(await text(page, 'notices-on')).toContain('我们会向您的手机发送通知');
    expect(await text(page, 'notices-on')).toContain('前面还剩 2 人时');
    expect((await choices(t.token)).push).toEqual([expect.objectContaining({ aheadThreshold: 2, onCalled: true, lang: 'zh' })]);
    await expect.poll(notes).toBe(1); // the service worker noted the ticket

    await page.click('[data-testid=notices-off]');
    await page.locator('[data-testid=notices-push]').waitFor();
    expect((await choices(t.token)).push).toEqual([]);
    await expect.poll(notes).toBe(0);

    await page.click('[data-testid=notices-push]');
    await page.locator('[data-testid=notices-on]').waitFor({ timeout: 30_000 });
    await expect.poll(notes).toBe(1);

    // The browser replaces the subscription while no page needs to be open.
    const worker = context.serviceWorkers().find((w) => w.url().endsWith('/sw.js'))!;
    expect(worker).toBeTruthy();
    await worker.evaluate(
      async ({ oldEndpoint, json }) => {
        const event = new Event('pushsubscriptionchange');
        let done: Promise<unknown> = Promise.resolve();
        Object.defineProperty(event, 'waitUntil', { value: (p: Promise<unknown>) => (done = p) });
        Object.defineProperty(event, 'oldSubscription', { value: { endpoint: oldEndpoint, options: { applicationServerKey: null } } });
        Object.defineProperty(event, 'newSubscription', { value: { endpoint: json.endpoint, toJSON: () => json } });
        self.dispatchEvent(event);
        await done;
      },
      { oldEndpoint: first.endpoint, json: replaced.toJSON() },
    );
    const now = (await choices(t.token)).push;
    expect(now).toEqual([expect.objectContaining({ aheadThreshold: 2, onCalled: true, lang: 'zh' })]);

    // The call goes to the new subscription only (the old one had the "nearly your turn" notice).
    const title = `请到 1 号柜台（${t.number}）`;
    const isCall = (id: string) => (x: Delivery) => x.subscriptionId === id && (x.json as { title?: string } | null)?.title === title;
    const call = await command('call-next');
    expect(call.body.data.called.ticketId).toBe(t.ticketId);
    const [d] = (await push.waitFor(1, isCall(replaced.id), 20_000)) as Delivery[];
    expect(d!.error).toBeNull();
    expect(d!.json).toMatchObject({ lang: 'zh', tag: `tl-${t.ticketId}` });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await push.waitFor(0, isCall(first.id))).toEqual([]);
    await context.close();
  });
});
