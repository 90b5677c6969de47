/**
 * The reports' week hour by hour in a real browser against the real system, with a clock the test
 * moves through one week (the demo branch, Asia/Shanghai, 2-8 March 2026): Alice serves customers
 * through the staff commands; the manager reads the Monday 09:00 cell in Chinese and in English,
 * in words a screen reader gets too, and the table fits a 1366-pixel screen in both languages.
 * The Chinese rendering is saved to /tmp/reports-hours-zh.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
const local = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);
const clock = { t: local(WEEK[0]!, '08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let manager: Page;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock }));
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
  const command = async (day: string, hm: string, type: string, extra: Record<string, unknown> = {}) => {
    clock.t = local(day, hm);
    const r = await alice.req('POST', path('/commands'), { type, ...extra });
    expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
    return r;
  };
  const issue = async (day: string, hm: string) => {
    clock.t = local(day, hm);
    const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.ticketId as string;
  };
  /** Called at `call`, served until `done`. */
  const serve = async (day: string, ticketId: string, call: string, done: string) => {
    expect((await command(day, call, 'call-next')).body.data.called).toMatchObject({ ticketId });
    await command(day, call, 'start', { ticketId });
    await command(day, done, 'complete', { ticketId });
  };
  // Monday: 09:00 and 09:02 wait 4 and 18 minutes (A's target: 10); 14:10 waits 2.
  const mon = WEEK[0]!;
  await command(mon, '08:55', 'sign-on', { counterId: sys.counter('1') });
  const t1 = await issue(mon, '09:00');
  const t2 = await issue(mon, '09:02');
  await serve(mon, t1, '09:04', '09:14');
  await serve(mon, t2, '09:20', '09:26');
  await serve(mon, await issue(mon, '14:10'), '14:12', '14:15');
  await command(mon, '15:00', 'sign-off');
  // Every other day of the week: one customer at 10:00 waits 3 minutes.
  for (const day of WEEK.slice(1)) {
    await command(day, '09:55', 'sign-on', { counterId: sys.counter('1') });
    await serve(day, await issue(day, '10:00'), '10:03', '10:05');
    await command(day, '10:30', 'sign-off');
  }
  clock.t = local(WEEK[6]!, '12:00');
  // The tickets projection follows the event log: wait until all are stored.
  const mgr = new HttpClient(sys.url);
  await mgr.login('manager');
  for (let i = 0; i < 100; i++) {
    const r = await mgr.req('GET', path('/kpis'));
    if (r.body?.data?.totals?.served === 9) break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(() => stopWithBrowser(sys, browser));

const cell = (page: Page, weekday: number, hour: number) => page.locator(`[data-testid="hour-cell"][data-weekday="${weekday}"][data-hour="${hour}"]`);
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
/** Whether the hours table shows whole, with no sideways scrolling, on the page and in its box. */
const fits = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('[data-testid="hours-table-region"]')!;
    return { box: box.scrollWidth <= box.clientWidth, page: document.documentElement.scrollWidth <= window.innerWidth };
  });

describe('KPI reports by hour of the week', () => {
  it('shows the manager when waits peak, in Chinese, with the figures in words for screen readers', async () => {
    ({ page: manager } = await device(browser, { locale: 'zh-CN', width: 1366, height: 900 }));
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/reports`);
    await byTest(manager, 'hours-table').waitFor();
    expect(await text(manager, '#hours-heading')).toBe('每周各时段等候');
    const table = manager.getByRole('table', { name: '各星期几、各时段的等候（网点当地时间）' });
    expect(await table.count()).toBe(1);
    expect(await table.locator('thead th').allTextContents()).toEqual(['时段', '周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    // Hours 09:00 to 14:00 on the branch clock, quiet ones between included.
    expect(await table.locator('tbody th').allTextContents()).toEqual(['09:00–10:00', '10:00–11:00', '11:00–12:00', '12:00–13:00', '13:00–14:00', '14:00–15:00']);
    // Monday 09:00: waits 4 and 18 -> mean 11, 90% within 18, one of two within target, 2 tickets
    // on the one Monday; Alice signed on from 08:55 all through the hour.
    const peak = cell(manager, 1, 9);
    expect(await peak.locator('[data-col="mean-wait"]').textContent()).toBe('11');
    expect(await peak.locator('.sub').allTextContents()).toEqual(['90% ≤18 · 日均 2 张', '在岗 1 人', '目标内 50%']);
    expect(await peak.locator('[data-col="said"]').textContent()).toBe('平均等候 11 分钟，90% 客户不超过 18 分钟，日均取号 2 张，平均在岗 1 人，目标时间内叫号 50%');
    // Tuesday 10:00: Alice on duty 09:55-10:30, so half of the hour.
    expect(await cell(manager, 2, 10).locator('[data-col="staff"]').textContent()).toBe('在岗 0.5 人');
    // The longest mean wait is the darkest; Monday 14:00 (2 min) the lightest; Tuesday 10:00 (3 min) just above.
    expect(await peak.getAttribute('data-level')).toBe('4');
    expect(await cell(manager, 1, 14).getAttribute('data-level')).toBe('0');
    expect(await cell(manager, 2, 10).getAttribute('data-level')).toBe('1');
    expect(await cell(manager, 1, 10).count()).toBe(0);
    expect(await fits(manager)).toEqual({ box: true, page: true });
    await byTest(manager, 'hours').screenshot({ path: '/tmp/reports-hours-zh.png' });
  });

  it('reads the same in English and still fits', async () => {
    await manager.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => text(manager, '#hours-heading')).toBe('Waits by hour of the week');
    const table = manager.getByRole('table', { name: 'Waits per weekday and hour (branch local time)' });
    expect(await table.locator('thead th').allTextContents()).toEqual(['Hour', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    const peak = cell(manager, 1, 9);
    expect(await peak.locator('.sub').allTextContents()).toEqual(['90% ≤18 · 2/day', '1 on duty', '50% in target']);
    expect(await peak.locator('[data-col="said"]').textContent()).toBe('mean wait 11 min, 90% within 18 min, 2 tickets a day, 1 staff on duty, 50% called within target');
    expect(await fits(manager)).toEqual({ box: true, page: true });
    await byTest(manager, 'hours').screenshot({ path: '/tmp/reports-hours-en.png' });
  });
});
