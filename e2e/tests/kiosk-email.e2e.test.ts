/**
 * A walk-in leaves an e-mail address at the lobby kiosk, which has no keyboard: typed on the
 * on-screen one, finished with a domain key (@qq.com, @gmail.com), a slip mended with ⌫. The
 * address reaches the server with the ticket; an unattended kiosk forgets it. The real system,
 * Chromium at the kiosk's portrait and landscape sizes, in Chinese and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { device, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

/** The kiosk on the contact step of service A, e-mail chosen. */
async function emailStep(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await page.goto(`${sys.url}/kiosk?device=${sys.kioskToken}`);
  await page.click(`[data-testid=lang-${lang}]`);
  await page.click('[data-testid=service-A]');
  await page.check('input[name=kind][value=email]');
  await page.locator('[data-testid=email-input]').waitFor();
}

async function tap(page: Page, text: string): Promise<void> {
  for (const k of text) await page.click(`[data-testid="email-key-${k}"]`);
}

/** The e-mail addresses sent with tickets this page asked for. */
function sentContacts(page: Page): unknown[] {
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/branches\/[^/]+\/tickets$/.test(new URL(r.url()).pathname)) sent.push((JSON.parse(r.postData() ?? '{}') as { contact?: unknown }).contact);
  });
  return sent;
}

/** Every key and shortcut on show is a touch target of at least 44 x 44 CSS px, wholly on screen. */
async function keysBigEnough(page: Page): Promise<void> {
  const boxes = await page.locator('[data-testid^=email-key-]:visible, [data-testid^=email-domain-]:visible').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid'), ...e.getBoundingClientRect().toJSON() }) as { id: string; width: number; height: number; right: number; bottom: number }));
  expect(boxes.length).toBeGreaterThanOrEqual(41 + 2 + 5);
  const { width, height } = page.viewportSize()!;
  for (const b of boxes) {
    expect(b.width, b.id).toBeGreaterThanOrEqual(44);
    expect(b.height, b.id).toBeGreaterThanOrEqual(44);
    expect(b.right, b.id).toBeLessThanOrEqual(width);
    expect(b.bottom, b.id).toBeLessThanOrEqual(height);
  }
}

describe('an e-mail address at the kiosk', () => {
  it('is typed on the on-screen keys in Chinese, with a slip deleted and @qq.com, and reaches the server with the ticket', async () => {
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    const sent = sentContacts(page);
    await emailStep(page, 'zh');
    const input = page.getByLabel('电子邮箱地址', { exact: true });
    // A real field with its label, that asks the system for no keyboard of its own.
    expect(await input.getAttribute('inputmode')).toBe('none');
    expect(await input.getAttribute('data-testid')).toBe('email-input');
    // No mailbox name yet: no domain keys.
    expect(await page.locator('[data-testid^=email-domain-]:visible').count()).toBe(0);

    await tap(page, 'wang.lii');
    await page.getByRole('button', { name: '删除', exact: true }).click();
    expect(await input.inputValue()).toBe('wang.li');
    await keysBigEnough(page);

    // The address is not finished: the field's own message, at the field.
    await tap(page, '@');
    expect(await page.isDisabled('[data-testid="email-key-@"]')).toBe(true);
    await page.check('[data-testid=consent]');
    await page.click('[data-testid=issue-with-contact]');
    await expect.poll(() => page.locator('#contact-problem').textContent()).toContain('电子邮箱格式不正确');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    // After "wang.li@q" only the domain that fits is offered; one tap finishes the address.
    await tap(page, 'q');
    expect(await page.locator('[data-testid^=email-domain-]:visible').evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['@qq.com']);
    await page.getByRole('button', { name: '填入 @qq.com' }).click();
    expect(await input.inputValue()).toBe('wang.li@qq.com');
    expect(await page.locator('[data-testid^=email-domain-]:visible').count()).toBe(0);

    await page.click('[data-testid=issue-with-contact]');
    await page.locator('[data-testid=ticket-qr] svg').waitFor();
    expect(sent).toEqual([{ email: 'wang.li@qq.com', consent: true }]);
    expect(await sys.system.parts.db.customerBook.findByEmail('wang.li@qq.com')).toHaveLength(1);
    await context.close();
  });

  it('works in English on a landscape kiosk, named keys for screen readers, @gmail.com offered from the start', async () => {
    const { context, page } = await device(browser, { width: 1920, height: 1080, locale: 'en-US' });
    const sent = sentContacts(page);
    await emailStep(page, 'en');
    const input = page.getByLabel('E-mail address', { exact: true });
    await tap(page, 'li_wei');
    await page.getByRole('button', { name: 'dot', exact: true }).click();
    await tap(page, '88');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await input.inputValue()).toBe('li_wei.8');
    // All five services are offered once there is a mailbox name.
    expect(await page.locator('[data-testid^=email-domain-]:visible').evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['@qq.com', '@163.com', '@126.com', '@gmail.com', '@outlook.com']);
    await keysBigEnough(page);
    // Keyboard, consent and submit all fit a 1080 px tall screen: nothing to scroll to.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await page.getByRole('button', { name: 'Add @gmail.com' }).click();
    expect(await input.inputValue()).toBe('li_wei.8@gmail.com');

    await page.check('[data-testid=consent]');
    await page.click('[data-testid=issue-with-contact]');
    await page.locator('[data-testid=ticket-qr] svg').waitFor();
    expect(sent).toEqual([{ email: 'li_wei.8@gmail.com', consent: true }]);
    expect(await sys.system.parts.db.customerBook.findByEmail('li_wei.8@gmail.com')).toHaveLength(1);
    await context.close();
  });

  it('still takes a physical keyboard, if one is attached', async () => {
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'en-US' });
    await emailStep(page, 'en');
    await page.click('[data-testid=email-input]');
    await page.keyboard.type('anna');
    await tap(page, '@');
    await page.click('[data-testid="email-domain-outlook.com"]');
    expect(await page.inputValue('[data-testid=email-input]')).toBe('anna@outlook.com');
    // The English words are longer: the portrait kiosk still shows the whole step without scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('is forgotten when the kiosk goes back to the start by itself', async () => {
    const { context, page } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await page.clock.install();
    await emailStep(page, 'zh');
    await tap(page, 'zhang');
    await page.clock.fastForward(61_000);
    await page.locator('[data-testid=lang-zh]').waitFor();
    await page.click('[data-testid=lang-zh]');
    await page.click('[data-testid=service-A]');
    await page.check('input[name=kind][value=email]');
    expect(await page.inputValue('[data-testid=email-input]')).toBe('');
    await context.close();
  });
});
