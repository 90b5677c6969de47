/**
 * The screens under their Content-Security-Policy in real Chromium: each one starts (its inline
 * start-up script is allowed by hash, everything else it loads is same-origin) with no policy
 * violation, and no other page can frame them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, device, kioskTicket, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

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

  it("gives an installable ticket page its own manifest, allowed by the policy", async () => {
    const ticket = await kioskTicket(sys, 'A');
    // A browser profile on disk, as a phone's is: an incognito context loads no manifest at all.
    const profile = await mkdtemp(join(tmpdir(), 'tellerline-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      locale: 'en-US',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|manifest/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${sys.url}/t/${ticket.token}?lang=en`);
      await page.locator(`text=${ticket.number}`).first().waitFor({ timeout: 10_000 });
      const cdp = await context.newCDPSession(page);
      // What Chromium would install: the ticket's manifest, fetched and parsed without errors.
      let manifest = { url: '', errors: [] as unknown[], data: '' };
      await expect
        .poll(async () => {
          manifest = (await cdp.send('Page.getAppManifest')) as typeof manifest;
          return manifest.url;
        }, { timeout: 10_000, interval: 200 })
        .toContain('/api/v1/tickets/');
      expect(manifest.url).toBe(`${sys.url}/api/v1/tickets/${ticket.token}/manifest.webmanifest?lang=en`);
      expect(manifest.errors).toEqual([]);
      expect(JSON.parse(manifest.data)).toMatchObject({ start_url: '/t/last', scope: '/t/', name: `Tellerline · My ticket ${ticket.number}` });
      await page.waitForTimeout(300);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
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
