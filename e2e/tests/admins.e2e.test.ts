/**
 * The administrators screen in a real browser against the real system: an admin (in English)
 * opens it from the staff panel, sees their own last sign-in and that they are the only active
 * administrator (no button to deactivate themselves), adds an administrator and gets the
 * temporary password once; the new administrator (in Chinese) signs in with it, must change it,
 * and sees the screen in Chinese with both rows; the first admin resets their password and
 * deactivates them after a confirmation, and the new administrator's session ends.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, focusedTestId, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let context: BrowserContext;
let admin: Page;
let second: Page;
let temporary = '';

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

const row = (page: Page, username: string) => page.locator(`[data-testid="admin-row"][data-username="${username}"]`);
const cell = (page: Page, username: string, id: string) => row(page, username).locator(`[data-testid="${id}"]`);
const text = async (page: Page, username: string, id: string) => ((await cell(page, username, id).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the administrators screen', () => {
  it('an admin reaches it from the staff panel and sees their own row, with no way to deactivate themselves', async () => {
    ({ context, page: admin } = await device(browser, { locale: 'en-US' }));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sys.url });
    await signInStaff(admin, sys.url, 'admin');
    const link = byTest(admin, 'admins-link');
    expect(await link.textContent()).toBe('Administrators');
    await link.click();
    await admin.waitForURL('**/staff/admins');
    await byTest(admin, 'admins-table').waitFor();
    expect(await admin.title()).toBe('Administrators · Tellerline');
    expect(await text(admin, 'admin', 'admin-name')).toBe('Admin (you)');
    expect(await text(admin, 'admin', 'admin-status')).toBe('Active');
    // Signed in a moment ago: a time, not "never".
    expect(await cell(admin, 'admin', 'admin-last-sign-in').locator('time').count()).toBe(1);
    expect(await text(admin, 'admin', 'admin-last-sign-in')).not.toBe('Never signed in');
    expect(await cell(admin, 'admin', 'admin-deactivate').count()).toBe(0);
    expect(await text(admin, 'admin', 'admin-last-active')).toBe('The only active administrator');
    // The other admin screens link here too.
    expect(await byTest(admin, 'branches-link').textContent()).toBe('Branches');
  });

  it('adds an administrator; the temporary password is shown once', async () => {
    await byTest(admin, 'admin-add').click();
    await admin.getByRole('dialog', { name: 'Add an administrator' }).waitFor();
    expect(await focusedTestId(admin)).toBe('admin-username-input');
    await byTest(admin, 'admin-submit').click();
    expect(await textOf(admin, 'admin-username-error')).toBe('Enter a username.');
    await admin.getByLabel('Username').fill('zhou.li');
    await admin.getByLabel('Display name').fill('周丽 Zhou Li');
    await byTest(admin, 'admin-submit').click();
    await byTest(admin, 'issued').waitFor();
    await expect.poll(() => focusedTestId(admin)).toBe('issued-heading');
    expect(await textOf(admin, 'issued-heading')).toBe('Temporary password for “周丽 Zhou Li”');
    expect(await textOf(admin, 'admins-status')).toBe('The administrator “周丽 Zhou Li” was added.');
    temporary = await byTest(admin, 'issued-password').inputValue();
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    await byTest(admin, 'issued-copy').click();
    await expect.poll(() => textOf(admin, 'admins-status')).toBe('Password copied.');
    expect(await text(admin, 'zhou.li', 'admin-last-sign-in')).toBe('Never signed in');
    expect(await text(admin, 'zhou.li', 'admin-must-change')).toBe('Temporary password not changed yet');
    // Two active administrators now: the note goes.
    expect(await cell(admin, 'admin', 'admin-last-active').count()).toBe(0);
    await screenshot(admin, 'admins-en');
    await byTest(admin, 'issued-done').click();
    expect(await byTest(admin, 'issued').count()).toBe(0);
    await admin.reload();
    await byTest(admin, 'admins-table').waitFor();
    expect(await admin.content()).not.toContain(temporary);
  });

  it('the new administrator signs in (in Chinese), changes the password, and reads the screen in Chinese', async () => {
    ({ page: second } = await device(browser, { locale: 'zh-CN' }));
    await second.goto(`${sys.url}/staff/login`);
    await second.fill('input[name=username]', 'zhou.li');
    await second.fill('input[name=password]', temporary);
    await second.click('button[type=submit]');
    await second.waitForURL('**/staff/account');
    await second.getByLabel('当前密码').fill(temporary);
    await second.getByLabel('新密码', { exact: true }).fill('管理员的新密码很长很长');
    await second.getByLabel('再次输入新密码').fill('管理员的新密码很长很长');
    await byTest(second, 'password-submit').click();
    await byTest(second, 'account-continue').waitFor();
    await second.goto(`${sys.url}/staff/admins`);
    await byTest(second, 'admins-table').waitFor();
    expect(await textOf(second, 'admins-title')).toBe('管理员');
    expect(await second.title()).toBe('管理员 · 智能排队');
    expect(await text(second, 'zhou.li', 'admin-name')).toBe('周丽 Zhou Li（您本人）');
    expect(await text(second, 'admin', 'admin-status')).toBe('在用');
    expect(await cell(second, 'admin', 'admin-deactivate').getAttribute('aria-label')).toBe('停用“Admin”');
    expect(await cell(second, 'zhou.li', 'admin-last-sign-in').locator('time').count()).toBe(1);
    await screenshot(second, 'admins-zh');
  });

  it('the first admin resets their password, then deactivates them after a confirmation; their session ends', async () => {
    await admin.reload();
    await byTest(admin, 'admins-table').waitFor();
    expect(await cell(admin, 'zhou.li', 'admin-must-change').count()).toBe(0);
    await cell(admin, 'zhou.li', 'admin-reset').click();
    await admin.getByRole('alertdialog').waitFor();
    expect(await admin.locator('#confirm-title').textContent()).toBe('Reset the password of “周丽 Zhou Li”?');
    await byTest(admin, 'confirm-ok').click();
    await byTest(admin, 'issued').waitFor();
    expect(await textOf(admin, 'issued-heading')).toBe('New temporary password for “周丽 Zhou Li”');
    await byTest(admin, 'issued-done').click();

    const deactivate = cell(admin, 'zhou.li', 'admin-deactivate');
    expect(await deactivate.getAttribute('aria-label')).toBe('Deactivate “周丽 Zhou Li”');
    await deactivate.click();
    await admin.getByRole('alertdialog').waitFor();
    expect(await admin.locator('#confirm-title').textContent()).toBe('Deactivate the administrator “周丽 Zhou Li”?');
    expect(await focusedTestId(admin)).toBe('confirm-cancel');
    // Escape keeps them.
    await admin.keyboard.press('Escape');
    await expect.poll(() => focusedTestId(admin)).toBe('admin-deactivate');
    await deactivate.click();
    await byTest(admin, 'confirm-ok').click();
    await expect.poll(() => textOf(admin, 'admins-status')).toBe('“周丽 Zhou Li” is deactivated.');
    expect(await text(admin, 'zhou.li', 'admin-status')).toBe('Deactivated');
    await expect.poll(() => focusedTestId(admin)).toBe('admin-reactivate');
    expect(await text(admin, 'admin', 'admin-last-active')).toBe('The only active administrator');

    await second.reload();
    await second.waitForURL('**/staff/login**');
  });

  it('reactivates them, and the screen reads in Chinese too', async () => {
    await cell(admin, 'zhou.li', 'admin-reactivate').click();
    await expect.poll(() => textOf(admin, 'admins-status')).toBe('“周丽 Zhou Li” is active again.');
    await admin.getByRole('button', { name: '中文' }).click();
    expect(await textOf(admin, 'admins-title')).toBe('管理员');
    expect(await text(admin, 'zhou.li', 'admin-status')).toBe('在用');
    expect(await text(admin, 'zhou.li', 'admin-must-change')).toBe('尚未修改临时密码');
    expect(await text(admin, 'admin', 'admin-name')).toBe('Admin（您本人）');
    expect(await cell(admin, 'zhou.li', 'admin-deactivate').getAttribute('aria-label')).toBe('停用“周丽 Zhou Li”');
    expect(await textOf(admin, 'admins-status')).toBe('“周丽 Zhou Li”已启用。');
  });
});
