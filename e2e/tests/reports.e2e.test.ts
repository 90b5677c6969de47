/**
 * The KPI reports screen (/staff/reports) in a real browser against the real system, with a clock
 * the test moves (the demo branch, Asia/Shanghai, on Monday 2 March 2026): Alice serves two
 * walk-ins and marks a third a no-show through the staff commands; the manager opens the screen
 * from the staff panel and reads the right counts in Chinese, then in English; picks a period
 * (refused in words when reversed); downloads the CSV; a teller is kept out; an admin also sees
 * every branch. The Chinese rendering is saved to /tmp/reports-zh.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

const MON = '2026-03-02';
const local = (hm: string) => Date.parse(`${MON}T${hm}:00+08:00`);
const clock = { t: local('08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let manager: Page;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock }));
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
  const command = async (type: string, extra: Record<string, unknown> = {}) => {
    const r = await alice.req('POST', path('/commands'), { type, ...extra });
    expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
    return r;
  };
  const issue = async (hm: string) => {
    clock.t = local(hm);
    const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.ticketId as string;
  };
  clock.t = local('09:00');
  await command('sign-on', { counterId: sys.counter('1') });
  const t1 = await issue('09:00');
  const t2 = await issue('09:02');
  // Waits 4 and 18 minutes, services 10 and 6 (A's target: 10 minutes).
  for (const [ticketId, call, done] of [[t1, '09:04', '09:14'], [t2, '09:20', '09:26']] as const) {
    clock.t = local(call);
    expect((await command('call-next')).body.data.called).toMatchObject({ ticketId });
    await command('start', { ticketId });
    clock.t = local(done);
    await command('complete', { ticketId });
  }
  // Called after 5 minutes, did not come.
  const t3 = await issue('09:30');
  clock.t = local('09:35');
  expect((await command('call-next')).body.data.called).toMatchObject({ ticketId: t3 });
  clock.t = local('09:40');
  await command('no-show', { ticketId: t3 });
  clock.t = local('10:00');
  // The tickets projection follows the event log: wait until all three are stored.
  const mgr = new HttpClient(sys.url);
  await mgr.login('manager');
  for (let i = 0; i < 100; i++) {
    const r = await mgr.req('GET', path('/kpis'));
    if (r.body?.data?.totals?.noShows?.called === 1 && r.body.data.totals.served === 2) break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(() => stopWithBrowser(sys, browser));

const card = (page: Page, kpi: string) => page.locator(`[data-kpi="${kpi}"] .big`);
const cardText = async (page: Page, kpi: string) => ((await card(page, kpi).textContent()) ?? '').trim();
const cellOf = async (page: Page, row: string, col: string) => ((await page.locator(`${row} [data-col="${col}"]`).first().textContent()) ?? '').trim();

describe('KPI reports screen', () => {
  it('the manager opens it from the staff panel and reads the counts in Chinese', async () => {
    ({ page: manager } = await device(browser, { locale: 'zh-CN' }));
    await signInStaff(manager, sys.url, 'manager');
    const link = byTest(manager, 'reports-link');
    expect(await link.textContent()).toBe('经营报表');
    await link.click();
    await manager.waitForURL('**/staff/reports');
    await byTest(manager, 'kpi-cards').waitFor();
    expect(await textOf(manager, 'reports-title')).toBe('经营报表');
    expect(await manager.title()).toBe('经营报表 · 智能排队');
    expect(await manager.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await textOf(manager, 'reports-showing')).toBe('总行营业部：2026-02-03 至 2026-03-02');
    expect(await cardText(manager, 'issued')).toBe('3');
    expect(await cardText(manager, 'served')).toBe('2');
    // No-shows as rates, in words that do not read as "not arrived yet": 1 of the 3 called did
    // not come; no booking was due.
    expect(await cardText(manager, 'no-shows-called')).toBe('33%');
    expect(await manager.locator('[data-kpi="no-shows-called"] dt').textContent()).toBe('过号率');
    expect(await manager.locator('[data-kpi="no-shows-called"] .detail').textContent()).toBe('叫号客户 3 人中过号 1 人');
    expect(await cardText(manager, 'no-shows-booked')).toBe('—');
    expect(await manager.locator('[data-kpi="no-shows-booked"] dt').textContent()).toBe('预约未到率');
    expect(await cellOf(manager, '[data-testid="service-row"][data-code="A"]', 'no-shows-called')).toBe('33%');
    expect(await byTest(manager, 'services-table').locator('thead').textContent()).toContain('过号率');
    // The period in the branch's own zone, and how a booked customer's wait is counted.
    expect(await textOf(manager, 'range-hint')).toBe('按网点营业日（北京时间）统计，含首尾两天，最长 92 天。');
    expect(await textOf(manager, 'kpi-measures')).toContain('守约的预约客户（按预约排队，未改为现场取号）从预约时间和签到时间中较晚者起算');
    // Waits 4, 18 and 5: mean 9, p90 (nearest rank) 18; two of three within 10 minutes.
    expect(await cardText(manager, 'mean-wait')).toBe('9 分钟');
    expect(await cardText(manager, 'p90-wait')).toBe('18 分钟');
    expect(await cardText(manager, 'within-target')).toBe('67%');
    expect(await cardText(manager, 'service-time')).toBe('8 分钟');
    // Serving 16 of 60 minutes signed on.
    expect(await cardText(manager, 'utilisation')).toBe('27%');
    expect(await cellOf(manager, '[data-testid="service-row"][data-code="A"]', 'issued')).toBe('3');
    expect(await byTest(manager, 'staff-row').locator('th').textContent()).toBe('Alice');
    expect(await cellOf(manager, '[data-testid="staff-row"]', 'served')).toBe('2');
    // The chart is a picture; the same figures are in a table screen readers read.
    expect(await byTest(manager, 'wait-chart').getAttribute('aria-hidden')).toBe('true');
    expect(await byTest(manager, 'wait-chart').locator('circle').count()).toBe(2);
    expect(await cellOf(manager, `[data-testid="day-row"][data-day="${MON}"]`, 'mean-wait')).toBe('9');
    expect(await manager.getByRole('table', { name: '每日等候时间（分钟）' }).count()).toBe(1);
    // Inputs are named by their labels.
    expect(await manager.getByLabel('开始日期').inputValue()).toBe('2026-02-03');
    await manager.screenshot({ path: '/tmp/reports-zh.png', fullPage: true });
  });

  it('reads the same in English, and the CSV downloads in English with a byte order mark', async () => {
    await manager.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => textOf(manager, 'reports-title')).toBe('KPI reports');
    expect(await manager.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await textOf(manager, 'reports-showing')).toBe('Main Branch: 2026-02-03 to 2026-03-02');
    expect(await cardText(manager, 'issued')).toBe('3');
    expect(await cardText(manager, 'mean-wait')).toBe('9 min');
    expect(await cardText(manager, 'p90-wait')).toBe('18 min');
    expect(await manager.locator('[data-kpi="no-shows-called"] .detail').textContent()).toBe('1 of 3 customers called did not come');
    expect(await manager.locator('[data-kpi="no-shows-booked"] .detail').textContent()).toBe('0 of 0 bookings due not kept');
    expect(await textOf(manager, 'range-hint')).toMatch(/^Business days in the branch time zone \((?!Asia\/).+\), both days included, at most 92 days\.$/);
    expect(await textOf(manager, 'kpi-measures')).toContain('from the later of the booked time and check-in');
    const href = (await byTest(manager, 'csv-branch').getAttribute('href'))!;
    expect(href).toBe(`/api/v1/branches/${sys.branchId}/kpis.csv?from=2026-02-03&to=${MON}&lang=en`);
    const csv = await manager.evaluate(async (h) => {
      const res = await fetch(h);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { type: res.headers.get('content-type'), head: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes) };
    }, href);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.head).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.split('\r\n')[1]).toMatch(/^Total,demo,Main Branch,3,2,0,1,0,3,9,18,/);
  });

  it('shows the period chosen, keeps it in the address, and refuses a reversed one in words', async () => {
    await manager.getByLabel('From').fill(MON);
    await byTest(manager, 'range-submit').click();
    await expect.poll(() => textOf(manager, 'reports-showing')).toBe(`Main Branch: ${MON} to ${MON}`);
    expect(manager.url()).toContain(`from=${MON}&to=${MON}`);
    expect(await cardText(manager, 'served')).toBe('2');

    await manager.getByLabel('From').fill('2026-03-05');
    await byTest(manager, 'range-submit').click();
    await byTest(manager, 'range-error').waitFor();
    expect(await textOf(manager, 'range-error')).toBe('The start date must not be after the end date.');
    expect(await manager.getByLabel('From').getAttribute('aria-invalid')).toBe('true');
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('range-from');
    // The report shown is still the last one asked for.
    expect(await textOf(manager, 'reports-showing')).toBe(`Main Branch: ${MON} to ${MON}`);

    // A reload shows the same period.
    await manager.reload();
    await byTest(manager, 'kpi-cards').waitFor();
    expect(await textOf(manager, 'reports-showing')).toBe(`Main Branch: ${MON} to ${MON}`);
  });

  it('keeps a teller out, and shows an admin every branch as well', async () => {
    const { page: teller } = await device(browser, { locale: 'en-US' });
    await signInStaff(teller, sys.url, 'bob');
    expect(await byTest(teller, 'reports-link').count()).toBe(0);
    await teller.goto(`${sys.url}/staff/reports`);
    await byTest(teller, 'only-managers').waitFor();
    expect(await textOf(teller, 'only-managers')).toBe('Only branch managers and administrators can see the KPI reports.');

    const { page: admin } = await device(browser, { locale: 'en-US' });
    await signInStaff(admin, sys.url, 'admin');
    await admin.goto(`${sys.url}/staff/reports`);
    await byTest(admin, 'all-table').waitFor();
    expect(await byTest(admin, 'branch-pick').count()).toBe(1);
    expect(await admin.locator('[data-testid="branch-row"][data-code="demo"] th').textContent()).toContain('Pilot');
    expect(await cellOf(admin, '[data-testid="all-total"]', 'issued')).toBe('3');
    expect(await byTest(admin, 'csv-all').getAttribute('href')).toBe(`/api/v1/kpis.csv?from=2026-02-03&to=${MON}&lang=en`);
  });

  it('fits a 1366 px laptop in English: no sideways scroll of the page or of any table (admin: every table shown)', async () => {
    const { page: admin } = await device(browser, { locale: 'en-US', width: 1366, height: 768 });
    await signInStaff(admin, sys.url, 'admin');
    await admin.goto(`${sys.url}/staff/reports?from=2026-02-03&to=${MON}`);
    await byTest(admin, 'all-table').waitFor();
    await byTest(admin, 'days-table-toggle').click();
    const regions = ['services-table-region', 'days-table-region', 'hours-table-region', 'staff-table-region', 'all-table-region'];
    for (const id of regions) await byTest(admin, id).waitFor();
    const overflow = await admin.evaluate((ids) => {
      const over = (el: Element) => el.scrollWidth - el.clientWidth;
      return { page: over(document.documentElement), ...Object.fromEntries(ids.map((id) => [id, over(document.querySelector(`[data-testid="${id}"]`)!)])) };
    }, regions);
    expect(overflow).toEqual({ page: 0, ...Object.fromEntries(regions.map((id) => [id, 0])) });
    // A shortened heading keeps its full name: as its title, and for screen readers.
    const booked = byTest(admin, 'services-table').locator('thead th[data-col="no-shows-booked"]');
    expect(await booked.locator('abbr').getAttribute('title')).toBe('Booked no-show rate');
    expect(await byTest(admin, 'services-table').getByRole('columnheader', { name: 'Booked no-show rate' }).count()).toBe(1);
    await admin.context().close();
  });

  it('says so when a bookmarked period is over 92 days, showing the default period (en, then zh)', async () => {
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/reports?from=2025-06-01&to=${MON}`);
    await byTest(page, 'kpi-cards').waitFor();
    expect(await textOf(page, 'reports-showing')).toBe(`Main Branch: 2026-02-03 to ${MON}`);
    expect(await textOf(page, 'range-fallback')).toBe(`The period chosen is longer than 92 days: showing 2026-02-03 to ${MON} instead.`);
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => textOf(page, 'range-fallback')).toBe(`所选时间超过 92 天，已显示 2026-02-03 至 ${MON}。`);
    // Choosing a period is the answer: the note goes.
    await page.getByLabel('开始日期').fill(MON);
    await byTest(page, 'range-submit').click();
    await expect.poll(() => textOf(page, 'reports-showing')).toBe(`总行营业部：${MON} 至 ${MON}`);
    expect(await byTest(page, 'range-fallback').count()).toBe(0);
    await page.context().close();
  });
});
