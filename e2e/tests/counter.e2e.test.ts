/**
 * The reviewer's counter findings in a real browser: a customer cannot be transferred to a
 * colleague who would never call them (the dialog only offers counters whose colleague can serve
 * the ticket, and says why the others cannot), and priority tickets are issued and raised from
 * the staff panel, in Chinese (the lobby manager, who has no counter) and English (a teller).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, eventuallyText, HttpClient, kioskTicket, screenshot, signedOnAt, signInStaff, startWithBrowser, stopWithBrowser, textOf, waitFor, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;
let alice: Page;
let bob: HttpClient;
let chen: HttpClient;
let managerHttp: HttpClient;

const eventually = eventuallyText;
const commands = () => `/api/v1/branches/${sys.branchId}/commands`;
const issue = async (code: string) => (await kioskTicket(sys, code)).number;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
  // The start-up close opens the business day asynchronously: let it, so it cancels nothing of ours.
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  // Demo skills: alice A/B, bob B/A, chen C/D only.
  bob = await signedOnAt(sys, 'bob', '2');
  chen = await signedOnAt(sys, 'chen', '3');
  managerHttp = new HttpClient(sys.url);
  await managerHttp.login('manager');
});

afterAll(() => stopWithBrowser(sys, browser));

describe('transfer dialog', () => {
  it("offers only counters whose colleague can serve the ticket, and says why the others cannot (English)", async () => {
    ({ page: alice } = await device(browser, { locale: 'en-US' }));
    await signInStaff(alice, sys.url, 'alice');
    await byTest(alice, 'sign-on-1').click();
    await eventually(alice, 'my-counter').toBe('Counter 1');
    const number = await issue('A');
    await alice.keyboard.press('Alt+n');
    await eventually(alice, 'current-number').toBe(number);
    await alice.keyboard.press('Alt+t');
    const dialog = alice.locator('dialog[open]');
    await dialog.waitFor();

    // Bob serves A: offered. Chen serves C and D only: listed, disabled, with the reason.
    const bobOption = byTest(alice, 'transfer-counter-2');
    const chenOption = byTest(alice, 'transfer-counter-3');
    expect(await bobOption.locator('input').isDisabled()).toBe(false);
    expect(await chenOption.locator('input').isDisabled()).toBe(true);
    expect(await textOf(alice, 'transfer-counter-3')).toContain('Chen');
    expect(await textOf(alice, 'transfer-counter-3')).toContain('Cannot serve Personal cash');
    // The reason is tied to the disabled control for screen readers.
    const why = await chenOption.locator('input').getAttribute('aria-describedby');
    expect(await alice.locator(`#${why}`).textContent()).toContain('Cannot serve Personal cash');
    await screenshot(alice, 'transfer-dialog-skills-en');

    // Moving the customer to foreign exchange (C) turns it round: Chen can take them, Bob cannot.
    await dialog.getByText('Loans').click();
    await expect.poll(() => chenOption.locator('input').isDisabled()).toBe(false);
    expect(await bobOption.locator('input').isDisabled()).toBe(true);
    expect(await textOf(alice, 'transfer-counter-2')).toContain('Cannot serve Loans');
    await chenOption.click();
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await eventually(alice, 'notice').toBe(`${number} moved to “Loans” and waits there.`);
    const called = await chen.req('POST', commands(), { type: 'call-next' });
    expect(called.body.data.called.reason.rule).toBe('reserved');
    await chen.req('POST', commands(), { type: 'no-show', ticketId: called.body.data.called.ticketId });
  });

  it('a counter whose colleague pauses while the dialog is open stops being a choice (live)', async () => {
    const number = await issue('A');
    await alice.keyboard.press('Alt+n');
    await eventually(alice, 'current-number').toBe(number);
    await alice.keyboard.press('Alt+t');
    const dialog = alice.locator('dialog[open]');
    await dialog.waitFor();
    await byTest(alice, 'transfer-counter-2').click();
    expect((await bob.req('POST', commands(), { type: 'pause', reason: 'break' })).status).toBe(200);
    await expect.poll(() => byTest(alice, 'transfer-counter-2').locator('input').isDisabled()).toBe(true);
    expect(await textOf(alice, 'transfer-counter-2')).toContain('Paused: cannot take customers');
    // Nothing left to send it to: the dialog says so instead of sending a customer nowhere.
    expect(await textOf(alice, 'transfer-no-capable-counter')).toContain('No colleague at another counter can take this customer now');
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Choose another service or a counter.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await bob.req('POST', commands(), { type: 'resume' });
    await alice.keyboard.press('Alt+s');
    await eventually(alice, 'current-status').toContain('Being served');
    await alice.keyboard.press('Alt+c');
    await expect.poll(() => byTest(alice, 'current-number').count()).toBe(0);
  });

  it('a service no colleague on duty serves is disabled with the reason, and the dialog closes when the customer leaves the desk', async () => {
    const { ticketId, number } = await kioskTicket(sys, 'A');
    await alice.keyboard.press('Alt+n');
    await eventually(alice, 'current-number').toBe(number);
    // Chen, the only one for C (Loans) and D, signs off.
    expect((await chen.req('POST', commands(), { type: 'sign-off' })).status).toBe(200);
    await alice.keyboard.press('Alt+t');
    const dialog = alice.locator('dialog[open]');
    await dialog.waitFor();
    const loans = byTest(alice, 'transfer-service-C');
    await expect.poll(() => loans.locator('input').isDisabled()).toBe(true);
    expect(await textOf(alice, 'transfer-service-C')).toContain('No signed-on colleague serves it now');
    const why = await loans.locator('input').getAttribute('aria-describedby');
    expect(await alice.locator(`#${why}`).textContent()).toContain('No signed-on colleague serves it now');
    expect(await byTest(alice, 'transfer-service-B').locator('input').isDisabled()).toBe(false);
    expect(await byTest(alice, 'transfer-service-A').locator('input').isDisabled()).toBe(false);
    // The automatic no-show (the customer never came) while the dialog is open, as the timer runs it.
    await sys.system.parts.commands.run(sys.branchId, { type: 'no-show', ticketId, reason: 'timeout' }, null);
    await expect.poll(() => alice.locator('dialog[open]').count()).toBe(0);
    await expect.poll(() => byTest(alice, 'current-number').count()).toBe(0);
    chen = await signedOnAt(sys, 'chen', '3');
  });
});

describe('priority tickets from the staff panel', () => {
  it('the lobby manager (no counter) issues a priority ticket in Chinese: number, phone link and QR code to hand over', async () => {
    const { page: manager } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(manager, sys.url, 'manager');
    await byTest(manager, 'issue-ticket').click();
    const dialog = manager.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('为客户取号');
    await byTest(manager, 'issue-service-A').check();
    await byTest(manager, 'issue-class-priority').check();
    // A priority class needs a reason: said in the panel's language, tied to the field.
    await byTest(manager, 'issue-confirm').click();
    expect(await textOf(manager, 'issue-reason-problem')).toBe('请选择或填写优先原因。');
    await byTest(manager, 'issue-reason-elderly').check();
    await byTest(manager, 'issue-confirm').click();
    await byTest(manager, 'issued-ticket').waitFor();
    const number = await textOf(manager, 'issued-number');
    expect(number).toMatch(/^A\d{3}$/);
    expect(await dialog.locator('h2').textContent()).toBe('已取号');
    expect(await textOf(manager, 'issued-ticket')).toContain('个人现金业务');
    await expect.poll(() => byTest(manager, 'issued-qr').locator('svg').count()).toBe(1);
    expect(await byTest(manager, 'issued-qr').getAttribute('aria-label')).toBe(`${number} 号的手机查看二维码`);
    // Focus lands on the number, so a screen reader reads what to hand over.
    expect(await manager.evaluate(() => document.activeElement?.textContent ?? '')).toContain(number);
    await screenshot(manager, 'issue-priority-zh');
    const link = (await byTest(manager, 'issued-link').getAttribute('href'))!;
    expect(link).toMatch(new RegExp(`^${sys.url}/t/[A-Za-z0-9_-]+\\?lang=zh$`));

    // The link is the customer's own phone page.
    const { page: phone } = await device(browser, { locale: 'zh-CN', width: 390, height: 844 });
    await phone.goto(link);
    await expect.poll(() => phone.locator('body').textContent(), { timeout: 5000 }).toContain(number);
    await phone.context().close();

    await byTest(manager, 'issue-done').click();
    expect(await manager.locator('dialog[open]').count()).toBe(0);
    // Alice's queue shows it as a priority customer, and call-next takes it before an earlier normal one.
    await eventually(alice, `queue-ticket-${number}`).toContain('Priority');
    const audit = await managerHttp.req('GET', `/api/v1/branches/${sys.branchId}/audit?limit=50`);
    const entry = (audit.body.data as { action: string; details: Record<string, unknown> }[]).find((e) => e.action === 'issue' && e.details.issuedBy === 'staff');
    // The class and that a reason was given; never the reason (health data).
    expect(entry?.details).toMatchObject({ priority: 'priority', reasonGiven: 'yes' });
    expect(entry?.details).not.toHaveProperty('reason');
    await manager.context().close();
  });

  it('a teller raises a waiting ticket to priority in English; it is called first', async () => {
    // Take the manager's priority ticket first, so only normal tickets wait.
    await alice.keyboard.press('Alt+n');
    await expect.poll(() => textOf(alice, 'current-number')).toMatch(/^A\d{3}$/);
    expect(await textOf(alice, 'call-reason')).toContain('priority customer');
    await alice.keyboard.press('Alt+s');
    await eventually(alice, 'current-status').toContain('Being served');
    await alice.keyboard.press('Alt+c');
    await expect.poll(() => byTest(alice, 'current-number').count()).toBe(0);

    const first = await issue('A');
    const second = await issue('A');
    await alice.getByRole('button', { name: `Raise the priority of ${second}` }).click();
    const dialog = alice.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe(`Raise the priority of ${second}`);
    await byTest(alice, 'raise-reason-pregnant').check();
    await byTest(alice, 'raise-confirm').click();
    await eventually(alice, 'notice').toBe(`${second} is now a priority customer.`);
    await eventually(alice, `queue-ticket-${second}`).toContain('Priority');
    expect(await textOf(alice, `queue-ticket-${first}`)).not.toContain('Priority');
    await screenshot(alice, 'raise-priority-en');
    await alice.keyboard.press('Alt+n');
    await eventually(alice, 'current-number').toBe(second);
  });

  it('a teller issues a VIP ticket in English, with their own words as the reason', async () => {
    await byTest(alice, 'issue-ticket').click();
    const dialog = alice.locator('dialog[open]');
    await dialog.waitFor();
    await byTest(alice, 'issue-service-B').check();
    await byTest(alice, 'issue-class-vip').check();
    await byTest(alice, 'issue-reason-text').fill('Private banking client');
    await byTest(alice, 'issue-confirm').click();
    await byTest(alice, 'issued-ticket').waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Ticket issued');
    const number = await textOf(alice, 'issued-number');
    expect(number).toMatch(/^B\d{3}$/);
    expect(await textOf(alice, 'issued-ticket')).toContain('Tell the customer this number.');
    expect(await byTest(alice, 'issued-link').getAttribute('href')).toMatch(/\/t\/[A-Za-z0-9_-]+\?lang=en$/);
    await byTest(alice, 'issue-done').click();
    await eventually(alice, `queue-ticket-${number}`).toContain('VIP');
  });
});
