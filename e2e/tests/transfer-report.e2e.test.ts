/**
 * A transferred visit in a real browser against the real system, with a clock the test moves (the
 * demo branch, Asia/Shanghai, on Monday 2 March 2026). A customer chooses A (Personal cash) and
 * waits 12 minutes; Alice, at counter 1, serves them 4 minutes, writes her record and transfers
 * them to B (Business banking); they wait 3 more; Bob, at counter 2, serves them 2 minutes,
 * writes his record and completes. The manager reads the service report in Chinese and in
 * English: the number on the customer's ticket and the one the transfer gave it, one step per
 * counter (who, which counter, which service, called, started, how it ended, the teller's own
 * record beside it), the wait as the KPI reports count it and the wait after the transfer apart;
 * it prints without the navigation. The KPI screen gives each teller their own minutes.
 * Renderings: /tmp/transfer-report-zh.png, /tmp/transfer-report-en.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

const MON = '2026-03-02';
const local = (hm: string) => Date.parse(`${MON}T${hm}:00+08:00`);
const clock = { t: local('08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let ticketId: string;
let printed: string;
let now: string;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock }));
  const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
  const teller = async (username: string, counter: string) => {
    const c = new HttpClient(sys.url);
    await c.login(username);
    const command = async (type: string, extra: Record<string, unknown> = {}) => {
      const r = await c.req('POST', path('/commands'), { type, ...extra });
      expect(r.status, `${username} ${type}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const record = async (notes: string, outcome: string) => {
      const r = await c.req('PUT', path(`/tickets/${ticketId}/record`), { notes, outcome });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await command('sign-on', { counterId: sys.counter(counter) });
    return { command, record };
  };
  clock.t = local('09:00');
  const alice = await teller('alice', '1');
  const bob = await teller('bob', '2');
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const issued = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  ticketId = issued.body.data.ticketId;
  printed = issued.body.data.view.number;

  clock.t = local('09:12');
  await alice.command('call-ticket', { ticketId, reason: 'e2e' });
  await alice.command('start', { ticketId });
  await alice.record('客户需开立对公账户，转对公柜台。', 'referred');
  clock.t = local('09:16');
  await alice.command('transfer', { ticketId, toServiceId: sys.service('B') });
  now = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticketId]!.number;
  clock.t = local('09:19');
  await bob.command('call-ticket', { ticketId, reason: 'e2e' });
  await bob.command('start', { ticketId });
  await bob.record('Business account opened.', 'resolved');
  clock.t = local('09:21');
  await bob.command('complete', { ticketId });
  clock.t = local('09:30');
  // The tickets projection follows the event log: wait until the completion is stored.
  const manager = new HttpClient(sys.url);
  await manager.login('manager');
  for (let i = 0; i < 100; i++) {
    if ((await manager.req('GET', path(`/kpis?from=${MON}&to=${MON}`))).body?.data?.totals?.served === 1) break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(() => stopWithBrowser(sys, browser));

const reportUrl = () => `${sys.url}/staff/report/${ticketId}?branch=${sys.branchId}`;
const legText = async (page: Page, step: number, id: string) => ((await byTest(page, 'report-leg').nth(step).locator(`[data-testid="${id}"]`).textContent()) ?? '').trim();

async function openReport(locale: string): Promise<Page> {
  const { page } = await device(browser, { locale });
  await signInStaff(page, sys.url, 'manager');
  await page.goto(reportUrl());
  await byTest(page, 'service-report').waitFor();
  return page;
}

describe('service report of a transferred visit', () => {
  it('in Chinese: the number on the ticket and after the transfer, one step per counter with its own times and record', async () => {
    expect(printed).toMatch(/^A\d{3}$/);
    expect(now).toMatch(/^B\d{3}$/);
    const page = await openReport('zh-CN');
    expect(await textOf(page, 'report-number')).toBe(printed);
    expect(await page.title()).toBe(`服务报告 ${printed} · 智能排队`);
    expect(await textOf(page, 'report-number-now')).toBe(now);
    expect(await textOf(page, 'report-service')).toBe('A · 个人现金业务');
    expect(await textOf(page, 'report-service-final')).toBe('B · 对公业务');
    expect(await textOf(page, 'report-transfers')).toBe('1');
    // The wait to the first call, as the KPI reports count it; the wait after the transfer apart.
    expect(await textOf(page, 'report-wait')).toBe('12 分钟');
    expect(await textOf(page, 'report-transfer-wait')).toBe('3 分钟');
    expect(await textOf(page, 'report-service-min')).toBe('6 分钟');
    expect(await textOf(page, 'report-wait-note')).toContain('经营报表的等候时间同样只计到首次叫号');

    expect(await byTest(page, 'report-leg').count()).toBe(2);
    expect(await legText(page, 0, 'report-leg-heading')).toBe('环节 1：Alice（1 号柜台）');
    expect(await legText(page, 0, 'report-leg-service')).toBe(`A · 个人现金业务，号码 ${printed}`);
    expect(await legText(page, 0, 'report-leg-wait')).toBe('12 分钟');
    expect(await legText(page, 0, 'report-leg-called')).toBe(`${MON} 09:12`);
    expect(await legText(page, 0, 'report-leg-started')).toBe(`${MON} 09:12`);
    expect(await legText(page, 0, 'report-leg-ended')).toBe(`${MON} 09:16，转至 B · 对公业务（${now}）`);
    expect(await legText(page, 0, 'report-leg-service-min')).toBe('4 分钟');
    expect(await legText(page, 0, 'report-record-outcome')).toBe('已转介');
    expect(await legText(page, 0, 'report-record-notes')).toBe('客户需开立对公账户，转对公柜台。');

    expect(await legText(page, 1, 'report-leg-heading')).toBe('环节 2：Bob（2 号柜台）');
    expect(await legText(page, 1, 'report-leg-service')).toBe(`B · 对公业务，号码 ${now}`);
    expect(await legText(page, 1, 'report-leg-wait')).toBe('3 分钟');
    expect(await legText(page, 1, 'report-leg-called')).toBe(`${MON} 09:19`);
    expect(await legText(page, 1, 'report-leg-ended')).toBe(`${MON} 09:21，已办结`);
    expect(await legText(page, 1, 'report-leg-service-min')).toBe('2 分钟');
    expect(await legText(page, 1, 'report-record-outcome')).toBe('已办结');
    expect(await legText(page, 1, 'report-record-notes')).toBe('Business account opened.');
    // The steps are headed for screen readers' heading navigation.
    expect(await page.getByRole('heading', { level: 3, name: '环节 2：Bob（2 号柜台）' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/transfer-report-zh.png', fullPage: true });

    // On paper: every step, without the way back, the print button or the language switch.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: '返回柜员工作台' }).isVisible()).toBe(false);
    expect(await byTest(page, 'report-print').isVisible()).toBe(false);
    expect(await byTest(page, 'report-leg').nth(1).isVisible()).toBe(true);
    await page.context().close();
  });

  it('in English: the same steps and figures', async () => {
    const page = await openReport('en-US');
    expect(await page.title()).toBe(`Service report ${printed} · Tellerline`);
    expect(await textOf(page, 'report-number-now')).toBe(now);
    expect(await textOf(page, 'report-service')).toBe('A · Personal cash');
    expect(await textOf(page, 'report-service-final')).toBe('B · Business banking');
    expect(await textOf(page, 'report-wait')).toBe('12 min');
    expect(await textOf(page, 'report-transfer-wait')).toBe('3 min');
    expect(await textOf(page, 'report-service-min')).toBe('6 min');
    expect(await legText(page, 0, 'report-leg-heading')).toBe('Step 1: Alice (Counter 1)');
    expect(await legText(page, 0, 'report-leg-ended')).toBe(`${MON} 09:16, transferred to B · Business banking (${now})`);
    expect(await legText(page, 0, 'report-record-outcome')).toBe('Referred');
    expect(await legText(page, 1, 'report-leg-heading')).toBe('Step 2: Bob (Counter 2)');
    expect(await legText(page, 1, 'report-leg-service')).toBe(`B · Business banking, number ${now}`);
    expect(await legText(page, 1, 'report-leg-ended')).toBe(`${MON} 09:21, completed`);
    expect(await legText(page, 1, 'report-record-outcome')).toBe('Resolved');
    await page.screenshot({ path: '/tmp/transfer-report-en.png', fullPage: true });
    await page.context().close();
  });

  it("gives each teller their own stretch on the KPI screen, and the wait after the transfer apart", async () => {
    const page = await openReport('en-US');
    await page.goto(`${sys.url}/staff/reports?from=${MON}&to=${MON}`);
    await byTest(page, 'kpi-cards').waitFor();
    const cell = async (row: string, col: string) => ((await page.locator(`${row} [data-col="${col}"]`).first().textContent()) ?? '').trim();
    const staff = (name: string) => `[data-testid="staff-row"]:has(th:text-is("${name}"))`;
    expect(await cell(staff('Alice'), 'service-time')).toBe('4');
    expect(await cell(staff('Alice'), 'transfers')).toBe('1');
    expect(await cell(staff('Bob'), 'service-time')).toBe('2');
    expect(await cell(staff('Bob'), 'served')).toBe('1');
    // Issued under A, the service chosen; A's wait was over its 10 minutes.
    expect(await cell('[data-testid="service-row"][data-code="A"]', 'issued')).toBe('1');
    expect(await cell('[data-testid="service-row"][data-code="B"]', 'issued')).toBe('0');
    expect(((await page.locator('[data-kpi="transfers"] .detail').textContent()) ?? '').trim()).toBe('1 called again, after a further 3 min on average (not in the mean wait)');
    expect(await page.getByRole('columnheader', { name: 'Customers called' }).count()).toBe(1);
    await page.context().close();
  });
});
