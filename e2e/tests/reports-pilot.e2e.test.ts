/**
 * Pilot periods on the KPI reports screen, in a real browser against the real system with a clock
 * the test moves. The demo branch (Asia/Shanghai) is seeded a pilot since 1 January 2026; Alice
 * serves one walk-in on 31 December 2025 (waited 4 min) and one on 2 January 2026 (waited 2 min).
 * The manager opens a report of 2 January and the before/after comparison (Chinese, then English):
 * the waits side by side with the change, and both sides too small to compare. An admin's
 * all-branches report of both days names the pilot period and counts each day where it belongs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, issueTicket, local, signInStaff, staffCommand, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

const BEFORE = '2025-12-31';
const AFTER = '2026-01-02';
const clock = { t: local(BEFORE, '08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock }));
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
  const command = (type: string, extra: Record<string, unknown> = {}) => staffCommand(sys, alice, { type, ...extra });
  /** One walk-in served on `day`: issued at 09:00, called after `waitMin` minutes, served 5 minutes. */
  const serve = async (day: string, waitMin: number) => {
    clock.t = local(day, '09:00');
    // Refused when still signed on: on duty either way.
    await command('sign-on', { counterId: sys.counter('1') }).catch(() => undefined);
    const { ticketId } = await issueTicket(sys, 'A');
    clock.t = local(day, `09:0${waitMin}`);
    expect((await command('call-next')).called).toMatchObject({ ticketId });
    await command('start', { ticketId });
    clock.t += 5 * 60_000;
    await command('complete', { ticketId });
  };
  await serve(BEFORE, 4);
  await serve(AFTER, 2);
  clock.t = local(AFTER, '12:00');
  // The tickets projection follows the event log: wait until both are stored.
  const mgr = new HttpClient(sys.url);
  await mgr.login('manager');
  for (let i = 0; i < 100; i++) {
    const r = await mgr.req('GET', path(`/kpis?from=${BEFORE}&to=${AFTER}`));
    if (r.body?.data?.totals?.served === 2) break;
    await new Promise((res) => setTimeout(res, 100));
  }
});

afterAll(() => stopWithBrowser(sys, browser));

const row = (page: Page, kpi: string, col: string) => page.locator(`[data-testid="pilot-compare-row"][data-kpi="${kpi}"] [data-col="${col}"]`).textContent();

async function openComparison(lang: 'zh-CN' | 'en-US'): Promise<Page> {
  const { page } = await device(browser, { locale: lang });
  await signInStaff(page, sys.url, 'manager');
  await page.goto(`${sys.url}/staff/reports?from=${AFTER}&to=${AFTER}`);
  await byTest(page, 'kpi-cards').waitFor();
  // Offered, not shown: the report is about its own period first.
  expect(await byTest(page, 'pilot-compare-table').isVisible()).toBe(false);
  expect(await byTest(page, 'pilot-compare-toggle').getAttribute('aria-expanded')).toBe('false');
  await byTest(page, 'pilot-compare-toggle').click();
  await byTest(page, 'pilot-compare-table').waitFor();
  return page;
}

describe('pilot periods on the KPI reports screen', () => {
  it('the manager compares the days before the pilot with the days after, in Chinese', async () => {
    const page = await openComparison('zh-CN');
    expect(await page.locator('#compare-heading').textContent()).toBe('试点前后对比');
    expect(await textOf(page, 'pilot-compare-toggle')).toBe('收起对比');
    expect(await textOf(page, 'pilot-compare-intro')).toBe('试点 2026-01-01 开始。对比开始前与开始后各最多 1 个营业日（只计有取号的日子）。');
    const head = await byTest(page, 'pilot-compare-table').locator('thead').textContent();
    expect(head).toContain(`试点前${BEFORE} 至 ${BEFORE}，1 天，取号 1 张`);
    expect(head).toContain(`试点后${AFTER} 至 ${AFTER}，1 天，取号 1 张`);
    expect([await row(page, 'meanWait', 'before'), await row(page, 'meanWait', 'after'), await row(page, 'meanWait', 'change')]).toEqual(['4 分钟', '2 分钟', '−2 分钟']);
    expect(await row(page, 'withinTarget', 'change')).toBe('0');
    expect(await byTest(page, 'pilot-compare-too-few').allTextContents()).toEqual(['试点前取号少于 30 张，不足以比较。', '试点后取号少于 30 张，不足以比较。']);
  });

  it('and in English', async () => {
    const page = await openComparison('en-US');
    expect(await page.locator('#compare-heading').textContent()).toBe('Before and after the pilot');
    expect(await textOf(page, 'pilot-compare-toggle')).toBe('Hide the comparison');
    expect(await textOf(page, 'pilot-compare-intro')).toBe('The pilot began on 2026-01-01. Up to 1 open days (days with tickets) before it, against as many from it on.');
    expect([await row(page, 'meanWait', 'before'), await row(page, 'meanWait', 'after'), await row(page, 'meanWait', 'change')]).toEqual(['4 min', '2 min', '−2 min']);
    expect(await page.locator('[data-testid="pilot-compare-row"][data-kpi="meanWait"] th').textContent()).toBe('Mean wait');
    expect(await byTest(page, 'pilot-compare-too-few').first().textContent()).toBe('Before the pilot: fewer than 30 tickets, too few to compare.');
  });

  it("an admin's all-branches report names the pilot period and counts each day where it belongs (en, zh)", async () => {
    for (const [lang, badge] of [['en-US', 'Pilot since 2026-01-01'], ['zh-CN', '试点 2026-01-01 起']] as const) {
      const { page } = await device(browser, { locale: lang });
      await signInStaff(page, sys.url, 'admin');
      await page.goto(`${sys.url}/staff/reports?from=${BEFORE}&to=${AFTER}`);
      await byTest(page, 'all-table').waitFor();
      expect(await page.locator('[data-testid="branch-row"][data-code="demo"] [data-testid="pilot-badge"]').textContent()).toBe(badge);
      // 31 December was before the pilot: it counts in the other branches' totals, 2 January in the pilot's.
      expect(await page.locator('[data-testid="pilot-total"] [data-col="issued"]').textContent()).toBe('1');
      expect(await page.locator('[data-testid="others-total"] [data-col="issued"]').textContent()).toBe('1');
      expect(await page.locator('[data-testid="all-total"] [data-col="issued"]').textContent()).toBe('2');
    }
  });
});
