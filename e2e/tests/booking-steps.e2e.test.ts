/**
 * The booking page's steps and the browser's own Back and Forward (Android's back button is the
 * browser's Back): Back goes to the previous step with the choices kept, as the page's "‹ 上一步"
 * does, instead of leaving the page and losing the half-finished booking; Forward comes back.
 * And the page at 360 px with the phone's text at 200%: nothing scrolls sideways, and the
 * language switch keeps its word on one line. Real system, Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { byTest, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

async function phone(lang: 'zh' | 'en' = 'zh', width = 390): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  return context.newPage();
}

/** The step heading shown (each step has one h1). */
const heading = (page: Page) => page.locator('main h1').textContent();

describe('Back and Forward on the booking page', () => {
  it('moves between the steps with the service and the slot kept, and leaves the page only from the first step', async () => {
    const page = await phone();
    // Something before the booking page in this tab's history, as a link from the bank's site.
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    const slot = byTest(page, 'slot').first();
    await slot.waitFor();
    const startsAt = await slot.getAttribute('data-starts-at');
    await slot.click();
    await byTest(page, 'booking-summary').waitFor();
    const summary = await byTest(page, 'booking-summary').textContent();

    // Back: the times, the chosen one still marked, on the same page.
    await page.goBack();
    await byTest(page, 'slot').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    expect(await heading(page)).toBe('选择日期和时间');
    expect(await page.locator(`[data-testid="slot"][data-starts-at="${startsAt}"]`).getAttribute('class')).toContain('on');

    // Back again: the services.
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('选择业务');

    // Forward, twice: the times, then the contact step with the same service and time.
    await page.goForward();
    await byTest(page, 'slot').first().waitFor();
    await page.goForward();
    await byTest(page, 'booking-summary').waitFor();
    expect(await byTest(page, 'booking-summary').textContent()).toBe(summary);

    // The page's own Back is a step of the history too: the browser's Back then goes on from there.
    await byTest(page, 'booking-back').click();
    await byTest(page, 'slot').first().waitFor();
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');

    // From the first step, Back leaves the page as usual.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/help');
    await page.context().close();
  });

  it('after a language switch, Back still goes to the previous step', async () => {
    const page = await phone();
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().waitFor();
    await byTest(page, 'booking-lang-switch').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    await page.goBack();
    await byTest(page, 'service-A').waitFor();
    expect(await heading(page)).toBe('Choose a service');
    await page.context().close();
  });
});

describe('a refusal from the server on the contact step', () => {
  it('goes once the customer edits the details: a field message is never shown beside it', async () => {
    const page = await phone();
    // The server refuses every booking from this page (as it does a network past its hourly limit).
    await page.route('**/api/v1/appointments', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many bookings' } }) }) : route.fallback(),
    );
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await byTest(page, 'slot').first().click();
    await byTest(page, 'booking-summary').waitFor();
    await byTest(page, 'contact-name').fill('王小明');
    await byTest(page, 'contact-value').fill('+86 139 0000 1234');
    await byTest(page, 'contact-consent').check();
    await byTest(page, 'booking-confirm').click();
    await byTest(page, 'booking-error').waitFor();

    // The name emptied and Confirm tapped: only the form's own message, about the name.
    await byTest(page, 'contact-name').fill('');
    await byTest(page, 'booking-confirm').click();
    await byTest(page, 'contact-problem').waitFor();
    expect(await byTest(page, 'contact-name').getAttribute('aria-invalid')).toBe('true');
    expect(await byTest(page, 'booking-error').count()).toBe(0);

    // Refused again, then the number mended: the refusal of the old one goes.
    await byTest(page, 'contact-name').fill('王小明');
    await byTest(page, 'booking-confirm').click();
    await byTest(page, 'booking-error').waitFor();
    await byTest(page, 'contact-value').fill('+86 139 0000 1235');
    await expect.poll(() => byTest(page, 'booking-error').count()).toBe(0);
    await page.context().close();
  });
});

describe('at 360 px with the text at 200%', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`nothing scrolls sideways and the language switch stays on one line, in ${lang}`, async () => {
      const page = await phone(lang, 360);
      // The phone's "very large text" setting: the root font size doubles.
      await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = '200%')));
      await page.goto(`${sys.url}/book?lang=${lang}`);
      await byTest(page, 'service-A').waitFor();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');

      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const switchLines = () =>
        byTest(page, 'booking-lang-switch').evaluate((b) => {
          const range = document.createRange();
          range.selectNodeContents(b);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
      expect(await sideways()).toBe(0);
      expect(await switchLines()).toBe(1);
      // The bar stays inside the screen, the switch inside the bar.
      const bar = await page.locator('header.bar').evaluate((e) => ({ width: Math.round(e.getBoundingClientRect().width), spill: e.scrollWidth - e.clientWidth }));
      expect(bar).toEqual({ width: 360, spill: 0 });

      await byTest(page, 'service-A').click();
      await byTest(page, 'slot').first().click();
      await byTest(page, 'booking-summary').waitFor();
      expect(await sideways()).toBe(0);
      expect(await switchLines()).toBe(1);
      await page.context().close();
    });
  }
});
