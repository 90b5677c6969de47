/**
 * The service record and the service report in a real browser against the real system: a teller
 * serves a walk-in, writes a note and an outcome, completes, opens the report and sees them — in
 * Chinese (alice, counter 1) and in English (bob, counter 2). Completing with unsaved notes saves
 * them first; when they cannot be saved the customer is not completed and the panel says why.
 * The report prints without the navigation. Renderings are saved to /tmp/record-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTest, device, eventuallyText, HttpClient, issueTicket, signInStaff, textOf, startWithBrowser, stopWithBrowser, type TestSystem } from '../support.js';

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser());
});

afterAll(() => stopWithBrowser(sys, browser));

/** Signs in, signs on at `counter`, calls the next customer and starts serving them. */
async function serveNext(page: Page, username: string, counter: string, labels: { callNext: RegExp; start: RegExp }): Promise<void> {
  await signInStaff(page, sys.url, username);
  await byTest(page, `sign-on-${counter}`).click();
  await page.getByRole('button', { name: labels.callNext }).click();
  await page.getByRole('button', { name: labels.start }).click();
  await eventuallyText(page, 'current-status').toMatch(/./);
  await byTest(page, 'service-record').waitFor();
}

/** Opens the report from the panel's link (a new window) and waits for it to show. */
async function openReport(page: Page): Promise<Page> {
  const [report] = await Promise.all([page.context().waitForEvent('page'), byTest(page, 'record-report-link').click()]);
  await byTest(report, 'service-report').waitFor();
  return report;
}

const stored = async (ticketId: string) => (await sys.system.parts.db.serviceRecords.listByTicket(ticketId)).map((r) => [r.staffName, r.outcome, r.notes]);

describe('service record and report', () => {
  it('in Chinese: refuses to complete while the notes cannot be saved, saves them on completing, and the report shows them', async () => {
    const { ticketId, number } = await issueTicket(sys, 'A');
    const { page } = await device(browser, { locale: 'zh-CN' });
    await serveNext(page, 'alice', '1', { callNext: /叫下一位/, start: /开始办理/ });
    expect(await page.getByRole('heading', { name: '服务记录' }).count()).toBe(1);

    // Notes typed, no outcome chosen: completing would lose them, so it is not done.
    const notes = page.getByLabel('备注');
    expect(await byTest(page, 'record-outcome-needed').count()).toBe(0);
    await notes.fill('客户咨询房贷。\n下周带收入证明再来。');
    expect(await textOf(page, 'record-count')).toBe('18 / 2000');
    // The outcome is now needed, and the field says so before 办理完成 is pressed.
    await eventuallyText(page, 'record-outcome-needed').toBe('请先选择办理结果，才能保存备注。');
    expect(await page.getByRole('group', { name: '办理结果（必填）' }).count()).toBe(1);
    await page.getByRole('button', { name: /办理完成/ }).click();
    await eventuallyText(page, 'error').toContain('服务记录未能保存，因此客户尚未办结');
    // Pressing it anyway takes the teller to the field that is missing.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('record-outcome-resolved');
    expect(await textOf(page, 'current-number')).toBe(number);
    expect(await stored(ticketId)).toEqual([]);

    // An outcome chosen and saved: the time of the save is shown.
    await page.getByRole('radio', { name: '需跟进' }).check();
    expect(await byTest(page, 'record-outcome-needed').count()).toBe(0);
    await byTest(page, 'record-save').click();
    await eventuallyText(page, 'record-status').toMatch(/^已保存 \d\d:\d\d$/);
    expect(await stored(ticketId)).toEqual([['Alice', 'follow-up', '客户咨询房贷。\n下周带收入证明再来。']]);

    // A change not saved yet is saved by completing.
    await notes.fill('客户咨询房贷。\n下周带收入证明再来。已预约。');
    await eventuallyText(page, 'record-status').toBe('有未保存的修改');
    await page.getByRole('button', { name: /办理完成/ }).click();
    await eventuallyText(page, 'notice').toContain(number);
    expect(await stored(ticketId)).toEqual([['Alice', 'follow-up', '客户咨询房贷。\n下周带收入证明再来。已预约。']]);
    // The last customer's record stays, to amend, with the report beside it.
    await page.getByRole('heading', { name: `上一位客户 ${number} 的服务记录` }).waitFor();
    expect(await textOf(page, 'record-report-link')).toContain('服务报告');
    await page.screenshot({ path: '/tmp/record-panel-zh.png' });

    const report = await openReport(page);
    expect(await textOf(report, 'report-number')).toBe(number);
    expect(await report.title()).toBe(`服务报告 ${number} · ${await page.evaluate(() => document.title.split(' · ')[1])}`);
    expect(await textOf(report, 'report-leg-heading')).toBe('环节 1：Alice（1 号柜台）');
    expect(await textOf(report, 'report-record-outcome')).toBe('需跟进');
    expect(await textOf(report, 'report-record-notes')).toBe('客户咨询房贷。\n下周带收入证明再来。已预约。');
    // Minutes to one decimal, as the KPI screen shows them (a short wait is not "0 分钟").
    expect(await textOf(report, 'report-wait')).toMatch(/^\d+(\.\d)? 分钟$/);
    await report.screenshot({ path: '/tmp/record-report-zh.png' });
    // On paper: the report alone, without the way back, the print button or the language switch.
    expect(await report.getByRole('link', { name: '返回柜员工作台' }).isVisible()).toBe(true);
    await report.emulateMedia({ media: 'print' });
    expect(await report.getByRole('link', { name: '返回柜员工作台' }).isVisible()).toBe(false);
    expect(await byTest(report, 'report-print').isVisible()).toBe(false);
    expect(await byTest(report, 'service-report').isVisible()).toBe(true);
    await page.context().close();
  });

  it('in English: a teller completes with the note unsaved, amends the outcome afterwards, and the report shows it', async () => {
    const { ticketId, number } = await issueTicket(sys, 'B');
    const { page } = await device(browser, { locale: 'en-US' });
    await serveNext(page, 'bob', '2', { callNext: /Call next/, start: /^Start/ });
    expect(await page.getByRole('heading', { name: 'Service record' }).count()).toBe(1);
    await page.getByLabel('Notes').fill('Replaced a lost debit card.');
    await eventuallyText(page, 'record-outcome-needed').toBe('Choose an outcome to save the notes.');
    expect(await page.getByRole('group', { name: 'Outcome (required)' }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Resolved', exact: true }).check();

    // A reload of the tab before saving: what was typed comes back for the same ticket.
    await page.reload();
    await byTest(page, 'service-record').waitFor();
    await expect.poll(() => page.getByLabel('Notes').inputValue()).toBe('Replaced a lost debit card.');
    expect(await page.getByRole('radio', { name: 'Resolved', exact: true }).isChecked()).toBe(true);
    expect(await textOf(page, 'record-status')).toBe('Unsaved changes');
    expect(await stored(ticketId)).toEqual([]);
    await page.getByRole('button', { name: /^Complete/ }).click();
    await page.getByRole('heading', { name: `Service record of the last customer, ${number}` }).waitFor();
    expect(await stored(ticketId)).toEqual([['Bob', 'resolved', 'Replaced a lost debit card.']]);
    expect(await textOf(page, 'record-status')).toMatch(/^Saved \d\d:\d\d$/);

    // Amending after completing, the same day.
    await page.getByRole('radio', { name: 'Referred', exact: true }).check();
    await byTest(page, 'record-save').click();
    await expect.poll(() => stored(ticketId)).toEqual([['Bob', 'referred', 'Replaced a lost debit card.']]);

    const report = await openReport(page);
    expect(await textOf(report, 'report-number')).toBe(number);
    expect(await textOf(report, 'report-leg-heading')).toBe('Step 1: Bob (Counter 2)');
    expect(await textOf(report, 'report-record-outcome')).toBe('Referred');
    expect(await textOf(report, 'report-record-notes')).toBe('Replaced a lost debit card.');
    expect(await report.getByRole('heading', { name: 'Step 1: Bob (Counter 2)' }).count()).toBe(1);
    await report.screenshot({ path: '/tmp/record-report-en.png' });

    // Saved and the visit over: a reload brings no draft back, and the tab keeps none.
    await page.reload();
    await page.getByRole('button', { name: /Call next/ }).waitFor();
    expect(await byTest(page, 'service-record').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('tl-draft:service-record')))).toEqual([]);
    await page.context().close();
  });

  it('keeps keyboard focus on Save after saving, and keeps unsaved notes when the customer cancels while called, saying so', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('D') });
    expect(issued.status).toBe(201);
    const { ticketId, token, view } = issued.body.data as { ticketId: string; token: string; view: { number: string } };
    const { page } = await device(browser, { locale: 'en-US' });
    await signInStaff(page, sys.url, 'dana');
    await byTest(page, 'sign-on-4').click();
    await page.getByRole('button', { name: /Call next/ }).click();
    await eventuallyText(page, 'current-number').toBe(view.number);
    await byTest(page, 'service-record').waitFor();

    // Keyboard only: type, Tab to the first outcome and pick it, Tab to Save, Enter.
    await page.getByLabel('Notes').focus();
    await page.keyboard.type('Asked about a safe deposit box.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('record-save');
    await page.keyboard.press('Enter');
    await eventuallyText(page, 'record-status').toMatch(/^Saved \d\d:\d\d$/);
    // Nothing left to save: the button says so, but focus stays on it rather than falling to the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('record-save');
    expect(await byTest(page, 'record-save').getAttribute('aria-disabled')).toBe('true');
    expect(await stored(ticketId)).toEqual([['Dana', 'resolved', 'Asked about a safe deposit box.']]);

    // More typed, then the customer cancels on their phone while still being called.
    await page.getByLabel('Notes').fill('Asked about a safe deposit box; call back with prices.');
    await eventuallyText(page, 'record-status').toBe('Unsaved changes');
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${token}/cancel`, {})).status).toBe(200);
    await eventuallyText(page, 'record-ended').toBe(`${view.number} cancelled their ticket; save your notes`);
    expect(await page.getByLabel('Notes').inputValue()).toBe('Asked about a safe deposit box; call back with prices.');
    await page.screenshot({ path: '/tmp/record-cancelled-en.png' });
    // The panel learned why from Dana's own record, not by opening (and auditing) the report.
    const reportViews = (await sys.system.parts.db.audit.list(sys.branchId, 500)).filter((e) => e.action === 'view-service-report' && e.ticketId === ticketId);
    expect(reportViews).toEqual([]);
    await byTest(page, 'record-save').click();
    await expect.poll(() => stored(ticketId)).toEqual([['Dana', 'resolved', 'Asked about a safe deposit box; call back with prices.']]);
    await eventuallyText(page, 'record-status').toMatch(/^Saved \d\d:\d\d$/);
    expect(await byTest(page, 'record-ended').count()).toBe(0);
    // It now goes like the last served customer's record.
    expect(await page.getByRole('heading', { name: `Service record of the last customer, ${view.number}` }).count()).toBe(1);
    await page.context().close();
  });

  it("shows the outcome and notes in a returning customer's history, with the visit's report", async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const first = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('C'), contact: { phone: '+86 138 0013 2468', consent: true } });
    expect(first.status).toBe(201);
    const firstId = first.body.data.ticketId as string;
    const customerId = (await sys.system.parts.store.load(sys.branchId))!.tickets[firstId]!.customerId!;
    const { page } = await device(browser, { locale: 'zh-CN' });
    await serveNext(page, 'chen', '3', { callNext: /叫下一位/, start: /开始办理/ });
    await page.getByLabel('备注').fill('客户要求开立外币账户，已转介至对公柜台。');
    await page.getByRole('radio', { name: '已转介' }).check();
    await page.getByRole('button', { name: /办理完成/ }).click();
    await page.getByRole('heading', { name: /^上一位客户/ }).waitFor();

    // The same customer comes back (as a booked customer checking in would), having agreed by then
    // to keep a visit history (earlier visits are shown only with it: consent.e2e.test.ts).
    await sys.system.parts.db.historyConsents.update(customerId, { consents: { history: true }, preferences: {} });
    await sys.system.parts.commands.run(
      sys.branchId,
      { type: 'issue', ticketId: 'e2e-return-visit', token: 'tok-e2e-return-visit-aaaaaaaa', serviceId: sys.service('C'), kind: 'walk-in', priority: 'normal', customerId },
      null,
    );
    await page.getByRole('button', { name: /叫下一位/ }).click();
    const visit = byTest(page, `visit-${firstId}`);
    await visit.waitFor();
    expect(await visit.textContent()).toContain('已转介');
    expect(await visit.textContent()).toContain('客户要求开立外币账户，已转介至对公柜台。');
    await page.screenshot({ path: '/tmp/record-history-zh.png' });
    const [report] = await Promise.all([page.context().waitForEvent('page'), visit.getByTestId('visit-report-link').click()]);
    await byTest(report, 'service-report').waitFor();
    expect(await textOf(report, 'report-number')).toBe(first.body.data.view.number);
    expect(await textOf(report, 'report-record-notes')).toBe('客户要求开立外币账户，已转介至对公柜台。');
    await page.context().close();
  });
});
