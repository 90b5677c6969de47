/**
 * Confirming the e-mail address by a mailed code, in Chromium against the real system with e-mail
 * (a local SMTP sink, read as the customer's mailbox): the manager turns it on on the booking rules
 * screen; a customer booking in Chinese with an e-mail address is asked for the six-digit code
 * from the mail, types a wrong one (told the tries left), then the right one, and lands on the
 * booking's manage page; a customer in English who mistypes the address goes back, corrects it,
 * and books: the mistyped address got the code and nothing else, never the booking's manage link.
 * A clock the test moves, on the next Monday. Renderings go to docs/screenshots/booking-email-code-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { startSmtpSink, type SmtpSink } from '@tellerline/notify/testing';
import { byTest, device, focusedTestId, HttpClient, screenshot, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem, local, nextMonday } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '08:00'), now: () => clock.t };
const CODE_SUBJECT = /^Tellerline (code|验证码) (\d{6})$/;

let smtp: SmtpSink;
let sys: TestSystem;
let browser: Browser;

/** The mails to `address` (as the mailbox holds them). */
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()));
const codeMailsTo = (address: string) => mailsTo(address).filter((m) => CODE_SUBJECT.test(m.subject));
const codeIn = (subject: string | undefined) => CODE_SUBJECT.exec(subject ?? '')?.[2] ?? '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  ({ sys, browser } = await startWithBrowser({ SMTP_URL: smtp.url, MAIL_FROM: '"Tellerline" <notices@bank.example>' }, { clock, demoOpeningHours: BANK_HOURS }));
});

afterAll(async () => {
  await stopWithBrowser(sys, browser);
  await smtp?.close();
});

/** A customer's phone on /book in `lang`, at the contact step for the slot at `time`, the e-mail option chosen. */
async function atContactStep(lang: 'zh' | 'en', time: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  await page.goto(`${sys.url}/book?lang=${lang}`);
  await page.click('[data-testid=service-A]');
  await page.locator(`[data-testid=slots][data-date="${MON}"]`).waitFor();
  await page.click(`[data-testid=slot][data-starts-at="${local(MON, time)}"]`);
  // The customer taps the option's label (the radio itself is drawn as part of it).
  await page.click('label:has([data-testid=contact-kind-email])');
  return page;
}

describe('booking with a mailed code', () => {
  it('the manager turns it on for the branch on the booking rules screen, apart from texted codes', async () => {
    const { context, page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'manager');
    await page.goto(`${sys.url}/staff/booking`);
    await byTest(page, 'booking-rules-form').waitFor();
    const toggle = byTest(page, 'verify-email');
    expect([await toggle.isChecked(), await byTest(page, 'verify-phone').isChecked()]).toEqual([false, false]);
    expect(await page.getByLabel('Confirm e-mail addresses with a mailed code before booking').count()).toBe(1);
    expect(await page.locator(`#${await toggle.getAttribute('aria-describedby')}`).textContent()).toContain('mistyped address');
    await toggle.check();
    await byTest(page, 'save-rules').click();
    await expect.poll(() => textOf(page, 'save-status')).toBe('Saved.');
    const api = new HttpClient(sys.url);
    await api.login('manager');
    expect((await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`)).body.data.settings).toMatchObject({ verifyEmail: true, verifyPhone: false });
    await context.close();
  });

  it('in Chinese: the code comes by e-mail; a wrong one says the tries left; the right one books', async () => {
    const email = 'zhao.min@mail.example';
    const page = await atContactStep('zh', '10:00');
    await page.fill('[data-testid=contact-name]', '赵敏');
    await page.fill('[data-testid=contact-value]', email);
    await page.check('[data-testid=contact-consent]');
    // The details' button sends the code (nothing is booked yet).
    expect(await textOf(page, 'booking-confirm')).toBe('发送验证码');
    await page.click('[data-testid=booking-confirm]');

    const input = byTest(page, 'code-input');
    await input.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('输入邮件中的验证码');
    expect(await page.getByLabel('验证码（6 位数字）').count()).toBe(1);
    expect(await textOf(page, 'code-sent-to')).toBe(`我们已向 ${email} 发送了一封含 6 位验证码的邮件，10 分钟内有效。没收到？请查看垃圾邮件。`);
    expect(await textOf(page, 'code-other-number')).toBe('换一个邮箱');
    expect(await byTest(page, 'code-resend').getAttribute('aria-disabled')).toBe('true');

    await expect.poll(() => codeMailsTo(email).length).toBe(1);
    const mails = codeMailsTo(email);
    expect(mails[0]!.text).toContain('您的预约邮箱验证码是');
    const code = codeIn(mails[0]!.subject);
    expect(await sys.system.parts.db.booking.activeBetween(sys.branchId, local(MON, '00:00'), local(MON, '23:59'))).toHaveLength(0);

    await input.fill(code === '000000' ? '111111' : '000000');
    await byTest(page, 'code-confirm').click();
    await expect.poll(() => textOf(page, 'code-problem')).toBe('验证码不正确，还可以再试 4 次。');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedTestId(page)).toBe('code-input');
    await screenshot(page, 'booking-email-code-wrong');

    await input.fill(code);
    await input.press('Enter');
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+\?new=1/);
    const booked = await sys.system.parts.db.booking.findByManageToken(/\/a\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!);
    expect([booked?.startsAt, booked?.state]).toEqual([local(MON, '10:00'), 'booked']);
    await page.context().close();
  });

  it('in English: a mistyped address gets the code only; corrected, the booking and its link go to the right one', async () => {
    const typo = 'li.na@mial.example';
    const email = 'li.na@mail.example';
    const page = await atContactStep('en', '10:30');
    await page.fill('[data-testid=contact-name]', 'Li Na');
    await page.fill('[data-testid=contact-value]', typo);
    await page.check('[data-testid=contact-consent]');
    expect(await textOf(page, 'booking-confirm')).toBe('Send code');
    await page.click('[data-testid=booking-confirm]');
    await byTest(page, 'code-input').waitFor();
    expect(await textOf(page, 'code-sent-to')).toContain(typo);
    await expect.poll(() => codeMailsTo(typo).length).toBe(1);
    expect(codeMailsTo(typo)[0]!.text).toContain('If that was not you, ignore it: nothing is booked without the code.');
    await screenshot(page, 'booking-email-code-sent');

    // The customer sees the typo, goes back with "Use another address" (the details kept) and mends it.
    await page.click('[data-testid=code-other-number]');
    await expect.poll(() => page.inputValue('[data-testid=contact-value]')).toBe(typo);
    expect(await page.inputValue('[data-testid=contact-name]')).toBe('Li Na');
    await page.fill('[data-testid=contact-value]', email);
    await page.click('[data-testid=booking-confirm]');
    await expect.poll(() => textOf(page, 'code-sent-to')).toBe(`We e-mailed a 6-digit code to ${email}. It is valid for 10 minutes. Not there? Look in the spam folder.`);
    await expect.poll(() => codeMailsTo(email).length).toBe(1);
    await page.fill('[data-testid=code-input]', codeIn(codeMailsTo(email)[0]!.subject));
    await page.click('[data-testid=code-confirm]');
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+\?new=1/);
    const manageToken = /\/a\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;

    // The confirmation, with its manage link, reaches the address confirmed; the mistyped one got nothing more.
    await expect.poll(() => mailsTo(email).some((m) => m.text.includes(manageToken)), { timeout: 20_000 }).toBe(true);
    expect(mailsTo(typo)).toHaveLength(1);
    await page.context().close();
  });
});
