/**
 * The kiosk's "connection lost" banner speaks the customer's language. On the welcome screen
 * nobody has picked one yet, and the screen is in both: so is the banner (it was English only,
 * the browser's language, on a bilingual screen). After a pick, the customer's language alone.
 * Chromium with its network switched off, the real system behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { device, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(async () => {
  await stopWithBrowser(sys, browser);
});

describe('the kiosk offline banner', () => {
  it('is in both languages on the welcome screen, and in the chosen one after a pick', async () => {
    // A kiosk whose browser was installed in English: the welcome screen is bilingual all the same.
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'en-US' });
    await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await page.locator('[data-testid=lang-zh]').waitFor();
    const banner = page.locator('[data-testid=offline-banner]');

    await context.setOffline(true);
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect((await banner.textContent())?.replace(/\s+/g, ' ').trim()).toBe('网络已断开，正在重新连接… / Connection lost — reconnecting…');
    expect(await banner.locator('[lang=zh-CN]').textContent()).toBe('网络已断开，正在重新连接…');
    expect(await banner.locator('[lang=en]').textContent()).toBe('Connection lost — reconnecting…');
    await context.setOffline(false);
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(false);

    // A customer picks Chinese: from now on the banner is theirs alone.
    await page.click('[data-testid=lang-zh]');
    await page.locator('[data-testid=service-A]').waitFor();
    await context.setOffline(true);
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect((await banner.textContent())?.trim()).toBe('网络已断开，正在重新连接…');
    await context.setOffline(false);
    await context.close();
  });
});
