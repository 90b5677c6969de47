/**
 * A part-day closure over a booked visit on the booking rules screen (/staff/booking), in real
 * Chromium against the real system (demo branch: Asia/Shanghai, Mon-Fri 09:00-17:00, real
 * clock): the manager, in English, adds "part of a day" (13:00-16:00 branch time) on a day a
 * customer booked 14:00, and saves; an alert dialog says how many booked visits that closure
 * takes and that the customers will be told, with "Go back" focused (Escape goes back, nothing
 * saved); confirming saves the closure as instants and cancels the booking, whose manage page
 * then says the branch cancelled.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOURS } from '@tellerline/db';
import { local } from '../../apps/server/test/booking-support.js';
import { byTest, device, focusedTestId, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, weekdayAhead, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let manager: Page;

const DAY = weekdayAhead();

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({ TRUST_PROXY: 'true' }, { demoOpeningHours: BANK_HOURS }));
});

afterAll(() => stopWithBrowser(sys, browser));

describe('a part-day closure over a booked visit', () => {
  it('asks with the count, and confirmed, saves it and cancels the booking', async () => {
    const contact = { name: 'Lee Ann', phone: '+86 139 3333 0001', language: 'en', consent: true };
    const made = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('B'), startsAt: local(DAY, '14:00'), contact }, { 'x-forwarded-for': '198.51.100.7' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const token = made.body.data.manageToken as string;

    ({ page: manager } = await device(browser, { locale: 'en-US' }));
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/booking`);
    await byTest(manager, 'closures').waitFor();

    await manager.getByLabel('Part of a day', { exact: true }).check();
    await manager.getByLabel('Date', { exact: true }).fill(DAY);
    await manager.getByLabel('From', { exact: true }).fill('13:00');
    await manager.getByLabel('Until', { exact: true }).fill('16:00');
    await byTest(manager, 'closure-reason-en').fill('Fire drill');
    await byTest(manager, 'closure-add').click();
    await byTest(manager, 'closure-row').waitFor();
    expect(await textOf(manager, 'closure-row')).toContain(`${DAY} 13:00–16:00`);
    expect(await textOf(manager, 'closure-row')).toContain('Fire drill');

    await byTest(manager, 'save-rules').click();
    const dialog = manager.getByRole('alertdialog', { name: 'Cancel these bookings?' });
    await dialog.waitFor();
    expect(await textOf(manager, 'closure-bookings-question')).toBe('1 booked visit falls in the closures you added:');
    expect(await textOf(manager, 'closure-bookings-row')).toBe(`${DAY} 13:00–16:00: 1 booked`);
    expect(await textOf(manager, 'closure-bookings-note')).toContain('Each customer is told');
    // The safe answer has the focus, and focus stays in the dialog.
    expect(await focusedTestId(manager)).toBe('closure-bookings-back');
    expect(await dialog.getByRole('button', { name: 'Cancel them and save' }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Go back' }).count()).toBe(1);
    await manager.keyboard.press('Tab');
    expect(await focusedTestId(manager)).toBe('closure-bookings-confirm');

    // Going back (Escape) saves nothing and cancels nobody; focus returns to Save.
    await manager.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedTestId(manager)).toBe('save-rules');
    expect(await byTest(manager, 'save-error').getAttribute('data-code')).toBe('CLOSURE_HAS_BOOKINGS');
    expect((await new HttpClient(sys.url).req('GET', `/api/v1/appointments/${token}`)).body.data.state).toBe('booked');
    await byTest(manager, 'save-rules').click();
    await dialog.waitFor();

    await dialog.getByRole('button', { name: 'Cancel them and save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => textOf(manager, 'closure-status')).toBe('Saved. Bookings cancelled: 1; the customers are being told.');
    expect(await textOf(manager, 'save-status')).toBe('Saved.');

    const api = new HttpClient(sys.url);
    await api.login('manager');
    const stored = await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`);
    expect(stored.body.data.settings.closures).toEqual([{ from: local(DAY, '13:00'), to: local(DAY, '16:00'), reason: { en: 'Fire drill' } }]);

    const { page: customer } = await device(browser, { locale: 'en-US' });
    await customer.goto(`${sys.url}/a/${token}`);
    await byTest(customer, 'appt-cancelled-by-branch').waitFor();
    expect(await byTest(customer, 'appt-state').getAttribute('data-state')).toBe('cancelled');
  });
});
