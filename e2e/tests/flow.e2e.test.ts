/**
 * The whole lobby, in one browser, against the real system: the kiosk issues a ticket, the
 * customer's phone shows their place, a teller calls them from the staff panel, the lobby screen
 * shows and announces the number and counter, and the phone says "go to counter 1". Then the
 * server restarts mid-flow: the lobby screen resynchronises without announcing the old call
 * again, and the next call is shown and announced exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { device, screenshot, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let kiosk: Page;
let phone: Page;
let staff: Page;
let signage: Page;

interface SignageDebug {
  announced: string[];
  status: string;
}
const announced = async () => (await signage.evaluate(() => (window as unknown as { __signage: SignageDebug }).__signage)).announced;
const spokenAbout = async (number: string) => (await announced()).filter((u) => u.startsWith('zh-CN|') && u.includes(number));

/** Takes a ticket at the kiosk as a customer would; returns its number and phone-page URL. */
async function takeTicket(): Promise<{ number: string; url: string }> {
  await kiosk.click('[data-testid=lang-zh]');
  await kiosk.click('[data-testid=service-A]');
  await kiosk.click('[data-testid=skip-contact]');
  const ticket = kiosk.locator('[data-testid=kiosk-ticket]');
  await ticket.locator('[data-testid=ticket-qr] svg').waitFor();
  const issued = { number: (await kiosk.textContent('[data-testid=ticket-number]'))!.trim(), url: (await ticket.getAttribute('data-phone-url'))! };
  await kiosk.click('[data-testid=ticket-done]');
  return issued;
}

async function callNext(): Promise<void> {
  const button = staff.getByRole('button', { name: /叫下一位/ });
  await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
  await button.click();
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({ ROLES: 'api,realtime,worker,scheduler' }));
  ({ page: kiosk } = await device(browser, { width: 1080, height: 1920 }));
  ({ page: phone } = await device(browser, { width: 390, height: 844 }));
  ({ page: staff } = await device(browser));
  ({ page: signage } = await device(browser, { width: 1920, height: 1080 }));
  await kiosk.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
  await signage.goto(`${sys.url}/signage/?device=${sys.signageToken}`);
  await signage.waitForFunction(() => (window as unknown as { __signage?: SignageDebug }).__signage?.status === 'online');
  await staff.goto(`${sys.url}/staff`);
  await staff.waitForURL('**/staff/login');
  await staff.fill('input[name=username]', 'alice');
  await staff.fill('input[name=password]', 'demo1234');
  await staff.click('button[type=submit]');
  await staff.locator('[data-testid="sign-on-1"]').click();
});

afterAll(() => stopWithBrowser(sys, browser));

describe('kiosk -> phone -> staff call -> signage -> phone', () => {
  let first: { number: string; url: string };

  it('the kiosk ticket opens on the phone with its place in line', async () => {
    first = await takeTicket();
    expect(first.number).toBe('A001');
    await phone.goto(first.url);
    await expect.poll(() => phone.textContent('[data-testid=phone-number]')).toBe('A001');
    expect(await phone.textContent('[data-testid=phone-ahead]')).toBe('0 人');
  });

  it('a call from the staff panel reaches the lobby screen (announced once) and the phone', async () => {
    await callNext();
    await expect.poll(() => signage.textContent('[data-testid=current-number]'), { timeout: 10_000 }).toBe('A001');
    expect(await signage.innerText('[data-testid=current-counter]')).toContain('1');
    await expect.poll(() => spokenAbout('A001'), { timeout: 10_000 }).toHaveLength(1);
    const called = phone.locator('[data-testid=phone-called]');
    await called.waitFor({ timeout: 10_000 });
    expect(await called.textContent()).toContain('请到 1 号柜台');
    await screenshot(signage, 'flow-signage-called');
  });

  it('after a server restart the lobby screen resyncs without repeating the call; the next call is announced once', async () => {
    await sys.restart();
    // The screen notices, reconnects on its own to the new process and shows the same call
    // again, silently. (The new process's socket gauge proves the reconnect really happened.)
    const socketsOnNewServer = async (kind: string) => {
      const text = await sys.system.parts.metrics.registry.getSingleMetricAsString('tellerline_sockets');
      return Number(new RegExp(`kind="${kind}"} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    await expect.poll(() => socketsOnNewServer('signage'), { timeout: 30_000 }).toBe(1);
    await signage.waitForFunction(() => (window as unknown as { __signage: SignageDebug }).__signage.status === 'online', null, { timeout: 30_000 });
    expect(await signage.textContent('[data-testid=current-number]')).toBe('A001');
    expect(await spokenAbout('A001')).toHaveLength(1);

    // Service goes on: complete A001, a new customer arrives and is called.
    const complete = async () => {
      await staff.getByRole('button', { name: /开始办理/ }).click({ timeout: 30_000 });
      await staff.getByRole('button', { name: /完成/ }).click({ timeout: 15_000 });
    };
    await complete();
    const second = await takeTicket();
    expect(second.number).toBe('A002');
    await callNext();
    await expect.poll(() => signage.textContent('[data-testid=current-number]'), { timeout: 15_000 }).toBe('A002');
    await expect.poll(() => spokenAbout('A002'), { timeout: 10_000 }).toHaveLength(1);
    expect(await spokenAbout('A001')).toHaveLength(1);
    // The first customer's phone knows they are done.
    await expect.poll(() => phone.textContent('body'), { timeout: 15_000 }).toMatch(/已完成|办理完成/);
  });
});
