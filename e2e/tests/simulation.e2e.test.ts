/**
 * "Try this branch in the simulator" on the managers' booking rules screen, in a real browser
 * against the real system with a clock the test moves (the demo branch, Asia/Shanghai, on Monday
 * 2 March 2026): a few walk-ins are served, the manager downloads Monday as a scenario file, the
 * file is a valid simulator scenario with those arrivals and no customer data, and a closed
 * weekday gets a plain message in zh and en.
 */
import { readFile } from 'node:fs/promises';
import { compare, parseScenario } from '@tellerline/simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';
import { BANK_HOURS } from '@tellerline/db';

const local = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);
const clock = { t: local('08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let manager: Page;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
  // Alice serves three walk-ins of A before 10:00 (4, 6 and 8 minutes).
  const alice = new HttpClient(sys.url);
  await alice.login('alice');
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
  const command = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', path('/commands'), { type, ...extra });
  expect((await command('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
  for (const [hm, minutes] of [['09:05', 4], ['09:20', 6], ['09:45', 8]] as const) {
    clock.t = local(hm);
    const issued = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const ticketId = issued.body.data.ticketId as string;
    expect((await command('call-next')).status).toBe(200);
    expect((await command('start', { ticketId })).status).toBe(200);
    clock.t += minutes * 60_000;
    expect((await command('complete', { ticketId })).status).toBe(200);
  }
  clock.t = local('16:00');
});

afterAll(() => stopWithBrowser(sys, browser));

describe('a scenario file from the branch\'s own days', () => {
  it('the manager downloads Monday: a simulator scenario with those arrivals and service times, no names', async () => {
    ({ page: manager } = await device(browser, { locale: 'en-US' }));
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/booking`);
    await byTest(manager, 'simulate').waitFor();
    expect(await textOf(manager, 'simulate')).toContain('Try this branch in the simulator');
    await byTest(manager, 'simulate-weekday').selectOption('mon');

    // The tickets projection follows the event log: retry until the three are stored.
    let text = '';
    for (let i = 0; i < 20 && !text; i++) {
      const [download] = await Promise.all([manager.waitForEvent('download', { timeout: 5_000 }).catch(() => null), byTest(manager, 'simulate-download').click()]);
      if (download) {
        const file = await readFile((await download.path())!, 'utf8');
        const a = parseScenario(JSON.parse(file)).services.find((s) => s.code === 'A')!;
        if (a.arrivalsPerHour[0] === 3) {
          text = file;
          expect(download.suggestedFilename()).toMatch(/-mon-2026-03-02\.scenario\.json$/);
        }
      }
      if (!text) await manager.waitForTimeout(250);
    }
    const scenario = parseScenario(JSON.parse(text));
    const A = scenario.services.find((s) => s.code === 'A')!;
    expect([scenario.open, A.meanServiceMin, A.sdServiceMin]).toEqual(['09:00', 6, 2]);
    expect(text).not.toMatch(/Alice|Mei|demo1234/);
    expect(await textOf(manager, 'simulate-done')).toContain('(from one day of records)');
    expect(await textOf(manager, 'simulate-done')).toContain('npm run simulate -- --scenario');
    await byTest(manager, 'simulate').scrollIntoViewIfNeeded();
    await screenshot(manager, 'staff-simulation-scenario');
    // The file runs as it is.
    expect(compare(scenario, { days: 1 }).report.policies.tellerline!.customers).toBeGreaterThan(0);
  });

  it('a weekday the branch is closed gets a plain message, in English and in Chinese', async () => {
    await byTest(manager, 'simulate-weekday').selectOption('sun');
    await byTest(manager, 'simulate-download').click();
    await byTest(manager, 'simulate-error').waitFor();
    expect(await byTest(manager, 'simulate-error').getAttribute('data-code')).toBe('CLOSED_THAT_DAY');
    expect(await textOf(manager, 'simulate-error')).toBe('The branch does not open on this weekday.');
    await manager.getByRole('button', { name: '中文' }).click();
    expect(await textOf(manager, 'simulate-error')).toBe('本网点这一天不营业。');
    expect(await textOf(manager, 'simulate')).toContain('用本网点的数据试算');
  });
});
