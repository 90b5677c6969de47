/**
 * The customer's ticket page (/t/<token>) on a phone over a slow network: its scripts travel
 * compressed (the bytes Chromium received, against the bytes it ran), carry no other screen's
 * words, and from the first bytes of the page the phone says "正在加载… Loading…" instead
 * of a blank screen, until the app shows. The bytes measured are printed: docs/performance.md
 * quotes them.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { byTest, issueTicket, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

const WEB_BUILD = fileURLToPath(new URL('../../apps/web/build', import.meta.url));

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

describe('the ticket page on a slow phone network', () => {
  it('downloads its scripts compressed', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const scripts = new Map<string, { path: string; decoded: number; encoded: number }>();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.set(e.requestId, { path: new URL(e.response.url).pathname, decoded: 0, encoded: 0 });
    });
    cdp.on('Network.dataReceived', (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.encoded = e.encodedDataLength;
    });
    await page.goto(`${sys.url}/t/${(await issueTicket(sys, 'A')).token}`);
    await byTest(page, 'phone-number').waitFor();
    await page.waitForLoadState('networkidle');
    const all = [...scripts.values()];
    const ran = all.reduce((n, s) => n + s.decoded, 0);
    const travelled = all.reduce((n, s) => n + s.encoded, 0);
    // Chromium offers brotli on https only (this test is plain http): what brotli would send.
    const brotli = all.reduce((n, s) => n + statSync(`${WEB_BUILD}${s.path}.br`).size, 0);
    console.log(`ticket page scripts: ${all.length} files, ${ran} bytes of JavaScript, ${travelled} bytes transferred (gzip, headers included), ${brotli} bytes as brotli (https)`);
    expect(all.length).toBeGreaterThan(0);
    // Uncompressed, what travelled is the scripts plus headers. Compressed (gzip), about 30%.
    expect(travelled).toBeLessThan(ran / 2);
    // Its own words only: not the staff screens' (most of the translations), nor booking's, the kiosk's or consent's.
    const code = all.map((s) => readFileSync(`${WEB_BUILD}${s.path}`, 'utf8')).join('\n');
    expect(code).toContain('"phone.survey.thanks"');
    for (const other of ['"staff.signedInAs"', '"audit.title"', '"setup.editNamed"', '"reports.title"', '"booking.title"', '"kiosk.title"', '"consent.page.title"']) expect(code).not.toContain(other);
    await context.close();
  });

  it('says it is loading, in Chinese and English, until the page shows', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    // The network holds the app's scripts until the loading line has been seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${sys.url}/t/${(await issueTicket(sys, 'A')).token}`, { waitUntil: 'commit' });
    const loading = page.locator('#boot-loading');
    await loading.waitFor({ state: 'visible' });
    expect((await loading.innerText()).replace(/\s+/g, ' ').trim()).toBe('正在加载… Loading…');
    release();
    await byTest(page, 'phone-number').waitFor();
    expect(await loading.count()).toBe(0);
    await context.close();
  });
});
