/**
 * "New branch like this one" in a real browser against the real system. In Chinese, an admin
 * starts a branch from the demo branch's row: the dialog says what is copied and what is not and
 * opens with the demo's hours; saved, the new branch's set-up screen lists the demo's services and
 * counters, and its queue runs them. In English, the branch to copy is taken out of service while
 * the dialog is open: the save is refused with the English message, no branch is made and the list
 * behind the dialog shows the branch out of service.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem, BranchSetupView } from '@tellerline/contracts';
import { addBranch, branchesPage } from '../branches-screen.js';
import { byTest, eventuallyText, HttpClient, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let admin: HttpClient;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  admin = new HttpClient(sys.url);
  await admin.login('admin');
});

afterAll(() => stopWithBrowser(sys, browser));

const branches = async () => (await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[];
const setupOf = async (id: string) => (await admin.req('GET', `/api/v1/branches/${id}/setup`)).body.data as BranchSetupView;

/** Opens the copy dialog from the row of the branch `code`. */
async function copyFrom(page: Page, code: string): Promise<void> {
  await page.locator(`[data-testid="branch-row"][data-code="${code}"] [data-testid="branch-copy"]`).click();
  await byTest(page, 'branch-form').waitFor();
}

async function fillNames(page: Page, code: string, zh: string, en: string): Promise<void> {
  await byTest(page, 'branch-code').fill(code);
  await byTest(page, 'branch-nameZh').fill(zh);
  await byTest(page, 'branch-nameEn').fill(en);
}

describe('a new branch like an existing one', () => {
  it("copies the demo branch's services, counters and hours from its row (zh)", async () => {
    const demo = await setupOf(sys.branchId);
    const page = await branchesPage(browser, sys.url, { locale: 'zh-CN' });
    await copyFrom(page, 'demo');
    expect(await page.locator('#branch-dialog-title').textContent()).toBe('以总行营业部（demo）为模板新建网点');
    const note = await textOf(page, 'branch-copy-note');
    expect(note).toContain('总行营业部（demo）');
    expect(note).toContain('不复制员工、排班、设备');
    // The demo's Monday hours are there to change if need be.
    expect(await byTest(page, 'branch-hours-mon-0-open').inputValue()).toBe(demo.branch.openingHours.mon[0]!.open);

    await fillNames(page, 'sh-copy', '复制支行', 'Copy Branch');
    await byTest(page, 'branch-save').click();
    await eventuallyText(page, 'branches-status').toBe('已创建网点 sh-copy，业务、柜台和预约规则复制自 demo。请为新网点添加员工并配对设备。');
    const made = (await branches()).find((b) => b.code === 'sh-copy')!;
    expect(made).toMatchObject({ name: { zh: '复制支行', en: 'Copy Branch' }, openingHours: demo.branch.openingHours, pilot: false });

    // Its set-up screen lists what the demo has (active), in Chinese.
    await page.locator('[data-testid="branch-row"][data-code="sh-copy"] [data-testid="branch-setup-link"]').click();
    await byTest(page, 'services-table').waitFor();
    const active = demo.services.filter((s) => s.active);
    await expect.poll(() => page.locator('[data-testid="service-row"]').count()).toBe(active.length);
    expect(await page.locator('[data-testid="service-row"] [data-testid="service-name"]').allTextContents()).toEqual(active.map((s) => s.name.zh));
    expect((await setupOf(made.id)).counters.map((c) => c.label)).toEqual(demo.counters.filter((c) => c.active).map((c) => c.label));
    const queue = await admin.req('GET', `/api/v1/branches/${made.id}/queue`);
    expect(queue.body.data.map((s: { code: string }) => s.code)).toEqual(active.map((s) => s.code));
  });

  it('refuses when the branch to copy was taken out of service meanwhile, saying so in English; nothing is made', async () => {
    const source = await addBranch(admin, { code: 'sh-template', name: { zh: '模板支行', en: 'Template Branch' }, timezone: 'Asia/Shanghai', pilot: false });
    const page = await branchesPage(browser, sys.url, { locale: 'en-US' });
    await copyFrom(page, 'sh-template');
    expect(await page.locator('#branch-dialog-title').textContent()).toBe('New branch like Template Branch (sh-template)');
    expect(await textOf(page, 'branch-copy-note')).toContain('The new branch copies from Template Branch (sh-template): its services');
    await fillNames(page, 'sh-late', '迟到支行', 'Late Branch');
    expect((await admin.req('POST', `/api/v1/branches/${source.id}/deactivate`, {})).status).toBe(200);

    await byTest(page, 'branch-save').click();
    await eventuallyText(page, 'branch-error').toBe('The branch to copy is out of service; no branch was created. Put it back in service or copy another.');
    expect((await branches()).some((b) => b.code === 'sh-late')).toBe(false);
    // The dialog stays open with what was typed.
    expect(await byTest(page, 'branch-code').inputValue()).toBe('sh-late');
    // Behind it, the list shows the template out of service now: no copy button, a put-back one.
    const row = page.locator('[data-testid="branch-row"][data-code="sh-template"]');
    await expect.poll(() => row.locator('[data-testid="branch-on"]').count()).toBe(1);
    expect(await row.locator('[data-testid="branch-copy"]').count()).toBe(0);
  });
});
