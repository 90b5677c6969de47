/**
 * Unsaved changes on the booking rules screen (/staff/booking), in Chinese, in real Chromium
 * against the real system. The manager adds a closure and changes "最多可预约未来几天", then
 * clicks "网点设置": the screen asks first (staying keeps the edit; leaving drops it), and a
 * reload gets the browser's own question. The manager's session then ends while they edit (signed
 * out elsewhere): Save goes to sign-in, which returns to the screen with the edit restored and
 * says so; saving it clears it, and leaving then asks nothing.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, startWithBrowser, stopWithBrowser, signInStaff, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

/** A day three weeks ahead at the branch (UTC+8): a closure the screen accepts whatever today is. */
const DAY = new Date(Date.now() + 8 * 3_600_000 + 21 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

async function openRules(page: Page): Promise<void> {
  await page.goto(`${sys.url}/staff/booking`);
  await byTest(page, 'booking-rules-form').waitFor();
}

/** The reviewer's edit: a one-day closure and a longer booking window. */
async function edit(page: Page): Promise<void> {
  await byTest(page, 'closure-from').fill(DAY);
  await byTest(page, 'closure-add').click();
  await byTest(page, 'closure-row').waitFor();
  await byTest(page, 'window-maxDaysAhead').fill('45');
}

/** Signs the context's session out from elsewhere (another tab or device), leaving the browser its cookie. */
async function endSession(context: BrowserContext): Promise<void> {
  const cookies = await context.cookies(sys.url);
  const api = new HttpClient(sys.url);
  api.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const r = await api.req('POST', '/api/v1/auth/logout', {});
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
}

describe('leaving the booking rules screen with unsaved changes', () => {
  it('asks before another screen\'s link: staying keeps the edit, leaving drops it', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await openRules(page);
    const storedDays = await byTest(page, 'window-maxDaysAhead').inputValue();
    expect(storedDays).not.toBe('45');
    await edit(page);

    await byTest(page, 'setup-link').click();
    await byTest(page, 'leave-dialog').waitFor();
    expect(await textOf(page, 'leave-dialog')).toContain('有未保存的更改');
    expect(await textOf(page, 'leave-body')).toBe('离开此页，您所做的更改将不会保存。');
    // Staying is the safe choice: it has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('leave-cancel');
    expect(await textOf(page, 'leave-cancel')).toBe('留在此页');
    await byTest(page, 'leave-cancel').click();
    await byTest(page, 'leave-dialog').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/staff/booking');
    expect(await byTest(page, 'window-maxDaysAhead').inputValue()).toBe('45');
    expect(await textOf(page, 'closure-row')).toContain(DAY);

    // A reload or closing the tab: the browser's own question; dismissing it keeps the page.
    const question = page.waitForEvent('dialog');
    void page.evaluate(() => location.reload()).catch(() => undefined);
    const asked = await question;
    expect(asked.type()).toBe('beforeunload');
    await asked.dismiss();
    expect(await byTest(page, 'window-maxDaysAhead').inputValue()).toBe('45');

    await byTest(page, 'setup-link').click();
    await byTest(page, 'leave-ok').click();
    await page.waitForURL('**/staff/setup');
    await openRules(page);
    expect(await byTest(page, 'window-maxDaysAhead').inputValue()).toBe(storedDays);
    expect(await byTest(page, 'closures-none').count()).toBe(1);
    await context.close();
  });

  it('asks nothing when nothing was changed', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await openRules(page);
    await byTest(page, 'setup-link').click();
    await page.waitForURL('**/staff/setup');
    expect(await byTest(page, 'leave-dialog').isVisible()).toBe(false);
    await context.close();
  });
});

describe('leaving the set-up screen with unsaved changes', () => {
  it('asks before another screen\'s link and before Back; staying keeps what was typed', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await openRules(page);
    await byTest(page, 'setup-link').click();
    await byTest(page, 'early-min').waitFor();
    await byTest(page, 'early-min').fill('45');

    await byTest(page, 'booking-rules-link').click();
    await byTest(page, 'leave-dialog').waitFor();
    expect(await textOf(page, 'leave-dialog')).toContain('You have unsaved changes');
    await byTest(page, 'leave-cancel').click();
    expect(new URL(page.url()).pathname).toBe('/staff/setup');
    expect(await byTest(page, 'early-min').inputValue()).toBe('45');

    // Back (to the booking rules the manager came from) asks too; leaving goes there.
    await page.evaluate(() => history.back());
    await byTest(page, 'leave-dialog').waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/setup');
    await byTest(page, 'leave-ok').click();
    await page.waitForURL('**/staff/booking');
    await context.close();
  });
});

describe('the session ends while the manager edits', () => {
  it('Save goes to sign-in, which returns to the screen with the edit restored; saving it keeps it', async () => {
    const { context, page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await openRules(page);
    await edit(page);
    await endSession(context);

    await byTest(page, 'save-rules').click();
    await page.waitForURL('**/staff/login?**');
    expect(await byTest(page, 'login-error').getAttribute('data-code')).toBe('SESSION_EXPIRED');
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', 'demo1234');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff\/booking(\?|$)/);
    await byTest(page, 'draft-restored').waitFor();
    expect(await textOf(page, 'draft-restored')).toBe('您的未保存更改已恢复，请检查后保存。');
    expect(await byTest(page, 'window-maxDaysAhead').inputValue()).toBe('45');
    expect(await textOf(page, 'closure-row')).toContain(DAY);

    await byTest(page, 'save-rules').click();
    await expect.poll(() => textOf(page, 'save-status')).toBe('已保存。');
    expect(await byTest(page, 'draft-restored').count()).toBe(0);
    const api = new HttpClient(sys.url);
    await api.login('manager');
    const stored = (await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`)).body.data.settings;
    expect(stored.maxDaysAhead).toBe(45);
    expect(stored.closures).toEqual([{ date: DAY }]);

    // Saved: nothing left to lose, so leaving asks nothing, and the draft does not come back.
    await byTest(page, 'setup-link').click();
    await page.waitForURL('**/staff/setup');
    await openRules(page);
    expect(await byTest(page, 'draft-restored').count()).toBe(0);
    await context.close();
  });
});
