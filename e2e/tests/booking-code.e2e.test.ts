/**
 * Confirming the phone number by a texted code, in Chromium against the real system: the manager
 * turns it on on the booking rules screen; a customer booking on the phone with a mobile number
 * is asked for the six-digit code, reads it from the text (the logging SMS provider's outbox, as
 * from the customer's phone), types a wrong one (told the tries left, the input marked and
 * described), then the right one with the keyboard, and lands on the booking's manage page. A
 * clock the test moves (as in booking.e2e.test.ts) on the next Monday. Renderings go to
 * docs/screenshots/booking-code-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { byTest, device, focusedTestId, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem, local, nextMonday } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '08:00'), now: () => clock.t };

/** Texts are kept, not sent. */
const sms = createLoggingSmsProvider(() => undefined);
const PHONE = '+86 139 0000 5511';
/** The number as stored and texted (digits after the +, whatever spacing was typed). */
const PHONE_TEXTED = '+8613900005511';
const codeIn = (text: string | undefined) => /(\d{6})/.exec(text ?? '')?.[1] ?? '';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS, notify: { smsProvider: sms } }));
});

afterAll(() => stopWithBrowser(sys, browser));

describe('booking with a texted code', () => {
  it('the manager turns it on for the branch on the booking rules screen', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/booking`);
    await byTest(page, 'booking-rules-form').waitFor();
    const toggle = byTest(page, 'verify-phone');
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.locator(`#${await toggle.getAttribute('aria-describedby')}`).textContent()).toContain('6-digit code');
    await toggle.check();
    await byTest(page, 'save-rules').click();
    await expect.poll(() => textOf(page, 'save-status')).toBe('Saved.');
    const api = new HttpClient(sys.url);
    await api.login('manager');
    expect((await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`)).body.data.settings.verifyPhone).toBe(true);
    await context.close();
  });

  it('a customer books with a mobile number: the code comes by text; a wrong one says the tries left; the right one books', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await context.newPage();
    await phone.goto(`${sys.url}/book?lang=zh`);
    await phone.click('[data-testid=service-A]');
    await phone.locator(`[data-testid=slots][data-date="${MON}"]`).waitFor();
    await phone.click(`[data-testid=slot][data-starts-at="${local(MON, '10:00')}"]`);
    await phone.fill('[data-testid=contact-name]', '赵敏');
    await phone.fill('[data-testid=contact-value]', PHONE);
    await phone.check('[data-testid=contact-consent]');
    // The details' button sends the code (nothing is booked yet).
    expect(await textOf(phone, 'booking-confirm')).toBe('发送验证码');
    await phone.click('[data-testid=booking-confirm]');

    const input = byTest(phone, 'code-input');
    await input.waitFor();
    // The step's heading takes the focus; the input is labelled, numeric, filled by the phone's code autofill.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.textContent)).toBe('输入短信验证码');
    expect([await input.getAttribute('inputmode'), await input.getAttribute('autocomplete')]).toEqual(['numeric', 'one-time-code']);
    expect(await phone.getByLabel('验证码（6 位数字）').count()).toBe(1);
    expect(await textOf(phone, 'code-sent-to')).toContain(PHONE);
    // A new code only after the countdown.
    expect(await textOf(phone, 'code-resend')).toMatch(/^\d+ 秒后可重新发送$/);
    expect(await byTest(phone, 'code-resend').getAttribute('aria-disabled')).toBe('true');

    const texts = sms.outbox.filter((m) => m.to === PHONE_TEXTED);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toMatch(/^Tellerline 验证码 \d{6}，10 分钟内有效，请勿告诉他人。$/);
    const code = codeIn(texts[0]!.text);
    expect(await sys.system.parts.db.booking.activeBetween(sys.branchId, local(MON, '00:00'), local(MON, '23:59'))).toHaveLength(0);

    await input.fill(code === '000000' ? '111111' : '000000');
    await byTest(phone, 'code-confirm').click();
    await expect.poll(() => textOf(phone, 'code-problem')).toBe('验证码不正确，还可以再试 4 次。');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain('code-problem');
    await expect.poll(() => focusedTestId(phone)).toBe('code-input');
    await screenshot(phone, 'booking-code-wrong');

    // The right code, typed and sent with Enter.
    await input.fill(code);
    await input.press('Enter');
    await phone.waitForURL(/\/a\/[A-Za-z0-9_-]+\?new=1/);
    const manageToken = /\/a\/([A-Za-z0-9_-]+)/.exec(phone.url())![1]!;
    const booked = await sys.system.parts.db.booking.findByManageToken(manageToken);
    expect([booked?.startsAt, booked?.state]).toEqual([local(MON, '10:00'), 'booked']);
    await byTest(phone, 'appt-booked').waitFor();
    await screenshot(phone, 'booking-code-booked');
    await context.close();
  });
});
