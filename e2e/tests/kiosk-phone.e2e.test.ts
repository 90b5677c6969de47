/**
 * The customer's path: take a ticket at the kiosk (portrait, touch), follow it on the phone from
 * the QR code, get called, cancel, and survive a dropped connection. The real system, real
 * sockets, Chromium; staff act over HTTP as the staff panel would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HttpClient, device, screenshot, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let kiosk: Page;
let kioskContext: BrowserContext;
let staff: HttpClient;

interface Issued {
  number: string;
  url: string;
}

const tickets: Issued[] = [];
const phones: Page[] = [];

async function openPhone(url: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid=phone-number]').waitFor();
  return page;
}

/** Kiosk start screen → language → service A → (contact) → ticket screen. */
async function takeTicket(lang: 'zh' | 'en', opts: { phone?: string; doubleTap?: boolean } = {}): Promise<Issued> {
  await kiosk.click(`[data-testid=lang-${lang}]`);
  await kiosk.click('[data-testid=service-A]');
  if (opts.phone) {
    for (const d of opts.phone) await kiosk.click(`[data-testid=key-${d}]`);
    await kiosk.check('[data-testid=consent]');
    await kiosk.click('[data-testid=issue-with-contact]');
  } else if (opts.doubleTap) {
    await kiosk.dblclick('[data-testid=skip-contact]');
  } else {
    await kiosk.click('[data-testid=skip-contact]');
  }
  const screen = kiosk.locator('[data-testid=kiosk-ticket]');
  await screen.locator('[data-testid=ticket-qr] svg').waitFor();
  const issued = { number: (await kiosk.textContent('[data-testid=ticket-number]'))!.trim(), url: (await screen.getAttribute('data-phone-url'))! };
  tickets.push(issued);
  return issued;
}

async function waitingFor(code: string): Promise<number> {
  const r = await new HttpClient(sys.url).req('GET', `/api/v1/branches/${sys.branchId}/queue`);
  return r.body.data.find((s: { code: string }) => s.code === code).waiting;
}

/** "Leave the queue" on a phone page: its words, and whether it sits below the help link (at the page's foot) or above it. */
async function leaveQueue(page: Page): Promise<{ text: string; belowHelp: boolean }> {
  const leave = await page.locator('[data-testid=cancel-ticket]').boundingBox();
  const help = await page.locator('[data-testid=phone-help-link]').boundingBox();
  return { text: (await page.textContent('[data-testid=cancel-ticket]'))!.trim(), belowHelp: leave!.y > help!.y + help!.height };
}

async function command(body: Record<string, unknown>) {
  const r = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

describe('kiosk and phone page', () => {
  beforeAll(async () => {
    ({ sys, browser } = await startWithBrowser());
    ({ context: kioskContext, page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' }));
    staff = new HttpClient(sys.url);
    await staff.login('alice');
    // Dana (who also serves cash, A) is on a break: waits are estimated (with nobody signed on
    // who can serve A, the kiosk would promise none: kiosk-lobby.e2e.test.ts).
    const dana = new HttpClient(sys.url);
    await dana.login('dana');
    for (const body of [{ type: 'sign-on', counterId: sys.counter('4') }, { type: 'pause', reason: 'break' }]) {
      expect((await dana.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body)).status).toBe(200);
    }
  });

  afterAll(() => stopWithBrowser(sys, browser));

  it('an unpaired kiosk says so in both languages', async () => {
    const { context, page } = await device(browser, { width: 1080, height: 1920 });
    await page.goto(`${sys.url}/kiosk`);
    const box = page.locator('[data-testid=kiosk-not-paired]');
    await expect.poll(() => box.textContent()).toContain('此屏幕尚未配对');
    expect(await box.textContent()).toContain('This screen is not paired');
    await context.close();
  });

  it('pairs from ?device=, hides the token and remembers it', async () => {
    await kiosk.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await kiosk.locator('[data-testid=lang-zh]').waitFor();
    expect(kiosk.url()).not.toContain('device=');
    expect(await kiosk.evaluate(() => localStorage.getItem('tellerline.kiosk.device'))).toBe(sys.kioskToken);
    await kiosk.reload();
    await kiosk.locator('[data-testid=lang-zh]').waitFor();
  });

  it('issues one ticket in Chinese for a double tap, with number, people ahead, wait and QR code', async () => {
    await kiosk.click('[data-testid=lang-zh]');
    await expect.poll(() => kiosk.textContent('[data-testid=waiting-A]')).toBe('等候 0 人');
    await kiosk.click('[data-testid=kiosk-lang-switch]'); // to English and back: the switch works
    expect(await kiosk.textContent('[data-testid=waiting-A]')).toBe('Waiting: 0');
    await kiosk.click('[data-testid=kiosk-lang-switch]');
    await kiosk.click('text=返回首页');

    const t = await takeTicket('zh', { doubleTap: true });
    expect(t.number).toMatch(/^A\d{3}$/);
    expect(t.url).toMatch(new RegExp(`^${sys.url}/t/[A-Za-z0-9_-]{16,}\\?lang=zh$`));
    const screen = kiosk.locator('[data-testid=kiosk-ticket]');
    expect(await screen.textContent()).toContain('您的号码');
    expect(await kiosk.textContent('[data-testid=ticket-ahead]')).toBe('0 人');
    expect(await screen.textContent()).toMatch(/约 \d+–\d+ 分钟|\d+ 分钟内/);
    expect(await waitingFor('A')).toBe(1); // the second tap did not issue another ticket
    await screenshot(kiosk, 'kiosk-zh');
  });

  it('the QR code opens the phone page in Chinese with the number, people ahead and wait', async () => {
    const page = await openPhone(tickets[0]!.url, 'en-US'); // the link's ?lang wins over the phone's
    phones.push(page);
    expect(await page.textContent('[data-testid=phone-number]')).toBe(tickets[0]!.number);
    expect(await page.textContent('[data-testid=phone-ahead]')).toBe('0 人');
    expect(await page.textContent('[data-testid=phone-state]')).toContain('前面还有');
    expect(await page.textContent('[data-testid=phone-wait]')).toMatch(/约 \d+–\d+ 分钟|\d+ 分钟内/);
    await screenshot(page, 'phone-zh');
  });

  it('issues in English with a consented phone number typed on the keypad', async () => {
    await kiosk.click('[data-testid=ticket-done]');
    const t = await takeTicket('en', { phone: '13800138000' });
    expect(t.url).toContain('?lang=en');
    expect(await kiosk.textContent('[data-testid=kiosk-ticket]')).toContain('Your number');
    expect(await kiosk.textContent('[data-testid=ticket-ahead]')).toBe('1');
    await screenshot(kiosk, 'kiosk-en');

    // The contact reached the server: the profile is for the staff member serving the ticket only.
    const q = await staff.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
    const id = q.body.data.tickets.find((x: { number: string }) => x.number === t.number).id;
    expect((await staff.req('GET', `/api/v1/branches/${sys.branchId}/tickets/${id}/profile`)).status).toBe(403);
    const customers = await sys.system.parts.db.customerBook.findByPhone('13800138000');
    expect(customers.length).toBeGreaterThan(0);

    const page = await openPhone(t.url, 'zh-CN');
    phones.push(page);
    expect(await page.textContent('[data-testid=phone-ahead]')).toBe('1');
    expect(await page.textContent('[data-testid=phone-state]')).toContain('People ahead of you');
    expect(await page.textContent('[data-testid=phone-wait]')).toMatch(/about \d+–\d+ min|within \d+ min/);
    await screenshot(page, 'phone-en');
  });

  it('a call reaches the phone live: "go to counter 1", a buzzing title; the next in line moves up', async () => {
    const [first, second] = phones as [Page, Page];
    await first.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await command({ type: 'sign-on', counterId: sys.counter('1') });
    const result = await command({ type: 'call-next' });
    expect(result.called.number).toBe(tickets[0]!.number);

    const called = first.locator('[data-testid=phone-called]');
    await called.waitFor({ timeout: 10_000 });
    expect(await called.textContent()).toContain('请到 1 号柜台');
    expect(await first.title()).toMatch(/^🔔 A\d{3} 请到 1 号柜台$/);
    expect(await first.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // no reload
    await expect.poll(() => second.textContent('[data-testid=phone-ahead]'), { timeout: 10_000 }).toBe('0');
    expect(await second.title()).toContain('0 ahead');
    // Called, "leave the queue" is no longer right under "go to counter 1" (a mis-tap would cost
    // the turn): a "can't come?" link at the foot of the page, in either language. Still waiting,
    // it stays under the ticket.
    expect(await leaveQueue(first)).toEqual({ text: '来不了？取消排队', belowHelp: true });
    await first.getByRole('button', { name: 'English' }).click();
    expect(await leaveQueue(first)).toEqual({ text: 'Can’t come? Leave the queue', belowHelp: true });
    await first.getByRole('button', { name: '中文' }).click();
    expect(await leaveQueue(second)).toEqual({ text: 'Leave the queue', belowHelp: false });

    // The customer missed it and staff call again: the phone buzzes again and says so.
    await first.evaluate(() => {
      const w = window as unknown as { buzzes: number };
      w.buzzes = 0;
      Object.defineProperty(navigator, 'vibrate', { configurable: true, value: () => ((w.buzzes += 1), true) });
    });
    await command({ type: 'recall', ticketId: result.called.ticketId });
    await expect.poll(() => first.locator('[data-testid=phone-called]').getAttribute('data-recalls'), { timeout: 10_000 }).toBe('1');
    expect(await first.textContent('[data-testid=phone-called]')).toContain('再次呼叫');
    expect(await first.title()).toMatch(/^🔔 A\d{3} 再次呼叫，请到 1 号柜台$/);
    expect(await first.evaluate(() => (window as unknown as { buzzes: number }).buzzes)).toBe(1);
  });

  it('cancelling from the phone leaves the line, and the kiosk count drops live', async () => {
    const second = phones[1]!;
    await kiosk.click('[data-testid=ticket-done]');
    await kiosk.click('[data-testid=lang-zh]');
    await expect.poll(() => kiosk.textContent('[data-testid=waiting-A]')).toBe('等候 1 人');

    await second.click('[data-testid=cancel-ticket]');
    await second.locator('[data-testid=cancel-dialog]').waitFor();
    await second.click('[data-testid=cancel-confirm]');
    await second.locator('[data-testid=phone-finished]').waitFor();
    expect(await second.textContent('[data-testid=phone-finished]')).toContain('Cancelled');
    expect(await second.locator('[data-testid=cancel-ticket]').count()).toBe(0);

    await expect.poll(() => kiosk.textContent('[data-testid=waiting-A]'), { timeout: 10_000 }).toBe('等候 0 人');
    expect(await waitingFor('A')).toBe(0);
    await kiosk.click('text=返回首页');
  });

  it('a phone that was offline during its call catches up when back online', async () => {
    const t = await takeTicket('zh');
    const page = await openPhone(t.url, 'zh-CN');
    phones.push(page);
    const context = page.context();

    await context.setOffline(true);
    await expect.poll(() => page.locator('[data-testid=offline-banner]').isVisible()).toBe(true);

    // Alice finishes the first customer and calls the next one while this phone is offline.
    const firstId = (await staff.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`)).body.data.tickets.find((x: { number: string }) => x.number === tickets[0]!.number).id;
    await command({ type: 'start', ticketId: firstId });
    await command({ type: 'complete', ticketId: firstId });
    const result = await command({ type: 'call-next' });
    expect(result.called.number).toBe(t.number);

    await context.setOffline(false);
    const called = page.locator('[data-testid=phone-called]');
    await called.waitFor({ timeout: 10_000 });
    expect(await called.textContent()).toContain('请到 1 号柜台');
    // The call comes over HTTP at once; the banner goes when the socket is back (its backoff).
    await expect.poll(() => page.locator('[data-testid=offline-banner]').isVisible(), { timeout: 10_000 }).toBe(false);

    // The first customer's phone shows the finished state.
    await expect.poll(() => phones[0]!.textContent('[data-testid=phone-state]'), { timeout: 10_000 }).toContain('已完成');
  });

  it('the ticket screen returns to the start by itself after ~20 s untouched', { timeout: 45_000 }, async () => {
    await kiosk.locator('[data-testid=kiosk-ticket]').waitFor();
    await kiosk.locator('[data-testid=lang-zh]').waitFor({ timeout: 30_000 });
  });

  it('a form step warns 20 s before going back to the start, in both languages; "I need more time" keeps what was typed', async () => {
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await page.clock.install();
    await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await page.click('[data-testid=lang-en]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.click('[data-testid=service-A]');
    for (const d of '1380') await page.click(`[data-testid=key-${d}]`);
    const warning = page.locator('[data-testid=idle-warning]');
    await page.clock.fastForward(39_000);
    expect(await warning.count()).toBe(0);
    await page.clock.fastForward(1_500);
    await warning.waitFor();
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('Are you still there?');
    expect(text).toContain('您还在吗？');
    expect(await warning.getAttribute('role')).toBe('alertdialog');
    // The big button has the focus, and says it in both languages.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idle-more-time');
    expect(await page.textContent('[data-testid=idle-more-time]')).toContain('I need more time');
    expect(await page.textContent('[data-testid=idle-more-time]')).toContain('我还需要时间');
    await page.click('[data-testid=idle-more-time]');
    await expect.poll(() => warning.count()).toBe(0);
    expect(await page.inputValue('[data-testid=phone-input]')).toContain('1380');
    // A full minute again before the start screen: warned first, then reset.
    await page.clock.fastForward(41_000);
    await warning.waitFor();
    await page.clock.fastForward(20_000);
    await page.locator('[data-testid=lang-zh]').waitFor();
    expect(await warning.count()).toBe(0);
    await context.close();
  });

  it('a wrong number or a missing consent is said at its field, for screen readers too, and issues nothing', async () => {
    const before = await waitingFor('A');
    await kiosk.click('[data-testid=lang-en]');
    await kiosk.click('[data-testid=service-A]');
    for (const d of '138') await kiosk.click(`[data-testid=key-${d}]`);
    await kiosk.check('[data-testid=consent]');
    await kiosk.click('[data-testid=issue-with-contact]');
    const problem = kiosk.locator('#contact-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await kiosk.getAttribute('[data-testid=phone-input]', 'aria-invalid')).toBe('true');
    expect(await kiosk.getAttribute('[data-testid=phone-input]', 'aria-describedby')).toBe('contact-problem');
    // A valid number without the consent box: now the box is the field in question.
    for (const d of '00138000') await kiosk.click(`[data-testid=key-${d}]`);
    await kiosk.uncheck('[data-testid=consent]');
    await kiosk.click('[data-testid=issue-with-contact]');
    await expect.poll(() => kiosk.getAttribute('[data-testid=consent]', 'aria-describedby')).toBe('contact-problem');
    expect(await kiosk.getAttribute('[data-testid=phone-input]', 'aria-invalid')).toBe('false');
    expect(await waitingFor('A')).toBe(before);
    await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Start over' }).click();
    await kiosk.locator('[data-testid=lang-en]').waitFor();
  });

  it('a network failure while issuing shows an error and a retry issues the ticket', async () => {
    const before = await waitingFor('A');
    await kiosk.click('[data-testid=lang-en]');
    await kiosk.locator('[data-testid=waiting-A]').waitFor();
    await kioskContext.setOffline(true);
    await expect.poll(() => kiosk.locator('[data-testid=offline-banner]').isVisible()).toBe(true);
    await kiosk.click('[data-testid=service-A]');
    await kiosk.click('[data-testid=skip-contact]');
    await kiosk.locator('[data-testid=issue-error]').waitFor();
    expect(await waitingFor('A')).toBe(before);

    await kioskContext.setOffline(false);
    await kiosk.click('[data-testid=retry]');
    await kiosk.locator('[data-testid=kiosk-ticket] [data-testid=ticket-qr] svg').waitFor();
    expect(await waitingFor('A')).toBe(before + 1);
    await expect.poll(() => kiosk.locator('[data-testid=offline-banner]').isVisible()).toBe(false);
    await kiosk.click('[data-testid=ticket-done]');
  });

  it('an answer lost after the ticket was issued, then a retry: one ticket, not two', async () => {
    const before = await waitingFor('A');
    const sent: string[] = [];
    let lostNumber = '';
    const pattern = `**/api/v1/branches/${sys.branchId}/tickets`;
    await kiosk.route(pattern, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      sent.push((JSON.parse(request.postData() ?? '{}') as { requestId?: string }).requestId ?? '');
      if (sent.length > 1) return route.continue();
      // The request reaches the server and a ticket is issued; the answer never reaches the kiosk.
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      lostNumber = ((await response.json()) as { data: { view: { number: string } } }).data.view.number;
      await route.abort('connectionreset');
    });
    try {
      await kiosk.click('[data-testid=lang-en]');
      await kiosk.click('[data-testid=service-A]');
      await kiosk.click('[data-testid=skip-contact]');
      await kiosk.locator('[data-testid=issue-error]').waitFor();
      expect(lostNumber).toMatch(/^A\d{3}$/);
      expect(await waitingFor('A')).toBe(before + 1); // issued, though the kiosk does not know it

      await kiosk.click('[data-testid=retry]');
      await kiosk.locator('[data-testid=kiosk-ticket] [data-testid=ticket-qr] svg').waitFor();
      // The retry carried the same request id, so the server answered with the ticket it had issued.
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(sent[1]).toBe(sent[0]);
      expect((await kiosk.textContent('[data-testid=ticket-number]'))!.trim()).toBe(lostNumber);
      expect(await waitingFor('A')).toBe(before + 1);
      const q = await staff.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`);
      expect(q.body.data.tickets.filter((x: { number: string }) => x.number === lostNumber)).toHaveLength(1);
      await kiosk.click('[data-testid=ticket-done]');

      // The next customer's touch is a new request: a new id and a new ticket.
      await kiosk.click('[data-testid=lang-en]');
      await kiosk.click('[data-testid=service-A]');
      await kiosk.click('[data-testid=skip-contact]');
      await kiosk.locator('[data-testid=kiosk-ticket] [data-testid=ticket-qr] svg').waitFor();
      expect(sent).toHaveLength(3);
      expect(sent[2]).not.toBe(sent[0]);
      expect(await waitingFor('A')).toBe(before + 2);
      await kiosk.click('[data-testid=ticket-done]');
    } finally {
      await kiosk.unroute(pattern);
    }
  });

  it('an answer lost, then the customer adds a phone number and presses again: still one ticket, and the kiosk says the number was not kept', async () => {
    const before = await waitingFor('A');
    const sent: { requestId?: string; contact?: unknown }[] = [];
    let lostNumber = '';
    const pattern = `**/api/v1/branches/${sys.branchId}/tickets`;
    await kiosk.route(pattern, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      sent.push(JSON.parse(request.postData() ?? '{}') as { requestId?: string; contact?: unknown });
      if (sent.length > 1) return route.continue();
      const response = await route.fetch(); // issued; the answer is lost on the way back
      lostNumber = ((await response.json()) as { data: { view: { number: string } } }).data.view.number;
      await route.abort('connectionreset');
    });
    try {
      await kiosk.click('[data-testid=lang-zh]');
      await kiosk.click('[data-testid=service-A]');
      await kiosk.click('[data-testid=skip-contact]');
      await kiosk.locator('[data-testid=issue-error]').waitFor();
      // Instead of "try again", the customer types a phone number and asks for the ticket with it.
      for (const d of '13800138000') await kiosk.click(`[data-testid=key-${d}]`);
      await kiosk.check('[data-testid=consent]');
      await kiosk.click('[data-testid=issue-with-contact]');
      await kiosk.locator('[data-testid=kiosk-ticket] [data-testid=ticket-qr] svg').waitFor();
      expect((await kiosk.textContent('[data-testid=ticket-number]'))!.trim()).toBe(lostNumber);
      await expect.poll(() => kiosk.textContent('[data-testid=contact-not-kept]')).toContain('修改未保存');
      expect(await waitingFor('A')).toBe(before + 1);
      // All three went under one id: the second (with the number) was refused as a reused id, the
      // third asked again exactly as the first and got its ticket.
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map((b) => b.requestId)).size).toBe(1);
      expect(sent[1]!.contact).toEqual({ phone: '+8613800138000', consent: true });
      expect(sent[2]).toEqual(sent[0]);
      await kiosk.click('[data-testid=ticket-done]');
    } finally {
      await kiosk.unroute(pattern);
    }
  });

  it('appointment check-in refuses an unknown code plainly and offers a ticket instead', async () => {
    await kiosk.click('[data-testid=lang-zh]');
    await kiosk.click('[data-testid=appointment]');
    // 签到 is the filled (primary) button, 取号 only outlined: booked customers must not be drawn
    // into the walk-in line by the one dark button on the screen.
    const fill = (id: string) => kiosk.locator(`[data-testid=${id}]`).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await fill('appointment-submit')).toBe('rgb(11, 61, 110)');
    expect(await fill('appointment-take-ticket')).toBe('rgb(255, 255, 255)');
    await kiosk.fill('[data-testid=appointment-code]', 'ZZZZZZ');
    await kiosk.click('[data-testid=appointment-submit]');
    const refused = kiosk.locator('[data-testid=checkin-refused]');
    await refused.waitFor();
    expect(['APPOINTMENT_NOT_FOUND', 'VALIDATION_FAILED']).toContain(await refused.getAttribute('data-code'));
    await kiosk.click('[data-testid=appointment-take-ticket]');
    await kiosk.locator('[data-testid=service-A]').waitFor();
  });

  it('/t/last (where the installed phone app starts) opens the last ticket this phone followed', async () => {
    const page = phones[0]!;
    await page.goto(`${sys.url}/t/last`);
    await expect.poll(() => page.url()).toContain(new URL(tickets[0]!.url).pathname);
    await page.locator('[data-testid=phone-number]').waitFor();
    expect(await page.textContent('[data-testid=phone-number]')).toBe(tickets[0]!.number);
    // The page offers its own manifest (served same-origin), so installing it opens the last
    // ticket, not the staff menu.
    const href = (await page.getAttribute('link[rel=manifest]', 'href'))!;
    const manifest = (await (await fetch(new URL(href, sys.url))).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ start_url: '/t/last', scope: '/t/', display: 'standalone' });
  });

  it('an unknown ticket link shows a friendly not-found page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'en-US' });
    const p = await context.newPage();
    await p.goto(`${sys.url}/t/ThisTokenDoesNotExist123?lang=en`);
    await p.locator('[data-testid=phone-not-found]').waitFor();
    expect(await p.textContent('[data-testid=phone-not-found]')).toContain('couldn’t find this ticket');
    await context.close();
  });

  it('fits a landscape kiosk without scrolling: contact step, ticket, appointment keypad', async () => {
    /** The element is wholly on screen, and the page does not scroll. */
    const onScreen = async (page: Page, selector: string) => {
      const box = await page.locator(selector).boundingBox();
      const { width, height } = page.viewportSize()!;
      expect(box, selector).not.toBeNull();
      expect(box!.x, selector).toBeGreaterThanOrEqual(0);
      expect(box!.y, selector).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, selector).toBeLessThanOrEqual(width);
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(height);
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    };
    for (const [width, height, lang] of [[1920, 1080, 'en'], [1280, 800, 'zh']] as const) {
      const { context, page } = await device(browser, { width, height });
      await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
      await page.click(`[data-testid=lang-${lang}]`);
      await page.click('[data-testid=service-C]'); // not A: the counts of A are checked above
      await page.locator('[data-testid=phone-input]').waitFor();
      for (const id of ['skip-contact', 'phone-input', 'key-0', 'consent', 'issue-with-contact']) await onScreen(page, `[data-testid=${id}]`);
      await page.click('[data-testid=skip-contact]');
      await page.locator('[data-testid=ticket-qr] svg').waitFor();
      for (const id of ['ticket-number', 'ticket-qr', 'ticket-done']) await onScreen(page, `[data-testid=${id}]`);
      if (width === 1920) await screenshot(page, 'kiosk-landscape-en');
      await page.click('[data-testid=ticket-done]');

      // The check-in keypad: 32 keys in whole rows of 8, then Clear and ⌫ side by side on a row of their own.
      await page.click(`[data-testid=lang-${lang}]`);
      await page.click('[data-testid=appointment]');
      await page.locator('[data-testid=appointment-code]').waitFor();
      const keys = await page.locator('[data-testid^=code-key-]').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      expect(keys).toHaveLength(32);
      expect(new Set(keys).size).toBe(4);
      const [clear, back] = await page.locator('.keypad .fn').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(clear!.top).toBe(back!.top);
      expect(clear!.right).toBeLessThanOrEqual(back!.left);
      expect(clear!.top).toBeGreaterThan(Math.max(...keys));
      for (const id of ['code-key-9', 'appointment-submit', 'appointment-take-ticket']) await onScreen(page, `[data-testid=${id}]`);
      await context.close();
    }
  });

  it('an unknown branch says so in both languages, each marked with its own', async () => {
    const { context, page } = await device(browser, { width: 1920, height: 1080, locale: 'en-US' });
    await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}&branch=00000000-0000-0000-0000-000000000000`);
    const box = page.locator('[data-testid=kiosk-no-branch]');
    await box.waitFor();
    expect(await box.locator('h1 [lang=zh-CN]').textContent()).toContain('找不到网点');
    expect(await box.locator('h1 [lang=en]').textContent()).toContain('Branch not found');
    expect(await box.locator('h1').getAttribute('lang')).toBeNull();
    await context.close();
  });

  // Last in this file, and it restores D: this file's system (own schema, Redis prefix) is shared
  // by its tests only, which run one after another; none of the others uses service D.
  it('an appointment-only service keeps its tile, leads to check-in, and refuses walk-in tickets', async () => {
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const info = await new HttpClient(sys.url).req('GET', `/api/v1/branches/${sys.branchId}`);
    expect(info.status).toBe(200);
    const wealth = (info.body.data.services as { id: string; code: string; name: { en: string } }[]).find((s) => s.code === 'D')!;
    expect(wealth.name.en).toBe('Wealth');
    const settingsPath = `/api/v1/branches/${sys.branchId}/booking/settings`;
    const before = await manager.req('GET', settingsPath);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const setWalkIns = async (walkIns: boolean) => {
      const r = await manager.saveBookingSettings(settingsPath, { services: { [wealth.id]: { walkIns } } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.data.services[wealth.id].walkIns).toBe(walkIns);
    };
    const tileD = kiosk.locator('[data-testid=service-D]');
    const waitingD = await waitingFor('D');

    await kiosk.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`); // a known start, whatever the earlier tests left on screen
    await kiosk.click('[data-testid=lang-en]');
    await kiosk.locator('[data-testid=waiting-D]').waitFor();
    expect(await tileD.getAttribute('data-appointment-only')).toBeNull();
    // A customer picked D just before the manager's change: the ticket is refused, plainly.
    await kiosk.click('[data-testid=service-D]');
    try {
      await setWalkIns(false);
      await kiosk.click('[data-testid=skip-contact]');
      const error = kiosk.locator('[data-testid=issue-error]');
      await error.waitFor();
      expect(await error.textContent()).toContain('This service is by appointment only. Book a time on your phone, or check in with your check-in code.');
      // Trying again would be refused again: only the way back is offered.
      expect(await kiosk.locator('[data-testid=retry]').count()).toBe(0);
      await kiosk.click('text="Back"');

      // The tile stays, says why, and carries no wait; the other services are unchanged.
      await expect.poll(() => tileD.getAttribute('data-appointment-only'), { timeout: 10_000 }).toBe('true');
      expect(await tileD.textContent()).toContain('Wealth');
      expect(await tileD.textContent()).toContain('By appointment only · tap to check in');
      expect(await kiosk.locator('[data-testid=waiting-D]').count()).toBe(0);
      expect(await tileD.isEnabled()).toBe(true);
      expect(await kiosk.locator('[data-testid=service-A]').getAttribute('data-appointment-only')).toBeNull();
      await kiosk.locator('[data-testid=waiting-A]').waitFor();
      await kiosk.click('[data-testid=kiosk-lang-switch]');
      await expect.poll(() => tileD.textContent()).toContain('仅限预约 · 点此签到');

      // Tapping it opens the appointment check-in, not the ticket steps.
      await tileD.click();
      await kiosk.locator('[data-testid=appointment-code]').waitFor();
      expect(await kiosk.locator('[data-testid=skip-contact]').count()).toBe(0);
      await kiosk.click('[data-testid=appointment-take-ticket]');
      await tileD.waitFor();

      // The server refuses a walk-in ticket for D from the kiosk's device token.
      const refused = await new HttpClient(sys.url).req(
        'POST',
        `/api/v1/branches/${sys.branchId}/tickets`,
        { serviceId: wealth.id, priority: 'normal', lang: 'en' },
        { authorization: `Bearer ${sys.kioskToken}` },
      );
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error.code).toBe('SERVICE_APPOINTMENT_ONLY');
      expect(await waitingFor('D')).toBe(waitingD);
    } finally {
      await setWalkIns(true);
    }
    // Back to a walk-in tile, and D's rules read as they did before.
    await expect.poll(() => tileD.getAttribute('data-appointment-only'), { timeout: 10_000 }).toBeNull();
    await kiosk.locator('[data-testid=waiting-D]').waitFor();
    expect((await manager.req('GET', settingsPath)).body.data.services[wealth.id]).toEqual(before.body.data.services[wealth.id]);
    await kiosk.click('text=返回首页');
  });
});
