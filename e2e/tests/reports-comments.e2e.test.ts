/**
 * Survey comments on the KPI reports screen in Chromium, on the real system with a clock the test
 * sets (the demo branch on Monday 2 March 2026): 55 customers leave a comment, one of them a
 * spreadsheet formula. The screen lists the latest 50 and says so; "Show more" lists all 55 and
 * moves the focus to the first one added (en, then zh); the CSV holds every comment, the formula
 * defused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

const MON = '2026-03-02';
const local = (hm: string) => Date.parse(`${MON}T${hm}:00+08:00`);
const clock = { t: local('09:00'), now: () => clock.t };
const COMMENTS = 55;
const FORMULA = '=HYPERLINK("http://x","win")';
/** The second comment: a customer's number and address, which managers are not shown. */
const CONTACT = 'comment 2, call me on 138 0013 8000 or kim.lee@mail.example';
const CONTACT_MASKED = 'comment 2, call me on 138****8000 or k••@mail.example';

let sys: TestSystem;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // 55 tickets from one kiosk in a test's minute: above the default limit per kiosk.
  ({ sys, browser } = await startWithBrowser({ KIOSK_ISSUES_PER_MIN: '100' }, { clock }));
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const tickets: string[] = [];
  for (let i = 0; i < COMMENTS; i++) {
    const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    tickets.push(r.body.data.ticketId as string);
  }
  // The comments join the stored tickets: wait until the projection has them all.
  const manager = new HttpClient(sys.url);
  await manager.login('manager');
  for (let i = 0; i < 100; i++) {
    const r = await manager.req('GET', `/api/v1/branches/${sys.branchId}/kpis`);
    if (r.body?.data?.totals?.issued === COMMENTS) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  // One a minute from 09:01; the oldest is the formula.
  for (const [i, ticketId] of tickets.entries()) {
    await sys.system.parts.db.surveys.insertOnce({
      ticketId,
      branchId: sys.branchId,
      serviceId: sys.service('A'),
      staffId: null,
      rating: 4,
      comment: i === 0 ? FORMULA : i === 1 ? CONTACT : `comment ${i + 1}`,
      language: 'en',
      createdAt: local('09:01') + i * 60_000,
    });
  }
  clock.t = local('10:30');
});

afterAll(() => stopWithBrowser(sys, browser));

const items = () => byTest(page, 'comments').locator('li');

describe('survey comments on the reports screen', () => {
  it('lists the latest 50, says how many there are, and shows the rest on "Show more" (en)', async () => {
    ({ page } = await device(browser, { locale: 'en-US', width: 1366, height: 768 }));
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/reports`);
    await byTest(page, 'comments').waitFor();
    expect(await items().count()).toBe(50);
    expect(await items().first().locator('.comment').textContent()).toBe(`comment ${COMMENTS}`);
    expect(await textOf(page, 'comments-count')).toBe(`Showing the latest 50 of ${COMMENTS}.`);
    const more = byTest(page, 'comments-more');
    expect(await more.textContent()).toContain(`Show more: all ${COMMENTS}`);
    await more.click();
    await expect.poll(() => items().count()).toBe(COMMENTS);
    expect(await textOf(page, 'comments-count')).toBe(`Showing all ${COMMENTS} comments.`);
    expect(await byTest(page, 'comments-more').count()).toBe(0);
    // The focus is on the first comment added, not lost with the button.
    expect(await page.evaluate(() => document.activeElement?.querySelector('.comment')?.textContent)).toBe('comment 5');
    // The customer's text is shown as text.
    expect(await items().last().locator('.comment').textContent()).toBe(FORMULA);
    // The customer's number and e-mail address are masked, the rest of the comment as written.
    expect(await items().nth(COMMENTS - 2).locator('.comment').textContent()).toBe(CONTACT_MASKED);
  });

  it('says the same in Chinese', async () => {
    await page.reload();
    await byTest(page, 'comments').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => textOf(page, 'comments-count')).toBe(`显示最新 50 条，共 ${COMMENTS} 条。`);
    expect(await byTest(page, 'comments-more').textContent()).toContain(`更多：显示全部 ${COMMENTS} 条`);
    await byTest(page, 'comments-more').click();
    await expect.poll(() => textOf(page, 'comments-count')).toBe(`显示全部 ${COMMENTS} 条留言。`);
  });

  it('puts every comment in the CSV, the formula defused', async () => {
    const href = (await byTest(page, 'csv-branch').getAttribute('href'))!;
    const text = await page.evaluate(async (h) => (await fetch(h)).text(), href);
    const lines = text.split('\r\n');
    expect(lines).toContain('范围,日期,业务,评分,留言');
    const rows = lines.filter((l) => l.startsWith(`评价留言,${MON},`));
    expect(rows).toHaveLength(COMMENTS);
    expect(rows.at(-1)).toMatch(/,4,"'=HYPERLINK\(""http:\/\/x"",""win""\)"$/);
    // (Quoted: it holds a comma.)
    expect(rows.at(-2)!.endsWith(`,4,"${CONTACT_MASKED}"`)).toBe(true);
    expect(text).not.toContain('0013');
    expect(text).not.toContain('kim.lee');
  });
});
