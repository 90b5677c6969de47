/**
 * No screen shows a dictionary key ("phone.survey.thanks") where its words should be: a customer
 * screen downloads only the customer screens' words, and the staff screens add theirs with /staff
 * (also when reached by a link from the home page, without a reload). Read in Chromium: the
 * visible text, accessible names, placeholders and the tab's title, in Chinese and English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, issueTicket, signInStaff, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

/** The words on the page shaped like a key: "a.b" or longer, letters after each dot (not "e.g.", not an e-mail or a link). */
function keysShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(el.getAttribute(name) ?? '');
    }
    return texts.flatMap((t) => t.split(/\s+/)).filter((w) => /^[a-z][a-zA-Z]*(\.[a-zA-Z][\w-]*)+$/.test(w));
  });
}

describe.each(['zh', 'en'] as const)('every word of a screen is translated (%s)', (lang) => {
  const open = () => device(browser, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });

  it('the customer screens: home, ticket page, booking, joining the queue, help, kiosk', async () => {
    const { context, page } = await open();
    const screens: [string, string][] = [
      ['/', 'home-staff'],
      [`/t/${(await issueTicket(sys, 'A')).token}`, 'phone-number'],
      ['/book', 'service-A'],
      ['/join', 'join-branch-demo'],
      ['/help?branch=demo', 'help-assistant'],
      [`/kiosk?device=${encodeURIComponent(sys.kioskToken)}`, `lang-${lang}`],
    ];
    for (const [path, shown] of screens) {
      await page.goto(`${sys.url}${path}`);
      await byTest(page, shown).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await keysShown(page), path).toEqual([]);
    }
    // The kiosk's service choice, past its start screen.
    await byTest(page, `lang-${lang}`).click();
    await byTest(page, 'service-A').waitFor();
    expect(await keysShown(page), 'kiosk services').toEqual([]);
    await context.close();
  });

  it('the staff screens, from the home page’s link and signed in', async () => {
    const { context, page } = await open();
    await page.goto(sys.url);
    await byTest(page, 'home-staff').click();
    await page.waitForURL('**/staff/login');
    await page.locator('input[name=password]').waitFor();
    expect(await keysShown(page), 'login').toEqual([]);
    expect(await page.locator('h1').innerText()).toBe(lang === 'zh' ? '柜员登录' : 'Staff sign-in');

    await signInStaff(page, sys.url, 'alice');
    await page.locator('[data-testid^="sign-on-"]').first().waitFor();
    expect(await keysShown(page), 'staff panel').toEqual([]);
    await context.close();
  });
});
