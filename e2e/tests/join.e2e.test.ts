/**
 * Joining a branch's queue from the phone (/join), in Chromium against the real system: with the
 * remote queue off (as installed) the branch says so and nothing is issued; the manager switches it
 * on (with confirmed phone numbers) over the API; a customer in Chinese picks a walk-in service
 * (its wait shown), leaves a mobile number, types the texted code (read from the logging SMS
 * provider's outbox) and lands on the ticket page with the number and place; one in English
 * joins without a contact. When the manager switches the remote queue off meanwhile, the join is
 * refused plainly and no ticket is issued. A clock the test sets on the next Monday, 10:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { axeViolations as violations, byTest, HttpClient, local, nextMonday, startWithBrowser, stopWithBrowser, textOf, waitFor, type TestSystem } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '10:00'), now: () => clock.t };
const sms = createLoggingSmsProvider(() => undefined);
const PHONE = '139 0000 7722';
const PHONE_TEXTED = '+8613900007722';
const codeIn = (text: string | undefined) => /(\d{6})/.exec(text ?? '')?.[1] ?? '';

let sys: TestSystem;
let browser: Browser;
let manager: HttpClient;
const settingsPath = () => `/api/v1/branches/${sys.branchId}/booking/settings`;

async function setRules(settings: Record<string, unknown>) {
  const r = await manager.saveBookingSettings(settingsPath(), { settings }, { origin: sys.url });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** Tickets in today's queue, of any kind and state. */
async function ticketCount(): Promise<number> {
  const state = await sys.system.parts.store.load(sys.branchId);
  return Object.keys(state?.tickets ?? {}).length;
}

async function phone(lang: 'zh' | 'en'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  const page = await context.newPage();
  await page.goto(`${sys.url}/join?lang=${lang}`);
  return { page, close: () => context.close() };
}


/** How far the page reaches past the screen's right edge (0: no sideways scrolling). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS, notify: { smsProvider: sms } }));
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
});

afterAll(() => stopWithBrowser(sys, browser));

describe('joining the queue from the phone', () => {
  it('with the remote queue off, the branch says so and offers nothing to join', async () => {
    const before = await ticketCount();
    const { page, close } = await phone('en');
    const tile = page.locator('[data-testid^=join-branch-][data-state=off]');
    await tile.waitFor();
    expect(await textOf(page, 'join-branch-why')).toBe('This branch does not take remote queueing; please take a ticket at the branch kiosk.');
    // Not a button: nothing to press, nothing issued.
    expect(await tile.evaluate((el) => el.tagName)).toBe('DIV');
    expect(await page.locator('main button.tile').count()).toBe(0);
    expect(await ticketCount()).toBe(before);
    await close();
  });

  it('the home page links to booking and to joining; /book links to joining where the branch takes it', async () => {
    const { page, close } = await phone('en');
    await page.goto(sys.url);
    expect(await byTest(page, 'home-book').getAttribute('href')).toBe('/book');
    await byTest(page, 'home-join').click();
    await page.waitForURL('**/join');
    await byTest(page, 'join-branch-demo').waitFor();
    // Off: /book says nothing about joining.
    await page.goto(`${sys.url}/book?lang=en`);
    await byTest(page, 'service-A').waitFor();
    expect(await byTest(page, 'booking-join-link').count()).toBe(0);
    await setRules({ remoteQueue: true });
    await page.reload();
    await byTest(page, 'booking-join-link').click();
    await page.waitForURL('**/join?lang=en');
    await byTest(page, 'join-service-A').waitFor();
    await setRules({ remoteQueue: false });
    await close();
  });

  it('a customer in Chinese joins with a mobile number and the texted code, and lands on the ticket page', async () => {
    await setRules({ remoteQueue: true, verifyPhone: true });
    const before = await ticketCount();
    const { page, close } = await phone('zh');
    // One branch, open and taking joins: straight to its services, each with its wait.
    await byTest(page, 'join-service-A').waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('选择业务');
    expect(await byTest(page, 'join-service-A').locator('[data-testid=join-service-wait]').textContent()).toMatch(/^预计等候：.+ · 前面还有 \d+ 人$/);
    await byTest(page, 'join-service-A').click();

    await byTest(page, 'join-contact-form').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('接收提醒（可不填）');
    // A number without the consent tick: the tick is named, marked and described.
    await page.getByLabel('手机号码（可不填）').fill(PHONE);
    await byTest(page, 'join-contact-next').click();
    await expect.poll(() => textOf(page, 'join-contact-problem')).toBe('请勾选同意后再提交。');
    const consent = byTest(page, 'join-contact-consent');
    expect(await consent.getAttribute('aria-invalid')).toBe('true');
    expect(await consent.getAttribute('aria-describedby')).toBe('join-problem');
    await consent.check();
    await byTest(page, 'join-contact-next').click();

    // Confirm: the place starts now; Back keeps what was typed.
    await byTest(page, 'join-summary').waitFor();
    expect(await textOf(page, 'join-starts-now')).toContain('您的排队位置立即开始计算');
    await byTest(page, 'join-back').click();
    expect(await byTest(page, 'join-contact-value').inputValue()).toBe(PHONE);
    expect(await consent.isChecked()).toBe(true);
    await byTest(page, 'join-contact-next').click();
    expect(await textOf(page, 'join-confirm')).toBe('发送验证码');
    await byTest(page, 'join-confirm').click();

    const input = byTest(page, 'code-input');
    await input.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('输入短信验证码');
    const texts = sms.outbox.filter((m) => m.to === PHONE_TEXTED);
    expect(texts).toHaveLength(1);
    expect(await ticketCount()).toBe(before);
    await input.fill(codeIn(texts[0]!.text));
    await input.press('Enter');

    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+/);
    await byTest(page, 'phone-number').waitFor();
    const token = /\/t\/([A-Za-z0-9_-]+)/.exec(page.url())![1]!;
    const view = (await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${token}`)).body.data as { number: string; ahead: number; status: string };
    expect(view.status).toBe('waiting');
    expect(await textOf(page, 'phone-number')).toContain(view.number);
    expect(await byTest(page, 'phone-ahead').count()).toBe(1);
    expect(await ticketCount()).toBe(before + 1);
    const state = await sys.system.parts.store.load(sys.branchId);
    expect(Object.values(state!.tickets).filter((t) => t.kind === 'remote')).toHaveLength(1);
    // Joined from home: the page says where to go and what to do there.
    await expect.poll(() => textOf(page, 'phone-remote')).toContain('您是用手机远程排队的：请在轮到您之前到达总行营业部。');
    expect(await textOf(page, 'phone-remote-address')).toBe('北京市西城区金融大街 1 号');
    expect(await textOf(page, 'phone-remote')).toContain('到达后无需再取号');
    await close();
  });

  it('a customer in English joins without a contact', async () => {
    const { page, close } = await phone('en');
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-next').click();
    await byTest(page, 'join-summary').waitFor();
    expect(await byTest(page, 'join-summary').textContent()).toContain('None');
    expect(await textOf(page, 'join-starts-now')).toBe('Your place in the queue starts as soon as you join. Please be at the branch before your turn; if you miss it, you may need a new ticket.');
    expect(await textOf(page, 'join-confirm')).toBe('Join the queue');
    await byTest(page, 'join-confirm').click();
    await page.waitForURL(/\/t\/[A-Za-z0-9_-]+\?lang=en/);
    await byTest(page, 'phone-number').waitFor();
    await expect.poll(() => textOf(page, 'phone-remote')).toContain('You joined from your phone: please be at Main Branch before your turn.');
    expect(await textOf(page, 'phone-remote-address')).toBe('1 Financial Street, Xicheng District, Beijing');
    await close();
  });

  it('the manager switches the remote queue off meanwhile: the join is refused plainly and no ticket is issued', async () => {
    const { page, close } = await phone('en');
    await byTest(page, 'join-service-A').click();
    await byTest(page, 'join-contact-next').click();
    await byTest(page, 'join-confirm').waitFor();
    await setRules({ remoteQueue: false });
    const before = await ticketCount();
    await byTest(page, 'join-confirm').click();
    await byTest(page, 'join-restart').waitFor();
    expect(await byTest(page, 'join-error').getAttribute('data-code')).toBe('REMOTE_QUEUE_OFF');
    expect(await textOf(page, 'join-error')).toBe('This branch has just stopped taking remote queueing; no ticket was issued. Please take a ticket at the branch kiosk.');
    // Said once, and with the one branch there is no other to choose.
    expect(await byTest(page, 'join-closed').count()).toBe(0);
    expect(await textOf(page, 'join-restart')).toBe('Check again');
    expect(page.url()).toContain('/join');
    expect(await ticketCount()).toBe(before);
    await close();
  });

  it('outside the hours the branch says it is closed and when it opens, and nothing can be joined', async () => {
    await setRules({ remoteQueue: true });
    clock.t = local(MON, '07:00');
    try {
      const { page, close } = await phone('en');
      const tile = page.locator('[data-testid=join-branch-demo][data-state=closed]');
      await tile.waitFor();
      expect(await tile.locator('[data-testid=join-branch-why]').innerText()).toMatch(/^Not open yet\nOpens at 09:00; tickets from \d\d:\d\d$/);
      expect(await page.locator('main button.tile').count()).toBe(0);
      await close();
    } finally {
      clock.t = local(MON, '10:00');
    }
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`each step: nothing serious for axe, and nothing scrolls sideways on a phone at 200% zoom (${lang})`, async () => {
      await setRules({ remoteQueue: true, verifyPhone: false });
      const context = await browser.newContext({ viewport: { width: 195, height: 422 }, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      const check = async (step: string) => {
        expect(await sideways(page), step).toBe(0);
        const v = await violations(page);
        if (v.length) found[step] = v;
      };
      await page.goto(`${sys.url}/join?lang=${lang}`);
      await byTest(page, 'join-service-A').waitFor();
      await check('service');
      await byTest(page, 'join-service-A').click();
      await byTest(page, 'join-contact-value').fill('12');
      await byTest(page, 'join-contact-next').click();
      // A wrong number: marked, described by the message, and focused.
      await byTest(page, 'join-contact-problem').waitFor();
      expect(await byTest(page, 'join-contact-value').getAttribute('aria-describedby')).toBe('join-problem');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('join-contact-value');
      await check('contact');
      await byTest(page, 'join-contact-value').fill('');
      await byTest(page, 'join-contact-next').click();
      await byTest(page, 'join-summary').waitFor();
      await check('confirm');
      await setRules({ remoteQueue: false });
      await page.goto(`${sys.url}/join?lang=${lang}`);
      await byTest(page, 'join-branch-demo').waitFor();
      await check('branch (off)');
      expect(found).toEqual({});
      await context.close();
    });
  }
});
