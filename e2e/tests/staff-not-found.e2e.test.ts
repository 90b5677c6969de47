/**
 * A mistyped /staff address in a real browser: instead of SvelteKit's bare "404 Not Found", the
 * staff screens' own page says the page was not found, in the person's language (zh and en), with
 * the tab's title, <html lang> and a link back to the staff panel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

describe('an unknown /staff address', () => {
  it('says so in Chinese, and its link leads back to the staff panel (here: its sign-in)', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await page.goto(`${sys.url}/staff/no-such-screen`);
    await byTest(page, 'error-title').waitFor();
    expect(await textOf(page, 'error-title')).toBe('找不到这个页面');
    expect(await textOf(page, 'error-body')).toBe('地址可能有误，或该页面已不存在。');
    expect(await page.title()).toBe('找不到这个页面 · 智能排队');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('body').innerText()).not.toContain('Not Found');
    await page.getByRole('link', { name: '返回柜员工作台' }).click();
    await page.waitForURL('**/staff/login');
    await context.close();
  });

  it('says so in English to a signed-in manager, deeper down too, and the link goes to the panel', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/reports/typo/here`);
    await byTest(page, 'error-title').waitFor();
    expect(await textOf(page, 'error-title')).toBe('Page not found');
    expect(await textOf(page, 'error-body')).toBe('The address may be mistyped, or the page no longer exists.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Back to the staff panel' }).click();
    await page.waitForURL(`${sys.url}/staff`);
    await byTest(page, 'error-title').waitFor({ state: 'detached' });
    await context.close();
  });
});
