/**
 * A lobby network someone guessed ticket links from: once the address is refused (too many
 * unknown tokens), a customer opening their real ticket page there is told why, in Chinese and
 * English, and that the page will try again by itself, instead of "can't reach the server".
 * Real browser, real server; its own system, as the address stays refused for the window.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_MISSES_PER_WINDOW } from '../../apps/server/src/auth/token-probe-limiter.js';
import { byTest, device, issueTicket, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

describe('the ticket page on a network refused for guessing links', () => {
  it('says why and that it will try again, in Chinese and English', async () => {
    const { token } = await issueTicket(sys, 'A');
    // The guessing, from the same address as the browser.
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) {
      const res = await fetch(`${sys.url}/api/v1/tickets/${randomBytes(18).toString('base64url')}`);
      expect(res.status).toBe(404);
    }
    for (const [lang, text] of [
      ['zh', '此网络刚刚打开了很多无效的号票链接，请稍候几分钟；本页会自动重试。'],
      ['en', 'Many unknown ticket links were just opened from this network; please wait a few minutes. This page will try again by itself.'],
    ] as const) {
      const { context, page } = await device(browser);
      await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
      await byTest(page, 'phone-load-error').waitFor();
      expect(await textOf(page, 'phone-load-error')).toBe(text);
      await context.close();
    }
  });
});
