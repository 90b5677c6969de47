/**
 * The staff panel tells the teller what the customers are told: a ticket issued for a service
 * nobody on duty can serve says so (the kiosk's words), before and after issuing; a customer who
 * cancels on their phone while called is named in the panel's notice, not just gone from the desk.
 * The real system, Chromium. Alice serves A and B; nobody for C (loans) is signed on.
 * Renderings are saved to /tmp/panel-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, eventuallyText, HttpClient, issueTicket, signInStaff, staffCommand, startWithBrowser, stopWithBrowser, textOf, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

async function signedOnPanel(locale: string): Promise<Page> {
  const { page } = await device(browser, { locale });
  await signInStaff(page, sys.url, 'alice');
  await byTest(page, 'sign-on-1').click();
  await byTest(page, 'my-status').waitFor();
  return page;
}

describe('staff panel notices', () => {
  it('in Chinese: issuing for a service nobody on duty can serve says so on the choice and on the issued ticket, and still issues', async () => {
    const page = await signedOnPanel('zh-CN');
    await byTest(page, 'issue-ticket').click();
    await page.locator('dialog[open]').waitFor();
    await eventuallyText(page, 'issue-no-staff-C').toBe('暂无可办理人员');
    // Alice serves A: no warning there.
    expect(await byTest(page, 'issue-no-staff-A').count()).toBe(0);
    // Read with the choice itself (inside its label): C and D are Chen's, who is not signed on.
    const warned = page.getByRole('radio', { name: /暂无可办理人员/ });
    expect(await warned.evaluateAll((radios) => radios.map((r) => r.getAttribute('data-testid')))).toEqual(['issue-service-C', 'issue-service-D']);

    await page.screenshot({ path: '/tmp/panel-issue-no-staff-zh.png' });
    await byTest(page, 'issue-service-C').check();
    await byTest(page, 'issue-confirm').click();
    await byTest(page, 'issued-ticket').waitFor();
    expect(await textOf(page, 'issued-number')).toMatch(/^C\d{3}$/);
    expect(await textOf(page, 'issued-no-staff')).toBe('暂无可办理人员');
    await page.screenshot({ path: '/tmp/panel-issued-no-staff-zh.png' });
    await page.context().close();
    // The next test signs Alice on afresh.
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    await staffCommand(sys, alice, { type: 'sign-off' });
  });

  it('in English: the called customer cancels on their phone, and the notice says so', async () => {
    const page = await signedOnPanel('en-US');
    const { token, number } = await issueTicket(sys, 'A');
    await page.getByRole('button', { name: /Call next/ }).click();
    await eventuallyText(page, 'current-number').toBe(number);

    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${token}/cancel`, {})).status).toBe(200);
    await eventuallyText(page, 'notice').toBe(`${number} was cancelled by the customer.`);
    expect(await byTest(page, 'current-number').count()).toBe(0);
    await page.screenshot({ path: '/tmp/panel-cancelled-en.png' });
    await page.context().close();
  });

  it('at 1366x768 the "A003 done." notice covers none of the live queue at the right', async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    // Still at counter 1 from the tests before: off first, so the panel starts at the counters.
    await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-off' });
    const { page } = await device(browser, { width: 1366, height: 768, locale: 'en-US' });
    await signInStaff(page, sys.url, 'alice');
    await byTest(page, 'sign-on-1').click();
    await byTest(page, 'my-status').waitFor();
    const served = await issueTicket(sys, 'A');
    for (let i = 0; i < 6; i++) await issueTicket(sys, 'B');
    await page.locator('[data-testid^="queue-ticket-"]').first().waitFor();
    await staffCommand(sys, alice, { type: 'call-ticket', ticketId: served.ticketId, reason: 'e2e' });
    await staffCommand(sys, alice, { type: 'start', ticketId: served.ticketId });
    await eventuallyText(page, 'current-number').toBe(served.number);
    await page.keyboard.press('Alt+c');
    await eventuallyText(page, 'notice').toBe(`${served.number} done.`);
    const overlap = await page.evaluate(() => {
      const toast = document.querySelector('[data-testid=notice]')!.getBoundingClientRect();
      const hit = (r: DOMRect) => r.left < toast.right && toast.left < r.right && r.top < toast.bottom && toast.top < r.bottom;
      return [...document.querySelectorAll('aside [data-testid^="queue-ticket-"], aside')].filter((e) => hit(e.getBoundingClientRect())).map((e) => e.getAttribute('data-testid') ?? e.tagName);
    });
    expect(overlap).toEqual([]);
    await page.context().close();
  });
});
