/**
 * "Open to customers" / "in preparation" on /staff/branches, in a real browser against the real
 * system. In Chinese, an admin makes a branch like the demo one: its row says 筹备中, the booking
 * page does not offer it; opening it asks first, listing the readiness items still missing, and
 * then the booking page offers it. In English, a branch made over the API is opened the same way
 * and put back in preparation, the question saying bookings already made stay valid.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { branchesPage, WEEKDAY_HOURS } from '../branches-screen.js';
import { byTest, device, eventuallyText, HttpClient, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  admin = new HttpClient(sys.url);
  await admin.login('admin');
});

afterAll(() => stopWithBrowser(sys, browser));

const branchNamed = async (code: string) => ((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.code === code)!;
const row = (page: Page, code: string) => page.locator(`[data-testid="branch-row"][data-code="${code}"]`);

/** Whether the booking page, opened afresh, offers the branch (its tile, or its name once the only one is chosen). */
async function bookingOffers(branch: BranchListItem, locale: string): Promise<boolean> {
  const { page, context } = await device(browser, { locale });
  try {
    await page.goto(`${sys.url}/book`);
    // Either the branch list (several branches) or the service step of the one branch offered.
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    return (await page.locator(`[data-testid="branch-${branch.id}"]`).count()) > 0;
  } finally {
    await context.close();
  }
}

describe('opening a branch to customers', () => {
  it('a branch made like the demo one is in preparation and not bookable until opened, with the missing items asked about (zh)', async () => {
    const page = await branchesPage(browser, sys.url, { locale: 'zh-CN' });
    await page.locator('[data-testid="branch-row"][data-code="demo"] [data-testid="branch-copy"]').click();
    await byTest(page, 'branch-form').waitFor();
    await byTest(page, 'branch-code').fill('sh-prep');
    await byTest(page, 'branch-nameZh').fill('筹备支行');
    await byTest(page, 'branch-nameEn').fill('Prep Branch');
    await byTest(page, 'branch-save').click();
    await row(page, 'sh-prep').waitFor();
    expect(await row(page, 'sh-prep').locator('[data-testid="branch-customers-status"]').textContent()).toBe('筹备中');
    expect(await row(page, 'demo').locator('[data-testid="branch-customers-status"]').textContent()).toBe('对客户开放');
    const made = await branchNamed('sh-prep');
    expect(made.customersOpen).toBe(false);
    expect(await bookingOffers(made, 'zh-CN')).toBe(false);

    const button = row(page, 'sh-prep').locator('[data-testid="branch-customers"]');
    expect(await button.getAttribute('aria-label')).toBe('对客户开放：网点 sh-prep');
    await button.click();
    await byTest(page, 'customers-open-dialog').waitFor();
    expect(await page.locator('#customers-open-title').textContent()).toBe('sh-prep 还有未完成的准备事项，仍要对客户开放？');
    // The copy has no staff of its own yet: the readiness check says so, in Chinese.
    const missing = page.locator('[data-testid="customers-open-missing"] li');
    expect(await missing.count()).toBeGreaterThan(0);
    expect(await missing.first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    // Keep preparing: nothing is sent.
    await byTest(page, 'customers-open-keep').click();
    expect((await branchNamed('sh-prep')).customersOpen).toBe(false);

    await button.click();
    await byTest(page, 'customers-open-ok').click();
    await eventuallyText(page, 'branches-status').toBe('网点 sh-prep 已对客户开放：客户可以在预约、远程排队和帮助页面找到它。');
    expect(await row(page, 'sh-prep').locator('[data-testid="branch-customers-status"]').textContent()).toBe('对客户开放');
    expect((await branchNamed('sh-prep')).customersOpen).toBe(true);
    expect(await bookingOffers(made, 'zh-CN')).toBe(true);
    await page.context().close();
  });

  it('opens a branch made over the API and puts it back in preparation, saying bookings stay valid (en)', async () => {
    const made = await admin.req('POST', '/api/v1/branches', { code: 'ldn-prep', name: { zh: '伦敦筹备', en: 'London Prep' }, timezone: 'Europe/London', copyFrom: sys.branchId, openingHours: WEEKDAY_HOURS });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const branch = made.body.data as BranchListItem;
    const page = await branchesPage(browser, sys.url, { locale: 'en-US' });
    expect(await row(page, 'ldn-prep').locator('[data-testid="branch-customers-status"]').textContent()).toBe('In preparation');
    expect(await bookingOffers(branch, 'en-US')).toBe(false);

    await row(page, 'ldn-prep').locator('[data-testid="branch-customers"]').click();
    await byTest(page, 'customers-open-dialog').waitFor();
    expect(await page.locator('#customers-open-title').textContent()).toBe('ldn-prep is not fully prepared. Open it to customers anyway?');
    await byTest(page, 'customers-open-ok').click();
    await eventuallyText(page, 'branches-status').toBe('Branch ldn-prep is open to customers: they find it on the booking, remote queue and help pages.');
    expect(await bookingOffers(branch, 'en-US')).toBe(true);

    const close = row(page, 'ldn-prep').locator('[data-testid="branch-customers"]');
    expect(await close.textContent()).toBe('Back to preparation');
    await close.click();
    await byTest(page, 'customers-close-dialog').waitFor();
    expect(await textOf(page, 'customers-close-body')).toContain('Bookings already made stay valid and are not cancelled');
    await byTest(page, 'customers-close-ok').click();
    await eventuallyText(page, 'branches-status').toBe('Branch ldn-prep is in preparation again: no new bookings or remote queueing; bookings already made stay valid.');
    expect(await row(page, 'ldn-prep').locator('[data-testid="branch-customers-status"]').textContent()).toBe('In preparation');
    expect(await bookingOffers(branch, 'en-US')).toBe(false);
    await page.context().close();
  });
});
