/**
 * The managers' booking rules screen (/staff/booking) in a real browser against the real system:
 * the manager reaches it from the staff panel, makes D appointment-only and B keep half its
 * skilled staff for walk-ins, and the API and the kiosk's queue view follow; a teller is kept
 * out; an impossible share is refused in the browser without a request. Each service shows its
 * appointment punctuality (here: none yet). A save made after a colleague's is refused with what
 * is stored now, keeping what was typed (STALE_SETTINGS).
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let manager: Page;
/** The PUT bodies the manager's browser sent. */
const puts: { services: Record<string, unknown> }[] = [];

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

const settingsPath = () => `/api/v1/branches/${sys.branchId}/booking/settings`;

async function settings(): Promise<Record<string, { walkIns: boolean; walkInShare: number; bookable: boolean; bufferAfterMin: number }>> {
  const api = new HttpClient(sys.url);
  await api.login('manager');
  const r = await api.req('GET', settingsPath());
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.services;
}

describe('booking rules screen', () => {
  it('a visitor is sent to the login page', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await page.goto(`${sys.url}/staff/booking`);
    await page.waitForURL('**/staff/login');
    await context.close();
  });

  it('the manager opens it from the staff panel and sees the four services, A keeping 25%', async () => {
    ({ page: manager } = await device(browser, { locale: 'en-US' }));
    manager.on('request', (r: Request) => {
      if (r.method() === 'PUT' && r.url().endsWith(settingsPath())) puts.push(r.postDataJSON());
    });
    await signInStaff(manager, sys.url, 'manager');
    const link = byTest(manager, 'booking-rules-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('Booking rules');
    await link.click();
    await manager.waitForURL('**/staff/booking');
    await byTest(manager, 'booking-rules-form').waitFor();
    expect(await textOf(manager, 'booking-rules-title')).toBe('Booking rules');

    expect(await manager.locator('fieldset[data-testid^="rules-"]').count()).toBe(4);
    for (const code of ['A', 'B', 'C', 'D']) expect(await textOf(manager, `rules-${code}`)).toContain(code);
    expect(await textOf(manager, 'rules-D')).toContain('Wealth');
    // Punctuality beside the rules: a fresh branch has had no booked customers, so no advice.
    expect(await textOf(manager, 'punctuality-D')).toBe('No booked customers in the last 28 days.');
    expect(await byTest(manager, 'punctuality-advice-D').count()).toBe(0);
    expect(await byTest(manager, 'share-A').inputValue()).toBe('25');
    expect(await byTest(manager, 'walk-ins-A').isChecked()).toBe(true);
    expect(await byTest(manager, 'share-A').isEnabled()).toBe(true);
    // The inputs are named by their labels.
    expect(await manager.getByLabel('Kept for walk-ins (%)').count()).toBe(4);
    expect(await manager.getByLabel('Takes walk-ins').count()).toBe(4);
    // Each service's checkboxes say whose they are, after their visible words (WCAG 2.5.3).
    const walkInsD = manager.getByRole('checkbox', { name: 'Takes walk-ins (D Wealth)', exact: true });
    expect(await walkInsD.getAttribute('data-testid')).toBe('walk-ins-D');
    expect(await manager.getByRole('checkbox', { name: 'Bookable online (B Business banking)', exact: true }).getAttribute('data-testid')).toBe('bookable-B');
  });

  it('makes D appointment-only and B keep 50%, saving only those two', async () => {
    await byTest(manager, 'walk-ins-D').uncheck();
    expect(await byTest(manager, 'share-D').isDisabled()).toBe(true);
    expect(await byTest(manager, 'share-D').inputValue()).toBe('0');
    expect(await textOf(manager, 'rules-D')).toContain('Appointment only: every skilled minute can be booked.');

    await byTest(manager, 'share-B').fill('50');
    await byTest(manager, 'save-rules').click();
    await expect.poll(() => textOf(manager, 'save-status')).toBe('Saved.');
    expect(await byTest(manager, 'save-error').count()).toBe(0);

    expect(puts).toHaveLength(1);
    const sent = puts[0]!.services;
    expect(Object.keys(sent).sort()).toEqual([sys.service('B'), sys.service('D')].sort());
    // Each service's full rules, as the PUT replaces them.
    expect(sent[sys.service('D')]).toMatchObject({ walkIns: false, walkInShare: 0, bookable: true, bufferBeforeMin: 0, bufferAfterMin: 0, channels: ['branch'] });

    const after = await settings();
    expect(after[sys.service('D')]).toMatchObject({ walkIns: false, walkInShare: 0 });
    expect(after[sys.service('B')]).toMatchObject({ walkIns: true, walkInShare: 0.5 });
    expect(after[sys.service('A')]).toMatchObject({ walkIns: true, walkInShare: 0.25 });

    // The kiosk's queue view: D takes no walk-ins now, the others still do.
    const queue = await new HttpClient(sys.url).req('GET', `/api/v1/branches/${sys.branchId}/queue`);
    expect(queue.status).toBe(200);
    const walkIns = Object.fromEntries((queue.body.data as { code: string; walkIns: boolean }[]).map((s) => [s.code, s.walkIns]));
    expect(walkIns).toEqual({ A: true, B: true, C: true, D: false });

    // The form shows what the server answered.
    expect(await byTest(manager, 'share-B').inputValue()).toBe('50');
    expect(await byTest(manager, 'walk-ins-D').isChecked()).toBe(false);
    await manager.evaluate(() => window.scrollTo(0, 0));
    await screenshot(manager, 'staff-booking-rules');
  });

  it('refuses a share of 150 in the browser, with a message at the field, and sends nothing', async () => {
    await byTest(manager, 'share-A').fill('150');
    await byTest(manager, 'share-A-error').waitFor();
    expect(await textOf(manager, 'share-A-error')).toBe('Enter a whole number from 0 to 100.');
    await byTest(manager, 'save-rules').click();
    await byTest(manager, 'save-error').waitFor();
    expect(await textOf(manager, 'save-error')).toBe('Please correct the marked fields, then save.');
    expect(await byTest(manager, 'share-A').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field to correct.
    expect(await manager.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('share-A');
    expect(await textOf(manager, 'save-status')).toBe('');
    expect(puts).toHaveLength(1);
    expect((await settings())[sys.service('A')]).toMatchObject({ walkInShare: 0.25 });
  });

  it('speaks Chinese after the language switch', async () => {
    await manager.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => textOf(manager, 'booking-rules-title')).toBe('预约规则');
    expect(await textOf(manager, 'share-A-error')).toBe('请输入 0 到 100 之间的整数。');
    expect(await manager.getByRole('checkbox', { name: '接受现场取号 （C 贷款咨询）', exact: true }).getAttribute('data-testid')).toBe('walk-ins-C');
    expect(await manager.getByRole('checkbox', { name: '可网上预约 （D 理财）', exact: true }).getAttribute('data-testid')).toBe('bookable-D');
  });

  it('an admin (no branch of their own) picks the branch and gets its rules', async () => {
    const { context, page: admin } = await device(browser, { locale: 'en-US' });
    await signInStaff(admin, sys.url, 'admin');
    // The staff panel has no counter for an administrator: it says so and leads to the rules.
    await admin.goto(`${sys.url}/staff`);
    await byTest(admin, 'admin-no-branch').waitFor();
    expect(await byTest(admin, 'admin-no-branch').textContent()).toContain('does not work at a counter');
    // The demo has a branch: the link leads to the branches (no "first branch" to create).
    await expect.poll(() => byTest(admin, 'admin-branches-link').getAttribute('href')).toBe('/staff/branches');
    expect(await textOf(admin, 'admin-branches-link')).toBe('Manage the branches');
    expect(await admin.getByText('Connecting').count()).toBe(0);
    await admin.goto(`${sys.url}/staff/booking`);
    await byTest(admin, 'booking-rules-form').waitFor();
    const pick = byTest(admin, 'branch-pick');
    expect(await pick.inputValue()).toBe(sys.branchId);
    await pick.selectOption(sys.branchId);
    await admin.waitForURL(`**/staff/booking?branch=${sys.branchId}`);
    await byTest(admin, 'booking-rules-form').waitFor();
    // The rules the manager saved above, for the branch chosen.
    expect(await byTest(admin, 'share-B').inputValue()).toBe('50');
    await context.close();
  });

  it('a colleague saved meanwhile: the save is refused with what is stored now, what was typed is kept, and saving again goes through', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/booking`);
    await byTest(page, 'booking-rules-form').waitFor();
    await byTest(page, 'buffer-B').fill('15');

    // Another manager saves B's buffer and C's booking switch after this screen read the rules.
    const colleague = new HttpClient(sys.url);
    await colleague.login('manager');
    const read = (await colleague.req('GET', settingsPath())).body.data;
    const b = sys.service('B');
    const c = sys.service('C');
    const other = await colleague.req('PUT', settingsPath(), { version: read.version, services: { [b]: { ...read.services[b], bufferAfterMin: 10 }, [c]: { ...read.services[c], bookable: false } } }, { origin: sys.url });
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    await byTest(page, 'save-rules').click();
    await byTest(page, 'save-error').waitFor();
    expect(await byTest(page, 'save-error').getAttribute('data-code')).toBe('STALE_SETTINGS');
    expect(await textOf(page, 'save-error')).toContain('Someone changed these settings since you opened them; here is what is stored now.');
    // What was typed stays; the field that differs is named with the value stored now.
    expect(await byTest(page, 'buffer-B').inputValue()).toBe('15');
    expect(await textOf(page, 'stale-B-bufferAfterMin')).toBe('B: Buffer after each booking (min), stored now: 10');
    // C, not touched here, shows the colleague's change.
    expect(await byTest(page, 'bookable-C').isChecked()).toBe(false);
    // Focus is not lost to the page: the Save button keeps it (held, never disabled, while busy).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('save-rules');
    await screenshot(page, 'staff-booking-rules-stale');

    await byTest(page, 'save-rules').click();
    await expect.poll(() => textOf(page, 'save-status')).toBe('Saved.');
    expect(await byTest(page, 'stale-fields').count()).toBe(0);
    const after = await settings();
    expect(after[b]).toMatchObject({ bufferAfterMin: 15 });
    // The colleague's change to C survived the second save.
    expect(after[c]).toMatchObject({ bookable: false });
    await colleague.saveBookingSettings(settingsPath(), { services: { [c]: { ...read.services[c], bookable: true } } }, { origin: sys.url });
    await context.close();
  });

  it('a service with neither walk-ins nor bookings: refused in its own card, naming it, on both checkboxes, with the focus on the first', async () => {
    const { context, page: manager } = await device(browser, { locale: 'en-US' });
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/booking`);
    await byTest(manager, 'booking-rules-form').waitFor();
    await byTest(manager, 'walk-ins-D').setChecked(false);
    await byTest(manager, 'bookable-D').setChecked(false);
    // No walk-ins and no bookings: "appointment only" would be untrue.
    expect(await textOf(manager, 'rules-D')).not.toContain('Appointment only');
    await byTest(manager, 'save-rules').focus();
    await manager.keyboard.press('Enter');
    await byTest(manager, 'reach-D-error').waitFor();
    expect(await textOf(manager, 'reach-D-error')).toBe('D Wealth must take walk-ins, online bookings or both; otherwise no customer can get it.');
    expect(await byTest(manager, 'rules-D').locator('[data-testid="reach-D-error"]').count()).toBe(1);
    for (const id of ['walk-ins-D', 'bookable-D']) {
      expect(await byTest(manager, id).getAttribute('aria-invalid')).toBe('true');
      expect(await byTest(manager, id).getAttribute('aria-describedby')).toBe('reach-D-error');
    }
    expect(await manager.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('walk-ins-D');
    // Bookable again: the problem is gone, and the rules saved are as before.
    await byTest(manager, 'bookable-D').check();
    expect(await byTest(manager, 'reach-D-error').count()).toBe(0);
    expect(await byTest(manager, 'walk-ins-D').getAttribute('aria-invalid')).toBeNull();
    expect(await textOf(manager, 'rules-D')).toContain('Appointment only: every skilled minute can be booked.');
    expect((await settings())[sys.service('D')]).toMatchObject({ bookable: true });
    await context.close();
  });

  it('a teller (alice) sees no link and, at the address, only a message: no form', async () => {
    const { context, page: alice } = await device(browser, { locale: 'en-US' });
    await signInStaff(alice, sys.url, 'alice');
    await byTest(alice, 'sign-on-1').waitFor();
    expect(await byTest(alice, 'booking-rules-link').count()).toBe(0);
    expect(await byTest(alice, 'devices-link').count()).toBe(0);
    await alice.goto(`${sys.url}/staff/booking`);
    await byTest(alice, 'only-managers').waitFor();
    expect(await textOf(alice, 'only-managers')).toBe('Only managers and administrators can set booking rules.');
    expect(await byTest(alice, 'booking-rules-form').count()).toBe(0);
    expect(await alice.locator('input[type=number]').count()).toBe(0);
    await context.close();
  });
});
