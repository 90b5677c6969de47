/**
 * Booking from the phone, managing it by its link, and checking in at the kiosk: the real system
 * with a clock the test moves (compose's `overrides.clock`, as in the server's booking tests), so
 * the slots, the reminders and the check-in window do not depend on when the test runs. The
 * browser's own clock is real; the pages take their days and times from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appointmentNoShowJobId, reminderJobId } from '../../apps/server/src/jobs/processors/reminder.js';
import { HttpClient, device, launch, screenshot, startSystem, type TestSystem } from '../support.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Wall-clock time at the demo branch (Asia/Shanghai, UTC+8, no daylight saving). */
const local = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);

/** The next Monday (branch time) after today: the demo branch is open Mon-Fri 09:00-17:00. */
function nextMonday(): string {
  const d = new Date(Date.now() + 8 * HOUR);
  d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
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
    sys = await startSystem({}, { clock });
    browser = await launch();
    ({ page: phone } = await (async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    })());
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('books service A on the phone: code, QR code, calendar and manage link; reminders are armed', async () => {
    setTime(MON, '08:00');
    await phone.goto(`${sys.url}/book?lang=zh`);
    // One branch: the page starts at the services, with what to bring.
    await phone.click('[data-testid=service-A]');
    await phone.locator('[data-testid=slots]').waitFor();
    // A future day: Tuesday's first free slot.
    await phone.click(`[data-testid=day-${TUE}]`);
    await phone.locator(`[data-testid=slots][data-date="${TUE}"]`).waitFor();
    const first = phone.locator('[data-testid=slot]').first();
    const startsAt = Number(await first.getAttribute('data-starts-at'));
    expect(startsAt).toBe(local(TUE, '09:00'));
    expect((await first.textContent())!.trim()).toBe('09:00');
    await first.click();

    await phone.fill('[data-testid=contact-name]', '王小明');
    await phone.fill('[data-testid=contact-value]', '+86 139 0000 1234');
    // No consent, no booking.
    await phone.click('[data-testid=booking-confirm]');
    expect(await phone.textContent('[data-testid=contact-problem]')).toContain('同意');
    await phone.check('[data-testid=contact-consent]');
    await phone.click('[data-testid=booking-confirm]');

    await phone.locator('[data-testid=appt-booked]').waitFor();
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

  it('the manage link moves the appointment to another slot, and the reminders move with it', async () => {
    setTime(MON, '08:00');
    await phone.goto(`${sys.url}/a/${encodeURIComponent(manageToken)}?lang=en`);
    await phone.locator('[data-testid=appt-code]').waitFor();
    await phone.click('[data-testid=appt-reschedule]');
    await phone.click(`[data-testid=day-${MON}]`);
    const target = local(MON, '09:30');
    await phone.click(`[data-testid=slot][data-starts-at="${target}"]`);
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

  it('checks in at the kiosk by the code; the appointment is called ahead of a later walk-in', async () => {
    const { page: kiosk } = await device(browser, { width: 1080, height: 1920, locale: 'zh-CN' });
    await kiosk.goto(`${sys.url}/kiosk?device=${encodeURIComponent(sys.kioskToken)}`);
    const typeCode = async (text: string) => {
      await kiosk.fill('[data-testid=appointment-code]', '');
      for (const ch of text) await kiosk.click(`[data-testid=code-key-${ch}]`);
      await kiosk.click('[data-testid=appointment-submit]');
    };
    await kiosk.click('[data-testid=lang-zh]');
    await kiosk.click('[data-testid=appointment]');

    // An unknown code, and too early (check-in opens 30 minutes before 09:30).
    await typeCode('ZZZZZZ');
    await expect.poll(() => kiosk.getAttribute('[data-testid=checkin-refused]', 'data-code')).toBe('APPOINTMENT_NOT_FOUND');
    setTime(MON, '08:30');
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

    // A walk-in for the same service arrives right after.
    const kioskApi = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const walkIn = await kioskApi.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A'), priority: 'normal', lang: 'zh', requestId: 'e2e-booking-walkin-1' });
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
    expect(walkIn.body.data.view.number).not.toBe(number);

    const staff = new HttpClient(sys.url);
    await staff.login('alice');
    const cmd = async (body: Record<string, unknown>) => {
      const r = await staff.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.data;
    };
    await cmd({ type: 'sign-on', counterId: sys.counter('1') });
    const result = await cmd({ type: 'call-next' });
    expect(result.called.number).toBe(number);

    // The manage page now shows the check-in and the queue number.
    await phone.reload();
    await expect.poll(() => phone.getAttribute('[data-testid=appt-state]', 'data-state')).toBe('checked-in');
  });
});
