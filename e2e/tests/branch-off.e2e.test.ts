/**
 * An admin takes a branch out of service and puts it back, in a real browser against the real
 * system, on a clock the test moves (next Monday, so the booked visit is always to come). The
 * confirmation dialog says what stops, what stays and how many booked visits it cancels; Keep, the
 * safe choice, has the focus. Confirmed, the branch is shown out of service after the branches in
 * service, the open kiosk shows its bilingual "this branch is closed" page, and the visit is
 * cancelled. Reactivated, it is in service again. In Chinese, then the dialog in English.
 * Screens saved to /tmp/branch-off-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { byTest, device, eventuallyText, focusedTestId, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem, local, nextMonday } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock }));
  admin = new HttpClient(sys.url);
  await admin.login('admin');
  // A second branch (in service), so the list shows the order; and one visit booked at the demo branch.
  const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, []]));
  expect((await admin.req('POST', '/api/v1/branches', { code: 'zz-north', name: { zh: '北区支行', en: 'North Branch' }, timezone: 'Asia/Shanghai', openingHours: allWeek, customersOpen: true })).status).toBe(201);
  const booked = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(MON, '10:00'), contact: { name: '王芳', phone: '+86 139 3333 0001', language: 'zh', consent: true } });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
});

afterAll(() => stopWithBrowser(sys, browser));

const demo = async () => ((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === sys.branchId)!;
const rowCodes = (page: Page) => page.locator('[data-testid="branch-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

describe('an admin takes a branch out of service and back', () => {
  it('in Chinese: confirms with the consequences and the bookings to cancel; the branch is shown out of service and its kiosk closed; then reactivates it', async () => {
    const { page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await kiosk.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await byTest(kiosk, 'kiosk-closed').or(byTest(kiosk, 'lang-zh')).first().waitFor();

    const { page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'admin');
    await page.goto(`${sys.url}/staff/branches`);
    await byTest(page, 'branches-table').waitFor();
    expect(await rowCodes(page)).toEqual(['demo', 'zz-north']);
    const row = page.locator('[data-testid="branch-row"][data-code="demo"]');
    const off = row.locator('[data-testid="branch-off"]');
    expect(await off.textContent()).toBe('停用网点');
    expect(await off.getAttribute('aria-label')).toBe('停用网点 demo');

    // Asked first, Keep focused: a stray Enter changes nothing; Escape keeps it too.
    await off.click();
    await byTest(page, 'branch-off-dialog').waitFor();
    expect(await page.getByRole('alertdialog').getAttribute('aria-labelledby')).toBe('branch-off-title');
    expect(await textOf(page, 'branch-off-consequences')).toContain('取号机和远程排队不再发号');
    expect(await textOf(page, 'branch-off-bookings')).toMatch(/^此网点有 1 个待到访的预约（.+）。停用后将取消，并通知该客户。$/);
    expect(await focusedTestId(page)).toBe('branch-off-keep');
    // The keyboard moves between its two buttons (the page behind is inert).
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('branch-off-confirm');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedTestId(page)).toBe('branch-off-keep');
    await page.keyboard.press('Escape');
    await byTest(page, 'branch-off-dialog').locator('h2').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('branch-off');
    expect((await demo()).active).toBe(true);

    await off.click();
    await byTest(page, 'branch-off-confirm').waitFor();
    expect(await textOf(page, 'branch-off-confirm')).toBe('停用并取消 1 个预约');
    await page.screenshot({ path: '/tmp/branch-off-dialog-zh.png' });
    await byTest(page, 'branch-off-confirm').click();
    await eventuallyText(page, 'branches-status').toBe('网点 demo 已停用，1 个预约已取消并通知客户。');
    expect((await demo()).active).toBe(false);
    const booked = await sys.system.parts.db.booking.bookedForService(sys.branchId, null);
    expect(booked).toEqual([]);

    // Marked, and listed after the branches in service; the focus is on its new action.
    expect(await rowCodes(page)).toEqual(['zz-north', 'demo']);
    expect(await row.getAttribute('data-active')).toBe('false');
    expect(await row.locator('[data-testid="branch-inactive"]').textContent()).toBe('已停用');
    expect(await focusedTestId(page)).toBe('branch-on');
    const on = row.locator('[data-testid="branch-on"]');
    expect(await on.textContent()).toBe('重新启用');
    expect(await on.getAttribute('aria-label')).toBe('重新启用网点 demo');
    await page.screenshot({ path: '/tmp/branch-off-list-zh.png', fullPage: true });

    // The open kiosk follows (it is told the branch changed): closed for good, in both languages.
    await byTest(kiosk, 'kiosk-closed').waitFor({ timeout: 35_000 });
    expect(await byTest(kiosk, 'kiosk-closed').getAttribute('data-closed')).toBe('inactive');
    expect(await textOf(kiosk, 'closed-title-zh')).toBe('本网点已停止营业');
    expect(await textOf(kiosk, 'closed-title-en')).toBe('This branch is closed');
    expect(await byTest(kiosk, 'closed-appointment-zh').count()).toBe(0);
    await kiosk.screenshot({ path: '/tmp/branch-off-kiosk.png' });

    // A help link printed for it says the branch has closed (by name), not that the link is bad,
    // and offers the branches still in service.
    const { page: help } = await device(browser, { locale: 'zh-CN' });
    await help.goto(`${sys.url}/help?branch=demo`);
    await byTest(help, 'help-branch-closed').waitFor();
    expect(await textOf(help, 'help-branch-closed')).toBe('总行营业部已停止营业。请从下面选择其他网点。');
    expect(await byTest(help, 'help-branch-unknown').count()).toBe(0);
    expect(await byTest(help, 'help-branch-demo').count()).toBe(0);
    await byTest(help, 'help-branch-zz-north').waitFor();

    // Its KPI reports can still be chosen, marked out of service.
    const { page: reports } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(reports, sys.url, 'admin');
    await reports.goto(`${sys.url}/staff/reports`);
    await byTest(reports, 'branch-pick').waitFor();
    expect(await byTest(reports, 'branch-pick').locator(`option[value="${sys.branchId}"]`).textContent()).toBe('总行营业部 (已停用)');

    await on.click();
    await eventuallyText(page, 'branches-status').toBe('网点 demo 已重新启用。');
    expect((await demo()).active).toBe(true);
    expect(await rowCodes(page)).toEqual(['demo', 'zz-north']);
    expect(await row.locator('[data-testid="branch-inactive"]').count()).toBe(0);
  });

  it('in English: the dialog says what it stops and that nothing is booked; Keep leaves the branch in service', async () => {
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'admin');
    await page.goto(`${sys.url}/staff/branches`);
    const off = page.locator('[data-testid="branch-row"][data-code="demo"] [data-testid="branch-off"]');
    await off.waitFor();
    expect(await off.textContent()).toBe('Take out of service');
    expect(await off.getAttribute('aria-label')).toBe('Take out of service: branch demo');
    await off.click();
    await byTest(page, 'branch-off-dialog').locator('h2').waitFor();
    expect(await byTest(page, 'branch-off-dialog').locator('h2').textContent()).toBe('Take branch demo out of service?');
    expect(await textOf(page, 'branch-off-consequences')).toContain('Its visit history, audit log and KPI reports stay readable.');
    expect(await textOf(page, 'branch-off-bookings')).toBe('It has no booked visits to come.');
    expect(await textOf(page, 'branch-off-confirm')).toBe('Take out of service');
    await byTest(page, 'branch-off-keep').click();
    await byTest(page, 'branch-off-dialog').locator('h2').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('branch-off');
    expect((await demo()).active).toBe(true);
  });
});
