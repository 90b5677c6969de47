/**
 * The consent to keep a visit history, in Chromium against the real system: a customer books on
 * the phone with the box ticked and a need (hearing support), checks in at the kiosk, and the
 * teller who calls them sees the need (in both languages) and their earlier visit with its notes;
 * a customer who booked without it shows the teller no history; the first customer withdraws the
 * consent on the manage page, in English, with the keyboard. A clock the test moves (as in
 * booking.e2e.test.ts) on the next Monday, so slots and the check-in window do not depend on when
 * the test runs. Renderings go to /tmp/consent-*.png. A booking that joins an existing profile
 * (same name and phone) cannot give its consent: the link texted to the profile's phone does, on
 * its own page, in Chinese and in English, with the keyboard; its manage page says what a new
 * profile's says ("Saved. If we already know this contact, ..."). Nor can it withdraw her consent:
 * her history stays until she confirms the withdrawal on the page her text opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { HttpClient, byTest, device, eventuallyText, signInStaff, startWithBrowser, stopWithBrowser, textOf, type TestSystem, local, nextMonday } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '08:00'), now: () => clock.t };
const setTime = (hm: string) => void (clock.t = local(MON, hm));

/** Texts are kept, not sent: the confirmation link is read from the outbox, as from the customer's phone. */
const sms = createLoggingSmsProvider(() => undefined);
const linkTo = (phone: string) => {
  // The booking page may send the number in another spacing: compare digits.
  const digits = (p: string) => p.replace(/\D/g, '');
  // The booking's own confirmation is texted too: the last text with a confirmation link.
  const text = sms.outbox.filter((m) => digits(m.to) === digits(phone) && m.text.includes('/consent/')).at(-1)?.text ?? '';
  return /(http\S+\/consent\/\S+)/.exec(text)?.[1] ?? '';
};

let sys: TestSystem;
let browser: Browser;
let bob: HttpClient;
let teller: Page;
/** The first customer's booking (consent given): its manage token and customer. */
let kept = { manageToken: '', customerId: '' };

const customerOf = async (manageToken: string) => (await sys.system.parts.db.booking.findByManageToken(manageToken))!.customerId!;

/** An earlier visit of `customerId`, served by bob over the API, with his notes. */
async function earlierVisit(ticketId: string, customerId: string, notes: string): Promise<void> {
  await sys.system.parts.commands.run(sys.branchId, { type: 'issue', ticketId, token: `tok-${ticketId}-aaaaaaaaaaaa`, serviceId: sys.service('A'), kind: 'walk-in', priority: 'normal', customerId }, null);
  const command = (body: Record<string, unknown>) => bob.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect((await command({ type: 'call-ticket', ticketId, reason: 'consent e2e' })).status).toBe(200);
  expect((await command({ type: 'start', ticketId })).status).toBe(200);
  expect((await bob.req('PUT', `/api/v1/branches/${sys.branchId}/tickets/${ticketId}/record`, { notes, outcome: 'follow-up' })).status).toBe(200);
  expect((await command({ type: 'complete', ticketId })).status).toBe(200);
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, notify: { smsProvider: sms } }));
  bob = new HttpClient(sys.url);
  await bob.login('bob');
  expect((await bob.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'sign-on', counterId: sys.counter('2') })).status).toBe(200);
});

afterAll(() => stopWithBrowser(sys, browser));

describe('the consent to keep a visit history', () => {
  it('booked with the box ticked and hearing support: checked in at the kiosk, the teller sees the need and the earlier visit', async () => {
    setTime('08:00');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await context.newPage();
    await phone.goto(`${sys.url}/book?lang=zh`);
    await phone.click('[data-testid=service-A]');
    await phone.locator(`[data-testid=slots][data-date="${MON}"]`).waitFor();
    await phone.click(`[data-testid=slot][data-starts-at="${local(MON, '09:30')}"]`);
    await phone.fill('[data-testid=contact-name]', '李华');
    await phone.fill('[data-testid=contact-value]', '+86 139 0000 7788');
    await phone.check('[data-testid=contact-consent]');

    // Unticked by default, explained, and the needs appear only once it is ticked.
    const keep = phone.getByRole('checkbox', { name: '保留我的来访记录和偏好，以便工作人员为我的来访做好准备' });
    expect(await keep.isChecked()).toBe(false);
    expect(await byTest(phone, 'history-needs').count()).toBe(0);
    const explained = await keep.getAttribute('aria-describedby');
    expect(await phone.textContent(`#${explained}`)).toContain('撤回');
    await keep.focus();
    await phone.keyboard.press('Space');
    await byTest(phone, 'history-needs').waitFor();
    expect(await phone.getByRole('group', { name: '来访时的需求（可选）' }).getByRole('checkbox').count()).toBe(4);
    await phone.getByRole('checkbox', { name: '听力辅助' }).focus();
    await phone.keyboard.press('Space');
    await phone.screenshot({ path: '/tmp/consent-booking-zh.png', fullPage: true });
    await phone.click('[data-testid=booking-confirm]');
    await phone.locator('[data-testid=appt-booked]').waitFor();
    const code = (await phone.textContent('[data-testid=appt-code]'))!.trim();
    kept = { manageToken: decodeURIComponent(new URL(phone.url()).pathname.split('/')[2]!), customerId: '' };
    kept.customerId = await customerOf(kept.manageToken);
    // The manage page says what is kept.
    // (The consent block loads after the booking itself shows: poll, the machine may be busy.)
    await eventuallyText(phone, 'history-state').toContain('我们正在保留您的来访记录和偏好');
    // ... and that needs are kept, not which: the manage link proves who booked, not whose profile it joined.
    await eventuallyText(phone, 'history-needs-stored').not.toBe('');
    const stored = await textOf(phone, 'history-needs-stored');
    expect(stored).toContain('我们保留了您的需求');
    expect(stored).not.toContain('听力辅助');
    await context.close();

    // An earlier visit (the same customer, last week as it were), with bob's notes.
    setTime('08:30');
    await earlierVisit('e2e-consent-earlier', kept.customerId, '客户想开立养老金账户，需带身份证再来。');

    // Checked in at the kiosk by the code.
    setTime('09:20');
    const { page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
    await kiosk.click('[data-testid=lang-zh]');
    await kiosk.click('[data-testid=appointment]');
    for (const ch of code) await kiosk.click(`[data-testid=code-key-${ch}]`);
    await kiosk.click('[data-testid=appointment-submit]');
    await kiosk.locator('[data-testid=checkin-appointment]').waitFor();
    const number = (await kiosk.textContent('[data-testid=ticket-number]'))!.trim();
    await kiosk.context().close();

    // Alice calls the next customer: the need first, in both languages; the earlier visit with its notes.
    setTime('09:30');
    ({ page: teller } = await device(browser, { locale: 'zh-CN' }));
    await signInStaff(teller, sys.url, 'alice');
    await byTest(teller, 'sign-on-1').click();
    await byTest(teller, 'my-status').waitFor();
    await teller.keyboard.press('Alt+n');
    await expect.poll(() => textOf(teller, 'current-number'), { timeout: 10_000 }).toBe(number);
    await byTest(teller, 'customer-needs').waitFor();
    expect(await textOf(teller, 'customer-needs')).toContain('听力辅助 / Hearing support');
    expect(await byTest(teller, 'customer-needs').locator('li').count()).toBe(1);
    const visit = byTest(teller, 'visit-e2e-consent-earlier');
    await visit.waitFor();
    expect(await visit.textContent()).toContain('客户想开立养老金账户，需带身份证再来。');
    expect(await byTest(teller, 'history-not-agreed').count()).toBe(0);
    await teller.screenshot({ path: '/tmp/consent-teller-kept-zh.png', fullPage: true });
    await teller.keyboard.press('Alt+s');
    await expect.poll(() => teller.locator('[data-testid=current-status]').getAttribute('class')).toContain('serving');
    await teller.keyboard.press('Alt+c');
    await expect.poll(() => byTest(teller, 'current-number').count()).toBe(0);
  });

  it('booked without it: the teller sees no earlier visit, no notes and no needs, and is told why', async () => {
    setTime('08:00');
    const anyone = new HttpClient(sys.url);
    const booked = await anyone.req('POST', '/api/v1/appointments', {
      branchId: sys.branchId,
      serviceId: sys.service('A'),
      startsAt: local(MON, '10:00'),
      contact: { name: '张伟', phone: '+86 139 0000 9911', language: 'zh', consent: true },
    });
    expect(booked.status).toBe(201);
    const customerId = await customerOf(booked.body.data.manageToken);
    setTime('09:40');
    await earlierVisit('e2e-consent-never', customerId, '挂失银行卡。');
    setTime('09:50');
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const checkIn = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/check-in`, { code: booked.body.data.code });
    expect(checkIn.status).toBe(200);

    setTime('10:00');
    await teller.keyboard.press('Alt+n');
    await expect.poll(() => textOf(teller, 'current-number'), { timeout: 10_000 }).toBe(checkIn.body.data.view.number);
    await expect.poll(() => textOf(teller, 'history-not-agreed')).toBe('客户未同意保留来访记录');
    const profile = await textOf(teller, 'customer-profile');
    expect(profile).toContain('9911');
    expect(profile).not.toContain('挂失银行卡');
    expect(await byTest(teller, 'visit-e2e-consent-never').count()).toBe(0);
    expect(await byTest(teller, 'customer-needs').count()).toBe(0);
    await teller.screenshot({ path: '/tmp/consent-teller-not-kept-zh.png', fullPage: true });
    await teller.context().close();
  });

  it("the phone page links its branch's help assistant: 'Questions?' by the branch's code, in the page's language", async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('B') });
    expect(issued.status).toBe(201);
    const { page } = await device(browser, { width: 390, height: 844, locale: 'zh-CN' });
    await page.goto(`${sys.url}/t/${encodeURIComponent(issued.body.data.token)}?lang=zh`);
    const link = page.getByRole('link', { name: '有疑问？' });
    await expect.poll(() => link.getAttribute('href')).toBe('/help?branch=demo&lang=zh');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/help?branch=demo&lang=zh');
    await page.getByRole('heading', { name: '常见问题助手' }).waitFor();
    // The question box comes once the branch's facts have loaded: wait for it rather than count at once.
    await page.getByRole('textbox').first().waitFor();
    await page.context().close();
  });

  it('withdrawn on the manage page (English, keyboard): the needs are cleared, and it can be given again', async () => {
    const { page } = await device(browser, { width: 390, height: 844, locale: 'en-US' });
    await page.goto(`${sys.url}/a/${encodeURIComponent(kept.manageToken)}?lang=en`);
    await byTest(page, 'history-consent').waitFor();
    await eventuallyText(page, 'history-state').toBe('We keep your visit history and preferences so staff can prepare for your visits.');
    expect(await textOf(page, 'history-needs-stored')).toBe('Your needs are kept. To protect them they are not shown here: to change them, tick the ones you need and save.');
    const withdraw = page.getByRole('button', { name: 'Withdraw my consent and clear my preferences' });
    await withdraw.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, 'history-state')).toBe('We do not keep your visit history: staff do not see your earlier visits.');
    expect(await textOf(page, 'history-notice')).toBe("Withdrawn. If we already know this contact, we'll send a link to confirm clearing the history and needs kept for it.");
    // The focus stays in the section (its heading), not lost to <body>.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent-h');
    expect(await sys.system.parts.db.historyConsents.findById(kept.customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    const audit = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.action === 'withdraw-history-consent');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ role: 'customer', userId: null });
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/hearing|李华|7788/);
    await page.screenshot({ path: '/tmp/consent-manage-withdrawn-en.png', fullPage: true });

    // Given again from the same page, with another need this time.
    const keep = page.getByRole('checkbox', { name: 'Keep my visit history and preferences so staff can prepare for my visits' });
    expect(await keep.isChecked()).toBe(false);
    await keep.check();
    await page.getByRole('checkbox', { name: 'Step-free access' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => textOf(page, 'history-state')).toContain('We keep your visit history');
    expect(await textOf(page, 'history-notice')).toBe("Saved. If we already know this contact, we'll send a link to confirm.");
    expect(await textOf(page, 'history-needs-stored')).toBe('Your needs: Step-free access');
    expect(await sys.system.parts.db.historyConsents.findById(kept.customerId)).toMatchObject({ consents: { history: true }, preferences: { stepFree: true } });
    await page.context().close();
  });
});

describe('consent that only the customer can give', () => {
  /** Her own first booking (no consent unless `history`) over the API: the profile a later booking joins. */
  async function herProfile(name: string, phone: string, language: 'zh' | 'en', hm: string, history?: { keep: boolean; preferences?: Record<string, boolean> }): Promise<{ manageToken: string; customerId: string }> {
    const r = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(MON, hm), contact: { name, phone, language, consent: true }, ...(history ? { history } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { manageToken: r.body.data.manageToken, customerId: await customerOf(r.body.data.manageToken) };
  }

  it('zh: a booking with her name and phone ticks the box; nothing is kept until she confirms on the page her text opens (keyboard), once', async () => {
    setTime('08:00');
    const phoneNo = '+86 139 0000 5566';
    const her = await herProfile('李娜', phoneNo, 'zh', '11:00');

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await context.newPage();
    await phone.goto(`${sys.url}/book?lang=zh`);
    await phone.click('[data-testid=service-A]');
    await phone.locator(`[data-testid=slots][data-date="${MON}"]`).waitFor();
    await phone.click(`[data-testid=slot][data-starts-at="${local(MON, '11:30')}"]`);
    await phone.fill('[data-testid=contact-name]', '李娜');
    await phone.fill('[data-testid=contact-value]', phoneNo);
    await phone.check('[data-testid=contact-consent]');
    await phone.getByRole('checkbox', { name: '保留我的来访记录和偏好，以便工作人员为我的来访做好准备' }).check();
    await phone.getByRole('checkbox', { name: '阅读辅助（大字版）' }).check();
    await phone.click('[data-testid=booking-confirm]');
    await phone.locator('[data-testid=appt-booked]').waitFor();
    // The booking joined her profile and kept nothing of it yet; the page says what it says to a
    // new contact (a link goes to the contact if we know it) and shows this booking's own choice.
    expect(await customerOf(decodeURIComponent(new URL(phone.url()).pathname.split('/')[2]!))).toBe(her.customerId);
    await eventuallyText(phone, 'history-notice').toBe('已记下您的选择。如果我们已有这个手机号或邮箱的资料，会向它发送一条确认链接：在那里确认之前，不会保留或显示该资料中的任何内容。');
    await eventuallyText(phone, 'history-state').toContain('我们正在保留您的来访记录');
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    await phone.screenshot({ path: '/tmp/consent-joined-booking-zh.png', fullPage: true });
    await context.close();

    // Her phone: the text's link (sent in the background) opens the page in Chinese, saying what would be kept.
    await expect.poll(() => linkTo(phoneNo), { timeout: 10_000 }).toMatch(/\/consent\/[A-Za-z0-9_-]{40,}\?lang=zh$/);
    const link = linkTo(phoneNo);
    const { page } = await device(browser, { width: 390, height: 844, locale: 'zh-CN' });
    await page.goto(link);
    await page.getByRole('heading', { name: '确认保留来访记录' }).waitFor();
    await byTest(page, 'consent-ask').waitFor();
    expect(await textOf(page, 'consent-ask')).toContain('请求保留您的来访记录和需求');
    expect(await textOf(page, 'consent-needs')).toBe('将保留的需求：阅读辅助（大字版）');
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: false } });
    await page.screenshot({ path: '/tmp/consent-confirm-zh.png', fullPage: true });
    // Keyboard only: Tab reaches Confirm, Enter confirms; the outcome is read out and the focus is on the heading.
    const confirm = page.getByRole('button', { name: '确认', exact: true });
    for (let i = 0; i < 6 && !(await confirm.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, 'consent-done')).toBe('已确认：我们会保留您的来访记录和需求。您可以随时在预约管理页面撤回。');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('consent-title');
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: true }, preferences: { reading: true } });
    const audit = (await sys.system.parts.db.audit.list(sys.branchId, 500)).filter((e) => e.action === 'confirm-history-consent');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/reading|李娜|5566/);

    // Opened again: used, said so, no button.
    await page.reload();
    await expect.poll(() => textOf(page, 'consent-refused')).toBe('此链接已经使用过，不能再次使用。');
    expect(await byTest(page, 'consent-confirm').count()).toBe(0);
    await page.context().close();
  });

  it("en: a joined booking's manage page asks (keyboard); her link opens in English and confirms; an unknown link says so", async () => {
    setTime('08:00');
    const phoneNo = '+86 139 0000 6677';
    const her = await herProfile('Li Na', phoneNo, 'en', '12:00');
    const joined = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(MON, '12:30'), contact: { name: 'Li Na', phone: phoneNo, language: 'en', consent: true } });
    expect(joined.status).toBe(201);

    const { page: manage } = await device(browser, { width: 390, height: 844, locale: 'en-US' });
    await manage.goto(`${sys.url}/a/${encodeURIComponent(joined.body.data.manageToken)}?lang=en`);
    await byTest(manage, 'history-consent').waitFor();
    const keep = manage.getByRole('checkbox', { name: 'Keep my visit history and preferences so staff can prepare for my visits' });
    await keep.focus();
    await manage.keyboard.press('Space');
    await manage.getByRole('checkbox', { name: 'An interpreter or another language' }).focus();
    await manage.keyboard.press('Space');
    await manage.getByRole('button', { name: 'Save' }).focus();
    await manage.keyboard.press('Enter');
    // The same words as for a booking that made its profile: the page must not tell that she has one.
    await expect.poll(() => textOf(manage, 'history-notice')).toBe("Saved. If we already know this contact, we'll send a link to confirm.");
    // This booking's own choice, as a booking that made a profile would show it.
    expect(await textOf(manage, 'history-state')).toContain('We keep your visit history');
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    await manage.screenshot({ path: '/tmp/consent-joined-manage-en.png', fullPage: true });
    await manage.context().close();

    await expect.poll(() => linkTo(phoneNo), { timeout: 10_000 }).toMatch(/\?lang=en$/);
    const link = linkTo(phoneNo);
    const { page } = await device(browser, { width: 390, height: 844, locale: 'en-US' });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Confirm keeping your visit history' }).waitFor();
    await byTest(page, 'consent-ask').waitFor();
    expect(await textOf(page, 'consent-ask')).toContain('asks to keep your visit history and needs');
    expect(await textOf(page, 'consent-ask')).toContain('If this was not you, close this page: nothing will be kept.');
    expect(await textOf(page, 'consent-needs')).toBe('Needs to keep: An interpreter or another language');
    await page.screenshot({ path: '/tmp/consent-confirm-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Confirm', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, 'consent-done')).toContain('Confirmed: we keep your visit history and needs.');
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: true }, preferences: { interpreter: true } });

    await page.goto(`${sys.url}/consent/${'Z'.repeat(43)}?lang=en`);
    await expect.poll(() => textOf(page, 'consent-refused')).toBe('There is no such confirmation link; check that the link is complete.');
    await page.context().close();
  });

  /**
   * A booking with her name and phone (it joined her profile) withdraws on its manage page: the
   * page says what a profile's own booking hears (a link may follow), her history stays until she
   * confirms on the page her text opens, which says a booking asked to clear it.
   */
  async function joinedWithdraws(lang: 'zh' | 'en', name: string, phoneNo: string, hm: [string, string], words: { notice: string; title: string; ask: string; notYou: string; confirm: string; done: string }) {
    setTime('08:00');
    const her = await herProfile(name, phoneNo, lang, hm[0], { keep: true, preferences: { hearing: true } });
    const joined = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(MON, hm[1]), contact: { name, phone: phoneNo, language: lang, consent: true }, history: { keep: true } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    // The booking's own ticked box texted her a link to keep (she keeps it already); then, later, it withdraws.
    await expect.poll(() => linkTo(phoneNo), { timeout: 10_000 }).not.toBe('');
    const keepLink = linkTo(phoneNo);
    setTime('08:11');

    const { page: manage } = await device(browser, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    await manage.goto(`${sys.url}/a/${encodeURIComponent(joined.body.data.manageToken)}?lang=${lang}`);
    await byTest(manage, 'history-consent').waitFor();
    await expect.poll(() => manage.locator('[data-testid=history-state]').getAttribute('data-kept')).toBe('true');
    await byTest(manage, 'history-withdraw').focus();
    await manage.keyboard.press('Enter');
    await expect.poll(() => textOf(manage, 'history-notice')).toBe(words.notice);
    expect(await manage.locator('[data-testid=history-state]').getAttribute('data-kept')).toBe('false');
    await manage.screenshot({ path: `/tmp/consent-joined-withdrawn-${lang}.png`, fullPage: true });
    await manage.context().close();
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });

    // Her phone: a new text; its link opens a page saying a booking asked to clear her history.
    await expect.poll(() => linkTo(phoneNo), { timeout: 10_000 }).not.toBe(keepLink);
    const { page } = await device(browser, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    await page.goto(linkTo(phoneNo));
    await page.getByRole('heading', { name: words.title }).waitFor();
    await byTest(page, 'consent-ask').waitFor();
    expect(await textOf(page, 'consent-ask')).toContain(words.ask);
    expect(await textOf(page, 'consent-ask')).toContain(words.notYou);
    expect(await byTest(page, 'consent-needs').count()).toBe(0);
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: true } });
    await page.screenshot({ path: `/tmp/consent-confirm-withdrawal-${lang}.png`, fullPage: true });
    await page.getByRole('button', { name: words.confirm, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(page, 'consent-done')).toBe(words.done);
    expect(await sys.system.parts.db.historyConsents.findById(her.customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    await page.context().close();
  }

  it('zh: a joined booking withdraws; her history stays until she confirms the withdrawal on the page her text opens (keyboard)', async () => {
    await joinedWithdraws('zh', '王芳', '+86 139 0000 8811', ['13:00', '13:30'], {
      notice: '已撤回。如果我们已有这个联系方式的资料，会发送一条链接，请您确认清除为它保留的来访记录和需求。',
      title: '确认撤回保留来访记录',
      ask: '停止保留您的来访记录，并清除您的需求。确认后，工作人员将看不到您以往的来访。',
      notYou: '如非本人操作，请关闭本页：您的记录不受影响。',
      confirm: '确认撤回',
      done: '已撤回：我们不再保留您的来访记录，您的需求已清除。',
    });
  });

  it('en: a joined booking withdraws; her history stays until she confirms the withdrawal on the page her text opens (keyboard)', async () => {
    await joinedWithdraws('en', 'Wang Fang', '+86 139 0000 8822', ['14:00', '14:30'], {
      notice: "Withdrawn. If we already know this contact, we'll send a link to confirm clearing the history and needs kept for it.",
      title: 'Confirm withdrawing your visit history',
      ask: 'to stop keeping your visit history and to clear your needs. Once you confirm, staff no longer see your earlier visits.',
      notYou: 'If this was not you, close this page: nothing changes.',
      confirm: 'Confirm withdrawal',
      done: 'Withdrawn: we no longer keep your visit history, and your needs are cleared.',
    });
  });
});
