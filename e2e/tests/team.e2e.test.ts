/**
 * The team and account screens in a real browser against the real system: a manager (in English)
 * adds a teller with skills and gets a temporary password once; the teller (in Chinese) signs in
 * with it, can only change it, then reaches the panel and signs on; the manager sees them signed
 * on, deactivates them, and the teller's open panel is signed out. Screenshots in docs/screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, focusedTestId, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let managerContext: BrowserContext;
let manager: Page;
let teller: Page;
let temporary = '';

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

const row = (page: Page, username: string) => page.locator(`[data-testid="member-row"][data-username="${username}"]`);
const cell = (page: Page, username: string, id: string) => row(page, username).locator(`[data-testid="${id}"]`);

describe('team and skills, and the first sign-in of a new teller', () => {
  it('the manager reaches the team from the staff panel and sees who serves what', async () => {
    ({ context: managerContext, page: manager } = await device(browser, { locale: 'en-US' }));
    await managerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sys.url });
    await signInStaff(manager, sys.url, 'manager');
    expect(await byTest(manager, 'account-link').textContent()).toBe('My account');
    await byTest(manager, 'team-link').click();
    await manager.waitForURL('**/staff/team');
    await byTest(manager, 'team-table').waitFor();
    expect(await manager.title()).toBe('Team and skills · Tellerline');
    expect(await cell(manager, 'alice', 'member-role').textContent()).toBe('Teller');
    expect(await cell(manager, 'manager', 'member-role').textContent()).toBe('Manager');
    // A manager changes tellers only: no buttons on the manager's own row.
    expect(await cell(manager, 'manager', 'member-edit').count()).toBe(0);
    const alicesA = manager.locator('[data-testid="skill-cell"][data-username="alice"][data-service="A"]');
    expect((await alicesA.textContent())?.trim()).toBe('100%');
    const alicesC = manager.locator('[data-testid="skill-cell"][data-username="alice"][data-service="C"]');
    expect(await alicesC.textContent()).toContain('Does not serve');
  });

  it('adds a teller with skills; the temporary password is shown once, with a copy button', async () => {
    await byTest(manager, 'member-add').click();
    const dialog = manager.getByRole('dialog', { name: 'Add a member' });
    await dialog.waitFor();
    expect(await focusedTestId(manager)).toBe('member-username-input');
    // Refused in the browser first, in its own words.
    await byTest(manager, 'member-submit').click();
    expect(await textOf(manager, 'member-username-error')).toBe('Enter a username.');
    await manager.getByLabel('Username').fill('fei.wang');
    // The field still wrong takes the focus.
    await byTest(manager, 'member-submit').click();
    await expect.poll(() => focusedTestId(manager)).toBe('member-displayName-input');
    await manager.getByLabel('Display name').fill('Fei Wang 王飞');
    await manager.getByLabel('D · Wealth').selectOption({ label: '90%' });
    await manager.getByLabel('A · Personal cash').selectOption({ label: '50%' });
    await byTest(manager, 'member-submit').click();
    await byTest(manager, 'issued').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => focusedTestId(manager)).toBe('issued-heading');
    expect(await textOf(manager, 'issued-heading')).toBe('Temporary password for “Fei Wang 王飞”');
    expect(await textOf(manager, 'issued-once')).toContain('This password is shown only now.');
    expect(await textOf(manager, 'team-status')).toBe('“Fei Wang 王飞” was added.');
    temporary = await byTest(manager, 'issued-password').inputValue();
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    await byTest(manager, 'issued-copy').click();
    await expect.poll(() => textOf(manager, 'team-status')).toBe('Password copied.');
    expect(await manager.evaluate(() => navigator.clipboard.readText())).toBe(temporary);
    expect(await cell(manager, 'fei.wang', 'member-must-change').textContent()).toBe('Temporary password not changed yet');
    expect((await manager.locator('[data-testid="skill-cell"][data-username="fei.wang"][data-service="D"]').textContent())?.trim()).toBe('90%');
    await screenshot(manager, 'team-en');
    await byTest(manager, 'issued-done').click();
    expect(await byTest(manager, 'issued').count()).toBe(0);
    await manager.reload();
    await byTest(manager, 'team-table').waitFor();
    expect(await manager.content()).not.toContain(temporary);
  });

  it("edits a teller's skills in the same dialog; Escape cancels and returns the focus", async () => {
    const edit = cell(manager, 'alice', 'member-edit');
    expect(await edit.getAttribute('aria-label')).toBe('Edit “Alice”');
    await edit.click();
    await manager.getByRole('dialog', { name: 'Edit “Alice”' }).waitFor();
    expect(await focusedTestId(manager)).toBe('member-displayName-input');
    await manager.keyboard.press('Escape');
    await expect.poll(() => focusedTestId(manager)).toBe('member-edit');
    await edit.click();
    await manager.getByLabel('C · Loans').selectOption({ label: '70%' });
    await byTest(manager, 'member-submit').click();
    await expect.poll(() => textOf(manager, 'team-status')).toBe('Changes to “Alice” saved.');
    expect((await manager.locator('[data-testid="skill-cell"][data-username="alice"][data-service="C"]').textContent())?.trim()).toBe('70%');
    await expect.poll(() => focusedTestId(manager)).toBe('member-edit');
  });

  it('the teller signs in with it (in Chinese) and can only change it first', async () => {
    ({ page: teller } = await device(browser, { locale: 'zh-CN' }));
    await teller.goto(`${sys.url}/staff`);
    await teller.waitForURL('**/staff/login');
    await teller.fill('input[name=username]', 'fei.wang');
    await teller.fill('input[name=password]', temporary);
    await teller.click('button[type=submit]');
    await teller.waitForURL('**/staff/account');
    await byTest(teller, 'password-form').waitFor();
    expect(await teller.title()).toBe('我的账号 · 智能排队');
    expect(await textOf(teller, 'account-must-change')).toBe('您正在使用别人为您设置的临时密码。请先设置自己的密码，然后才能使用工作台。');
    expect(await byTest(teller, 'back-to-panel').count()).toBe(0);
    // The panel sends them back here.
    await teller.goto(`${sys.url}/staff`);
    await teller.waitForURL('**/staff/account');
    await byTest(teller, 'password-form').waitFor();
    await teller.getByLabel('当前密码').fill(temporary);
    await teller.getByLabel('新密码', { exact: true }).fill('我的新密码真的很长很长');
    await teller.getByLabel('再次输入新密码').fill('我的新密码真的很长很短');
    await byTest(teller, 'password-submit').click();
    expect(await textOf(teller, 'password-repeat-error')).toBe('两次输入的新密码不一致。');
    expect(await focusedTestId(teller)).toBe('password-repeat');
    await teller.getByLabel('再次输入新密码').fill('我的新密码真的很长很长');
    await byTest(teller, 'password-submit').click();
    await byTest(teller, 'account-continue').waitFor();
    expect(await textOf(teller, 'account-status')).toBe('密码已修改。您在其他设备上的登录已全部退出。');
    await expect.poll(() => focusedTestId(teller)).toBe('account-continue');
    await screenshot(teller, 'account-zh');
    await byTest(teller, 'account-continue').click();
    await teller.waitForURL(/\/staff$/);
    await teller.click('[data-testid="sign-on-3"]');
    await expect.poll(() => textOf(teller, 'my-counter')).toBe('3 号柜台');
  });

  it('the manager sees the teller signed on, deactivates them, and their open panel is signed out', async () => {
    await expect
      .poll(async () => {
        await manager.reload();
        await byTest(manager, 'team-table').waitFor();
        return cell(manager, 'fei.wang', 'member-now').textContent();
      })
      .toBe('Signed on at counter 3');
    expect(await cell(manager, 'fei.wang', 'member-must-change').count()).toBe(0);
    const deactivate = cell(manager, 'fei.wang', 'member-deactivate');
    expect(await deactivate.getAttribute('aria-label')).toBe('Deactivate “Fei Wang 王飞”');
    await deactivate.click();
    const confirm = manager.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await manager.locator('#confirm-title').textContent()).toBe('Deactivate “Fei Wang 王飞”?');
    expect(await focusedTestId(manager)).toBe('confirm-cancel');
    await byTest(manager, 'confirm-ok').click();
    await expect.poll(() => textOf(manager, 'team-status')).toBe('“Fei Wang 王飞” is deactivated.');
    expect(await cell(manager, 'fei.wang', 'member-status').textContent()).toBe('Deactivated');
    expect(await cell(manager, 'fei.wang', 'member-now').textContent()).toBe('Not signed on');
    // Told why: deactivated, not an expired session.
    await teller.waitForURL('**/staff/login?deactivated=1', { timeout: 10_000 });
    expect(await textOf(teller, 'login-error')).toBe('您的账号已被停用，已退出登录。如有疑问，请联系网点经理或系统管理员。');
    // And cannot come back.
    await teller.fill('input[name=username]', 'fei.wang');
    await teller.fill('input[name=password]', '我的新密码真的很长很长');
    await teller.click('button[type=submit]');
    await expect.poll(() => textOf(teller, 'login-error')).toBe('用户名或密码错误。');
  });

  it('the screen reads in Chinese too', async () => {
    await manager.getByRole('button', { name: '中文' }).click();
    expect(await textOf(manager, 'team-title')).toBe('团队与技能');
    expect(await cell(manager, 'fei.wang', 'member-status').textContent()).toBe('已停用');
    expect(await cell(manager, 'alice', 'member-role').textContent()).toBe('柜员');
    expect(await cell(manager, 'fei.wang', 'member-reactivate').getAttribute('aria-label')).toBe('启用“Fei Wang 王飞”');
    await screenshot(manager, 'team-zh');
  });

  it('two members of one name: the dialog warns (and still adds), the roster picker and skills grid show their usernames', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/team`);
    await byTest(page, 'roster-form').waitFor();
    await byTest(page, 'member-add').click();
    await page.getByLabel('Username').fill('alice.w');
    await page.getByLabel('Display name').fill(' alice ');
    expect(await textOf(page, 'member-same-name')).toBe('Another member already has this name (username alice). You can still save: the roster and the skills grid then show usernames beside the name. Make sure this is not the same person added twice.');
    await page.getByLabel('Display name').fill('Alice Wu');
    expect(await textOf(page, 'member-same-name')).toBe('');
    await page.getByLabel('Display name').fill('Alice');
    await page.getByLabel('A · Personal cash').selectOption({ label: '80%' });
    await byTest(page, 'member-submit').click();
    await byTest(page, 'issued').waitFor();
    const options = await byTest(page, 'roster-colleague').locator('option').allTextContents();
    expect(options).toContain('Alice (alice)');
    expect(options).toContain('Alice (alice.w)');
    const heads = await byTest(page, 'skills-person').allTextContents();
    expect(heads).toContain('Alice (alice)');
    expect(heads).toContain('Alice (alice.w)');
    await context.close();
  });

  it('a display name of the most characters (60) never makes the team screen scroll sideways on a phone, nor stretches the skills grid', async () => {
    const api = new HttpClient(sys.url);
    await api.login('manager');
    const long = '欧阳'.repeat(30);
    const made = await api.req('POST', `/api/v1/branches/${sys.branchId}/team`, { username: 'long.name', displayName: long, role: 'staff', skills: { [sys.service('A')]: 1 } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']] as const) {
      const { context, page } = await device(browser, { locale, width: 390, height: 844 });
      await signInStaff(page, sys.url, 'manager');
      await page.goto(`${sys.url}/staff/team`);
      await byTest(page, 'roster-form').waitFor();
      await byTest(page, 'roster-colleague').selectOption({ label: long });
      expect(await byTest(page, 'roster-colleague').getAttribute('title')).toBe(long);
      await byTest(page, 'roster-mode-own').check();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(over, lang).toBeLessThanOrEqual(0);
      await context.close();
    }
    // At a laptop's width the long name wraps in its column (whole in its title) rather than widening it.
    const { context, page } = await device(browser, { locale: 'en-US', width: 1366, height: 768 });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/team`);
    const head = page.locator('[data-testid="skills-person"]', { hasText: long });
    await head.waitFor();
    expect(await head.getAttribute('title')).toBe(long);
    const widths = await byTest(page, 'skills-person').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
    expect(Math.max(...widths) - Math.min(...widths), JSON.stringify(widths)).toBeLessThan(40);
    await context.close();
  });
});
