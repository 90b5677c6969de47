/**
 * The managers' kiosks and lobby screens screen (/staff/devices) in a real browser against the
 * real system: the manager reaches it from the booking rules screen, pairs a kiosk, and the link
 * shown once pairs a second browser as that kiosk; unpairing it on the screen turns the open kiosk
 * page to "not paired" within seconds (the server closes its socket, the kiosk reconnects and is
 * refused); a new pairing link replaces the old one; a teller is kept out. The Chinese rendering is
 * saved to /tmp/devices-*.png.
 */
import type { BrowserContext, Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, focusedTestId, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let managerContext: BrowserContext;
let manager: Page;
let kiosk: Page;
/** The first link shown for 'Door kiosk'. */
let doorLink = '';
/** Device POSTs the manager's browser sent. */
const posts: string[] = [];

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

const row = (page: Page, name: string) => byTest(page, 'device-row').filter({ has: page.locator(`[data-testid="device-name"]`, { hasText: name }) });
const rowText = async (page: Page, name: string, id: string) => ((await row(page, name).locator(`[data-testid="${id}"]`).textContent()) ?? '').trim();
const TOKEN_LINK = (path: string) => new RegExp(`^${sys.url.replace(/[.]/g, '\\.')}${path.replace(/[?]/g, '\\?')}[A-Za-z0-9_-]{43}$`);

describe('kiosks and lobby screens screen', () => {
  it('the manager reaches it from the booking rules screen and sees the demo kiosk and lobby screen', async () => {
    ({ context: managerContext, page: manager } = await device(browser, { locale: 'en-US' }));
    await managerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sys.url });
    manager.on('request', (r: Request) => {
      if (r.method() === 'POST' && r.url().includes('/devices')) posts.push(r.url());
    });
    await signInStaff(manager, sys.url, 'manager');
    // The staff panel links both manager screens.
    expect(await byTest(manager, 'devices-link').getAttribute('href')).toBe('/staff/devices');
    await byTest(manager, 'booking-rules-link').click();
    await manager.waitForURL('**/staff/booking');
    const link = byTest(manager, 'devices-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('Kiosks and lobby screens');
    await link.click();
    await manager.waitForURL('**/staff/devices');
    await byTest(manager, 'devices-table').waitFor();
    expect(await textOf(manager, 'devices-title')).toBe('Kiosks and lobby screens');
    expect(await manager.title()).toBe('Kiosks and lobby screens · Tellerline');
    expect(await manager.evaluate(() => document.documentElement.lang)).toBe('en');
    const kinds = await byTest(manager, 'device-kind').allTextContents();
    expect(kinds.sort()).toEqual(['Kiosk', 'Lobby screen']);
    // A device has one name, shown as it is in both languages: the demo's read in both.
    expect(await rowText(manager, '大堂取号机 Lobby kiosk', 'device-kind')).toBe('Kiosk');
    expect(await rowText(manager, '大堂显示屏 Lobby display', 'device-kind')).toBe('Lobby screen');
    for (const s of await byTest(manager, 'device-status').allTextContents()) expect(s).toBe('Paired');
    // The form's inputs are named by their labels.
    expect(await manager.getByLabel('Name', { exact: true }).count()).toBe(1);
    expect(await manager.getByRole('radio', { name: /^Kiosk/ }).isChecked()).toBe(true);
    expect(await manager.getByRole('radio', { name: /^Lobby screen/ }).count()).toBe(1);
  });

  it('refuses an empty name in the browser, in its own words, without a request', async () => {
    await byTest(manager, 'pair-submit').click();
    await byTest(manager, 'pair-name-error').waitFor();
    expect(await textOf(manager, 'pair-name-error')).toBe('Enter a name for the screen.');
    expect(await textOf(manager, 'devices-error')).toBe('Please correct the marked fields, then pair.');
    expect(await byTest(manager, 'pair-name').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedTestId(manager)).toBe('pair-name');
    await byTest(manager, 'pair-name').fill('x'.repeat(61));
    expect(await textOf(manager, 'pair-name-error')).toBe('The name can have at most 60 characters.');
    expect(posts).toEqual([]);
  });

  it("pairs a kiosk named 'Door kiosk' and shows its link once, with a QR code, a note and Copy", async () => {
    await byTest(manager, 'pair-name').fill('Door kiosk');
    expect(await byTest(manager, 'pair-name-error').count()).toBe(0);
    await byTest(manager, 'pair-submit').click();
    await byTest(manager, 'pair-result').waitFor();
    expect(posts).toHaveLength(1);
    expect(await textOf(manager, 'pair-result-heading')).toContain('Pairing link for “Door kiosk”');
    // Focus lands on the result, so keyboard and screen reader users are told about it.
    await expect.poll(() => focusedTestId(manager)).toBe('pair-result-heading');
    expect(await textOf(manager, 'pair-once')).toContain('This link is shown only now. Open it on the screen to pair it; anyone with it can use the screen.');
    doorLink = await byTest(manager, 'pair-url').inputValue();
    expect(doorLink).toMatch(TOKEN_LINK('/kiosk?device='));
    await byTest(manager, 'pair-qr').locator('svg').waitFor();
    expect(await byTest(manager, 'pair-qr').getAttribute('aria-label')).toBe('QR code of the pairing link');
    expect(await textOf(manager, 'devices-status')).toBe('“Door kiosk” is paired.');
    expect(await rowText(manager, 'Door kiosk', 'device-kind')).toBe('Kiosk');
    expect(await rowText(manager, 'Door kiosk', 'device-last-seen')).toBe('Never');
    expect(await rowText(manager, 'Door kiosk', 'device-status')).toBe('Paired');
    expect(await textOf(manager, 'pair-name-error')).toBe('');
    expect(await byTest(manager, 'pair-name').inputValue()).toBe('');

    await byTest(manager, 'pair-copy').click();
    await expect.poll(() => textOf(manager, 'devices-status')).toBe('Link copied.');
    expect(await manager.evaluate(() => navigator.clipboard.readText())).toBe(doorLink);
  });

  it('the link opened on another device pairs it as the kiosk: its start screen shows', async () => {
    ({ page: kiosk } = await device(browser, { width: 1080, height: 1920 }));
    await kiosk.goto(doorLink);
    await kiosk.locator('[data-testid=lang-zh]').waitFor();
    expect(kiosk.url()).not.toContain('device=');
    expect(await kiosk.locator('[data-testid=kiosk-not-paired]').count()).toBe(0);
  });

  it('the link is not shown again after a reload; the kiosk is now seen', async () => {
    await manager.reload();
    await byTest(manager, 'devices-table').waitFor();
    expect(await byTest(manager, 'pair-result').count()).toBe(0);
    expect(await manager.content()).not.toContain(doorLink.split('device=')[1]!);
    await expect
      .poll(async () => {
        await manager.reload();
        await byTest(manager, 'devices-table').waitFor();
        return rowText(manager, 'Door kiosk', 'device-last-seen');
      })
      .toMatch(/^(Just now|1 min ago)$/);
  });

  it('unpairing asks first (a focused alert dialog, Escape cancels), then the open kiosk shows "not paired" within seconds', async () => {
    const revoke = row(manager, 'Door kiosk').locator('[data-testid=device-revoke]');
    expect(await revoke.getAttribute('aria-label')).toBe('Unpair “Door kiosk”');
    await revoke.click();
    const dialog = manager.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-labelledby')).toBe('confirm-title');
    expect(await manager.locator('#confirm-title').textContent()).toBe('Unpair “Door kiosk”?');
    expect(await textOf(manager, 'confirm-body')).toContain('The screen stops working at once');
    expect(await focusedTestId(manager)).toBe('confirm-cancel');
    await manager.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedTestId(manager)).toBe('device-revoke');
    expect(posts).toHaveLength(1);

    await revoke.click();
    await dialog.waitFor();
    await byTest(manager, 'confirm-ok').click();
    await expect.poll(() => textOf(manager, 'devices-status')).toBe('“Door kiosk” is unpaired.');
    expect(await rowText(manager, 'Door kiosk', 'device-status')).toBe('Unpaired');
    expect(await row(manager, 'Door kiosk').locator('[data-testid=device-revoke]').count()).toBe(0);
    // Focus goes to the row's remaining button, not lost to the page.
    expect(await focusedTestId(manager)).toBe('device-re-pair');

    const started = Date.now();
    const notPaired = kiosk.locator('[data-testid=kiosk-not-paired]');
    await notPaired.waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await notPaired.textContent()).toContain('此取号机的配对已失效');
    expect(await notPaired.textContent()).toContain('This kiosk’s pairing is no longer valid');
    // And the old token issues nothing any more.
    const token = doorLink.split('device=')[1]!;
    const refused = await new HttpClient(sys.url, { authorization: `Bearer ${token}` }).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
    expect(refused.status).toBe(401);
  });

  it('a new pairing link (after a confirmation) pairs the kiosk again; the old link stays dead', async () => {
    await row(manager, 'Door kiosk').locator('[data-testid=device-re-pair]').click();
    await manager.getByRole('alertdialog').waitFor();
    expect(await textOf(manager, 'confirm-body')).toContain('The old link stops working at once');
    await byTest(manager, 'confirm-ok').click();
    await byTest(manager, 'pair-result').waitFor();
    await expect.poll(() => focusedTestId(manager)).toBe('pair-result-heading');
    expect(await textOf(manager, 'pair-result-heading')).toContain('New pairing link for “Door kiosk”');
    expect(await textOf(manager, 'pair-once')).toContain('The old link no longer works.');
    const newLink = await byTest(manager, 'pair-url').inputValue();
    expect(newLink).toMatch(TOKEN_LINK('/kiosk?device='));
    expect(newLink).not.toBe(doorLink);
    expect(await rowText(manager, 'Door kiosk', 'device-status')).toBe('Paired');

    await kiosk.goto(newLink);
    await kiosk.locator('[data-testid=lang-zh]').waitFor();
    const issueWith = (link: string) =>
      new HttpClient(sys.url, { authorization: `Bearer ${link.split('device=')[1]!}` }).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
    expect((await issueWith(newLink)).status).toBe(201);
    expect((await issueWith(doorLink)).status).toBe(401);

    // "Done" hides the link; focus goes to the list.
    await byTest(manager, 'pair-done').click();
    expect(await byTest(manager, 'pair-result').count()).toBe(0);
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('devices-list-heading');
  });

  it('renders in Chinese (screenshots in /tmp)', async () => {
    await manager.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => textOf(manager, 'devices-title')).toBe('取号机与大堂屏');
    expect(await manager.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await byTest(manager, 'pair-kind-signage').check();
    await byTest(manager, 'pair-name').fill('大堂屏 2');
    await byTest(manager, 'pair-submit').click();
    await byTest(manager, 'pair-result').waitFor();
    expect(await textOf(manager, 'pair-result-heading')).toContain('“大堂屏 2”的配对链接');
    expect(await textOf(manager, 'pair-once')).toContain('此链接只显示这一次');
    expect(await byTest(manager, 'pair-url').inputValue()).toMatch(TOKEN_LINK('/signage/?device='));
    await byTest(manager, 'pair-qr').locator('svg').waitFor();
    expect(await rowText(manager, '大堂屏 2', 'device-kind')).toBe('大堂屏');
    expect(await rowText(manager, '大堂屏 2', 'device-last-seen')).toBe('从未连接');
    expect(await rowText(manager, '大堂屏 2', 'device-status')).toBe('已配对');
    expect(await rowText(manager, 'Door kiosk', 'device-kind')).toBe('取号机');
    expect(await rowText(manager, '大堂取号机 Lobby kiosk', 'device-kind')).toBe('取号机');
    expect(await rowText(manager, '大堂显示屏 Lobby display', 'device-kind')).toBe('大堂屏');
    expect(await manager.title()).toBe('取号机与大堂屏 · 智能排队');
    await manager.screenshot({ path: '/tmp/devices-zh.png', fullPage: true });

    await row(manager, 'Door kiosk').locator('[data-testid=device-revoke]').click();
    await manager.getByRole('alertdialog').waitFor();
    expect(await textOf(manager, 'confirm-body')).toContain('停用后该设备立即无法使用');
    await manager.screenshot({ path: '/tmp/devices-zh-confirm.png' });
    await byTest(manager, 'confirm-cancel').click();

    await byTest(manager, 'pair-done').click();
    await byTest(manager, 'pair-name').fill('');
    await byTest(manager, 'pair-submit').click();
    await byTest(manager, 'pair-name-error').waitFor();
    expect(await textOf(manager, 'pair-name-error')).toBe('请输入设备名称。');
    await manager.screenshot({ path: '/tmp/devices-zh-invalid.png', fullPage: true });
    // A phone-sized window: the table scrolls sideways inside its box, the page does not.
    await manager.setViewportSize({ width: 390, height: 844 });
    expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await manager.screenshot({ path: '/tmp/devices-zh-narrow.png', fullPage: true });
    await manager.setViewportSize({ width: 1280, height: 800 });
  });

  it('a teller (alice) sees only the managers-only message: no list, no form', async () => {
    const { context, page: alice } = await device(browser, { locale: 'en-US' });
    await signInStaff(alice, sys.url, 'alice');
    await alice.goto(`${sys.url}/staff/devices`);
    await byTest(alice, 'only-managers').waitFor();
    expect(await textOf(alice, 'only-managers')).toBe('Only managers and administrators can manage kiosks and lobby screens.');
    expect(await byTest(alice, 'devices-table').count()).toBe(0);
    expect(await byTest(alice, 'pair-form').count()).toBe(0);
    await context.close();
  });

  it('a visitor is sent to the login page', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await page.goto(`${sys.url}/staff/devices`);
    await page.waitForURL('**/staff/login');
    await context.close();
  });
});
