/**
 * A Hong Kong visitor types her mobile "9123 4567" without its country code: read as +86 it would
 * text a stranger, so the booking page, the kiosk and the phone page's SMS form each ask for the
 * country code at the field and send nothing; typed with it (+852 on the booking page, 00852 on
 * the kiosk's keypad, which has no +) the number is taken as hers. A British mobile typed without
 * +44 is also a Chinese landline, so the booking page says how it read it. The real system with a clock
 * the test moves and a recording SMS provider, in Chromium.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { BANK_HOURS } from '@tellerline/db';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, HttpClient, issueTicket, local, nextMonday, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

const MON = nextMonday();
const TUE = new Date(Date.parse(`${MON}T00:00:00Z`) + 24 * 3_600_000).toISOString().slice(0, 10);
const clock = { t: local(MON, '08:00'), now: () => clock.t };
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let sys: TestSystem;
let browser: Browser;
const sms = createLoggingSmsProvider(() => undefined);

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS, notify: { smsProvider: sms } }));
});

afterAll(() => stopWithBrowser(sys, browser));

describe('a foreign number typed without its country code', () => {
  it('is refused on the booking page in English, asking for the country code; with +852 it books', async () => {
    clock.t = local(MON, '08:00');
    const { context, page } = await device(browser, { width: 360, height: 640, locale: 'en-GB' });
    const bookings: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/appointments') bookings.push(r.url());
    });
    await page.goto(`${sys.url}/book?lang=en`);
    await page.click('[data-testid=service-A]');
    await page.click(`[data-testid=day-${TUE}]`);
    await page.locator(`[data-testid=slots][data-date="${TUE}"]`).waitFor();
    await page.locator('[data-testid=slot]').first().click();
    await page.fill('[data-testid=contact-name]', 'Mei Chan');
    await page.fill('[data-testid=contact-value]', '9123 4567');
    await page.check('[data-testid=contact-consent]');
    expect(await page.locator('[data-testid=texts-to]').count()).toBe(0);
    await page.click('[data-testid=booking-confirm]');

    const problem = page.locator('[data-testid=contact-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Add the country code, e.g. +44');
    expect(await page.getAttribute('[data-testid=contact-value]', 'aria-invalid')).toBe('true');
    expect(bookings).toEqual([]);

    await page.fill('[data-testid=contact-value]', '+852 9123 4567');
    expect(await page.textContent('[data-testid=texts-to]')).toBe('Texts go to +85291234567');
    await page.click('[data-testid=booking-confirm]');
    await page.locator('[data-testid=appt-booked]').waitFor();
    expect(bookings).toHaveLength(1);
    await context.close();
  });

  it('a British mobile typed the British way (07911 123456) is shown back on the booking page as the Chinese landline it is read as; with +44 the note goes', async () => {
    clock.t = local(MON, '08:10');
    const { context, page } = await device(browser, { width: 360, height: 640, locale: 'en-GB' });
    await page.goto(`${sys.url}/book?lang=en`);
    await page.click('[data-testid=service-A]');
    await page.click(`[data-testid=day-${TUE}]`);
    await page.locator(`[data-testid=slots][data-date="${TUE}"]`).waitFor();
    await page.locator('[data-testid=slot]').first().click();
    await page.fill('[data-testid=contact-name]', 'Tom Hale');
    await page.fill('[data-testid=contact-value]', '07911 123456');
    const readAs = page.locator('[data-testid=texts-to-read-as]');
    expect(await readAs.textContent()).toBe('We read this as +86 791 1123 456, a landline in China. For a number abroad, start with + and the country code, e.g. +44 7911 123456.');
    await page.fill('[data-testid=contact-value]', '+44 7911 123456');
    expect(await page.textContent('[data-testid=texts-to]')).toBe('Texts go to +447911123456');
    expect(await readAs.count()).toBe(0);
    // A mainland number typed as at home reads as before, with no note.
    await page.fill('[data-testid=contact-value]', '0755 8888 1234');
    expect(await page.textContent('[data-testid=texts-to]')).toBe('Texts go to +86 75588881234');
    expect(await readAs.count()).toBe(0);
    await context.close();
  });

  it('is refused at the kiosk in Chinese, asking for 00 and the country code; with 00852 the ticket is issued', async () => {
    clock.t = local(MON, '09:30');
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    const issued: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/branches\/[^/]+\/tickets$/.test(new URL(r.url()).pathname)) issued.push(r.postData() ?? '');
    });
    await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
    await page.click('[data-testid=lang-zh]');
    await page.click('[data-testid=service-A]');
    // A British mobile as typed in Britain is also a Chinese landline: the kiosk says how it read it.
    for (const d of '07911123456') await page.click(`[data-testid=key-${d}]`);
    expect(await page.textContent('[data-testid=phone-read-as]')).toBe('我们将此号码识别为 +86 791 1123 456，即中国境内的固定电话。如为境外号码，请先输入 00 和国家代码，例如 0044。');
    await page.fill('[data-testid=phone-input]', '');
    for (const d of '91234567') await page.click(`[data-testid=key-${d}]`);
    await page.check('[data-testid=consent]');
    await page.click('[data-testid=issue-with-contact]');

    const problem = page.locator('#contact-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('境外号码请在前面加 00 和国家代码，例如 0044');
    expect(await page.getAttribute('[data-testid=phone-input]', 'aria-invalid')).toBe('true');
    expect(issued).toEqual([]);

    await page.fill('[data-testid=phone-input]', '');
    for (const d of '0085291234567') await page.click(`[data-testid=key-${d}]`);
    await page.click('[data-testid=issue-with-contact]');
    await page.locator('[data-testid=kiosk-ticket]').waitFor();
    expect(issued).toHaveLength(1);
    expect(JSON.parse(issued[0]!).contact).toEqual({ phone: '+85291234567', consent: true });
    await context.close();
  });

  it("is refused on the phone page's SMS form, asking for the country code, and nothing is set up", async () => {
    clock.t = local(MON, '09:30');
    const t = await issueTicket(sys, 'A', { lang: 'en' });
    // An iPhone outside the Home Screen: no web push, so the page offers SMS.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: IPHONE_SAFARI, isMobile: true, hasTouch: true, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${sys.url}/t/${t.token}?lang=en`);
    await page.locator('[data-testid=notices-channel-sms]').waitFor();
    await page.check('[data-testid=notices-channel-sms]');
    await page.fill('[data-testid=notices-address]', '9123 4567');
    await page.check('[data-testid=notices-consent]');
    await page.click('[data-testid=notices-send]');
    const error = page.locator('[data-testid=notices-contact-error]');
    await expect.poll(() => error.innerText()).toContain('Add the country code, e.g. +44');
    expect(await page.getAttribute('[data-testid=notices-address]', 'aria-invalid')).toBe('true');
    const contacts = (await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${t.token}/notify`)).body.data.contacts;
    expect(contacts).toEqual([]);
    await context.close();
  });
});
