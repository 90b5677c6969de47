/**
 * A mainland mobile number a digit short, as 王阿姨 typed it on /book and a walk-in at the kiosk:
 * both forms say "请输入 11 位手机号码" at the field and send nothing; once the number is whole,
 * the booking page reads it back ("短信将发送到 139 1234 5678") before the tap that books. The
 * real system with a clock the test moves, Chromium on a 360x640 phone and a portrait kiosk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { device, local, nextMonday, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const MON = nextMonday();
const TUE = new Date(Date.parse(`${MON}T00:00:00Z`) + 24 * 3_600_000).toISOString().slice(0, 10);
const clock = { t: local(MON, '08:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
});

afterAll(() => stopWithBrowser(sys, browser));

describe('a mobile number with a digit missing', () => {
  it('is refused on the booking page in Chinese, at its field; the whole number is read back and books', async () => {
    clock.t = local(MON, '08:00');
    const { context, page } = await device(browser, { width: 360, height: 640, locale: 'zh-CN' });
    const bookings: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/appointments') bookings.push(r.url());
    });
    await page.goto(`${sys.url}/book?lang=zh`);
    await page.click('[data-testid=service-A]');
    await page.click(`[data-testid=day-${TUE}]`);
    await page.locator(`[data-testid=slots][data-date="${TUE}"]`).waitFor();
    await page.locator('[data-testid=slot]').first().click();
    await page.fill('[data-testid=contact-name]', '王阿姨');
    await page.fill('[data-testid=contact-value]', '1391234567');
    await page.check('[data-testid=contact-consent]');
    // Nothing to read back: the number is not one a text could reach.
    expect(await page.locator('[data-testid=texts-to]').count()).toBe(0);
    await page.click('[data-testid=booking-confirm]');

    const problem = page.locator('[data-testid=contact-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('请输入 11 位手机号码');
    expect(await page.getAttribute('[data-testid=contact-value]', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('[data-testid=contact-value]', 'aria-describedby')).toBe('contact-problem');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('contact-value');
    expect(bookings).toEqual([]);

    // The missing digit typed: the page says where the texts go before the booking is made.
    await page.fill('[data-testid=contact-value]', '139 1234 5678');
    expect(await page.textContent('[data-testid=texts-to]')).toBe('短信将发送到 139 1234 5678');
    await page.click('[data-testid=booking-confirm]');
    await page.locator('[data-testid=appt-booked]').waitFor();
    expect(bookings).toHaveLength(1);
    await context.close();
  });

  it('is refused at the kiosk in Chinese, and no ticket is issued', async () => {
    clock.t = local(MON, '09:30');
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    const issued: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/branches\/[^/]+\/tickets$/.test(new URL(r.url()).pathname)) issued.push(r.url());
    });
    await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await page.click('[data-testid=lang-zh]');
    await page.click('[data-testid=service-A]');
    for (const d of '1380000111') await page.click(`[data-testid=key-${d}]`);
    await page.check('[data-testid=consent]');
    await page.click('[data-testid=issue-with-contact]');

    const problem = page.locator('#contact-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('请输入 11 位手机号码');
    expect(await page.getAttribute('[data-testid=phone-input]', 'aria-invalid')).toBe('true');
    expect(issued).toEqual([]);
    await context.close();
  });
});
