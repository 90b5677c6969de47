/**
 * The pilot flag starts or ends a pilot period (its days first in the all-branches report, counted in
 * the pilot branches' totals), so /staff/branches asks before it changes: from the list's box (en) and from
 * the edit dialog's (zh). Cancelling leaves the flag and the box as they were; confirming changes it.
 * The question names the branch by its name in the screen's language, and the list's box is a 44 px target.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { addBranch, branchesPage } from '../branches-screen.js';
import { byTest, eventuallyText, HttpClient, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;
let branch: BranchListItem;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  admin = new HttpClient(sys.url);
  await admin.login('admin');
  branch = await addBranch(admin, { code: 'pilot-x', name: { zh: '试点测试支行', en: 'Pilot Test Branch' }, timezone: 'Asia/Shanghai', pilot: false });
});

afterAll(() => stopWithBrowser(sys, browser));

const storedPilot = async () => ((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === branch.id)!.pilot;
const row = (page: Page) => page.locator('[data-testid="branch-row"][data-code="pilot-x"]');

const openBranches = (locale: string) => branchesPage(browser, sys.url, { locale, width: 1366, height: 768 });

describe('changing the pilot flag asks first', () => {
  it('from the list (en): cancel keeps it off, confirm makes it a pilot branch', async () => {
    const page = await openBranches('en-US');
    const box = row(page).locator('[data-testid="branch-pilot-toggle"]');
    expect(await box.getAttribute('aria-label')).toBe('Pilot Test Branch (pilot-x) is a pilot branch');
    // The box itself is small; the label around it is the 44 px target, and a click on its edge ticks it.
    const hit = (await row(page).locator('[data-testid="branch-pilot-hit"]').boundingBox())!;
    expect(hit.width).toBeGreaterThanOrEqual(44);
    expect(hit.height).toBeGreaterThanOrEqual(44);

    await page.mouse.click(hit.x + 3, hit.y + 3);
    await byTest(page, 'pilot-confirm-dialog').waitFor();
    expect(await page.locator('#pilot-confirm-title').textContent()).toBe('Make Pilot Test Branch a pilot branch?');
    expect(await textOf(page, 'pilot-confirm-body')).toContain('A pilot period starts today (branch time)');
    expect(await textOf(page, 'pilot-confirm-body')).toContain('Reports of past days stay as they are.');
    // Cancel, the safe choice, has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pilot-confirm-cancel');
    await byTest(page, 'pilot-confirm-cancel').click();
    await byTest(page, 'pilot-confirm-dialog').waitFor({ state: 'hidden' });
    expect(await box.isChecked()).toBe(false);
    expect(await storedPilot()).toBe(false);

    await box.click();
    await byTest(page, 'pilot-confirm-ok').click();
    await eventuallyText(page, 'branches-status').toBe('pilot-x is now a pilot branch.');
    expect(await box.isChecked()).toBe(true);
    expect(await storedPilot()).toBe(true);
    await page.context().close();
  });

  it('from the edit dialog (zh): cancel keeps the box ticked, confirm then save takes the flag off', async () => {
    expect(await storedPilot()).toBe(true);
    const page = await openBranches('zh-CN');
    await row(page).locator('[data-testid="branch-edit"]').click();
    await byTest(page, 'branch-form').waitFor();
    const box = byTest(page, 'branch-pilot');

    await box.click();
    await byTest(page, 'pilot-confirm-dialog').waitFor();
    expect(await page.locator('#pilot-confirm-title').textContent()).toBe('取消试点测试支行的试点标记？');
    expect(await textOf(page, 'pilot-confirm-body')).toContain('试点期在今天（网点时区）结束');
    expect(await textOf(page, 'pilot-confirm-body')).toContain('以往日期的报表不变');
    await byTest(page, 'pilot-confirm-cancel').click();
    await byTest(page, 'pilot-confirm-dialog').waitFor({ state: 'hidden' });
    expect(await box.isChecked()).toBe(true);

    await box.click();
    await byTest(page, 'pilot-confirm-ok').click();
    await byTest(page, 'pilot-confirm-dialog').waitFor({ state: 'hidden' });
    expect(await box.isChecked()).toBe(false);
    // Nothing is stored before the dialog is saved.
    expect(await storedPilot()).toBe(true);
    await byTest(page, 'branch-save').click();
    await eventuallyText(page, 'branches-status').toBe('已保存网点 pilot-x。');
    expect(await storedPilot()).toBe(false);
    await page.context().close();
  });
});
