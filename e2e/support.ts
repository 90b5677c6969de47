/**
 * Browser tests: the real system (compose(), real Redis and PostgreSQL, the built screens served
 * by the server) and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ComposeOverrides } from '../apps/server/src/compose.js';
import { HttpClient, startTestSystem, type TestSystem } from '../apps/server/test/support.js';

export { addBranchWithManager, HttpClient, kioskTicket, signedOnAt, waitFor } from '../apps/server/test/support.js';
export type { TestSystem };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The system on a fixed free port, so the browser's origin is the allowed one. */
export async function startSystem(env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Promise<TestSystem> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startTestSystem({ PORT: String(port), PUBLIC_URL: url, ALLOWED_ORIGINS: url, ...env }, overrides);
}

/**
 * A test file's system (`env`, `overrides`: as `startSystem`) and browser, for its `beforeAll`; a
 * browser that fails to launch closes the system again.
 */
export async function startWithBrowser(env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Promise<{ sys: TestSystem; browser: Browser }> {
  const sys = await startSystem(env, overrides);
  try {
    return { sys, browser: await launch() };
  } catch (err) {
    await sys.close();
    throw err;
  }
}

/** Closes the browser, then the system, for a test file's `afterAll` (either missing when its `beforeAll` failed). */
export async function stopWithBrowser(sys: TestSystem | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await sys?.close();
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
}

/** A fresh browser context (own cookies and storage), like a separate device. */
export async function device(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 }, locale: opts.locale ?? 'zh-CN' });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, as "rule: targets" lines (plus label-content-name-mismatch). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'label-content-name-mismatch').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** The element with this `data-testid`. */
export const byTest = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** The `data-testid` of the focused element (else its id, else null). */
export const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);

/** Its text, or '' while it is not on the page. */
export async function textOf(page: Page, id: string): Promise<string> {
  return (await byTest(page, id).count()) ? ((await byTest(page, id).first().textContent()) ?? '') : '';
}

/**
 * Polls the text of the element with this `data-testid` until it satisfies the matcher: up to 10 s,
 * as `expect.poll` (vitest.config.ts). 5 s failed a sign-on that showed a moment later on two cores
 * loaded by a second browser; a pass is no slower.
 */
export const eventuallyText = (page: Page, id: string, timeout = 10_000) => expect.poll(() => textOf(page, id), { timeout, interval: 100 });

/** Signs a demo login in on the staff panel (password demo1234) and waits for the panel's address. */
export async function signInStaff(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/staff`);
  // Nobody is signed in yet: GET /auth/me is 401, so the panel sends us to the login page.
  await page.waitForURL('**/staff/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'demo1234');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/staff$/);
}

/** A walk-in ticket of service `code` (and `extra` fields: lang, contact), issued over HTTP as the paired kiosk issues it. */
export async function issueTicket(sys: TestSystem, code: string, extra: Record<string, unknown> = {}): Promise<{ ticketId: string; token: string; number: string }> {
  const r = await new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` }).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code), ...extra });
  if (r.status !== 201) throw new Error(`issue ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  return { ticketId: r.body.data.ticketId, token: r.body.data.token, number: r.body.data.view.number };
}

/** A staff command over HTTP by a signed-in `staff` client, as the panel sends it; its result. */
export async function staffCommand(sys: TestSystem, staff: HttpClient, body: Record<string, unknown>) {
  const r = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  if (r.status !== 200) throw new Error(`${String(body.type)}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
}

/** An instant at a wall-clock time in Shanghai, the demo branch's time zone. */
export const local = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);

/**
 * A weekday 2 to 6 days from today in Shanghai (YYYY-MM-DD): past the booking notice, within the
 * booking window and among the days the help assistant tells one by one, whatever the hour the
 * tests run at.
 */
export function weekdayAhead(): string {
  const todayUtc8 = Date.now() + 8 * 3_600_000;
  for (let k = 2; k <= 6; k++) {
    const d = new Date(todayUtc8 + k * 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) return d.toISOString().slice(0, 10);
  }
  throw new Error('no weekday in five days');
}

/** The next Monday after today in Shanghai (YYYY-MM-DD): a bookable weekday whatever day the tests run on. */
export function nextMonday(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
