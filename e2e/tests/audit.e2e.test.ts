/**
 * The audit log screen (/staff/audit) in a real browser against the real system. In Chinese:
 * Alice marks a called customer a no-show on her panel; the manager opens the log from the
 * staff panel, finds that no-show with Alice's name and the ticket number, narrows to it by action
 * and then to every step of that ticket, from the keyboard. In English: an admin's export of every
 * branch's KPIs is an entry of no branch, which the admin filters to; the list pages with "Load
 * more"; the CSV downloads and is itself recorded; a teller is kept out. The person filter is a
 * search field: typed part of a name, suggestions from the server, arrow keys, Enter and Escape
 * (in Chinese), or the pointer and the clear button (in English). Renderings are saved to
 * /tmp/audit-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, eventuallyText, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let ticketId: string;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
  expect(r.status).toBe(201);
  ticketId = r.body.data.ticketId;
});

afterAll(() => stopWithBrowser(sys, browser));

const rows = (page: Page) => byTest(page, 'audit-row');
const cell = async (page: Page, row: number, col: string) => ((await rows(page).nth(row).locator(`[data-col="${col}"]`).textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** The "who" field's suggestions. */
const suggestions = (page: Page) => page.getByRole('listbox', { name: /人员|Person/ }).getByRole('option');
/** The focused element's test id, or its tag. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

/** At 360 px (a small phone) the page does not scroll sideways and the action filter fits the screen. */
async function fitsSmallPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const select = (await byTest(page, 'filter-action').boundingBox())!;
  expect(select.x + select.width).toBeLessThanOrEqual(360);
}

describe('audit log screen', () => {
  it('in Chinese: the manager finds the no-show Alice just recorded, and every step of that ticket', async () => {
    const { page: alice } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(alice, sys.url, 'alice');
    await byTest(alice, 'sign-on-1').click();
    await alice.getByRole('button', { name: /叫下一位/ }).click();
    await eventuallyText(alice, 'current-number').toBe('A001');
    await alice.getByRole('button', { name: /过号/ }).click();
    await alice.getByRole('alertdialog', { name: '标记过号' }).waitFor();
    // Cancel has the focus (the safe choice): the irreversible button is chosen deliberately.
    await byTest(alice, 'no-show-confirm').click();
    await eventuallyText(alice, 'notice').toBe('A001 已标记为过号。');

    const { page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    const link = byTest(page, 'audit-link');
    expect(await link.textContent()).toBe('审计日志');
    await link.click();
    await page.waitForURL('**/staff/audit');
    await byTest(page, 'audit-table').waitFor();
    expect(await textOf(page, 'audit-title')).toBe('审计日志');
    expect(await page.title()).toBe('审计日志 · 智能排队');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('table', { name: '审计日志，最新的在前' }).count()).toBe(1);

    // The no-show, by Alice, about A001: in words, not codes.
    const noShow = page.locator('[data-testid="audit-row"][data-action="no-show"]');
    await noShow.waitFor();
    expect(((await noShow.locator('[data-col="who"]').textContent()) ?? '').trim()).toBe('Alicealice');
    expect(await noShow.locator('[data-col="role"]').textContent()).toBe('柜员');
    expect(await noShow.locator('[data-col="action"]').textContent()).toBe('过号');
    expect(((await noShow.locator('[data-col="ticket"]').textContent()) ?? '').trim()).toBe('A001：只看此票号');
    expect(await noShow.locator('th time').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // From the keyboard: the labelled action filter, then Enter on the form.
    await page.getByLabel('操作', { exact: true }).focus();
    await page.getByLabel('操作', { exact: true }).selectOption({ label: '过号' });
    await page.getByLabel('结束日期').press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(page.url()).toContain('action=no-show');
    await eventuallyText(page, 'audit-status').toBe('显示 1 条记录');
    expect(await textOf(page, 'audit-end')).toBe('已显示全部记录。');

    // Every step of that ticket: issued at the kiosk, called, marked a no-show.
    await page.getByRole('button', { name: 'A001：只看此票号' }).press('Enter');
    await byTest(page, 'ticket-filter').waitFor();
    // The action filter is kept: still the no-show alone; dropping it shows the whole visit.
    await page.getByLabel('操作', { exact: true }).selectOption({ label: '全部操作' });
    await byTest(page, 'filter-submit').click();
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).toEqual(['no-show', 'call-next', 'issue']);
    expect(await cell(page, 2, 'who')).toBe('大堂取号机 Lobby kiosk');
    expect(await cell(page, 2, 'role')).toBe('设备');
    expect(await textOf(page, 'ticket-filter')).toBe('只看票号 A001');
    expect(page.url()).toContain(`ticket=${ticketId}`);
    await page.screenshot({ path: '/tmp/audit-zh.png', fullPage: true });

    // The ticket number filter is a full-size field like the others, and on a tablet the short
    // columns keep a readable width (they wrapped one character per line) while the table scrolls.
    expect((await byTest(page, 'filter-number').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const col of ['role', 'action']) {
      expect((await rows(page).first().locator(`[data-col="${col}"]`).boundingBox())!.width, col).toBeGreaterThanOrEqual(6.5 * 16);
    }

    // A reload shows the same entries; the ticket filter comes off with its own button.
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(3);
    await page.getByRole('button', { name: '取消只看票号 A001' }).click();
    await expect.poll(() => byTest(page, 'ticket-filter').count()).toBe(0);
    expect(await rows(page).count()).toBeGreaterThan(3);
    await fitsSmallPhone(page);
  });

  it('in English: an admin filters to the KPI export of every branch, pages on, and downloads the log', async () => {
    // Enough entries for more than one page.
    for (let i = 0; i < 55; i++) await sys.system.parts.db.audit.append({ userId: null, role: 'customer', action: 'book-appointment', branchId: sys.branchId, ticketId: null, ip: null, userAgent: null, details: { code: `K${1000 + i}` } });
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'admin');
    // An admin's export of every branch's KPIs belongs to no branch.
    expect(await page.evaluate(async () => (await fetch('/api/v1/kpis.csv')).status)).toBe(200);
    await byTest(page, 'audit-link').click();
    await page.waitForURL('**/staff/audit');
    await byTest(page, 'audit-table').waitFor();
    expect(await page.getByLabel('Branch').inputValue()).toBe('all');

    // 50 newest first; "Load more" adds the rest and moves focus to the first one added.
    await expect.poll(() => rows(page).count()).toBe(50);
    expect(await textOf(page, 'audit-status')).toBe('Showing 50 entries; there are older ones');
    await byTest(page, 'load-more').press('Enter');
    await expect.poll(() => rows(page).count()).toBeGreaterThan(50);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(await rows(page).nth(50).getAttribute('data-id'));
    expect(await byTest(page, 'load-more').count()).toBe(0);

    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Exported KPI reports' });
    await byTest(page, 'filter-submit').click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await cell(page, 0, 'who')).toBe('Adminadmin');
    expect(await cell(page, 0, 'role')).toBe('Administrator');
    expect(await cell(page, 0, 'branch')).toBe('No branch');
    expect(await cell(page, 0, 'details')).toMatch(/^Every branch; \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} All details/);
    await page.getByLabel('Branch').selectOption({ label: 'No branch (admin sign-ins, exports of every branch)' });
    await expect.poll(() => page.url()).toContain('branch=none');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByLabel('Branch').selectOption({ label: 'Main Branch' });
    await byTest(page, 'audit-empty').waitFor();
    expect(await textOf(page, 'audit-empty')).toBe('No entries match.');
    await page.screenshot({ path: '/tmp/audit-en.png', fullPage: true });

    // A reversed period is refused in words, on the field.
    await page.getByLabel('From').fill('2026-03-05');
    await page.getByLabel('To').fill('2026-03-02');
    await byTest(page, 'filter-submit').click();
    await byTest(page, 'range-error').waitFor();
    expect(await textOf(page, 'range-error')).toBe('The start date must not be after the end date.');
    expect(await page.getByLabel('From').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('filter-from');

    // The download: every entry of the branch, in English, and itself recorded.
    await byTest(page, 'filter-clear').click();
    await expect.poll(() => rows(page).count()).toBe(50);
    const href = (await byTest(page, 'audit-csv').getAttribute('href'))!;
    expect(href).toBe(`/api/v1/branches/${sys.branchId}/audit?format=csv&lang=en`);
    const csv = await page.evaluate(async (h) => {
      const res = await fetch(h);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { type: res.headers.get('content-type'), head: [...bytes.slice(0, 3)], lines: new TextDecoder().decode(bytes).split('\r\n') };
    }, href);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.head).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.lines[0]).toMatch(/^Local time,Time zone,UTC time,Branch,Name,Username,Role,Action,/);
    expect(csv.lines.some((l) => l.includes(',Alice,alice,Teller,Marked a no-show,no-show,A001,'))).toBe(true);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Exported the audit log' });
    await byTest(page, 'filter-submit').click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await cell(page, 0, 'details')).toMatch(/^This branch/);
    await fitsSmallPhone(page);
  });

  it('in Chinese: a roster change in "All details" names the colleague, the weekdays and the hours in words', async () => {
    const { page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    const people = await page.evaluate(async (b) => (await (await fetch(`/api/v1/branches/${b}/audit/people?q=alice`)).json()) as { data: { id: string }[] }, sys.branchId);
    const aliceId = people.data[0]!.id;
    // As the store hands it back: `to` before `from`, weekdays alphabetical.
    const rosters = [{ to: { fri: [{ open: '13:00', close: '17:00' }], mon: [{ open: '09:00', close: '12:00' }] }, from: null, staffId: aliceId }];
    await sys.system.parts.db.audit.append({ userId: null, role: 'manager', action: 'booking-settings', branchId: sys.branchId, ticketId: null, ip: null, userAgent: null, details: { parts: ['rosters'], rosters } });
    await page.goto(`${sys.url}/staff/audit?action=booking-settings`);
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().locator('summary').click();
    const line = async (i: number) => ((await rows(page).first().locator('dl > div').nth(i).textContent()) ?? '').trim();
    await expect.poll(() => line(1)).toBe('排班 › Alice › 原值按营业时间');
    expect([await line(2), await line(3)]).toEqual(['排班 › Alice › 新值 › 周一09:00–12:00', '排班 › Alice › 新值 › 周五13:00–17:00']);
  });

  it('in Chinese: the manager finds a person by typing part of the name, from the keyboard', async () => {
    const { page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/audit`);
    await byTest(page, 'audit-table').waitFor();
    const who = page.getByRole('combobox', { name: '人员' });
    expect(await who.getAttribute('placeholder')).toBe('输入姓名或用户名');
    expect(await who.getAttribute('aria-expanded')).toBe('false');
    // Nobody matches: said, not an empty box.
    await who.fill('zzz');
    await eventuallyText(page, 'filter-who-status').toBe('没有匹配的人员。');
    // Admins act in every branch: a manager finds them too, by a case-insensitive part of the name,
    // with their role where a colleague's username is (a manager is not told an admin's sign-in name).
    await who.fill('ADM');
    await expect.poll(() => suggestions(page).allTextContents()).toEqual(['Admin（管理员）']);
    await who.fill('ali');
    await expect.poll(() => suggestions(page).allTextContents()).toEqual(['Alice（alice）']);
    expect(await who.getAttribute('aria-expanded')).toBe('true');
    expect(await textOf(page, 'filter-who-status')).toBe('找到 1 位人员。');
    await who.press('ArrowDown');
    const option = suggestions(page).filter({ hasText: 'Alice（alice）' });
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await who.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await who.press('Enter');
    expect(await who.inputValue()).toBe('Alice（alice）');
    expect(await who.getAttribute('aria-expanded')).toBe('false');
    // The list is closed: Enter now sends the form.
    await who.press('Enter');
    await expect.poll(() => page.url()).toContain('user=');
    await expect.poll(async () => new Set(await rows(page).locator('[data-col="who"]').allTextContents())).toEqual(new Set(['Alicealice']));
    await page.screenshot({ path: '/tmp/audit-who-zh.png', fullPage: true });
    // A reload names her again in the field.
    await page.reload();
    await byTest(page, 'audit-table').waitFor();
    await expect.poll(() => who.inputValue()).toBe('Alice（alice）');

    // Escape closes the list first, then clears the field; typed but not picked is not sent as "everyone".
    await who.fill('bo');
    await expect.poll(() => suggestions(page).count()).toBe(1);
    await who.press('Escape');
    expect(await who.getAttribute('aria-expanded')).toBe('false');
    expect(await who.inputValue()).toBe('bo');
    await byTest(page, 'filter-submit').click();
    expect(await textOf(page, 'who-error')).toBe('请从列表中选择一位人员，或清除此项。');
    expect(await who.getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('filter-who');
    await who.press('Escape');
    expect(await who.inputValue()).toBe('');
    await byTest(page, 'filter-submit').click();
    await expect.poll(() => page.url()).not.toContain('user=');
  });

  it('in English: an admin picks a person with the pointer, and clears the field', async () => {
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'admin');
    await page.goto(`${sys.url}/staff/audit`);
    await byTest(page, 'audit-table').waitFor();
    const who = page.getByRole('combobox', { name: 'Person' });
    expect(await textOf(page, 'filter-who-hint')).toBe('Empty for everyone. Type, then choose with the arrow keys and Enter; Escape closes the list.');
    await who.fill('man');
    await expect.poll(() => suggestions(page).allTextContents()).toEqual(['Mei Manager (manager)']);
    expect(await textOf(page, 'filter-who-status')).toBe('1 person found.');
    await suggestions(page).filter({ hasText: 'Mei Manager (manager)' }).click();
    expect(await who.inputValue()).toBe('Mei Manager (manager)');
    await byTest(page, 'filter-submit').click();
    await expect.poll(async () => new Set(await rows(page).locator('[data-col="who"]').allTextContents())).toEqual(new Set(['Mei Managermanager']));
    // The clear button empties the field and gives it the focus back.
    await page.getByRole('button', { name: 'Clear the person' }).click();
    expect(await who.inputValue()).toBe('');
    expect(await focused(page)).toBe('filter-who');
  });

  it("in Chinese: a refused attempt says what was refused, and a lobby screen's refusal names the screen", async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.req('GET', `/api/v1/branches/${sys.branchId}/kpis`)).status).toBe(403);
    const screen = new HttpClient(sys.url, { authorization: `Bearer ${sys.signageToken}` });
    expect((await screen.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') })).status).toBe(403);
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const screenId = ((await screen.req('GET', '/api/v1/devices/me')).body.data as { id: string }).id;
    const screenName = ((await manager.req('GET', `/api/v1/branches/${sys.branchId}/devices`)).body.data as { id: string; name: string }[]).find((d) => d.id === screenId)!.name;

    const { page } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/audit?action=access-denied`);
    const kpis = rows(page).filter({ hasText: '被拒绝访问：经营报表' });
    await expect.poll(() => kpis.count()).toBe(1);
    expect(((await kpis.locator('[data-col="who"]').textContent()) ?? '').trim()).toBe('Alicealice');
    expect(await kpis.locator('[data-col="role"]').textContent()).toBe('柜员');
    const tickets = rows(page).filter({ hasText: '被拒绝访问：取号' });
    expect(await tickets.count()).toBe(1);
    expect(((await tickets.locator('[data-col="who"]').textContent()) ?? '').trim()).toBe(screenName);
    expect(await tickets.locator('[data-col="role"]').textContent()).toBe('设备');
    // A refusal's code is not a check-in code.
    expect(await rows(page).filter({ hasText: '签到码' }).count()).toBe(0);
  });

  it('keeps a teller out', async () => {
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'bob');
    expect(await byTest(page, 'audit-link').count()).toBe(0);
    await page.goto(`${sys.url}/staff/audit`);
    await byTest(page, 'only-managers').waitFor();
    expect(await textOf(page, 'only-managers')).toBe('Only branch managers and administrators can read the audit log.');
  });
});
