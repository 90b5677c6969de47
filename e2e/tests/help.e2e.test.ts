/**
 * The help assistant in real Chromium, with the keyboard only: opened from the booking page's
 * "有疑问？ / Questions?" button, asked in Chinese, then in English after switching the page's
 * language; and on its own page, reached from the landing page; yes/no questions about a day
 * ("Are you open on Sunday?", "周六营业吗？") answered yes or no first. The server's clock is fixed on a
 * Monday morning at the demo branch (Mon-Fri 09:00-17:00), so the hours answer is known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { byTest, device, screenshot, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';
import { BANK_HOURS } from '@tellerline/db';

/** Monday 2 March 2026, 10:00 at the branch (UTC+8). */
const clock = { t: Date.parse('2026-03-02T10:00:00+08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let page: Page;

/** Presses Tab until the element with this test id has the focus (as a keyboard user would). */
async function tabTo(p: Page, testId: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await p.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
    await p.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

const focusedTestId = (p: Page) => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('help assistant', () => {
  beforeAll(async () => {
    ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
    ({ page } = await device(browser, { width: 390, height: 844, locale: 'zh-CN' }));
  });

  afterAll(() => stopWithBrowser(sys, browser));

  it('on /book: asked "营业时间" in Chinese, then about a loan in English, with the keyboard', async () => {
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').waitFor();
    expect(await byTest(page, 'help-assistant').count()).toBe(0);

    await tabTo(page, 'help-toggle');
    expect(await byTest(page, 'help-toggle').textContent()).toContain('有疑问？');
    await page.keyboard.press('Enter');
    await byTest(page, 'help-assistant').waitFor();
    expect(await byTest(page, 'help-toggle').getAttribute('aria-expanded')).toBe('true');
    // The box has the focus at once: type and press Enter.
    expect(await focusedTestId(page)).toBe('help-question');
    expect(await byTest(page, 'help-log').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.type('营业时间');
    await page.keyboard.press('Enter');

    const first = byTest(page, 'help-answer').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('总行营业部今天（3月2日 周一）的营业时间：09:00–17:00。现在正在营业。');
    expect(await byTest(page, 'help-hours').locator('tbody tr').count()).toBe(7);
    expect(await byTest(page, 'help-hours').locator('tbody tr').first().textContent()).toContain('周一 3月2日');
    expect(await first.getAttribute('lang')).toBe('zh-CN');
    expect(await byTest(page, 'help-question').inputValue()).toBe('');
    expect(await focusedTestId(page)).toBe('help-question');
    await screenshot(page, 'help-booking-zh');

    // The page's language switch: the panel follows it, and the next question is asked in English.
    await tabTo(page, 'booking-lang-switch');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await byTest(page, 'help-toggle').textContent()).toContain('Close');
    expect(await page.locator('[data-testid="help-assistant"] label').textContent()).toBe('Your question');
    await tabTo(page, 'help-question');
    await page.keyboard.type('what documents do I need for a loan?');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="help-answer"]').length === 2);
    const second = byTest(page, 'help-answer').nth(1);
    expect(await second.textContent()).toContain('For Loans (C), please bring: National ID card, Proof of income, Proof of property or assets.');
    expect(await second.getAttribute('lang')).toBe('en');
    expect(await byTest(page, 'help-documents').locator('li').allTextContents()).toEqual(['National ID card', 'Proof of income', 'Proof of property or assets']);

    // A suggested question, from the keyboard: Shift+Tab from the box reaches the last suggestion.
    await page.keyboard.press('Shift+Tab');
    const suggestion = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(suggestion.length).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="help-answer"]').length === 3);
    expect(await page.locator('[data-testid="help-log"] .you').last().textContent()).toContain(suggestion.trim());
    expect(await focusedTestId(page)).toBe('help-question');

    // Closing hides the panel; booking goes on where it was. Opened again, the conversation is
    // still there and the box has the focus; Escape closes it and gives the focus back.
    await tabTo(page, 'help-toggle');
    await page.keyboard.press('Enter');
    expect(await byTest(page, 'help-assistant').isVisible()).toBe(false);
    expect(await byTest(page, 'help-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await byTest(page, 'service-A').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await byTest(page, 'help-assistant').isVisible()).toBe(true);
    expect(await byTest(page, 'help-answer').count()).toBe(3);
    expect(await focusedTestId(page)).toBe('help-question');
    await page.keyboard.press('Escape');
    expect(await byTest(page, 'help-assistant').isVisible()).toBe(false);
    expect(await focusedTestId(page)).toBe('help-toggle');
  });

  it('on its own page, from the landing page: an empty question is refused in the box, a service code is understood', async () => {
    await page.goto(`${sys.url}/?lang=en`);
    await page.locator('a[href="/help"]').click();
    await page.waitForURL('**/help?branch=demo');
    await byTest(page, 'help-assistant').waitFor();
    expect(await focusedTestId(page)).toBe('help-question');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="help-assistant"] [role="alert"]').textContent()).toBe('Please type a question.');
    expect(await byTest(page, 'help-answer').count()).toBe(0);

    await page.keyboard.type('how long is the wait for A');
    await page.keyboard.press('Enter');
    await byTest(page, 'help-answer').waitFor();
    // Nobody is signed on: no wait is promised, the answer says why.
    expect(await byTest(page, 'help-answer').textContent()).toContain('Personal cash (A): 0 waiting; no staff who can serve it are on duty right now, so no wait can be estimated');
    expect(await byTest(page, 'help-waits').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'help-en');
  });

  it('a link naming an unknown branch says so at once, in the page language, and offers the branches', async () => {
    for (const lang of ['zh', 'en'] as const) {
      await page.goto(`${sys.url}/help?branch=nope&lang=${lang}`);
      const unknown = byTest(page, 'help-branch-unknown');
      await unknown.waitFor();
      expect(await unknown.getAttribute('role')).toBe('alert');
      expect(await unknown.textContent()).toBe(
        lang === 'zh'
          ? '找不到链接里的网点，链接可能有误或已经失效。请从下面选择网点。'
          : 'The branch in this link was not found; the link may be mistyped or out of date. Please choose a branch below.',
      );
      // No greeting or suggestions that would answer nothing: the branches instead.
      expect(await byTest(page, 'help-assistant').count()).toBe(0);
      expect(await page.locator('main h2').textContent()).toBe(lang === 'zh' ? '请选择网点' : 'Choose a branch');
      expect(await byTest(page, 'help-branch-demo').textContent()).toBe(lang === 'zh' ? '总行营业部' : 'Main Branch');
    }

    // Chosen from the keyboard: the assistant for that branch, which answers for the day named.
    await tabTo(page, 'help-branch-demo');
    await page.keyboard.press('Enter');
    await byTest(page, 'help-assistant').waitFor();
    expect(new URL(page.url()).searchParams.get('branch')).toBe('demo');
    expect(await byTest(page, 'help-branch-unknown').count()).toBe(0);
    await byTest(page, 'help-question').fill('Are you open on Sunday?');
    await byTest(page, 'help-question').press('Enter');
    await byTest(page, 'help-answer').waitFor();
    // A yes/no question hears its answer first (after the speaker's label), then why and when next.
    expect(await byTest(page, 'help-answer').textContent()).toMatch(/^Assistant\s*No\. Main Branch is closed on Sun 8 Mar\.Next opening: Mon 9 Mar, 09:00–17:00\./);
  });

  it('"周六营业吗？" in Chinese: yes first, with that Saturday\'s hours', async () => {
    await page.goto(`${sys.url}/help?branch=demo&lang=zh`);
    await byTest(page, 'help-assistant').waitFor();
    await byTest(page, 'help-question').fill('周六营业吗？');
    await byTest(page, 'help-question').press('Enter');
    await byTest(page, 'help-answer').waitFor();
    expect(await byTest(page, 'help-answer').textContent()).toMatch(/^助手\s*营业。总行营业部3月7日 周六的营业时间：09:00–12:00。/);
  });
});
