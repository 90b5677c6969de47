/**
 * Two admins edit the same branch in two browsers (two contexts, one in Chinese, one in English),
 * against the real system. The reviewer's edit dialog was opened before the colleague's saves:
 * a name-only edit from it keeps the pilot flag and Saturday hours the colleague set; an edit of
 * the English name the colleague changed meanwhile is refused with the bilingual conflict message,
 * the dialog shows the colleague's values and keeps the reviewer's, and nothing the colleague
 * saved is lost. Screens saved to /tmp/branch-stale-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem } from '@tellerline/contracts';
import { addBranch, branchesPage } from '../branches-screen.js';
import { byTest, eventuallyText, HttpClient, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;
let london: BranchListItem;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  admin = new HttpClient(sys.url);
  await admin.login('admin');
  london = await addBranch(admin, { code: 'ldn', name: { zh: '伦敦支行', en: 'London Branch' }, timezone: 'Europe/London', pilot: true });
});

afterAll(() => stopWithBrowser(sys, browser));

const stored = async () => ((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === london.id)!;
const row = (page: Page) => page.locator('[data-testid="branch-row"][data-code="ldn"]');

const openBranches = (locale: string) => branchesPage(browser, sys.url, { locale });

async function openDialog(page: Page): Promise<void> {
  await row(page).locator('[data-testid="branch-edit"]').click();
  await byTest(page, 'branch-form').waitFor();
}

describe("a dialog opened before a colleague's save", () => {
  it("keeps the colleague's pilot flag and hours on a name-only edit, and refuses to overwrite the name the colleague changed (zh), keeping both values in view", async () => {
    const colleague = await openBranches('en-US');
    const reviewer = await openBranches('zh-CN');
    await openDialog(reviewer);

    // The colleague switches the pilot flag off and opens on Saturdays.
    await openDialog(colleague);
    await byTest(colleague, 'branch-pilot').uncheck();
    await byTest(colleague, 'pilot-confirm-ok').click();
    await byTest(colleague, 'branch-hours-sat-add').click();
    await byTest(colleague, 'branch-save').click();
    await eventuallyText(colleague, 'branches-status').toBe('Branch ldn saved.');
    expect(await stored()).toMatchObject({ pilot: false, openingHours: { sat: [{ open: expect.any(String), close: expect.any(String) }] } });
    const saturday = (await stored()).openingHours.sat;

    // The reviewer's dialog still shows the pilot flag on; only the English name is changed.
    expect(await byTest(reviewer, 'branch-pilot').isChecked()).toBe(true);
    await byTest(reviewer, 'branch-nameEn').fill('London City');
    await byTest(reviewer, 'branch-save').click();
    await eventuallyText(reviewer, 'branches-status').toBe('已保存网点 ldn。');
    expect(await stored()).toMatchObject({ name: { zh: '伦敦支行', en: 'London City' }, pilot: false, openingHours: { sat: saturday } });

    // Both open the dialog again; the colleague renames it first.
    await openDialog(reviewer);
    await colleague.reload();
    await byTest(colleague, 'branches-table').waitFor();
    await openDialog(colleague);
    await byTest(colleague, 'branch-nameEn').fill('London Central');
    await byTest(colleague, 'branch-save').click();
    await eventuallyText(colleague, 'branches-status').toBe('Branch ldn saved.');

    await byTest(reviewer, 'branch-nameEn').fill('London Docklands');
    await byTest(reviewer, 'branch-save').click();
    await byTest(reviewer, 'branch-error').waitFor();
    expect(await byTest(reviewer, 'branch-error').getAttribute('data-code')).toBe('STALE_BRANCH');
    expect(await textOf(reviewer, 'branch-error')).toBe('有人在你打开后修改了这个网点，未保存任何内容。现在显示的是已保存的内容，你改动的项目仍保留；核对后请再保存。');
    expect(await textOf(reviewer, 'branch-stale')).toBe('英文名称现在保存为“London Central”；输入框中仍是你的修改。');
    // The reviewer's edit is kept, the rest shows what the colleague stored.
    expect(await byTest(reviewer, 'branch-nameEn').inputValue()).toBe('London Docklands');
    expect(await byTest(reviewer, 'branch-pilot').isChecked()).toBe(false);
    expect(await stored()).toMatchObject({ name: { en: 'London Central' }, pilot: false, openingHours: { sat: saturday } });
    await reviewer.screenshot({ path: '/tmp/branch-stale-zh.png' });

    // Checked, saved again: now on purpose, over what is stored.
    await byTest(reviewer, 'branch-save').click();
    await eventuallyText(reviewer, 'branches-status').toBe('已保存网点 ldn。');
    expect(await stored()).toMatchObject({ name: { en: 'London Docklands' }, pilot: false, openingHours: { sat: saturday } });
  });
});
