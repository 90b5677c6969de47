/**
 * Closures on the booking rules screen (/staff/booking) in real Chromium against the real system
 * (demo branch: Asia/Shanghai, Mon-Fri 09:00-17:00, real clock): the manager, in Chinese, is
 * refused a last day before the first (the problem tied to its field), adds a weekday closure a
 * few days ahead with its reason in zh and en (focus lands on the new row), and saves. The
 * booking page then offers no time that day, and the help assistant gives the reason in the
 * language asked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOURS } from '@tellerline/db';
import { byTest, device, HttpClient, signInStaff, startWithBrowser, stopWithBrowser, textOf, weekdayAhead, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let manager: Page;

const DAY = weekdayAhead();

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { demoOpeningHours: BANK_HOURS }));
});

afterAll(() => stopWithBrowser(sys, browser));

async function ask(page: Page, question: string, n: number): Promise<string> {
  await byTest(page, 'help-question').fill(question);
  await page.keyboard.press('Enter');
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="help-answer"]').length === count, n);
  return (await byTest(page, 'help-answer').nth(n - 1).textContent()) ?? '';
}

describe('closures on the booking rules screen', () => {
  it('the manager adds a closure in Chinese with its reason in both languages, and saves', async () => {
    ({ page: manager } = await device(browser, { locale: 'zh-CN' }));
    await signInStaff(manager, sys.url, 'manager');
    await manager.goto(`${sys.url}/staff/booking`);
    await byTest(manager, 'closures').waitFor();
    expect(await textOf(manager, 'closures')).toContain('休息日和暂停营业');
    expect(await byTest(manager, 'closures-none').count()).toBe(1);
    // The booking window shows the stored values, named by their labels.
    expect(await manager.getByLabel('时段间隔（分钟）').inputValue()).toBe('15');

    // A last day before the first: refused by its field, the message tied to it, focus on it.
    await byTest(manager, 'closure-from').fill(DAY);
    await byTest(manager, 'closure-to').fill('2020-01-01');
    await byTest(manager, 'closure-add').click();
    await byTest(manager, 'closure-to-error').waitFor();
    expect(await textOf(manager, 'closure-to-error')).toBe('最后一天不能早于第一天。');
    expect(await byTest(manager, 'closure-to').getAttribute('aria-describedby')).toBe('closure-to-error');
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('closure-to');

    await byTest(manager, 'closure-to').fill('');
    await byTest(manager, 'closure-reason-zh').fill('清明节');
    await byTest(manager, 'closure-reason-en').fill('Qingming Festival');
    await byTest(manager, 'closure-add').click();
    await byTest(manager, 'closure-row').waitFor();
    expect(await textOf(manager, 'closure-row')).toContain(DAY);
    expect(await textOf(manager, 'closure-row')).toContain('清明节');
    // Focus on the closure just added; the status announces it.
    expect(await manager.evaluate(() => document.activeElement?.getAttribute('data-closure-key'))).toBe(`d:${DAY}:${DAY}`);
    expect(await textOf(manager, 'closure-status')).toContain(DAY);

    await byTest(manager, 'save-rules').click();
    await expect.poll(() => textOf(manager, 'save-status')).toBe('已保存。');
    const api = new HttpClient(sys.url);
    await api.login('manager');
    const stored = await api.req('GET', `/api/v1/branches/${sys.branchId}/booking/settings`);
    expect(stored.body.data.settings.closures).toEqual([{ date: DAY, reason: { zh: '清明节', en: 'Qingming Festival' } }]);
  });

  it('the booking page offers no time that day, and the assistant tells the reason in each language', async () => {
    const { page } = await device(browser, { width: 390, height: 844, locale: 'zh-CN' });
    await page.goto(`${sys.url}/book?lang=zh`);
    await byTest(page, 'service-A').click();
    await page.locator('[data-testid=slots]').waitFor();
    expect(await byTest(page, `day-${DAY}`).isDisabled()).toBe(true);
    expect(await textOf(page, `day-${DAY}`)).toContain('休息');

    await byTest(page, 'help-toggle').click();
    await byTest(page, 'help-question').waitFor();
    const zh = await ask(page, '营业时间', 1);
    expect(zh).toContain('（清明节）');
    expect(zh).not.toContain('Qingming');

    await byTest(page, 'booking-lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const en = await ask(page, 'opening hours', 2);
    expect(en).toContain('(Qingming Festival)');
    expect(en).not.toContain('清明节');
  });
});
