/**
 * The rollout readiness screen (/staff/readiness) in a real browser against the real system: a
 * manager reaches it from the manager navigation and reads their branch's items in Chinese; an
 * admin reads every branch in English, expands one, follows its links to the fixing screen with
 * the branch chosen, and sees an unpaired kiosk turn the branch "not ready". Both fit a 1366 and
 * a 768 pixel wide window without sideways scrolling. The renderings are saved to /tmp/readiness-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView } from '@tellerline/contracts';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const item = (page: Page, check: string) => page.locator(`[data-testid="readiness-item"][data-check="${check}"]`);

/** At 1366 and at 768 pixels wide, nothing scrolls sideways. */
async function fits(page: Page): Promise<void> {
  for (const width of [1366, 768]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await sideways(page), `${width} px`).toBeLessThanOrEqual(0);
  }
}

describe('rollout readiness screen', () => {
  it('a manager opens it from the manager navigation and reads their branch, expanded, in Chinese', async () => {
    const { page } = await device(browser, { width: 1366, height: 800, locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/setup`);
    const link = byTest(page, 'readiness-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('上线准备');
    await link.click();
    await page.waitForURL('**/staff/readiness');
    await byTest(page, 'readiness-branch').first().waitFor();
    expect(await textOf(page, 'readiness-title')).toBe('上线准备');
    expect(await page.title()).toMatch(/^上线准备 · /);
    expect(await byTest(page, 'readiness-branch').count()).toBe(1);
    expect(await byTest(page, 'readiness-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await textOf(page, 'readiness-verdict')).toBe('可以上线');
    expect(await textOf(page, 'readiness-counts')).toMatch(/^正常 \d+ 项 · 提醒 \d+ 项 · 缺失 0 项$/);
    // The demo's kiosk was paired but never opened: a warning, in Chinese, linking the devices screen.
    const kiosk = item(page, 'kiosk');
    expect(await kiosk.getAttribute('data-status')).toBe('warning');
    expect(await kiosk.textContent()).toContain('取号机');
    expect(await kiosk.locator('[data-testid="readiness-fix"]').getAttribute('href')).toBe('/staff/devices');
    expect((await kiosk.locator('[data-testid="readiness-fix"]').textContent())?.trim()).toBe('前往取号机与大堂屏');
    expect(await item(page, 'opening-hours').getAttribute('data-status')).toBe('ok');
    await fits(page);
    await page.screenshot({ path: '/tmp/readiness-zh.png', fullPage: true });
    await page.context().close();
  });

  it('an admin reads every branch in English, expands one, follows its fix links, and sees an unpaired kiosk', async () => {
    const { page } = await device(browser, { width: 768, height: 800, locale: 'en-US' });
    await signInStaff(page, sys.url, 'admin');
    await page.goto(`${sys.url}/staff/readiness`);
    const demo = page.locator(`[data-testid="readiness-branch"][data-branch-code="demo"]`);
    await demo.waitFor();
    expect(await textOf(page, 'readiness-title')).toBe('Rollout readiness');
    expect(await demo.locator('[data-testid="readiness-verdict"]').textContent()).toBe('Ready to go live');
    expect(await demo.locator('[data-testid="readiness-counts"]').textContent()).toMatch(/^OK: \d+ · Warnings: \d+ · Missing: 0$/);
    // Collapsed until asked.
    const toggle = demo.locator('[data-testid="readiness-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await item(page, 'kiosk').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await toggle.textContent())?.trim()).toBe('Hide details');
    expect(await item(page, 'kiosk').isVisible()).toBe(true);
    expect(await item(page, 'kiosk').textContent()).toContain('kiosk is paired');
    expect(await item(page, 'kiosk').locator('[data-testid="readiness-fix"]').getAttribute('href')).toBe(`/staff/devices?branch=${sys.branchId}`);
    expect(await item(page, 'address').locator('[data-testid="readiness-fix"]').getAttribute('href')).toBe('/staff/branches');
    await fits(page);

    // The manager unpairs the kiosk: the admin's screen, read again, puts it first as missing.
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const devices = (await manager.req('GET', `/api/v1/branches/${sys.branchId}/devices`)).body.data as DeviceView[];
    expect((await manager.req('POST', `/api/v1/branches/${sys.branchId}/devices/${devices.find((d) => d.kind === 'kiosk')!.id}/revoke`)).status).toBe(200);
    await page.reload();
    await demo.waitFor();
    expect(await demo.locator('[data-testid="readiness-verdict"]').textContent()).toBe('Not ready yet');
    await demo.locator('[data-testid="readiness-toggle"]').click();
    const first = demo.locator('[data-testid="readiness-item"]').first();
    expect(await first.getAttribute('data-check')).toBe('kiosk');
    expect(await first.getAttribute('data-status')).toBe('missing');
    expect(await first.textContent()).toContain('No kiosk is paired.');
    await page.screenshot({ path: '/tmp/readiness-en.png', fullPage: true });

    await item(page, 'kiosk').locator('[data-testid="readiness-fix"]').click();
    await page.waitForURL(`**/staff/devices?branch=${sys.branchId}`);
    await byTest(page, 'devices-table').waitFor();
    await page.context().close();
  });
});
