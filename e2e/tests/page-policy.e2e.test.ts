/**
 * The screens under their Content-Security-Policy in real Chromium: each one starts (its inline
 * start-up script is allowed by hash, everything else it loads is same-origin) with no policy
 * violation, and no other page can frame them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { device, kioskTicket, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

describe('the page policy', () => {
  it('lets every screen start without a violation', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const screens = [
      ['/', 'a[href]'],
      ['/book', 'main'],
      ['/help', 'main'],
      ['/staff/login', 'input'],
      [`/kiosk?device=${sys.kioskToken}`, 'button'],
      [`/t/${ticket.token}`, `text=${ticket.number}`],
      [`/signage/?device=${sys.signageToken}`, 'main'],
    ] as const;
    for (const [path, ready] of screens) {
      const { context, page } = await device(browser);
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
      });
      await page.goto(sys.url + path);
      // Rendered by the app's scripts: the shell alone has none of these.
      await page.locator(ready).first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      expect(violations, path).toEqual([]);
      await context.close();
    }
  });

  it('refuses to be framed by another site', async () => {
    // Another origin (another port) whose page frames the staff sign-in, as a clickjacking page would.
    const other = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<iframe id="f" src="${sys.url}/staff/login" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const { context, page } = await device(browser);
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const framed = page.frames().find((f) => f !== page.mainFrame())!;
      // Blocked: Chromium shows its error page in the frame; the sign-in form (there within a
      // second or two when framing is allowed) never appears.
      const shown = await framed.locator('input').first().waitFor({ timeout: 4000 }).then(() => true, () => false);
      expect(shown).toBe(false);
      await context.close();
    } finally {
      await new Promise((r) => other.close(r));
    }
  });
});
