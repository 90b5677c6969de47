/**
 * A remote-queue ticket's holder checks in at the branch, in Chromium against the real system:
 * the manager switches the remote queue on (as join.e2e does); a customer joins over the API and
 * opens the phone page, which shows a QR code of itself to scan at the kiosk; the kiosk's scanner
 * (a keyboard: the page's address typed fast, then Enter) records the arrival and confirms it; the
 * phone page says "checked in" without a reload, and the teller's queue list marks the ticket as
 * here. In Chinese and in English; a ticket link the branch does not know is refused in words,
 * one of another branch is told which branch it is for. The scan works on the contact step too
 * (phone or e-mail field focused), where ordinary typing keeps working as before: a booking QR
 * code (the bare code) checks in there as on the welcome screen, a promotion's QR code and a
 * loyalty card's digits are ignored, a link held up for a moment by a busy kiosk still checks in,
 * and the e-mail field's spoken echo never reads out a scanned link. "Start over" after a lost
 * ticket answer brings the ticket the server issued.
 * A clock the test sets on the next Monday, 10:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BANK_HOURS } from '@tellerline/db';
import { addBranchWithManager, axeViolations, byTest, device, eventuallyText, HttpClient, kioskTicket, local, nextMonday, signInStaff, startWithBrowser, stopWithBrowser, textOf, waitFor, type TestSystem } from '../support.js';

const MON = nextMonday();
const clock = { t: local(MON, '10:00'), now: () => clock.t };

let sys: TestSystem;
let browser: Browser;
let manager: HttpClient;
let kiosk: Page;

/**
 * Joins service A from "a phone" over the API. The server here trusts no proxy, so the
 * X-Forwarded-For is not read: every join counts against this machine's one address (5 allowed).
 */
async function joinRemotely(lang: 'zh' | 'en', ip: string): Promise<{ token: string; number: string }> {
  const r = await new HttpClient(sys.url).req('POST', `/api/v1/branches/${sys.branchId}/remote-tickets`, { serviceId: sys.service('A'), lang }, { 'x-forwarded-for': ip });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { token: r.body.data.token, number: r.body.data.view.number };
}

async function phonePage(token: string, lang: 'zh' | 'en'): Promise<Page> {
  const { page } = await device(browser, { width: 390, height: 844, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  await page.goto(`${sys.url}/t/${token}?lang=${lang}`);
  await byTest(page, 'phone-number').waitFor();
  return page;
}

/** What the lobby's scanner does: types the QR code's text in a burst and presses Enter. */
async function scan(text: string): Promise<void> {
  await kiosk.keyboard.type(text);
  await kiosk.keyboard.press('Enter');
}

/**
 * A remote ticket put straight into a branch's queue, as a join does (the joins over HTTP above
 * have used up this connection's joins for a while). Its token and number.
 */
async function remoteTicket(branchId: string, serviceId: string, name: string): Promise<{ token: string; number: string }> {
  const token = `tok-${name}-aaaaaaaaaaaaaaaa`;
  await sys.system.parts.commands.run(branchId, { type: 'issue', ticketId: name, token, serviceId, kind: 'remote', priority: 'normal' }, null);
  return { token, number: (await sys.system.parts.store.load(branchId))!.tickets[name]!.number };
}

/** How many tickets the branch's queue has had today: a walk-in given up on the contact step adds none. */
async function ticketsToday(): Promise<number> {
  return Object.keys((await sys.system.parts.store.load(sys.branchId))!.tickets).length;
}

/** Keys typed by a person on the kiosk's hardware keyboard: slower than a scanner. */
async function typeByHand(text: string): Promise<void> {
  await kiosk.keyboard.type(text, { delay: 350 });
}

/** The kiosk's welcome screen, then the customer's language (the scanner works on the next screen too). */
async function kioskIn(lang: 'zh' | 'en'): Promise<void> {
  if (await byTest(kiosk, 'arrived-done').count()) await byTest(kiosk, 'arrived-done').click();
  if (await kiosk.locator('[data-testid=appointment-take-ticket]').count()) await kiosk.click('[data-testid=appointment-take-ticket]');
  if (await kiosk.locator('button.back').count()) await kiosk.click('button.back');
  await byTest(kiosk, `lang-${lang}`).click();
  await kiosk.locator('main h1').first().waitFor();
}

/** A walk-in for service A on the contact step, e-mail chosen and "ann" tapped on the on-screen keys. */
async function emailStepWithAnn(): Promise<void> {
  await byTest(kiosk, 'service-A').click();
  await kiosk.locator('input[name=kind][value=email]').check();
  for (const k of 'ann') await byTest(kiosk, `email-key-${k}`).click();
}

beforeAll(async () => {
  ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  const r = await manager.saveBookingSettings(`/api/v1/branches/${sys.branchId}/booking/settings`, { settings: { remoteQueue: true } }, { origin: sys.url });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  ({ page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' }));
  await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
  await byTest(kiosk, 'lang-zh').waitFor();
});

afterAll(() => stopWithBrowser(sys, browser));

describe('checking in a remote-queue ticket at the kiosk', () => {
  it('in Chinese: the phone shows the QR code, the kiosk scan confirms, the phone and the staff panel follow live', async () => {
    const { token, number } = await joinRemotely('zh', '203.0.113.21');
    const phone = await phonePage(token, 'zh');
    const qr = byTest(phone, 'phone-arrival-qr');
    await qr.locator('svg').waitFor();
    expect(await qr.getAttribute('aria-label')).toBe('到店签到二维码，请在取号机扫描');
    const box = (await qr.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(200);
    expect(await textOf(phone, 'phone-arrival')).toContain('到达网点后，请将此二维码对准取号机的扫码器，让工作人员知道您已到店。');
    expect(await byTest(phone, 'phone-arrived').count()).toBe(0);
    expect(await textOf(phone, 'phone-show-check-in')).toBe('出示到店签到码');
    expect(await axeViolations(phone)).toEqual([]);

    // The teller's queue: the ticket is remote, and its holder not here yet.
    const { page: teller } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(teller, sys.url, 'alice');
    await byTest(teller, 'sign-on-3').click();
    await eventuallyText(teller, `arrival-${number}`, 10_000).toBe('尚未到店');
    expect(await textOf(teller, `queue-ticket-${number}`)).toContain('远程取号');

    // The scanner reads the phone's QR code: the page's own address.
    const payload = (await qr.getAttribute('data-payload'))!;
    expect(payload).toBe(`${sys.url}/t/${token}?lang=zh`);
    await kioskIn('zh');
    await scan(payload);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} 号，您已签到。`);
    expect(await textOf(kiosk, 'kiosk-arrived')).toContain('请留意屏幕上的叫号。');
    // The heading takes the focus: a screen reader reads the number and the news first.
    expect(await kiosk.evaluate(() => document.activeElement?.id)).toBe('arrived-title');

    // Live, no reload: the QR code gives way to the time (branch time), and the panel marks it.
    await eventuallyText(phone, 'phone-arrived').toBe('已于 10:00（网点时间）到店签到。请留意大堂屏幕和本页的叫号。');
    expect(await byTest(phone, 'phone-arrival-qr').count()).toBe(0);
    // Here now: no more "please be at the branch before your turn".
    expect(await textOf(phone, 'phone-remote')).not.toContain('在轮到您之前');
    // Nothing left to show at the kiosk: the button under the number goes too.
    expect(await byTest(phone, 'phone-show-check-in').count()).toBe(0);
    await eventuallyText(teller, `arrival-${number}`).toBe('10:00 已到店');
    await teller.context().close();
    await phone.context().close();
  });

  it('called before checking in: the teller sees "not here yet" at the desk, and the kiosk sends the customer to the counter', async () => {
    clock.t = local(MON, '10:20');
    const { token, number } = await joinRemotely('zh', '203.0.113.23');
    const state = await sys.system.parts.store.load(sys.branchId);
    const ticketId = Object.values(state!.tickets).find((t) => t.number === number)!.id;
    // Alice is still signed on at counter 3 (first test); she calls this customer by hand.
    const { page: teller } = await device(browser, { locale: 'zh-CN' });
    await signInStaff(teller, sys.url, 'alice');
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    const call = await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'call-ticket', ticketId, reason: 'remote e2e' });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    await eventuallyText(teller, 'current-number').toBe(number);
    // Not "a walk-in", and not known to be here: what the teller weighs before a no-show.
    await eventuallyText(teller, 'current-arrival').toBe('远程取号，尚未到店');
    await eventuallyText(teller, 'customer-profile').toContain('手机远程取号客户，无客户档案。');
    expect(await textOf(teller, `arrival-${number}`)).toBe('尚未到店');

    // The phone, called but not here: come now, and the code is still needed (and a tap away).
    const phone = await phonePage(token, 'zh');
    await eventuallyText(phone, 'phone-remote').toContain('正在叫您的号：请尽快前往');
    const remote = await textOf(phone, 'phone-remote');
    expect(remote).not.toContain('在轮到您之前');
    expect(remote).not.toContain('留意大堂屏幕');
    expect(remote).toContain('到达后请在取号机扫描下方二维码签到');
    await byTest(phone, 'phone-show-check-in').click();
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('phone-arrival');

    await kioskIn('zh');
    await scan(`${sys.url}/t/${token}?lang=zh`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    // Already called: go to the counter, not "watch the screen".
    expect(await textOf(kiosk, 'arrived-next')).toBe('正在叫您的号：请前往 3 号柜台。');
    await eventuallyText(teller, 'current-arrival').toBe('远程取号，10:20 已到店');
    // The code gives way to the time, which takes the focus (not dropped to <body>); no "come before your turn".
    await eventuallyText(phone, 'phone-arrived').toBe('已于 10:20（网点时间）到店签到。');
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('phone-arrived');
    expect(await textOf(phone, 'phone-remote')).not.toContain('请尽快前往');
    expect(await byTest(phone, 'phone-show-check-in').count()).toBe(0);
    await phone.context().close();
    await byTest(kiosk, 'arrived-done').click();
    await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'start', ticketId });
    await alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'complete', ticketId });
    await teller.context().close();
  });

  it('in English: the phone and the kiosk say the same in English', async () => {
    clock.t = local(MON, '10:07');
    const { token, number } = await joinRemotely('en', '203.0.113.22');
    const phone = await phonePage(token, 'en');
    const qr = byTest(phone, 'phone-arrival-qr');
    await qr.locator('svg').waitFor();
    expect(await qr.getAttribute('aria-label')).toBe('Check-in code to scan at the kiosk');
    expect(await textOf(phone, 'phone-arrival')).toContain('At the branch, hold this code to the kiosk\'s scanner so the staff know you are here.');

    await kioskIn('en');
    await scan((await qr.getAttribute('data-payload'))!);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} – you are checked in.`);
    expect(await textOf(kiosk, 'kiosk-arrived')).toContain('Please wait for your number on the screen.');
    await eventuallyText(phone, 'phone-arrived').toBe('Checked in at 10:07 (branch time). Watch the lobby screen and this page for your number.');
    expect(await textOf(phone, 'phone-remote')).not.toContain('before your turn');
    await phone.context().close();

    // "Done" goes back to the start, as after a ticket.
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });

  it('a paper ticket held to the scanner is told, kindly and with its number, that it needs no check-in', async () => {
    const paper = await kioskTicket(sys, 'A');
    await kioskIn('en');
    await scan(`${sys.url}/t/${paper.token}`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${paper.number} was taken here in the branch: it needs no check-in.`);
    expect(await textOf(kiosk, 'kiosk-arrived')).toContain('Please wait for your number on the screen.');
    expect(await byTest(kiosk, 'checkin-refused').count()).toBe(0);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();

    // A remote ticket its holder cancelled: what became of it and the way on, not "unknown".
    // Scanned on the bilingual welcome screen the last (English) customer left: in the link's
    // language (Chinese), not theirs.
    const gone = await joinRemotely('zh', '203.0.113.24');
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${gone.token}/cancel`)).status).toBe(200);
    await scan(`${sys.url}/t/${gone.token}?lang=zh`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${gone.number} 号已取消。`);
    expect(await textOf(kiosk, 'arrived-next')).toBe('如仍需办理，请在本网点重新取号，或联系大堂工作人员。');
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });

  it('a ticket link the branch does not know is refused in words, on the check-in screen', async () => {
    await kioskIn('en');
    await scan(`${sys.url}/t/NoSuchTicketToken_1234567890?lang=en`);
    await expect.poll(() => kiosk.getAttribute('[data-testid=checkin-refused]', 'data-code')).toBe('UNKNOWN_TICKET');
    expect((await textOf(kiosk, 'checkin-refused')).trim()).toBe("This ticket is not in today's queue at this branch (it may be finished, or from another branch). Please ask the staff if you need help.");
    // Scanned into the check-in code field (where the focus is on this screen): the same answer.
    await kiosk.fill('[data-testid=appointment-code]', '');
    await byTest(kiosk, 'appointment-code').focus();
    await scan(`${sys.url}/t/AnotherUnknownToken_123456`);
    await expect.poll(() => textOf(kiosk, 'checkin-refused')).toContain("This ticket is not in today's queue at this branch");
    expect(await kiosk.getAttribute('[data-testid=checkin-refused]', 'data-code')).toBe('UNKNOWN_TICKET');
  });

  it('in Chinese: scanned on the contact step with the phone field focused, the ticket checks in and no walk-in is issued; typing there still works', async () => {
    clock.t = local(MON, '10:30');
    const { token, number } = await joinRemotely('zh', '203.0.113.25');
    const before = await ticketsToday();
    await kioskIn('zh');
    await byTest(kiosk, 'service-A').click();
    // Half a number: on the keypad, then on the hardware keyboard in the field.
    await byTest(kiosk, 'key-1').click();
    await byTest(kiosk, 'key-3').click();
    await byTest(kiosk, 'phone-input').focus();
    await kiosk.keyboard.press('End');
    await typeByHand('80');
    expect(await byTest(kiosk, 'phone-input').inputValue()).toBe('1380');

    // The customer remembers their phone ticket and holds it to the scanner: its text lands in the field.
    await scan(`${sys.url}/t/${token}?lang=zh`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} 号，您已签到。`);
    expect(await byTest(kiosk, 'phone-input').count()).toBe(0);
    expect(await ticketsToday()).toBe(before);
    await byTest(kiosk, 'arrived-done').click();

    // Ordinary typing and Enter in the phone field: as before (at a scanner's pace digits are a
    // barcode, not a number: see the loyalty card below).
    await kioskIn('zh');
    await byTest(kiosk, 'service-A').click();
    await byTest(kiosk, 'consent').check();
    await byTest(kiosk, 'phone-input').focus();
    await kiosk.keyboard.type('13800138000', { delay: 90 });
    expect(await byTest(kiosk, 'phone-input').inputValue()).toBe('13800138000');
    await kiosk.keyboard.press('Enter');
    await byTest(kiosk, 'kiosk-ticket').waitFor();
    expect(await ticketsToday()).toBe(before + 1);
    await byTest(kiosk, 'ticket-done').click();
    await byTest(kiosk, 'lang-zh').waitFor();
  });

  it('in English: a scan into the e-mail field leaves none of its text there; while a ticket request is on its way, or its answer was lost, it is not taken', async () => {
    clock.t = local(MON, '10:40');
    const { token, number } = await remoteTicket(sys.branchId, sys.service('A'), 'remote-e2e-email');
    const link = `${sys.url}/t/${token}?lang=en`;
    const before = await ticketsToday();
    await kioskIn('en');
    await emailStepWithAnn();
    await byTest(kiosk, 'email-input').focus();
    await kiosk.keyboard.press('End');
    await typeByHand('@qq.com');
    expect(await byTest(kiosk, 'email-input').inputValue()).toBe('ann@qq.com');
    await byTest(kiosk, 'consent').check();

    // A scan while the ticket is being issued is not taken (the answer may be a ticket): its text
    // still goes nowhere. The request then fails (cut off before it reached the server).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tickets = '**/api/v1/branches/*/tickets';
    await kiosk.route(tickets, async (route) => {
      await held;
      await route.abort('failed');
    });
    await byTest(kiosk, 'issue-with-contact').click();
    await byTest(kiosk, 'email-input').focus();
    await scan(link);
    release();
    await byTest(kiosk, 'issue-error').waitFor();
    expect(await byTest(kiosk, 'email-input').inputValue()).toBe('ann@qq.com');
    await kiosk.unroute(tickets);

    // Its answer was lost, so the server may hold that ticket: a scan now would leave it with
    // nobody. The scan is not taken, its text goes nowhere, and "try again" still gets the ticket.
    await byTest(kiosk, 'email-input').focus();
    await scan(link);
    await kiosk.waitForTimeout(500);
    expect(await byTest(kiosk, 'kiosk-arrived').count()).toBe(0);
    expect(await byTest(kiosk, 'issue-error').count()).toBe(1);
    expect(await byTest(kiosk, 'email-input').inputValue()).toBe('ann@qq.com');
    await byTest(kiosk, 'retry').click();
    await byTest(kiosk, 'kiosk-ticket').waitFor();
    expect(await ticketsToday()).toBe(before + 1);

    // With the walk-in's outcome known, the scan checks the remote ticket in.
    await scan(link);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} – you are checked in.`);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });

  it('in English: "Start over" after a lost answer brings the ticket the server issued, not a second one; a scan is then taken again', async () => {
    clock.t = local(MON, '10:45');
    const { token, number } = await remoteTicket(sys.branchId, sys.service('A'), 'remote-e2e-start-over');
    const before = await ticketsToday();
    await kioskIn('en');
    await byTest(kiosk, 'service-A').click();
    // The request reaches the server, which issues the ticket; its answer is lost on the way back.
    const tickets = '**/api/v1/branches/*/tickets';
    let issued = '';
    await kiosk.route(tickets, async (route) => {
      issued = (await (await route.fetch()).json()).data.view.number;
      await route.abort('failed');
    });
    await byTest(kiosk, 'skip-contact').click();
    await byTest(kiosk, 'issue-error').waitFor();
    await kiosk.unroute(tickets);
    expect(await ticketsToday()).toBe(before + 1);

    // The customer goes back and presses "Start over": the kiosk asks for that ticket first and shows it.
    await kiosk.click('button.back');
    await byTest(kiosk, 'service-A').waitFor();
    await kiosk.click('button.back');
    await byTest(kiosk, 'kiosk-ticket').waitFor();
    expect((await textOf(kiosk, 'ticket-number')).trim()).toBe(issued);
    expect(await ticketsToday()).toBe(before + 1);

    // Its outcome known, the kiosk takes scans again.
    await scan(`${sys.url}/t/${token}?lang=en`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} – you are checked in.`);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });

  it("another branch's ticket is told which branch it is for (number and branch name only), in Chinese and in English", async () => {
    const north = await addBranchWithManager(sys, { code: 'north', zh: '北区支行', en: 'North Branch' }, 'north-manager');
    const northManager = new HttpClient(sys.url);
    await northManager.login('north-manager');
    const service = await northManager.req('POST', `/api/v1/branches/${north}/services`, { code: 'A', name: { zh: '个人现金', en: 'Personal cash' }, targetMin: 10, defaultDurationMin: 5 }, { origin: sys.url });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
    // A customer who joined North Branch's queue from their phone, standing at this branch's kiosk.
    const { token, number } = await remoteTicket(north, service.body.data.id, 'north-e2e');

    // On the bilingual welcome screen, in the link's language.
    await scan(`${sys.url}/t/${token}?lang=zh`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} 号是北区支行的号，无法在本网点签到。`);
    expect(await textOf(kiosk, 'arrived-next')).toBe('请前往该网点办理；如需在本网点办理，请在此取号，或联系大堂工作人员。');
    expect(await byTest(kiosk, 'checkin-refused').count()).toBe(0);
    await byTest(kiosk, 'arrived-done').click();

    await kioskIn('en');
    await scan(`${sys.url}/t/${token}`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} is a ticket for North Branch: it cannot be checked in here.`);
    expect(await textOf(kiosk, 'arrived-next')).toBe('Please go to that branch; to be served here, take a ticket here or ask the staff.');
    expect(await axeViolations(kiosk)).toEqual([]);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });
});

describe('the check-in code on a small screen (a phone at 200% zoom: 195 CSS px by 422)', () => {
  /** Whether the element is wholly on the screen now. */
  const onScreen = (page: Page, testId: string) =>
    byTest(page, testId).evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    });

  it('a button on the first screen, under the number and place in queue, brings the code into view and focus; in Chinese and English', async () => {
    // Put straight into the queue: the joins over HTTP above used up this connection's joins.
    const { token } = await remoteTicket(sys.branchId, sys.service('A'), 'zoomed-phone');
    for (const [lang, label] of [['zh', '出示到店签到码'], ['en', 'Show my check-in code']] as const) {
      const context = await browser.newContext({ viewport: { width: 195, height: 422 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce', locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      const phone = await context.newPage();
      await phone.goto(`${sys.url}/t/${token}?lang=${lang}`);
      await byTest(phone, 'phone-arrival-qr').locator('svg').waitFor();
      // The code itself is screens below: the reason for the button.
      expect(await onScreen(phone, 'phone-arrival-qr')).toBe(false);
      const button = byTest(phone, 'phone-show-check-in');
      expect((await button.textContent())?.trim()).toBe(label);
      for (const id of ['phone-number', 'phone-show-check-in', 'phone-ahead']) expect(await onScreen(phone, id), `${lang} ${id}`).toBe(true);
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
      expect(await axeViolations(phone)).toEqual([]);

      await button.click();
      await expect.poll(() => onScreen(phone, 'phone-arrival-qr')).toBe(true);
      // The focus moved with it: a screen reader goes on from the code, not from the button.
      expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('phone-arrival');
      // Tab goes on from the code to what follows it, not back to the top.
      await phone.keyboard.press('Tab');
      expect(await phone.evaluate(() => {
        const now = document.activeElement!;
        const code = document.querySelector('[data-testid=phone-arrival]')!;
        return now !== document.body && Boolean(code.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
      })).toBe(true);
      await context.close();
    }
  });
});

describe('a booking QR code and other QR codes scanned on the contact step', () => {
  /** Books service A over the API, as the booking page does; the code its QR holds. */
  async function book(hm: string, n: number): Promise<string> {
    const r = await new HttpClient(sys.url).req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(MON, hm), contact: { name: `Scan ${n}`, phone: `+86 139 0000 ${3000 + n}`, language: 'zh', consent: true }, requestId: `e2e-contact-scan-${n}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.code as string;
  }

  /** A scanner on a busy kiosk: a few ms a key, then Enter. */
  async function scanSlowly(text: string): Promise<void> {
    await kiosk.keyboard.type(text, { delay: 5 });
    await kiosk.keyboard.press('Enter');
  }

  async function checkedIn(): Promise<void> {
    await byTest(kiosk, 'checkin-appointment').waitFor();
    expect(await byTest(kiosk, 'ticket-number').getAttribute('data-kind')).toBe('appointment');
    await byTest(kiosk, 'ticket-done').click();
    await byTest(kiosk, 'lang-zh').waitFor();
  }

  it('in Chinese: a booking code checks in, field focused or not; a promotion QR code leaves the phone field as it was; a code typed by hand is still a wrong number', async () => {
    clock.t = local(MON, '10:50');
    const first = await book('14:00', 1);
    const second = await book('14:15', 2);
    clock.t = local(MON, '13:50');
    const before = await ticketsToday();

    // No field focused: the booking page's QR code (the bare code) checks in.
    await kioskIn('zh');
    await byTest(kiosk, 'service-A').click();
    await byTest(kiosk, 'phone-input').waitFor();
    await scanSlowly(first);
    await checkedIn();

    // The phone field focused with half a number in it: the code checks in, no walk-in is issued.
    await kioskIn('zh');
    await byTest(kiosk, 'service-A').click();
    for (const k of ['1', '3', '9']) await byTest(kiosk, `key-${k}`).click();
    await byTest(kiosk, 'phone-input').focus();
    await kiosk.keyboard.press('End');
    await scanSlowly(second);
    await checkedIn();
    expect(await ticketsToday()).toBe(before + 2);

    // A promotion's QR code into the phone field: ignored as on the other screens, the field as it was, no error.
    await kioskIn('zh');
    await byTest(kiosk, 'service-A').click();
    for (const k of ['1', '3', '9']) await byTest(kiosk, `key-${k}`).click();
    await byTest(kiosk, 'phone-input').focus();
    await kiosk.keyboard.press('End');
    await scanSlowly('https://www.example-bank.com/promo');
    expect(await byTest(kiosk, 'phone-input').inputValue()).toBe('139');
    expect(await kiosk.locator('#contact-problem').count()).toBe(0);
    expect(await byTest(kiosk, 'phone-input').count()).toBe(1);
    // A loyalty card's barcode (digits only) into the phone field: no phone number either, the field as it was, nothing sent.
    await scanSlowly('6901234567892');
    expect(await byTest(kiosk, 'phone-input').inputValue()).toBe('139');
    expect(await kiosk.locator('#contact-problem').count()).toBe(0);
    expect(await byTest(kiosk, 'phone-input').count()).toBe(1);

    // Typed by hand, a code is what it always was in the phone field: a number in the wrong format.
    await byTest(kiosk, 'phone-input').fill('');
    await byTest(kiosk, 'consent').check();
    await byTest(kiosk, 'phone-input').focus();
    await typeByHand(second);
    await kiosk.keyboard.press('Enter');
    expect(await kiosk.locator('#contact-problem').innerText()).toBe('手机号码格式不正确，请检查。');
    expect(await byTest(kiosk, 'phone-input').inputValue()).toBe(second);
    expect(await ticketsToday()).toBe(before + 2);
    // Back to the welcome screen for the next customer.
    await kiosk.click('button.back');
    await byTest(kiosk, 'service-A').waitFor();
    await kiosk.click('button.back');
    await byTest(kiosk, 'lang-zh').waitFor();
  });

  it('in English: the e-mail field\'s spoken echo never reads out a scanned ticket link', async () => {
    clock.t = local(MON, '13:55');
    const { token, number } = await remoteTicket(sys.branchId, sys.service('A'), 'remote-e2e-spoken');
    await kioskIn('en');
    await emailStepWithAnn();
    // Taps on the on-screen keys leave the focus on the key: the address is said from the live region.
    await expect.poll(() => textOf(kiosk, 'email-spoken')).toBe('ann');
    // Everything the live region ever holds from here on.
    await byTest(kiosk, 'email-spoken').evaluate((region) => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    await byTest(kiosk, 'email-input').focus();
    await kiosk.keyboard.press('End');
    await scan(`${sys.url}/t/${token}?lang=en`);
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} – you are checked in.`);
    const said = await kiosk.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said.filter((s) => s.includes(token) || s.includes('http'))).toEqual([]);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });

  it('in English: a scanned link held up for a moment by a busy kiosk (typed into the e-mail field) still checks in, and no walk-in is issued', async () => {
    clock.t = local(MON, '13:58');
    const { token, number } = await remoteTicket(sys.branchId, sys.service('A'), 'remote-e2e-stall');
    const link = `${sys.url}/t/${token}?lang=en`;
    const before = await ticketsToday();
    await kioskIn('en');
    await emailStepWithAnn();
    await byTest(kiosk, 'email-input').focus();
    await kiosk.keyboard.press('End');
    // The scanner's keys stop for 600 ms in the middle of the link (the kiosk was busy), then go on.
    const cut = link.indexOf('/t/') + 5;
    await kiosk.keyboard.type(link.slice(0, cut));
    await kiosk.waitForTimeout(600);
    await kiosk.keyboard.type(link.slice(cut));
    await kiosk.keyboard.press('Enter');
    await byTest(kiosk, 'kiosk-arrived').waitFor();
    expect(await textOf(kiosk, 'arrived-title')).toBe(`${number} – you are checked in.`);
    expect(await ticketsToday()).toBe(before);
    await byTest(kiosk, 'arrived-done').click();
    await byTest(kiosk, 'lang-en').waitFor();
  });
});
