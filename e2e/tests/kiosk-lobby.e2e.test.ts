/**
 * The kiosk, the phone page and the lobby screen tell the truth: a service nobody on duty can
 * serve promises no wait; a closed branch shows why and when it opens, in both languages, and
 * issues no ticket; a double tap on a button that changes the screen does not choose on the next
 * one. The real system (the demo branch, open all day, so this runs at any hour), Chromium, touch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { byTest, HttpClient, launch, screenshot, startSystem, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let kiosk: Page;
let alice: HttpClient;
let manager: HttpClient;
const branch = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

/** The demo branch's today, and a day either side, in its time zone (Asia/Shanghai). */
function shanghaiDay(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function openKiosk(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
  return page;
}

/** Taps the middle of an element with a finger. */
async function tap(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = (await byTest(page, testId).boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.touchscreen.tap(at.x, at.y);
  return at;
}

beforeAll(async () => {
  sys = await startSystem();
  browser = await launch();
  // Alice serves cash (A) and business (B); nobody with the loans (C) skill is signed on.
  alice = new HttpClient(sys.url);
  await alice.login('alice');
  expect((await alice.req('POST', branch('/commands'), { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  kiosk = await openKiosk();
});

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

describe('the lobby tells the truth', () => {
  it('a double tap on the language button (taps 120 ms apart) opens the services and chooses none', async () => {
    await byTest(kiosk, 'lang-zh').waitFor();
    const at = await tap(kiosk, 'lang-zh');
    await kiosk.waitForTimeout(120);
    await kiosk.touchscreen.tap(at.x, at.y);
    await byTest(kiosk, 'service-A').waitFor();
    // The second tap landed on a service tile: without the guard it would have chosen it.
    const under = await kiosk.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid^="service-"]')?.getAttribute('data-testid') ?? null, at);
    expect(under).toMatch(/^service-[A-D]$/);
    expect(await byTest(kiosk, 'skip-contact').count()).toBe(0);
    expect(await byTest(kiosk, 'service-A').isVisible()).toBe(true);
    // A deliberate tap once the screen has settled is a choice as usual.
    await kiosk.waitForTimeout(450);
    await tap(kiosk, 'service-A');
    await byTest(kiosk, 'skip-contact').waitFor();
    await kiosk.getByRole('button', { name: '返回', exact: true }).click();
    await kiosk.getByRole('button', { name: '返回首页', exact: true }).click();
  });

  it('a service nobody on duty can serve: the tile, the warning before confirming, the ticket, the phone page and the lobby screen say so', async () => {
    await kiosk.click('[data-testid=lang-en]');
    await expect.poll(() => textOf(kiosk, 'wait-C')).toBe('No staff available for this service right now');
    expect(await textOf(kiosk, 'wait-A')).toBe('No wait');
    await kiosk.click('[data-testid=service-C]');
    expect(await textOf(kiosk, 'no-staff-warning')).toContain('You can still take a ticket');
    await screenshot(kiosk, 'kiosk-no-staff-en');
    await kiosk.click('[data-testid=skip-contact]');
    await byTest(kiosk, 'kiosk-ticket').waitFor();
    expect(await textOf(kiosk, 'ticket-wait')).toBe('No staff available for this service right now');
    const url = (await byTest(kiosk, 'kiosk-ticket').getAttribute('data-phone-url'))!;
    await kiosk.click('[data-testid=ticket-done]');

    // In Chinese too, at the tile.
    await kiosk.waitForTimeout(450);
    await kiosk.click('[data-testid=lang-zh]');
    await expect.poll(() => textOf(kiosk, 'wait-C')).toBe('暂无可办理人员');
    await kiosk.getByRole('button', { name: '返回首页', exact: true }).click();

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })).newPage();
    await phone.goto(url.replace('?lang=en', '?lang=zh'));
    await expect.poll(() => textOf(phone, 'phone-wait')).toBe('暂无可办理人员');
    expect(await textOf(phone, 'phone-no-staff')).toContain('您的排队位置保留');
    await screenshot(phone, 'phone-no-staff-zh');

    const lobby = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await lobby.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
    await expect.poll(() => textOf(lobby, 'signage-wait-C'), { timeout: 20_000 }).toContain('暂无可办理人员');
    expect(await textOf(lobby, 'signage-wait-C')).toContain('No staff available right now');
    expect(await textOf(lobby, 'signage-wait-A')).not.toContain('暂无可办理人员');

    // Chen (loans) signs on: the phone page shows a wait again, live.
    const chen = new HttpClient(sys.url);
    await chen.login('chen');
    expect((await chen.req('POST', branch('/commands'), { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    await expect.poll(() => textOf(phone, 'phone-wait'), { timeout: 20_000 }).not.toBe('暂无可办理人员');
    expect(await byTest(phone, 'phone-no-staff').count()).toBe(0);
    await phone.context().close();
    await lobby.context().close();
  });

  it('a closed branch: the kiosk says why and when in both languages, offers no ticket, and still checks in appointments', async () => {
    // A kiosk where a customer is about to take a ticket when the branch closes.
    await kiosk.click('[data-testid=lang-en]');
    await kiosk.click('[data-testid=service-A]');
    await byTest(kiosk, 'skip-contact').waitFor();

    // Closed from yesterday to tomorrow (branch time): closed whatever the hour this runs at.
    const closures = [{ date: shanghaiDay(-1), until: shanghaiDay(1), reason: '系统升级' }];
    const saved = await manager.saveBookingSettings(branch('/booking/settings'), { settings: { closures } }, { origin: sys.url });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const closed = await openKiosk();
    await byTest(closed, 'kiosk-closed').waitFor();
    expect(await byTest(closed, 'kiosk-closed').getAttribute('data-closed')).toBe('day-off');
    expect(await textOf(closed, 'closed-title-zh')).toBe('今天休息：系统升级');
    expect(await textOf(closed, 'closed-title-en')).toBe('Closed today: 系统升级');
    expect(await textOf(closed, 'closed-next-zh')).toMatch(/^下次营业：.+ \d{2}:\d{2}（\d{2}:\d{2} 起可取号）$/);
    expect(await textOf(closed, 'closed-next-en')).toMatch(/^Next opening: .+, \d{2}:\d{2} \(tickets from \d{2}:\d{2}\)$/);
    expect(await byTest(closed, 'kiosk-closed').textContent()).toContain('现在不能取号。');
    expect(await byTest(closed, 'kiosk-closed').textContent()).toContain('No tickets can be taken now.');
    expect(await byTest(closed, 'lang-zh').count()).toBe(0);
    await screenshot(closed, 'kiosk-closed');

    // Booked customers still check in, in the language of the button they press; back leads to the closed page.
    await closed.click('[data-testid=closed-appointment-en]');
    await byTest(closed, 'appointment-code').waitFor();
    expect(await textOf(closed, 'appointment-take-ticket')).toBe('Start over');
    await closed.click('[data-testid=appointment-take-ticket]');
    await byTest(closed, 'kiosk-closed').waitFor();

    // The server refuses a walk-in ticket whatever a screen shows.
    const kioskApi = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const refused = await kioskApi.req('POST', branch('/tickets'), { serviceId: sys.service('A') });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'BRANCH_CLOSED']);

    // The customer who was about to take one: refused, told so, no "try again", and the start screen is the closed page.
    await kiosk.click('[data-testid=skip-contact]');
    await expect.poll(() => textOf(kiosk, 'issue-error')).toContain('The branch is closed now');
    expect(await byTest(kiosk, 'retry').count()).toBe(0);
    await kiosk.getByRole('button', { name: 'Back', exact: true }).click();
    await kiosk.getByRole('button', { name: 'Start over', exact: true }).click();
    await byTest(kiosk, 'kiosk-closed').waitFor();

    await manager.saveBookingSettings(branch('/booking/settings'), { settings: {} }, { origin: sys.url });
    await closed.context().close();
  });
});
