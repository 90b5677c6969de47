/**
 * Booking from the phone, managing it by its link, and checking in at the kiosk: the real system
 * with a clock the test moves (compose's `overrides.clock`, as in the server's booking tests), so
 * the slots, the reminders and the check-in window do not depend on when the test runs. The
 * browser's own clock is real; the pages take their days and times from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appointmentNoShowJobId, reminderJobId } from '../../apps/server/src/jobs/processors/reminder.js';
import { HttpClient, device, screenshot, textOf, startWithBrowser, stopWithBrowser, type TestSystem, local, nextMonday } from '../support.js';
import { BANK_HOURS } from '@tellerline/db';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Wall-clock time at the demo branch (Asia/Shanghai, UTC+8, no daylight saving). */

/** The next Monday (branch time) after today: the demo branch is open Mon-Fri 09:00-17:00. */
const MON = nextMonday();
const TUE = new Date(Date.parse(`${MON}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);

const clock = { t: local(MON, '08:00'), now: () => clock.t };
const setTime = (date: string, hm: string) => void (clock.t = local(date, hm));

let sys: TestSystem;
let browser: Browser;
let phone: Page;
let manageToken = '';
let code = '';

async function appointmentId(): Promise<string> {
  const a = await sys.system.parts.db.booking.findByManageToken(manageToken);
  expect(a).toBeTruthy();
  return a!.id;
}

/** The appointment's jobs waiting in BullMQ, by id, with their delays. */
async function delayedJobs(id: string): Promise<Record<string, number | undefined>> {
  const jobs = await sys.system.parts.queues.queue.getDelayed();
  return Object.fromEntries(jobs.filter((j) => j.data.appointmentId === id).map((j) => [j.id!, j.opts.delay]));
}

describe('booking, manage link and kiosk check-in', () => {
  beforeAll(async () => {
    ({ sys, browser } = await startWithBrowser({}, { clock, demoOpeningHours: BANK_HOURS }));
    ({ page: phone } = await (async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    })());
  });

  afterAll(() => stopWithBrowser(sys, browser));

  it('books service A on the phone: code, QR code, calendar and manage link; reminders are armed', async () => {
    setTime(MON, '08:00');
    await phone.goto(`${sys.url}/book?lang=zh`);
    // One branch: the page starts at the services, with what to bring.
    expect(await phone.textContent('[data-testid=service-A]')).toContain('请携带：');
    // Chosen by keyboard: the next step's heading takes the focus (not <body>).
    await phone.focus('[data-testid=service-A]');
    await phone.keyboard.press('Enter');
    await phone.locator('[data-testid=slots]').waitFor();
    const focusedH1 = () => phone.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : document.activeElement?.tagName));
    await expect.poll(focusedH1).toBe('选择日期和时间');
    // The zone by its name, not its id; the days are toggle buttons (no half-made tab pattern).
    expect(await phone.textContent('.tz')).toBe('时间为网点当地时间（北京时间）');
    expect(await phone.locator('[role=tab], [role=tablist]').count()).toBe(0);
    expect(await phone.getAttribute(`[data-testid=day-${TUE}]`, 'aria-pressed')).toBe('false');
    expect(await phone.locator('main h3').count()).toBe(0);
    // The days are one widget (APG toolbar, roving tabindex): one Tab stop, on the chosen day.
    const days = phone.getByRole('toolbar', { name: '日期' });
    const stops = () => days.locator('button[tabindex="0"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(await stops()).toEqual([`day-${MON}`]);
    expect(await days.locator('button:not([disabled])').count()).toBeGreaterThan(2);
    const focusedTestId = () => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await phone.focus(`[data-testid=day-${MON}]`);
    // Tab leaves the row at once, for the day's times; Shift+Tab comes back to the same day.
    await phone.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('slot');
    await phone.keyboard.press('Shift+Tab');
    expect(await focusedTestId()).toBe(`day-${MON}`);
    // End and Home go to the last and first days with a free slot; an arrow moves one day and
    // only moves focus: Monday stays chosen until Enter (or Space) chooses.
    await phone.keyboard.press('End');
    const last = await focusedTestId();
    expect(last).not.toBe(`day-${MON}`);
    expect(await phone.getAttribute(`[data-testid=${last}]`, 'aria-pressed')).toBe('false');
    await phone.keyboard.press('Home');
    expect(await focusedTestId()).toBe(`day-${MON}`);
    await phone.keyboard.press('ArrowLeft');
    expect(await focusedTestId()).toBe(`day-${MON}`);
    // A future day: Tuesday's first free slot.
    await phone.keyboard.press('ArrowRight');
    expect(await focusedTestId()).toBe(`day-${TUE}`);
    expect(await stops()).toEqual([`day-${TUE}`]);
    expect(await phone.getAttribute(`[data-testid=day-${TUE}]`, 'aria-pressed')).toBe('false');
    await phone.keyboard.press('Enter');
    await phone.locator(`[data-testid=slots][data-date="${TUE}"]`).waitFor();
    const first = phone.locator('[data-testid=slot]').first();
    const startsAt = Number(await first.getAttribute('data-starts-at'));
    expect(startsAt).toBe(local(TUE, '09:00'));
    // Three colleagues do A, which also takes walk-ins: one is kept for them, so two places are left.
    expect((await first.textContent())!.trim()).toBe('09:00 剩 2 个');
    expect(await phone.getAttribute(`[data-testid=day-${TUE}]`, 'aria-pressed')).toBe('true');
    await first.focus();
    await phone.keyboard.press('Enter');
    await expect.poll(focusedH1).toBe('联系方式');

    await phone.fill('[data-testid=contact-name]', '王小明');
    await phone.fill('[data-testid=contact-value]', '+86 139 0000 1234');
    // No consent, no booking.
    await phone.click('[data-testid=booking-confirm]');
    expect(await phone.textContent('[data-testid=contact-problem]')).toContain('同意');
    // The message belongs to the box it is about, which takes the focus.
    expect(await phone.getAttribute('[data-testid=contact-consent]', 'aria-invalid')).toBe('true');
    expect(await phone.getAttribute('[data-testid=contact-consent]', 'aria-describedby')).toBe('contact-problem');
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('contact-consent');
    expect(await phone.getAttribute('[data-testid=contact-name]', 'aria-invalid')).toBeNull();
    await phone.check('[data-testid=contact-consent]');
    await phone.click('[data-testid=booking-confirm]');

    await phone.locator('[data-testid=appt-booked]').waitFor();
    // Opened from the booking (a client-side navigation): the focus is on "预约成功！", not <body>.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('appt-booked');
    await phone.locator('[data-testid=appt-qr] svg').waitFor();
    code = (await phone.textContent('[data-testid=appt-code]'))!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    manageToken = decodeURIComponent(new URL(phone.url()).pathname.split('/')[2]!);
    expect(await phone.getAttribute('[data-testid=appt-ics]', 'href')).toBe(`/api/v1/appointments/${manageToken}/ics`);
    expect(await phone.textContent('[data-testid=appt-manage-link]')).toBe(`${sys.url}/a/${manageToken}`);
    const ics = await new HttpClient(sys.url).req('GET', `/api/v1/appointments/${manageToken}/ics`);
    expect(ics.status).toBe(200);
    expect(String(ics.body)).toContain('BEGIN:VCALENDAR');
    await screenshot(phone, 'booking-zh');
    await phone.click('[data-testid=booking-lang-switch]');
    await expect.poll(() => phone.textContent('[data-testid=appt-booked]')).toContain('booked');
    await screenshot(phone, 'booking-en');

    const id = await appointmentId();
    const now = clock.now();
    expect(await delayedJobs(id)).toEqual({
      [reminderJobId(id, 0, '24h')]: local(TUE, '09:00') - 24 * HOUR - now,
      [reminderJobId(id, 0, '1h')]: local(TUE, '09:00') - HOUR - now,
      [appointmentNoShowJobId(id, 0)]: expect.any(Number),
    });
  });

  it('the same contact booking that time again is told the time cannot be booked for it (not that a booking exists), in both languages, and nothing is booked', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${sys.url}/book?lang=zh`);
    await page.click('[data-testid=service-A]');
    await page.click(`[data-testid=day-${TUE}]`);
    await page.click(`[data-testid=slot][data-starts-at="${local(TUE, '09:00')}"]`);
    await page.fill('[data-testid=contact-name]', '王小明');
    await page.fill('[data-testid=contact-value]', '+86 139 0000 1234');
    await page.check('[data-testid=contact-consent]');
    // By keyboard: the refusal leaves the focus on Confirm (busy, it stayed focusable), not on <body>.
    await page.focus('[data-testid=booking-confirm]');
    await page.keyboard.press('Enter');
    const error = page.locator('[data-testid=booking-error]');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('booking-confirm');
    expect(await page.locator('[data-testid=booking-confirm]').getAttribute('aria-disabled')).toBeNull();
    expect((await error.textContent())!.trim()).toBe('无法为此联系方式预约这个时间，请选择其他时间；如需更改预约，请使用我们发送的链接。');
    await page.click('[data-testid=booking-lang-switch]');
    expect((await error.textContent())!.trim()).toBe('This time cannot be booked for this contact; please choose another time, or use the links we sent to change a booking.');
    const booked = await sys.system.parts.db.booking.listStartingBetween(sys.branchId, local(TUE, '09:00'), local(TUE, '09:00') + 1);
    expect(booked.filter((a) => a.state === 'booked')).toHaveLength(1);
    await context.close();
  });

  it('an unknown manage link says so in an h1', async () => {
    await phone.goto(`${sys.url}/a/not-a-real-token?lang=zh`);
    await phone.locator('[data-testid=appt-not-found]').waitFor();
    expect(await phone.locator('h1').allTextContents()).toEqual(['找不到这个预约。链接可能有误或已失效。']);
  });

  it('the manage link moves the appointment to another slot, and the reminders move with it', async () => {
    setTime(MON, '08:00');
    await phone.goto(`${sys.url}/a/${encodeURIComponent(manageToken)}?lang=en`);
    await phone.locator('[data-testid=appt-code]').waitFor();
    // Not just booked: the page still has its h1.
    expect(await phone.locator('h1').allTextContents()).toEqual(['My appointment']);
    // The inline cancel confirmation takes the focus (on the safe choice), and gives it back.
    await phone.focus('[data-testid=appt-cancel]');
    await phone.keyboard.press('Enter');
    await phone.locator('[role=alertdialog]').waitFor();
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cancel-keep');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('appt-cancel');
    expect(await phone.locator('[role=alertdialog]').count()).toBe(0);
    // Escape is "Keep it" too, as in any dialog, and the focus comes back the same way.
    await phone.keyboard.press('Enter');
    await phone.locator('[role=alertdialog]').waitFor();
    await phone.keyboard.press('Escape');
    await expect.poll(() => phone.locator('[role=alertdialog]').count()).toBe(0);
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('appt-cancel');
    expect(await phone.locator('[data-testid=appt-code]').count()).toBe(1);
    await phone.click('[data-testid=appt-reschedule]');
    // The same one-stop row of days, named in English; Space chooses the focused day.
    const days = phone.getByRole('toolbar', { name: 'Day' });
    await days.locator('button[tabindex="0"]').focus();
    expect(await days.locator('button[tabindex="0"]').count()).toBe(1);
    const active = () => phone.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await phone.keyboard.press('Home');
    await phone.keyboard.press('ArrowRight');
    expect(await active()).toBe(`day-${TUE}`);
    await phone.keyboard.press('Space');
    expect(await phone.getAttribute(`[data-testid=day-${TUE}]`, 'aria-pressed')).toBe('true');
    await phone.keyboard.press('Home');
    expect(await active()).toBe(`day-${MON}`);
    await phone.keyboard.press('Space');
    expect(await phone.getAttribute(`[data-testid=day-${MON}]`, 'aria-pressed')).toBe('true');
    expect(await phone.getAttribute(`[data-testid=day-${TUE}]`, 'aria-pressed')).toBe('false');
    const target = local(MON, '09:30');
    await phone.click(`[data-testid=slot][data-starts-at="${target}"]`);
    // Inside the manage page's "reschedule" h2, the day's times are an h3.
    expect(await phone.locator('.resched h3').count()).toBe(1);
    await phone.click('[data-testid=reschedule-confirm]');
    await phone.locator('[data-testid=appt-notice]').waitFor();
    expect(await phone.getAttribute('[data-testid=appt-when]', 'data-starts-at')).toBe(String(target));
    // Same code, same link.
    expect((await phone.textContent('[data-testid=appt-code]'))!.trim()).toBe(code);

    const id = await appointmentId();
    const jobs = await delayedJobs(id);
    // Version 0's jobs are gone; the 24-hour reminder of a same-day slot is past, the 1-hour one is armed.
    expect(Object.keys(jobs).filter((k) => k.includes('/0/') || k.endsWith('/0'))).toEqual([]);
    expect(jobs[reminderJobId(id, 1, '1h')]).toBe(target - HOUR - clock.now());
    expect(jobs[appointmentNoShowJobId(id, 1)]).toBeGreaterThan(0);
  });

  it('checks in at the kiosk by the code; staff follow it in the day list; the appointment is called at its slot, before a walk-in far over target, then the walk-ins in the order they came', async () => {
    const kioskApi = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const walkIn = async (requestId: string) => {
      const r = await kioskApi.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), priority: 'normal', lang: 'zh', requestId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.data.view.number as string;
    };

    // 08:30: a walk-in for the same service; by 09:30 an hour waited, six times the 10-minute target.
    setTime(MON, '08:30');
    const longWaiting = await walkIn('e2e-booking-long-1');

    // Alice's panel, signed on at counter 1, lists today's appointment as booked.
    const { page: staff } = await device(browser, { width: 1024, height: 768, locale: 'zh-CN' });
    await staff.goto(`${sys.url}/staff`);
    await staff.waitForURL('**/staff/login');
    await staff.fill('input[name=username]', 'alice');
    await staff.fill('input[name=password]', 'demo1234');
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.click('[data-testid="sign-on-1"]');
    await staff.locator('[data-testid=my-status]').waitFor();
    const row = staff.locator(`[data-testid="appt-row-${await appointmentId()}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('booked');
    expect(await row.textContent()).toContain('09:30');
    // The name is masked on the counter screen: 王小明 -> 王••.
    expect(await row.textContent()).toContain('王••');
    expect(await row.textContent()).not.toContain('王小明');
    // Nor does the counter screen show the check-in code (anyone reading it could check in).
    expect(await row.textContent()).not.toContain(code);

    const { page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
    const typeCode = async (text: string) => {
      await kiosk.fill('[data-testid=appointment-code]', '');
      for (const ch of text) await kiosk.click(`[data-testid=code-key-${ch}]`);
      await kiosk.click('[data-testid=appointment-submit]');
    };
    await kiosk.click('[data-testid=lang-zh]');
    await kiosk.click('[data-testid=appointment]');

    // An unknown code, and too early (check-in opens 30 minutes before 09:30): the time comes
    // from the refusal's details.
    await typeCode('ZZZZZZ');
    await expect.poll(() => kiosk.getAttribute('[data-testid=checkin-refused]', 'data-code')).toBe('APPOINTMENT_NOT_FOUND');
    await typeCode(code);
    await expect.poll(() => kiosk.getAttribute('[data-testid=checkin-refused]', 'data-code')).toBe('CHECK_IN_TOO_EARLY');
    expect(await kiosk.textContent('[data-testid=checkin-refused]')).toContain('09:00');

    setTime(MON, '09:20');
    await typeCode(code);
    const screen = kiosk.locator('[data-testid=kiosk-ticket]');
    await screen.locator('[data-testid=ticket-qr] svg').waitFor();
    await kiosk.locator('[data-testid=checkin-appointment]').waitFor();
    expect(await kiosk.getAttribute('[data-testid=ticket-number]', 'data-kind')).toBe('appointment');
    const number = (await kiosk.textContent('[data-testid=ticket-number]'))!.trim();
    expect(await screen.getAttribute('data-phone-url')).toMatch(new RegExp(`^${sys.url}/t/`));
    await screenshot(kiosk, 'kiosk-checkin');

    // The staff list follows the check-in (the branch's events reach the panel over the socket).
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('checked-in');
    expect(await row.textContent()).toContain(number);
    // The manage page shows the check-in too.
    await phone.reload();
    await expect.poll(() => phone.getAttribute('[data-testid=appt-state]', 'data-state')).toBe('checked-in');

    // 09:25: a walk-in arrives after the appointment's check-in.
    setTime(MON, '09:25');
    const later = await walkIn('e2e-booking-later-1');
    expect(new Set([longWaiting, number, later]).size).toBe(3);

    const current = () => staff.locator('[data-testid=current-number]').textContent();
    const reason = () => staff.locator('[data-testid=call-reason]').textContent();
    const serve = async () => {
      await staff.keyboard.press('Alt+s');
      await expect.poll(() => staff.locator('[data-testid=current-status]').getAttribute('class')).toContain('serving');
      await staff.keyboard.press('Alt+c');
      await expect.poll(() => staff.locator('[data-testid=current-number]').count()).toBe(0);
    };

    // 09:30, the slot time: the appointment is called at its time ...
    setTime(MON, '09:30');
    await staff.keyboard.press('Alt+n');
    await expect.poll(current, { timeout: 10_000 }).toBe(number);
    await expect.poll(reason).toContain('预约客户');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('called');
    await row.scrollIntoViewIfNeeded();
    await screenshot(staff, 'staff-appointments');
    await serve();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');

    // ... then the walk-in far over target, and the panel says why ...
    setTime(MON, '09:31');
    await staff.keyboard.press('Alt+n');
    await expect.poll(current, { timeout: 10_000 }).toBe(longWaiting);
    await expect.poll(reason).toContain('超出目标 51 分钟');
    expect(await reason()).not.toContain('预约客户');
    await serve();

    // ... and then the later walk-in.
    setTime(MON, '09:32');
    await staff.keyboard.press('Alt+n');
    await expect.poll(current, { timeout: 10_000 }).toBe(later);
    expect(await reason()).not.toContain('预约客户');
    await serve();

    // The code typed again once the visit is over: not "签到成功 … 前面还有 0 人" for a number
    // nobody will call, but what became of it and to take a new ticket.
    await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
    await kiosk.click('[data-testid=lang-zh]');
    await kiosk.click('[data-testid=appointment]');
    await typeCode(code);
    await expect.poll(() => textOf(kiosk, 'arrived-title'), { timeout: 10_000 }).toBe(`${number} 号已办理完毕。`);
    expect(await kiosk.textContent('main')).toContain('如仍需办理，请在本网点重新取号');
    expect(await kiosk.locator('[data-testid=kiosk-ticket]').count()).toBe(0);
    await staff.context().close();
    await kiosk.context().close();
  });

  it('a lobby scanner checks in: the QR code\'s text at the welcome screen, a manage link on the appointment screen', async () => {
    // Two more appointments for business banking (B), booked from the phone's API at 09:32.
    setTime(MON, '09:32');
    const api = new HttpClient(sys.url);
    const bookB = async (hm: string, name: string, phoneNo: string, requestId: string) => {
      const r = await api.req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('B'), startsAt: local(MON, hm), contact: { name, phone: phoneNo, language: 'en', consent: true }, requestId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.data as { code: string; manageToken: string };
    };
    const first = await bookB('10:45', 'Li Lei', '+86 139 0000 2001', 'e2e-scan-booking-1');
    const second = await bookB('11:00', 'Han Meimei', '+86 139 0000 2002', 'e2e-scan-booking-2');

    // The manage page: what its QR code holds, and before check-in opens no "I'm here", but from when.
    await phone.goto(`${sys.url}/a/${encodeURIComponent(first.manageToken)}?lang=en`);
    const qr = phone.locator('[data-testid=appt-qr]');
    await qr.locator('svg').waitFor();
    const payload = (await qr.getAttribute('data-payload'))!;
    expect(payload).toBe(first.code);
    expect(await phone.textContent('[data-testid=appt-check-in-opens]')).toContain('Check-in opens at 10:15.');
    expect(await phone.locator('[data-testid=appt-check-in]').count()).toBe(0);

    const { page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
    await kiosk.locator('[data-testid=lang-zh]').waitFor();

    // 10:20: the scanner types the QR code's text and Enter at the idle welcome screen.
    setTime(MON, '10:20');
    await kiosk.keyboard.type(payload);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-testid=checkin-appointment]').waitFor();
    expect(await kiosk.getAttribute('[data-testid=ticket-number]', 'data-kind')).toBe('appointment');
    const firstNumber = (await kiosk.textContent('[data-testid=ticket-number]'))!.trim();
    expect(firstNumber).toMatch(/^B\d{3}$/);
    expect((await sys.system.parts.db.booking.findByManageToken(first.manageToken))!.state).toBe('checked-in');

    // Next customer: the appointment screen, where a scanned manage link (case-sensitive token)
    // lands in the code field and Enter checks in. The kiosk never shows the manage page.
    await kiosk.click('[data-testid=ticket-done]');
    await kiosk.click('[data-testid=lang-en]');
    await kiosk.click('[data-testid=appointment]');
    // A tap on the keypad keeps the field focused for the scanner.
    await kiosk.click('[data-testid=code-key-A]');
    await kiosk.click('[data-testid=code-key-A]');
    expect(await kiosk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('appointment-code');
    await kiosk.fill('[data-testid=appointment-code]', '');
    setTime(MON, '10:35');
    await kiosk.keyboard.type(`${sys.url}/a/${second.manageToken}`);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('[data-testid=checkin-appointment]').waitFor();
    expect(kiosk.url()).toMatch(/\/kiosk/);
    const secondNumber = (await kiosk.textContent('[data-testid=ticket-number]'))!.trim();
    expect(secondNumber).not.toBe(firstNumber);
    expect((await sys.system.parts.db.booking.findByManageToken(second.manageToken))!.state).toBe('checked-in');

    // The same scan again answers with the same ticket (no second ticket).
    await kiosk.click('[data-testid=ticket-done]');
    await kiosk.keyboard.type(second.code.toLowerCase());
    await kiosk.keyboard.press('Enter');
    await expect.poll(async () => (await kiosk.textContent('[data-testid=ticket-number]'))?.trim(), { timeout: 10_000 }).toBe(secondNumber);
    await kiosk.context().close();
  });
});
