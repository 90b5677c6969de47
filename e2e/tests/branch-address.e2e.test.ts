/**
 * Where the branch is: an admin types its street address in both languages on /staff/branches
 * (Chinese page), and a customer booking on the phone sees it while booking and on the booking's
 * confirmation and manage page (/a/<token>), in English and in Chinese; the calendar file carries
 * it as LOCATION. An English address cleared, the English pages show the Chinese one rather than
 * nothing. The server's clock is the test's (as in booking.e2e), so the slots do not depend on
 * when the test runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { branchesPage } from '../branches-screen.js';
import { byTest, eventuallyText, HttpClient, local, nextMonday, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const MON = nextMonday();
const TUE = new Date(Date.parse(`${MON}T00:00:00Z`) + 24 * 3_600_000).toISOString().slice(0, 10);
const clock = { t: local(MON, '08:00'), now: () => clock.t };

const ADDRESS = { zh: '北京市西城区复兴门内大街 55 号', en: '55 Fuxingmennei Avenue, Xicheng District, Beijing' };

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
});
afterAll(() => stopWithBrowser(sys, browser));

/** Opens the demo branch's edit dialog on the admin's branches page. */
async function editDemo(page: Page): Promise<void> {
  await page.locator('[data-testid="branch-row"][data-code="demo"] [data-testid="branch-edit"]').click();
  await byTest(page, 'branch-form').waitFor();
}

/** The admin's branches page (Chinese), the demo branch's edit dialog open. */
async function demoDialog(): Promise<Page> {
  const page = await branchesPage(browser, sys.url, { locale: 'zh-CN' });
  await editDemo(page);
  return page;
}

/** Books service A at Tuesday's first free time on a phone in `lang`; resolves on the confirmation. */
async function book(lang: 'zh' | 'en', phoneNumber: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const phone = await context.newPage();
  await phone.goto(`${sys.url}/book?lang=${lang}`);
  await phone.click('[data-testid=service-A]');
  await phone.click(`[data-testid=day-${TUE}]`);
  await phone.locator(`[data-testid=slots][data-date="${TUE}"] [data-testid=slot]`).first().click();
  await phone.fill('[data-testid=contact-name]', lang === 'zh' ? '王小明' : 'Li Lei');
  await phone.fill('[data-testid=contact-value]', phoneNumber);
  await phone.check('[data-testid=contact-consent]');
  await phone.click('[data-testid=booking-confirm]');
  await phone.locator('[data-testid=appt-booked]').waitFor();
  return phone;
}

describe('the branch address, from the admin to the customer', () => {
  it('set on /staff/branches, shown while booking and on the confirmation and manage page (en, zh), and in the calendar file', async () => {
    const admin = await demoDialog();
    await byTest(admin, 'branch-addressZh').fill(` ${ADDRESS.zh} `);
    await byTest(admin, 'branch-addressEn').fill(ADDRESS.en);
    await byTest(admin, 'branch-save').click();
    await eventuallyText(admin, 'branches-status').toBe('已保存网点 demo。');

    const phone = await book('en', '+86 139 0000 1234');
    // While booking, every step after the branch says where it is.
    expect(await phone.textContent('[data-testid=appt-address]')).toBe(ADDRESS.en);
    const manage = phone.url();
    const token = decodeURIComponent(new URL(manage).pathname.split('/')[2]!);
    await phone.goto(`${sys.url}/book?lang=en`);
    expect(await phone.textContent('[data-testid=booking-branch-address]')).toBe(`Address: ${ADDRESS.en}`);
    expect(await phone.getAttribute('[data-testid=booking-branch-address] span', 'lang')).toBe('en');

    // The manage page, later, in Chinese.
    await phone.goto(`${sys.url}/a/${encodeURIComponent(token)}?lang=zh`);
    await eventuallyText(phone, 'appt-address').toBe(ADDRESS.zh);
    const ics = String((await new HttpClient(sys.url).req('GET', `/api/v1/appointments/${token}/ics`)).body).replace(/\r\n /g, '');
    // The customer booked in English: the calendar names the branch and its address in English, commas escaped.
    expect(ics).toContain(`LOCATION:Main Branch\\, ${ADDRESS.en.replaceAll(',', '\\,')}`);
  });

  it('an English address cleared: the English pages show the Chinese one; no address at all, no label', async () => {
    const admin = await demoDialog();
    await byTest(admin, 'branch-addressEn').fill('');
    await byTest(admin, 'branch-save').click();
    await eventuallyText(admin, 'branches-status').toBe('已保存网点 demo。');

    const phone = await book('zh', '+86 139 0000 5678');
    expect(await phone.textContent('[data-testid=appt-address]')).toBe(ADDRESS.zh);
    const token = decodeURIComponent(new URL(phone.url()).pathname.split('/')[2]!);
    await phone.goto(`${sys.url}/a/${encodeURIComponent(token)}?lang=en`);
    await eventuallyText(phone, 'appt-address').toBe(ADDRESS.zh);
    // Marked as Chinese on the English page, so a screen reader reads it in Chinese (WCAG 3.1.2).
    expect(await phone.getAttribute('[data-testid=appt-address]', 'lang')).toBe('zh');
    await phone.goto(`${sys.url}/book?lang=en`);
    expect(await phone.textContent('[data-testid=booking-branch-address]')).toBe(`Address: ${ADDRESS.zh}`);
    expect(await phone.getAttribute('[data-testid=booking-branch-address] span', 'lang')).toBe('zh');

    await editDemo(admin);
    await byTest(admin, 'branch-addressZh').fill('');
    await byTest(admin, 'branch-save').click();
    await eventuallyText(admin, 'branches-status').toBe('已保存网点 demo。');
    await phone.goto(`${sys.url}/a/${encodeURIComponent(token)}?lang=en`);
    await phone.locator('[data-testid=appt-when]').waitFor();
    expect(await phone.locator('[data-testid=appt-address]').count()).toBe(0);
  });
});
