/**
 * Accessibility in a real browser: axe-core on the main screens in Chinese and English (no serious
 * or critical violation, and every accessible name holding the words on its control), and the
 * keyboard, zoom and landmark findings of the accessibility review, each as a user meets it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, issueTicket, signedOnAt, signInStaff, staffCommand, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});
afterAll(() => stopWithBrowser(sys, browser));

type Lang = 'zh' | 'en';
const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/**
 * axe-core's violations on the page that a user would be stopped by (serious, critical), and any
 * accessible name that does not hold its control's visible words (WCAG 2.5.3; an experimental
 * rule of axe, turned on here), as "rule: targets" lines.
 */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'label-content-name-mismatch')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** What has the focus: its data-testid, else its tag ('BODY' when the focus fell to the page). */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

/** WCAG relative luminance contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('axe on the main screens', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`finds nothing serious on the start, sign-in, counter, manager, booking and phone screens (${lang})`, async () => {
      const found: Record<string, string[]> = {};
      const check = async (page: Page, name: string) => {
        const v = await violations(page);
        if (v.length) found[name] = v;
      };
      const { context, page } = await device(browser, { locale: LOCALE[lang] });
      await page.goto(`${sys.url}/`);
      await byTest(page, 'home-staff').waitFor();
      await check(page, '/');
      await page.goto(`${sys.url}/staff/login`);
      await page.locator('input[name=username]').waitFor();
      await check(page, '/staff/login');
      await page.goto(`${sys.url}/book`);
      await page.locator('main h1').first().waitFor();
      await check(page, '/book');
      const ticket = await issueTicket(sys, 'A');
      await page.goto(`${sys.url}/t/${ticket.token}`);
      await byTest(page, 'phone-number').waitFor();
      await check(page, '/t/<token>');
      await context.close();

      // A teller: the counters to sign on at, then the queue with its Raise and Call buttons.
      const teller = await device(browser, { locale: LOCALE[lang] });
      await signInStaff(teller.page, sys.url, lang === 'zh' ? 'alice' : 'bob');
      await byTest(teller.page, 'sign-on-3').waitFor();
      await check(teller.page, '/staff (counters)');
      await byTest(teller.page, 'sign-on-3').click();
      await teller.page.locator('[data-testid^="queue-ticket-"]').first().waitFor();
      await check(teller.page, '/staff (queue)');
      await teller.context.close();
      const off = new HttpClient(sys.url);
      await off.login(lang === 'zh' ? 'alice' : 'bob');
      await staffCommand(sys, off, { type: 'sign-off' });

      const manager = await device(browser, { locale: LOCALE[lang] });
      await signInStaff(manager.page, sys.url, 'manager');
      for (const [path, ready] of [
        ['/staff/setup', 'service-row'],
        ['/staff/reports', 'cards-heading'],
        ['/staff/audit', 'audit-row'],
        ['/staff/team', 'roster-form'],
        ['/staff/devices', 'pair-submit'],
        ['/staff/readiness', 'readiness-item'],
        ['/staff/booking', 'save-rules'],
        ['/staff/account', 'password-submit'],
      ] as const) {
        await manager.page.goto(`${sys.url}${path}`);
        await manager.page.locator(`[data-testid="${ready}"], #${ready}`).first().waitFor();
        await check(manager.page, path);
      }
      await manager.context.close();

      const admin = await device(browser, { locale: LOCALE[lang] });
      await signInStaff(admin.page, sys.url, 'admin');
      await byTest(admin.page, 'admin-no-branch').waitFor();
      await check(admin.page, '/staff (admin)');
      await admin.page.goto(`${sys.url}/staff/branches`);
      await byTest(admin.page, 'branch-setup-link').first().waitFor();
      await check(admin.page, '/staff/branches');
      await admin.page.goto(`${sys.url}/staff/admins`);
      await byTest(admin.page, 'admin-row').first().waitFor();
      await check(admin.page, '/staff/admins');
      await admin.context.close();

      expect(found).toEqual({});
    });
  }
});

/** Landmark findings axe calls "moderate" that the lobby review asked to be fixed, as "rule: targets" lines. */
async function landmarkFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], runOnly: ['landmark-one-main', 'region', 'aria-allowed-role'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

describe('axe on the kiosk and lobby screens', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`finds nothing serious on the kiosk's start, services, contact and ticket screens (${lang})`, async () => {
      const found: Record<string, string[]> = {};
      const check = async (page: Page, name: string) => {
        const v = [...(await violations(page)), ...(await landmarkFindings(page))];
        if (v.length) found[name] = v;
      };
      const { context, page } = await device(browser, { width: 1080, height: 1920, locale: LOCALE[lang] });
      await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
      await byTest(page, `lang-${lang}`).waitFor();
      await check(page, 'start');
      await byTest(page, `lang-${lang}`).click();
      await byTest(page, 'service-A').waitFor();
      await check(page, 'services');
      await byTest(page, 'service-A').click();
      await byTest(page, 'skip-contact').waitFor();
      await check(page, 'contact');
      await byTest(page, 'skip-contact').click();
      await byTest(page, 'ticket-qr').locator('svg').waitFor();
      await check(page, 'ticket');
      await context.close();
      expect(found).toEqual({});
    });
  }

  it('the unpaired and refused kiosk and signage screens have a main landmark, their alert inside it', async () => {
    const found: Record<string, string[]> = {};
    const check = async (page: Page, name: string) => {
      const v = [...(await violations(page)), ...(await landmarkFindings(page))];
      if (v.length) found[name] = v;
      expect(await page.locator('main').count(), name).toBe(1);
    };
    const { context, page } = await device(browser, { width: 1080, height: 1920 });
    await page.goto(`${sys.url}/kiosk`);
    await byTest(page, 'kiosk-not-paired').waitFor();
    await check(page, 'kiosk unpaired');
    await page.goto(`${sys.url}/kiosk?device=${'x'.repeat(40)}`);
    await expect.poll(() => byTest(page, 'kiosk-not-paired').textContent(), { timeout: 10_000 }).toContain('no longer valid');
    await check(page, 'kiosk refused');
    await page.goto(`${sys.url}/signage/`);
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('This screen is not paired');
    await check(page, 'signage unpaired');
    await page.goto(`${sys.url}/signage/?device=${'y'.repeat(40)}`);
    await expect.poll(() => page.locator('[role=alert]').innerText(), { timeout: 10_000 }).toContain('no longer valid');
    await check(page, 'signage refused');
    await context.close();
    expect(found).toEqual({});
  });
});

describe('names, focus, zoom and landmarks', () => {
  it('after "cancel my ticket" is confirmed on the phone, the focus is on the heading that says so, not <body> (zh, en)', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await device(browser, { width: 390, height: 800, locale: LOCALE[lang] });
      await page.goto(`${sys.url}/t/${(await issueTicket(sys, 'A')).token}?lang=${lang}`);
      await byTest(page, 'cancel-ticket').click();
      await byTest(page, 'cancel-confirm').click();
      await byTest(page, 'phone-finished-title').waitFor();
      await expect.poll(() => focusedId(page)).toBe('phone-finished-title');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      await context.close();
    }
  });

  it('names sign-on buttons by the counter and its state they show, then the action', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    const chen = await signedOnAt(sys, 'chen', '2');
    await signInStaff(page, sys.url, 'dana');
    await expect.poll(() => page.getByRole('button', { name: 'Counter 1, Free – sign on', exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Counter 2, Taken by Chen – sign on', exact: true }).count()).toBe(1);
    await chen.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-off' });
    await context.close();
  });

  it('keeps the focus on Deactivate and Reactivate while the set-up screen saves', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/setup`);
    const row = page.locator('[data-testid=counter-row][data-label="4"]');
    const toggle = row.locator('[data-testid=counter-toggle]');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    expect(await focusedId(page)).toBe('counter-toggle');
    expect(await toggle.textContent()).toBe('重新启用');
    // Enter again on the same button, without finding it anew.
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-active')).toBe('true');
    expect(await focusedId(page)).toBe('counter-toggle');
    await context.close();
  });

  it('lets the keyboard reach and scroll the report tables, but not the chart’s hidden table', async () => {
    const { context, page } = await device(browser, { locale: 'en-US', width: 390, height: 844 });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/reports`);
    const region = byTest(page, 'services-table-region');
    await region.waitFor();
    expect(await region.getAttribute('role')).toBe('region');
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.getAttribute('aria-label')).toBe('Figures per service (scrolls sideways)');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    const days = byTest(page, 'days-table-region');
    expect(await days.getAttribute('tabindex')).toBeNull();
    expect(await days.getAttribute('role')).toBeNull();
    await byTest(page, 'days-table-toggle').click();
    expect(await days.getAttribute('tabindex')).toBe('0');
    await context.close();
  });

  it('fits the staff sign-in on a phone at 200% zoom, in landmarks, with field edges of 3:1 at least', async () => {
    // A 390 px phone at 200%: 195 CSS px wide.
    const { context, page } = await device(browser, { locale: 'zh-CN', width: 195, height: 422 });
    await page.goto(`${sys.url}/staff/login`);
    await page.locator('input[name=username]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.locator('header [role=group]').count()).toBe(1);
    const border = await page.locator('input[name=username]').evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(contrast(border, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  it('puts the administrator’s "no counter" message in <main>', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'admin');
    await page.locator('main [data-testid=admin-no-branch]').waitFor();
    await context.close();
  });

  it('shows the start page in the language chosen, title included', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await page.goto(`${sys.url}/`);
    await byTest(page, 'home-staff').waitFor();
    expect(await page.title()).toBe('智能排队');
    expect(await byTest(page, 'home-staff').textContent()).toBe('柜员工作台');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.title()).toBe('Tellerline');
    expect(await byTest(page, 'home-kiosk').textContent()).toBe('Kiosk');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });

  it('shows an audit entry’s details in words, a transfer from one service to another included, and never a bare id', async () => {
    const alice = await signedOnAt(sys, 'alice', '1');
    const me = await issueTicket(sys, 'A');
    let called = (await staffCommand(sys, alice, { type: 'call-next' })).called;
    while (called.ticketId !== me.ticketId) {
      await staffCommand(sys, alice, { type: 'no-show', ticketId: called.ticketId });
      called = (await staffCommand(sys, alice, { type: 'call-next' })).called;
    }
    await staffCommand(sys, alice, { type: 'transfer', ticketId: me.ticketId, toServiceId: sys.service('D') });
    await staffCommand(sys, alice, { type: 'sign-off' });

    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/audit?action=transfer`);
    const row = page.locator('[data-testid=audit-row][data-action=transfer]').first();
    await row.waitFor();
    expect(await row.locator('.summary').textContent()).toBe('从 A 业务转到 D 业务');
    const details = (await row.locator('details dl').textContent()) ?? '';
    expect(details).toContain('事件序号');
    expect(details).toContain('原业务A新业务D');
    expect(((await row.locator('[data-col=who]').textContent()) ?? '').trim()).toBe('Alicealice');
    expect(details).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    await context.close();
  });
});
