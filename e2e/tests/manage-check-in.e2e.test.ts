/**
 * "I'm at the branch: check in" on the manage page (/a/<token>) only while check-in is possible,
 * in Chromium on a 360 px phone against the real system: before the window the page says when it
 * opens (the day too when that is not today at the branch), and the button appears when the
 * window opens without a reload. The server's clock is one the test moves (as in
 * booking.e2e.test.ts); the page measures the window against it, and the browser's clock is
 * Playwright's, moved forward to the opening. And the page stays true to the booking when it
 * changes elsewhere: cancelled in another tab, checked in at the kiosk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { byTest, device, HttpClient, signInStaff, staffCommand, startWithBrowser, stopWithBrowser, textOf, type TestSystem, local, nextMonday } from '../support.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MON = nextMonday();
const TUE = new Date(Date.parse(`${MON}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const clock = { t: local(MON, '08:00'), now: () => clock.t };
const MIN = 60_000;
/** How often an open manage page reads its booking again while "I'm here" is offered (the page's MANAGE_WATCH_MS). */
const WATCH_MS = 30_000;

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
});

afterAll(() => stopWithBrowser(sys, browser));

/** An appointment (10:00 unless said) for service A on `date`, booked over the API; its manage token. */
async function book(date: string, language: 'zh' | 'en', n: number, time = '10:00'): Promise<string> {
  const r = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', {
    branchId: sys.branchId,
    serviceId: sys.service('A'),
    startsAt: local(date, time),
    contact: { name: `Check-in ${n}`, phone: `+86 139 0000 31${String(n).padStart(2, '0')}`, language, consent: true },
    requestId: `e2e-manage-check-in-${n}`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return (r.body.data as { manageToken: string }).manageToken;
}

/** The manage page on a phone; `context` to open it in another tab of the same phone. */
async function phoneAt(lang: 'zh' | 'en', token: string, context?: BrowserContext) {
  context ??= await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  // The page's timers and Date follow Playwright's clock, which starts at the real time.
  await page.clock.install();
  await page.goto(`${sys.url}/a/${encodeURIComponent(token)}?lang=${lang}`);
  await byTest(page, 'appt-state').waitFor();
  return page;
}

describe('check-in on the manage page', () => {
  it('before the window: says when it opens, no button; when it opens the button appears without a reload and checks in (en)', async () => {
    clock.t = local(MON, '08:00');
    const page = await phoneAt('en', await book(MON, 'en', 1));
    // 10:00 with check-in 30 minutes early: from 09:30 today.
    expect(await textOf(page, 'appt-check-in-opens')).toBe('Check-in opens at 09:30.');
    expect(await byTest(page, 'appt-check-in').count()).toBe(0);

    // 09:29 on the page: still closed.
    await page.clock.fastForward(89 * MIN);
    expect(await byTest(page, 'appt-check-in').count()).toBe(0);
    // 09:30: the window opens, the page's timer shows the button.
    clock.t = local(MON, '09:31');
    await page.clock.fastForward(MIN + 1_000);
    await byTest(page, 'appt-check-in').waitFor({ timeout: 5_000 });
    expect(await byTest(page, 'appt-check-in-opens').count()).toBe(0);
    await byTest(page, 'appt-check-in').click();
    await expect.poll(() => page.getAttribute('[data-testid=appt-state]', 'data-state'), { timeout: 10_000 }).toBe('checked-in');
    await page.context().close();
  });

  it('a day early: names the day check-in opens on the branch clock, no button (zh)', async () => {
    clock.t = local(MON, '08:00');
    const page = await phoneAt('zh', await book(TUE, 'zh', 2));
    const text = await textOf(page, 'appt-check-in-opens');
    expect(text).toMatch(/^签到将于 \d+月\d+日周二 09:30 开放。$/);
    expect(await byTest(page, 'appt-check-in').count()).toBe(0);
    await page.context().close();
  });
});

/** What the manage page offers for a booking still ahead: its code, "check-in opens…", "I'm here", change, cancel. */
const stillBookedParts = ['appt-code', 'appt-check-in-opens', 'appt-check-in', 'appt-reschedule', 'appt-cancel'];
const shownParts = async (page: Page) => (await Promise.all(stillBookedParts.map(async (id) => ((await byTest(page, id).count()) > 0 ? id : null)))).filter(Boolean);

describe('the manage page stays true to the booking', () => {
  it('cancelled in another tab: 改约 there is refused and the page shows the booking cancelled, nothing left to press (zh)', async () => {
    clock.t = local(MON, '08:00');
    const first = await phoneAt('zh', await book(TUE, 'zh', 3));
    const second = await phoneAt('zh', new URL(first.url()).pathname.split('/').pop()!, first.context());
    await byTest(first, 'appt-cancel').click();
    await byTest(first, 'cancel-confirm').click();
    await expect.poll(() => first.getAttribute('[data-testid=appt-state]', 'data-state'), { timeout: 10_000 }).toBe('cancelled');

    // The second tab still shows it booked until its customer does something.
    expect(await shownParts(second)).toEqual(['appt-code', 'appt-check-in-opens', 'appt-reschedule', 'appt-cancel']);
    await byTest(second, 'appt-reschedule').click();
    await expect.poll(() => second.getAttribute('[data-testid=appt-state]', 'data-state'), { timeout: 10_000 }).toBe('cancelled');
    expect(await textOf(second, 'appt-error')).toBe('此预约已取消。');
    expect(await textOf(second, 'appt-state')).toBe('已取消');
    expect(await shownParts(second)).toEqual([]);
    expect(await second.locator('#resched-title').count()).toBe(0);
    await first.context().close();
  });

  it('cancelled in another tab: the page left open shows it when seen again (en)', async () => {
    clock.t = local(MON, '08:00');
    const token = await book(TUE, 'en', 4);
    const page = await phoneAt('en', token);
    expect(await textOf(page, 'appt-state')).toBe('Booked');
    const r = await new HttpClient(sys.url).req('POST', `/api/v1/appointments/${encodeURIComponent(token)}/cancel`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    // Back to this tab (or app): the browser says the page is visible again.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => textOf(page, 'appt-state'), { timeout: 10_000 }).toBe('Cancelled');
    expect(await shownParts(page)).toEqual([]);
    await page.context().close();
  });

  it('checked in at the kiosk with the code on screen: "I’m here" goes by itself while the page stays open (en)', async () => {
    clock.t = local(MON, '08:00');
    const token = await book(MON, 'en', 5, '11:00');
    clock.t = local(MON, '10:40');
    const page = await phoneAt('en', token);
    await byTest(page, 'appt-check-in').waitFor();
    const code = await textOf(page, 'appt-code');
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/check-in`, { code });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    // No tab switch, no tap: the page reads the booking again on its own while check-in is open.
    await page.clock.fastForward(WATCH_MS + 1_000);
    await expect.poll(() => textOf(page, 'appt-state'), { timeout: 10_000 }).toBe('Checked in');
    expect(await shownParts(page)).toEqual([]);
    expect(await page.locator('.ticket').textContent()).toContain('Your queue number:');
    await page.context().close();
  });

  it('checked in, then sent on to another service: the queue number on the page follows the transfer without a reload, spaced from its link (zh)', async () => {
    clock.t = local(MON, '08:00');
    const token = await book(MON, 'zh', 7, '13:00');
    clock.t = local(MON, '12:40');
    const page = await phoneAt('zh', token);
    await byTest(page, 'appt-check-in').click();
    await expect.poll(() => page.getAttribute('[data-testid=appt-state]', 'data-state'), { timeout: 10_000 }).toBe('checked-in');
    const first = await textOf(page, 'appt-ticket-number');
    expect(first).toMatch(/^您的排队号：A\d+$/);
    // "A006 · 查看排队进度", not "A006· 查看排队进度".
    expect(await page.locator('.ticket').textContent()).toMatch(/A\d+ · 查看排队进度/);

    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    await staffCommand(sys, alice, { type: 'sign-on', counterId: sys.counter('1') });
    const ticketId = (await sys.system.parts.db.booking.findByManageToken(token))!.ticketId!;
    await staffCommand(sys, alice, { type: 'call-ticket', ticketId, reason: 'e2e' });
    await staffCommand(sys, alice, { type: 'start', ticketId });
    await staffCommand(sys, alice, { type: 'transfer', ticketId, toServiceId: sys.service('B') });
    // No reload, no tab switch: the page follows the ticket.
    await expect.poll(() => textOf(page, 'appt-ticket-number'), { timeout: 10_000 }).toMatch(/^您的排队号：B\d+$/);
    expect(await page.locator('.ticket').textContent()).toMatch(/B\d+ · 查看排队进度/);
    await staffCommand(sys, alice, { type: 'cancel', ticketId });
    await staffCommand(sys, alice, { type: 'sign-off' });
    await page.context().close();
  });

  it("the staff panel's finished appointments keep 4.5:1 text contrast (axe color-contrast)", async () => {
    clock.t = local(MON, '08:00');
    const token = await book(MON, 'en', 8, '15:00');
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/appointments/${encodeURIComponent(token)}/cancel`)).status).toBe(200);
    const { context, page } = await device(browser, { width: 1366, height: 768, locale: 'en-US' });
    await signInStaff(page, sys.url, 'alice');
    await byTest(page, 'sign-on-1').click();
    await page.locator('[data-testid=appointments] li.finished').first().waitFor({ timeout: 15_000 });
    await page.evaluate(AXE);
    const low = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run({ include: [['[data-testid=appointments]']] }, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
      return r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
    });
    expect(low).toEqual([]);
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    await staffCommand(sys, alice, { type: 'sign-off' });
    await context.close();
  });
});
