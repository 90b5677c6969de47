/**
 * Deactivating a service customers have booked, in a real browser against the real system (a
 * clock the test sets, a bank's week): the set-up screen asks first, in an alert dialog, how many
 * booked visits from which day and whether to cancel them and tell the customers; keeping the
 * service (the focused choice, or Escape) changes nothing; confirming deactivates it and cancels
 * the bookings; the customer's manage page then says the branch cancelled, in their language.
 * In English and in Chinese.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOURS, branchClock, local, MON, THU, TUE, WED } from '../../apps/server/test/booking-support.js';
import { byTest, device, focusedTestId, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

const { clock } = branchClock();
let sys: TestSystem;
let browser: Browser;
let manager: Page;
let seq = 0;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({ TRUST_PROXY: 'true' }, { clock, demoOpeningHours: BANK_HOURS }));
});

afterAll(() => stopWithBrowser(sys, browser));

/** A booking of service `code` by a customer writing in `language`: its manage token. */
async function book(code: string, startsAt: number, language: 'zh' | 'en'): Promise<string> {
  seq++;
  const contact = { name: `Customer ${seq}`, phone: `+86 139 2222 ${String(1000 + seq)}`, language, consent: true };
  const r = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service(code), startsAt, contact }, { 'x-forwarded-for': `198.51.100.${seq}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.manageToken;
}

const row = (page: Page, code: string) => page.locator(`[data-testid="service-row"][data-code="${code}"]`);

describe('deactivating a booked service', () => {
  let zhToken = '';
  let enToken = '';

  it('asks first, in English; keeping the service changes nothing', async () => {
    zhToken = await book('D', local(WED, '10:00'), 'zh');
    enToken = await book('D', local(TUE, '14:00'), 'en');
    ({ page: manager } = await device(browser, { locale: 'en-US' }));
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/setup`);
    await byTest(manager, 'services-table').waitFor();

    const toggle = row(manager, 'D').locator('[data-testid="service-toggle"]');
    await toggle.click();
    const dialog = manager.getByRole('alertdialog', { name: 'Customers have booked service D' });
    await dialog.waitFor();
    expect(await textOf(manager, 'bookings-question')).toBe('2 booked visits from Tue 3 Mar; cancel them and tell the customers?');
    expect(await textOf(manager, 'bookings-note')).toContain('a link to book again');
    // The safe answer has the focus: Enter would keep the service.
    expect(await focusedTestId(manager)).toBe('bookings-keep');
    await screenshot(manager, 'setup-bookings-en');
    await manager.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedTestId(manager)).toBe('service-toggle');
    expect(await row(manager, 'D').locator('[data-testid="service-status"]').textContent()).toBe('Active');
    expect(await byTest(manager, 'services-error').count()).toBe(0);

    await toggle.click();
    await dialog.waitFor();
    await byTest(manager, 'bookings-keep').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row(manager, 'D').locator('[data-testid="service-status"]').textContent()).toBe('Active');
  });

  it('confirmed, it deactivates the service and cancels the bookings; the manage page says the branch cancelled', async () => {
    await row(manager, 'D').locator('[data-testid="service-toggle"]').click();
    await byTest(manager, 'bookings-confirm').click();
    await expect.poll(() => textOf(manager, 'setup-status')).toBe('Service D deactivated; its bookings were cancelled and the customers told.');
    expect(await row(manager, 'D').locator('[data-testid="service-status"]').textContent()).toBe('Inactive');
    await expect.poll(() => focusedTestId(manager)).toBe('service-toggle');

    const { page: en } = await device(browser, { locale: 'en-US' });
    await en.goto(`${sys.url}/a/${enToken}`);
    await byTest(en, 'appt-cancelled-by-branch').waitFor();
    expect(await textOf(en, 'appt-cancelled-by-branch')).toBe('The branch cancelled this appointment. We are sorry; you are welcome to book again.');
    expect(await byTest(en, 'appt-state').getAttribute('data-state')).toBe('cancelled');
    expect(await en.getByRole('link', { name: 'Book again' }).count()).toBe(1);

    const { page: zh } = await device(browser, { locale: 'zh-CN' });
    await zh.goto(`${sys.url}/a/${zhToken}?lang=zh`);
    await byTest(zh, 'appt-cancelled-by-branch').waitFor();
    expect(await textOf(zh, 'appt-cancelled-by-branch')).toBe('网点取消了这次预约。很抱歉给您带来不便，欢迎重新预约。');
    // The service booked is still named, though the branch no longer offers it.
    expect(await zh.locator('dd', { hasText: '理财' }).count()).toBe(1);
  });

  it('asks in Chinese too', async () => {
    await row(manager, 'D').locator('[data-testid="service-toggle"]').click();
    await expect.poll(() => row(manager, 'D').locator('[data-testid="service-status"]').textContent()).toBe('Active');
    // Offered again: the cancelled booking's page still tells the truth (the branch cancelled it).
    const { page: en } = await device(browser, { locale: 'en-US' });
    await en.goto(`${sys.url}/a/${enToken}`);
    await byTest(en, 'appt-cancelled-by-branch').waitFor();
    expect(await textOf(en, 'appt-cancelled-by-branch')).toBe('The branch cancelled this appointment. We are sorry; you are welcome to book again.');
    expect(await en.getByRole('link', { name: 'Book again' }).count()).toBe(1);
    clock.t = local(MON, '08:00');
    await book('D', local(THU, '09:30'), 'zh');
    await manager.getByRole('button', { name: '中文' }).click();
    await row(manager, 'D').locator('[data-testid="service-toggle"]').click();
    await manager.getByRole('alertdialog', { name: '业务 D 还有客户预约' }).waitFor();
    expect(await textOf(manager, 'bookings-question')).toBe('3月5日周四 有 1 个预约。要取消这个预约并通知客户吗？');
    await screenshot(manager, 'setup-bookings-zh');
    await byTest(manager, 'bookings-keep').click();
    expect(await row(manager, 'D').locator('[data-testid="service-status"]').textContent()).toBe('启用中');
  });
});
