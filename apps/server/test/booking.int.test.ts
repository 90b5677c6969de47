/**
 * Booking and appointments through the real API, on PostgreSQL, Redis and the BullMQ worker,
 * with a clock the test moves (compose's `overrides.clock`): the demo branch (Asia/Shanghai,
 * Mon-Fri 09:00-17:00) on Monday 2 March 2026.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentNoShowJobId, reminderJobId } from '../src/jobs/processors/reminder.js';
import { BANK_HOURS, bookingHelpers, branchClock, FRI, local, MON, THU, TUE, WED } from './booking-support.js';
import { HttpClient, nextEvent, openSocket, startTestSystem, waitFor, type TestSystem } from './support.js';
import { normalizePhone, type StaffQueueSnapshot, type TicketView } from '@tellerline/contracts';

const MIN = 60_000;
const HOUR = 60 * MIN;

const { clock, setTime } = branchClock();
/** Text messages the system sent (kept, not sent). */
const sms = createLoggingSmsProvider(() => undefined);
let sys: TestSystem;
const { anyone, kiosk, branchPath, contact, freshIp, book, booked, live, runNow } = bookingHelpers(() => sys);

beforeAll(async () => {
  // Bookings are limited per caller IP: each test customer books from an address of their own.
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock, demoOpeningHours: BANK_HOURS, notify: { smsProvider: sms } });
});
afterAll(async () => {
  await sys?.close();
});

/** Active appointments starting at this local time. */
async function activeAt(date: string, hm: string) {
  const list = await sys.system.parts.db.booking.listStartingBetween(sys.branchId, local(date, hm), local(date, hm) + 1);
  return list.filter((a) => a.state !== 'cancelled');
}

/** The appointment's jobs still waiting in the queue, by id. */
async function delayedJobs(appointmentId: string) {
  const jobs = await sys.system.parts.queues.queue.getDelayed();
  return Object.fromEntries(jobs.filter((j) => j.data.appointmentId === appointmentId).map((j) => [j.id!, j.opts.delay]));
}

describe('booking page', () => {
  it('describes the branch and lists free slots in branch time, after the minimum notice', async () => {
    const info = await anyone().req('GET', branchPath('/booking'));
    expect(info.status).toBe(200);
    expect(info.body.data).toMatchObject({ branchId: sys.branchId, timezone: 'Asia/Shanghai', enabled: true, remoteQueue: false, minNoticeMin: 60, maxDaysAhead: 30 });
    expect(info.body.data.services.map((s: { code: string }) => s.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(info.body.data.services[2]).toMatchObject({ durationMin: 20, channels: ['branch'] });

    setTime(MON, '08:00');
    const r = await anyone().req('GET', branchPath(`/services/${sys.service('A')}/slots?from=${MON}&days=7`));
    expect(r.status).toBe(200);
    const days = r.body.data.days as { date: string; closed: boolean; slots: { time: string; startsAt: number; remaining: number }[] }[];
    expect(days.map((d) => [d.date, d.closed, d.slots.length])).toEqual([
      [MON, false, 32],
      [TUE, false, 32],
      [WED, false, 32],
      [THU, false, 32],
      ['2026-03-06', false, 32],
      ['2026-03-07', false, 12],
      ['2026-03-08', true, 0],
    ]);
    // Three colleagues do personal cash (A), which also takes walk-ins: by default a quarter of
    // them is kept for walk-ins, so two places. The first slot is 09:00 (an hour from 08:00).
    expect(days[0]!.slots[0]).toEqual({ time: '09:00', startsAt: local(MON, '09:00'), endsAt: local(MON, '09:05'), remaining: 2 });
    expect(days[0]!.slots.at(-1)!.time).toBe('16:45');
  });

  it('refuses bad requests with stable codes', async () => {
    setTime(MON, '08:00');
    expect((await book('A', local(MON, '08:30'))).body.error.code).toBe('SLOT_TOO_SOON');
    expect((await book('A', local(MON, '10:10'))).body.error.code).toBe('SLOT_UNAVAILABLE');
    expect((await book('A', local('2026-03-08', '10:00'))).body.error.code).toBe('SLOT_UNAVAILABLE');
    expect((await book('A', local('2026-05-04', '10:00'))).body.error.code).toBe('SLOT_TOO_FAR');
    const unconsented = await anyone().req('POST', '/api/v1/appointments', { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(TUE, '10:00'), contact: { language: 'en' } });
    expect(unconsented).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect((await anyone().req('GET', branchPath('/services/nope/slots'))).body.error.code).toBe('UNKNOWN_SERVICE');
    expect((await anyone().req('GET', '/api/v1/appointments/no-such-token-aaaaaaaa')).status).toBe(404);
    // ISO 8601 with an offset is accepted as well as epoch ms.
    const iso = await book('A', '2026-03-03T11:00:00+08:00' as unknown as number);
    expect(iso.status).toBe(201);
    expect(iso.body.data.startsAt).toBe(local(TUE, '11:00'));
  });

  it('books, arms reminders, moves them on reschedule and removes them on cancel', async () => {
    setTime(MON, '08:00');
    const email = 'wang.wei@bank.example';
    const r = await anyone().req('POST', '/api/v1/appointments', {
      branchId: sys.branchId,
      serviceId: sys.service('B'),
      startsAt: local(WED, '10:00'),
      contact: { name: 'Wang Wei', phone: '+86 138 0000 1111', email, language: 'zh', consent: true },
    });
    expect(r.status).toBe(201);
    const a = r.body.data;
    expect(a).toMatchObject({ branchId: sys.branchId, serviceId: sys.service('B'), startsAt: local(WED, '10:00'), endsAt: local(WED, '10:12'), channel: 'branch', joinUrl: null, state: 'booked' });
    expect(a.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(a.manageToken.length).toBeGreaterThanOrEqual(32);
    expect(a.icsUrl).toBe(`/api/v1/appointments/${a.manageToken}/ics`);
    const { id } = (await sys.system.parts.db.booking.findByManageToken(a.manageToken))!;

    // The customer profile was created from the contact, with consent to notices.
    const [customer] = await sys.system.parts.db.customerBook.findByPhone('+86 138 0000 1111');
    expect(customer).toMatchObject({ name: 'Wang Wei', email, language: 'zh' });

    const now = clock.now();
    expect(await delayedJobs(id)).toEqual({
      [reminderJobId(id, 0, '24h')]: local(WED, '10:00') - 24 * HOUR - now,
      [reminderJobId(id, 0, '1h')]: local(WED, '10:00') - HOUR - now,
      [appointmentNoShowJobId(id, 0)]: local(WED, '10:15') - now,
    });

    // Booking again with the same phone and name finds the same customer profile, however the
    // number is written (brackets, dots, full-width digits): it is stored in one form.
    const again = await anyone().req('POST', '/api/v1/appointments', {
      branchId: sys.branchId,
      serviceId: sys.service('A'),
      startsAt: local(THU, '09:00'),
      contact: { name: 'Wang Wei', phone: '+86 (138) 0000.1111', language: 'en', consent: true },
    });
    expect(again.status).toBe(201);
    expect(await sys.system.parts.db.customerBook.findByPhone('+86 138 0000 1111')).toHaveLength(1);
    // ... and two is the most one customer may hold.
    const third = await anyone().req('POST', '/api/v1/appointments', {
      branchId: sys.branchId,
      serviceId: sys.service('A'),
      startsAt: local(THU, '10:00'),
      contact: { name: 'Wang Wei', phone: '＋８６ １３８ ００００ １１１１', language: 'en', consent: true },
    });
    expect(third).toMatchObject({ status: 409, body: { error: { code: 'BOOKING_LIMIT' } } });

    setTime(MON, '09:00');
    const moved = await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/reschedule`, { startsAt: local(THU, '14:30') });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ code: a.code, manageToken: a.manageToken, startsAt: local(THU, '14:30'), endsAt: local(THU, '14:42') });
    const now2 = clock.now();
    expect(await delayedJobs(id)).toEqual({
      [reminderJobId(id, 1, '24h')]: local(THU, '14:30') - 24 * HOUR - now2,
      [reminderJobId(id, 1, '1h')]: local(THU, '14:30') - HOUR - now2,
      [appointmentNoShowJobId(id, 1)]: local(THU, '14:45') - now2,
    });
    expect(await sys.system.parts.queues.queue.getJob(reminderJobId(id, 0, '24h'))).toBeUndefined();

    const view = await anyone().req('GET', `/api/v1/appointments/${a.manageToken}`);
    expect(view.body.data).toMatchObject({
      code: a.code,
      state: 'booked',
      localDate: THU,
      localTime: '14:30',
      branch: { id: sys.branchId, timezone: 'Asia/Shanghai' },
      service: { id: sys.service('B'), code: 'B' },
      contact: { phoneMasked: '+86 ••• •••• 1111', emailMasked: 'w••@bank.example', language: 'en' },
      checkIn: { opensAt: local(THU, '14:00'), keepsSlotUntil: local(THU, '14:40'), closesAt: local(THU, '14:45') },
      // The server's clock, which the page measures the check-in window against.
      now: clock.now(),
      ticket: null,
      canReschedule: true,
      canCancel: true,
    });
    // Whoever holds the link learns no name: the page never shows it.
    expect(view.body.data.contact).not.toHaveProperty('name');
    expect(JSON.stringify(view.body)).not.toContain('Wang Wei');

    const ics = await anyone().req('GET', a.icsUrl);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('DTSTART:20260305T063000Z');
    expect(ics.body).toContain('SEQUENCE:1');
    expect(ics.body).toContain(a.code);
    // A visit to the branch (in the customer's language, English by now): the calendar entry asks them to come a little early.
    expect(ics.body.replace(/\r\n[ \t]/g, '')).toContain(`Check-in code: ${a.code} (please arrive a few minutes early and enter it at the kiosk)`);
    // Where: the demo branch and its street address (seeded), in English, commas escaped (RFC 5545).
    expect(view.body.data.branch.address).toEqual({ zh: '北京市西城区金融大街 1 号', en: '1 Financial Street, Xicheng District, Beijing' });
    expect(ics.body.replace(/\r\n[ \t]/g, '')).toContain('LOCATION:Main Branch\\, 1 Financial Street\\, Xicheng District\\, Beijing\r\n');

    const cancelled = await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { data: { state: 'cancelled' } } });
    expect(await delayedJobs(id)).toEqual({});
    expect((await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`)).status).toBe(200);
    expect((await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/reschedule`, { startsAt: local(THU, '15:00') })).body.error.code).toBe('APPOINTMENT_CANCELLED');
    expect((await anyone().req('GET', a.icsUrl)).body).toContain('METHOD:CANCEL');
  });

  it('gives the last place to exactly one of many people booking it at once', async () => {
    setTime(MON, '08:00');
    // Loans (C) has one skilled colleague: one place per slot.
    const startsAt = local(TUE, '14:00');
    const results = await Promise.all(Array.from({ length: 8 }, () => book('C', startsAt)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SLOT_FULL')).toBe(true);
    const tuesday = await anyone().req('GET', branchPath(`/services/${sys.service('C')}/slots?from=${TUE}&days=1`));
    const times = tuesday.body.data.days[0].slots.map((s: { time: string }) => s.time);
    // 13:45-14:05 and 14:15-14:35 would overlap the 14:00-14:20 booking.
    expect(times).toEqual(expect.arrayContaining(['13:30', '14:30']));
    expect(times).not.toContain('13:45');
    expect(times).not.toContain('14:00');
    expect(times).not.toContain('14:15');

    // Moving the booking itself: the times its own slot blocks for others are offered to it.
    const winner = results.find((r) => r.status === 201)!.body.data;
    const own = await anyone().req('GET', `/api/v1/appointments/${winner.manageToken}/slots?from=${TUE}&days=1`);
    expect(own.status).toBe(200);
    expect(own.body.data.days[0].slots.map((s: { time: string }) => s.time)).toEqual(expect.arrayContaining(['13:45', '14:00', '14:15']));
    expect((await anyone().req('POST', `/api/v1/appointments/${winner.manageToken}/reschedule`, { startsAt: local(TUE, '14:15') })).status).toBe(200);
    await anyone().req('POST', `/api/v1/appointments/${winner.manageToken}/cancel`);
    expect((await anyone().req('GET', `/api/v1/appointments/${winner.manageToken}/slots`)).body.error.code).toBe('APPOINTMENT_CANCELLED');
    expect((await anyone().req('GET', '/api/v1/appointments/no-such-token-aaaaaaaa/slots')).status).toBe(404);
  });

  it("never lets someone who knows a customer's phone number take over their profile or reminders", async () => {
    setTime(MON, '08:00');
    const phone = '+86 133 4444 5555';
    const vera = await booked('A', local(TUE, '09:30'), { contact: { name: 'Victim Vera', phone, language: 'zh', consent: true } });
    const profile = async () => (await sys.system.parts.db.customerBook.findByPhone(phone)).map((c) => ({ name: c.name, email: c.email, language: c.language }));
    /** The profile a booking was attached to (the manage page no longer names it). */
    const nameOn = async (manageToken: string) => {
      const { customerId } = (await sys.system.parts.db.booking.findByManageToken(manageToken))!;
      return customerId ? ((await sys.system.parts.db.customerBook.findById(customerId))?.name ?? null) : null;
    };
    expect(await profile()).toEqual([{ name: 'Victim Vera', email: null, language: 'zh' }]);

    // A refused booking with her phone, no name and another e-mail writes nothing anywhere.
    const refused = await book('A', local(MON, '08:30'), { contact: { phone, email: 'thief@evil.test', language: 'en', consent: true } });
    expect(refused.body.error.code).toBe('SLOT_TOO_SOON');
    expect(await profile()).toEqual([{ name: 'Victim Vera', email: null, language: 'zh' }]);

    // Booked with her phone and another name or address: a profile of its own. Hers keeps her
    // language and no stranger's e-mail, and her own limit of two bookings is untouched.
    for (const [at, stranger] of [['10:00', { email: 'thief@evil.test' }], ['10:30', { name: 'Zhang San' }], ['11:00', { name: 'victim vera', email: 'thief@evil.test' }]] as const) {
      const other = await booked('A', local(WED, at), { contact: { phone, language: 'en', consent: true, ...stranger } });
      expect(await nameOn(other.manageToken)).toBe('name' in stranger ? stranger.name : null);
    }
    const profiles = await profile();
    expect(profiles).toHaveLength(4);
    expect(profiles[0]).toEqual({ name: 'Victim Vera', email: null, language: 'zh' });
    const hers = await anyone().req('GET', `/api/v1/appointments/${vera.manageToken}`);
    expect(hers.body.data.contact).toEqual({ phoneMasked: expect.any(String), emailMasked: null, language: 'zh' });
    expect(await nameOn(vera.manageToken)).toBe('Victim Vera');
    expect((await book('A', local(THU, '09:30'), { contact: { name: 'Victim Vera', phone, language: 'zh', consent: true } })).status).toBe(201);
  });

  it('confirms a booking, a move and a cancel by text message at once, with the manage link once', async () => {
    setTime(MON, '08:00');
    const phone = '+86 135 2222 3333';
    const texts = (): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
    const a = await booked('B', local(FRI, '11:00'), { contact: { name: 'Zhou Min', phone, language: 'en', consent: true } });
    const link = `/a/${a.manageToken}`;
    const booked1 = await waitFor('the booking confirmation', async () => texts().find((t) => t.startsWith('Booked: ')));
    expect(booked1).toContain(`Fri 6 Mar 2026 at 11:00`);
    expect(booked1).toContain(`check-in code ${a.code}`);
    expect(booked1.split(link)).toHaveLength(2);

    expect((await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/reschedule`, { startsAt: local(FRI, '14:00') })).status).toBe(200);
    expect(await waitFor('the move confirmation', async () => texts().find((t) => t.startsWith('Moved: ')))).toContain('now Fri 6 Mar 2026 at 14:00');
    expect((await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`)).status).toBe(200);
    expect(await waitFor('the cancel confirmation', async () => texts().find((t) => t.includes('is cancelled')))).toContain('Fri 6 Mar 2026 at 14:00');
    // Cancelling again confirms nothing twice.
    await anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts().filter((t) => t.includes('is cancelled'))).toHaveLength(1);
  });
});

describe('booking safety: retries, duplicates and the per-IP limit', () => {
  const post = (body: Record<string, unknown>, from: Record<string, string> = freshIp()) => anyone().req('POST', '/api/v1/appointments', body, from);

  it('answers a retried booking with the same appointment, even once the slot is full', async () => {
    setTime(MON, '08:00');
    // Loans (C): one place per slot.
    const body = { branchId: sys.branchId, serviceId: sys.service('C'), startsAt: local(FRI, '10:00'), contact: contact(), requestId: 'retry-0001-aaaa' };
    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(body);
    expect(again.status).toBe(201);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The same instant written as ISO 8601 is the same request.
    const iso = await post({ ...body, startsAt: '2026-03-06T10:00:00+08:00' });
    expect(iso.status).toBe(201);
    expect(iso.body.data.manageToken).toBe(first.body.data.manageToken);
    expect(await activeAt(FRI, '10:00')).toHaveLength(1);
    // The place is taken once: someone else gets SLOT_FULL.
    expect((await book('C', local(FRI, '10:00'))).body.error.code).toBe('SLOT_FULL');

    // The same key with another request is refused, and books nothing.
    const other = await post({ ...body, startsAt: local(FRI, '11:00') });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'REQUEST_ID_REUSED' } } });
    expect(await activeAt(FRI, '11:00')).toHaveLength(0);
  });

  it('books once when copies of one request arrive at the same time', async () => {
    setTime(MON, '08:00');
    const body = { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(FRI, '11:00'), contact: contact(), requestId: 'concurrent-0001-bbbb' };
    const from = freshIp();
    const results = await Promise.all(Array.from({ length: 6 }, () => post(body, from)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.data.manageToken)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.data.code)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await activeAt(FRI, '11:00')).toHaveLength(1);
  });

  it('a refused request leaves its key free, so the retry of a corrected tap can book', async () => {
    setTime(MON, '08:00');
    const body = { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(FRI, '12:00'), contact: contact(), requestId: 'refused-0001-cccc' };
    // Too soon at 11:30 (an hour's notice); at 08:00 the same request books.
    setTime(FRI, '11:30');
    expect((await post(body)).body.error.code).toBe('SLOT_TOO_SOON');
    setTime(MON, '08:00');
    expect((await post(body)).status).toBe(201);
    expect(await activeAt(FRI, '12:00')).toHaveLength(1);
  });

  it('limits booking attempts per IP: past the limit nothing is booked, replays still answer', async () => {
    setTime(MON, '08:00');
    const from = { 'x-forwarded-for': '203.0.113.77' };
    // Refused attempts count too: probing for slots is what the limit stops. (Sunday is closed.)
    for (let i = 0; i < 9; i++) expect((await post({ branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local('2026-03-08', '10:00'), contact: contact() }, from)).body.error.code).toBe('SLOT_UNAVAILABLE');
    const tenth = { branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(FRI, '13:00'), contact: contact(), requestId: 'limit-0010-dddd' };
    expect((await post(tenth, from)).status).toBe(201);

    const slotsBefore = (await anyone().req('GET', branchPath(`/services/${sys.service('A')}/slots?from=${FRI}&days=1`))).body.data;
    const eleventh = await post({ branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(FRI, '14:00'), contact: contact() }, from);
    expect(eleventh).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(await activeAt(FRI, '14:00')).toHaveLength(0);
    expect((await anyone().req('GET', branchPath(`/services/${sys.service('A')}/slots?from=${FRI}&days=1`))).body.data).toEqual(slotsBefore);
    // A replay of an answered request is not a new attempt; another address is not limited.
    expect((await post(tenth, from)).status).toBe(201);
    expect((await post({ branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(FRI, '14:00'), contact: contact() })).status).toBe(201);
  });
});

describe('arrival', () => {
  let alice: HttpClient;
  const command = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', branchPath('/commands'), { type, ...extra });

  beforeAll(async () => {
    alice = new HttpClient(sys.url);
    await alice.login('alice');
    setTime(MON, '08:00');
    expect((await command('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
  });

  it('checks in by code: the appointment is called at its time, ahead of a walk-in far over target, then the walk-ins in order', async () => {
    setTime(MON, '08:00');
    const appt = await booked('A', local(MON, '11:00'));
    const walkIn = async () => {
      const r = await kiosk().req('POST', branchPath('/tickets'), { serviceId: sys.service('A') });
      expect(r.status).toBe(201);
      return r.body.data.ticketId as string;
    };

    setTime(MON, '10:00');
    const longWaiting = await walkIn();
    // Too early: the opening time comes as data, not only inside the message.
    expect(await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).toMatchObject({
      status: 409,
      body: { error: { code: 'CHECK_IN_TOO_EARLY', details: { opensAt: '2026-03-02T10:30:00+08:00', opensAtLocal: '10:30' } } },
    });

    setTime(MON, '10:50');
    const checkIn = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code.toLowerCase() });
    expect(checkIn.status).toBe(200);
    // The view carries the slot too, so the phone page words the wait against it.
    expect(checkIn.body.data).toMatchObject({ kind: 'appointment', late: false, appointmentAt: local(MON, '11:00'), code: appt.code, view: { status: 'waiting', service: { code: 'A' }, appointmentAt: local(MON, '11:00') } });
    expect((await anyone().req('GET', `/api/v1/tickets/${checkIn.body.data.token}`)).body.data.appointmentAt).toBe(local(MON, '11:00'));
    const ticketId = checkIn.body.data.ticketId as string;
    expect((await live()).tickets[ticketId]).toMatchObject({ kind: 'appointment', appointmentAt: local(MON, '11:00'), joinedAt: local(MON, '10:50') });
    // The phone page works with the ticket's token; a repeated check-in gives the same ticket.
    expect((await anyone().req('GET', `/api/v1/tickets/${checkIn.body.data.token}`)).body.data.number).toBe(checkIn.body.data.view.number);
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).body.data.token).toBe(checkIn.body.data.token);
    expect(await delayedJobs(appt.id)).toEqual({});

    setTime(MON, '10:55');
    const later = await walkIn();

    // 11:00: the appointment is called at its time, ahead of the walk-in who has waited an hour
    // (six times the target: late already, routing weighs it 0.5 + 0.25 x 5, below a due slot) ...
    setTime(MON, '11:00');
    const first = await command('call-next');
    expect(first.body.data.called).toMatchObject({ ticketId, reason: { rule: 'appointment' } });
    await command('start', { ticketId });
    await command('complete', { ticketId });
    // ... then the walk-ins in the order they came.
    setTime(MON, '11:01');
    expect((await command('call-next')).body.data.called).toMatchObject({ ticketId: longWaiting });
    await command('start', { ticketId: longWaiting });
    await command('complete', { ticketId: longWaiting });
    setTime(MON, '11:02');
    expect((await command('call-next')).body.data.called).toMatchObject({ ticketId: later });
    await command('start', { ticketId: later });
    await command('complete', { ticketId: later });

    // Staff see the day's appointments; this one is done.
    const list = await alice.req('GET', branchPath(`/appointments?day=${MON}`));
    expect(list.status).toBe(200);
    const row = list.body.data.appointments.find((x: { id: string }) => x.id === appt.id);
    expect(row).toMatchObject({ time: '11:00', state: 'done', channel: 'branch', service: { code: 'A' }, ticket: { id: ticketId, status: 'done' }, lateArrival: false });
    // What the teller's panel shows and no more: the name masked as it shows it ("Customer 7" ->
    // "C••• 7"), the number but its last four digits, and no check-in code.
    expect(row.name).toMatch(/^C••• \d•*$/);
    expect(row.phone).toMatch(/•.*\d{4}$/);
    expect(row).not.toHaveProperty('code');
    expect(JSON.stringify(list.body)).not.toContain(appt.code);
    expect(JSON.stringify(list.body)).not.toContain('Customer');
    expect((await anyone().req('GET', branchPath(`/appointments?day=${MON}`))).status).toBe(401);
    // The customer's own page agrees with staff: done, with nothing left to change.
    const mine = await anyone().req('GET', `/api/v1/appointments/${appt.manageToken}`);
    expect(mine.body.data).toMatchObject({ state: 'done', ticket: { token: checkIn.body.data.token }, canCancel: false, canReschedule: false });
  });

  it('queues a customer who arrives after the slot-keeping window as a walk-in, and says so', async () => {
    setTime(MON, '11:30');
    const appt = await booked('A', local(MON, '13:00'));
    setTime(MON, '13:12'); // routing.appointmentLateMin = 10 < 12 <= checkInLateMin = 15
    const r = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ kind: 'walk-in', late: true, appointmentAt: local(MON, '13:00') });
    const ticket = (await live()).tickets[r.body.data.ticketId]!;
    expect(ticket.kind).toBe('walk-in');
    expect(ticket.appointmentAt).toBeUndefined();
    const view = await anyone().req('GET', `/api/v1/appointments/${appt.manageToken}`);
    expect(view.body.data).toMatchObject({ state: 'checked-in', lateArrival: true, ticket: { token: r.body.data.token }, canCancel: false });
    expect((await anyone().req('POST', `/api/v1/appointments/${appt.manageToken}/cancel`)).body.error.code).toBe('APPOINTMENT_CHECKED_IN');
    expect((await command('cancel', { ticketId: r.body.data.ticketId })).status).toBe(200);
  });

  it('checks in from the phone, and closes check-in after the window', async () => {
    setTime(MON, '12:00');
    const byPhone = await booked('A', local(MON, '14:00'));
    const closed = await booked('A', local(MON, '15:00'));
    expect(await anyone().req('POST', `/api/v1/appointments/${byPhone.manageToken}/check-in`)).toMatchObject({
      status: 409,
      body: { error: { code: 'CHECK_IN_TOO_EARLY', details: { opensAt: '2026-03-02T13:30:00+08:00', opensAtLocal: '13:30' } } },
    });
    setTime(MON, '13:40');
    const r = await anyone().req('POST', `/api/v1/appointments/${byPhone.manageToken}/check-in`);
    expect(r.body.data).toMatchObject({ kind: 'appointment', late: false });
    const manage = () => anyone().req('GET', `/api/v1/appointments/${byPhone.manageToken}`);
    expect((await manage()).body.data.state).toBe('checked-in');
    // Called and not there: the customer's page says missed, as the staff list does.
    expect((await command('call-ticket', { ticketId: r.body.data.ticketId, reason: 'test' })).status).toBe(200);
    expect((await command('no-show', { ticketId: r.body.data.ticketId })).status).toBe(200);
    expect((await manage()).body.data).toMatchObject({ state: 'no-show', canCancel: false, canReschedule: false });
    setTime(MON, '15:16');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: closed.code })).body.error.code).toBe('CHECK_IN_CLOSED');
    expect((await sys.system.parts.db.booking.findById(closed.id))!.state).toBe('no-show');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: 'ZZZZZZ' })).status).toBe(404);
  });

  it('checks in at the kiosk by a scanned manage link (device token only), like the code', async () => {
    setTime(MON, '14:05');
    const appt = await booked('A', local(MON, '15:30'));
    const scanned = { manageToken: appt.manageToken };
    // The manage token checks in at a kiosk only: without the device token it is refused.
    expect((await anyone().req('POST', branchPath('/check-in'), scanned)).status).toBe(401);
    expect((await kiosk().req('POST', branchPath('/check-in'), { manageToken: 'not-a-real-token-xxxxxxxx' })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: appt.code, manageToken: appt.manageToken })).body.error.code).toBe('VALIDATION_FAILED');
    setTime(MON, '14:30');
    expect((await kiosk().req('POST', branchPath('/check-in'), scanned)).body.error).toMatchObject({ code: 'CHECK_IN_TOO_EARLY', details: { opensAtLocal: '15:00' } });

    setTime(MON, '15:20');
    const r = await kiosk().req('POST', branchPath('/check-in'), scanned);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ kind: 'appointment', late: false, appointmentAt: local(MON, '15:30'), code: appt.code });
    // The kiosk gets the ticket, not the manage page.
    expect(r.body.data).not.toHaveProperty('manageToken');
    expect(r.body.data).not.toHaveProperty('contact');
    // The code afterwards gives the same ticket.
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).body.data.token).toBe(r.body.data.token);
    expect((await sys.system.parts.db.booking.findById(appt.id))!.state).toBe('checked-in');
    expect((await command('cancel', { ticketId: r.body.data.ticketId })).status).toBe(200);
  });

  it('refuses a repeated check-in once the visit is over (served after a transfer, missed, cancelled), with the number it ended as', async () => {
    setTime(MON, '12:00');
    const appt = await booked('A', local(MON, '13:30'));
    const missed = await booked('A', local(MON, '13:45'));
    const cancelled = await booked('A', local(MON, '13:45'));
    setTime(MON, '13:15');
    const first = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    expect(first.status).toBe(200);
    const ticketId = first.body.data.ticketId as string;
    const again = () => kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    // Called and being served, the visit is still on: the same ticket again.
    expect((await command('call-ticket', { ticketId, reason: 'test' })).status).toBe(200);
    expect((await command('start', { ticketId })).status).toBe(200);
    expect((await again()).body.data).toMatchObject({ ticketId, view: { status: 'serving' } });
    // Sent on to service B (renumbered), served there: "checked in" would send them to wait for nothing.
    expect((await command('transfer', { ticketId, toServiceId: sys.service('B') })).status).toBe(200);
    expect((await command('call-ticket', { ticketId, reason: 'test' })).status).toBe(200);
    expect((await command('start', { ticketId })).status).toBe(200);
    expect((await command('complete', { ticketId })).status).toBe(200);
    const number = (await anyone().req('GET', `/api/v1/tickets/${first.body.data.token}`)).body.data.number as string;
    expect(number).toMatch(/^B/);
    const done = { status: 409, body: { error: { code: 'TICKET_ENDED', details: { number, status: 'done' } } } };
    expect(await again()).toMatchObject(done);
    expect(await kiosk().req('POST', branchPath('/check-in'), { manageToken: appt.manageToken })).toMatchObject(done);
    expect(await anyone().req('POST', `/api/v1/appointments/${appt.manageToken}/check-in`)).toMatchObject(done);

    // Missed when called, or cancelled after check-in: the same refusal, saying which.
    for (const [a, end] of [[missed, 'no-show'], [cancelled, 'cancel']] as const) {
      const r = await kiosk().req('POST', branchPath('/check-in'), { code: a.code });
      expect(r.status).toBe(200);
      if (end === 'no-show') expect((await command('call-ticket', { ticketId: r.body.data.ticketId, reason: 'test' })).status).toBe(200);
      expect((await command(end, { ticketId: r.body.data.ticketId })).status).toBe(200);
      expect(await kiosk().req('POST', branchPath('/check-in'), { code: a.code })).toMatchObject({
        status: 409,
        body: { error: { code: 'TICKET_ENDED', details: { number: r.body.data.view.number, status: end === 'cancel' ? 'cancelled' : 'no-show' } } },
      });
    }
  });

  it('marks a customer who never came a no-show when the timer fires; sends reminders', async () => {
    setTime(MON, '14:00');
    const appt = await booked('D', local(MON, '16:00'), { contact: contact({ email: 'li@bank.example' }) });
    const jobs = await delayedJobs(appt.id);
    expect(jobs).toEqual({ [reminderJobId(appt.id, 0, '1h')]: HOUR, [appointmentNoShowJobId(appt.id, 0)]: 2 * HOUR + 15 * MIN });

    setTime(MON, '15:00');
    expect(await runNow(reminderJobId(appt.id, 0, '1h'))).toEqual({ state: 'completed', value: 'sent' });
    // A reminder that comes due while the server is down is not sent after the visit is near.
    const later = await booked('D', local(MON, '16:30'));
    setTime(MON, '16:20');
    expect(await runNow(reminderJobId(later.id, 0, '1h'))).toEqual({ state: 'completed', value: 'too-late' });

    setTime(MON, '16:16');
    expect(await runNow(appointmentNoShowJobId(appt.id, 0))).toEqual({ state: 'completed', value: 'no-show' });
    expect((await sys.system.parts.db.booking.findById(appt.id))!.state).toBe('no-show');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).body.error.code).toBe('APPOINTMENT_MISSED');
    const list = await alice.req('GET', branchPath(`/appointments?day=${MON}`));
    expect(list.body.data.appointments.find((x: { id: string }) => x.id === appt.id)).toMatchObject({ state: 'no-show', ticket: null });
  });
});

describe('remote queue and remote channels', () => {
  let manager: HttpClient;
  beforeAll(async () => {
    manager = new HttpClient(sys.url);
    await manager.login('manager');
  });

  it('lets managers change booking settings; others may not', async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.saveBookingSettings(branchPath('/booking/settings'), {})).status).toBe(403);
    expect((await manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { slotStepMin: 1 } })).body.error.code).toBe('VALIDATION_FAILED');
    const saved = await manager.saveBookingSettings(branchPath('/booking/settings'), {
      settings: { remoteQueue: true, videoRoomUrl: 'https://meet.bank.example/{room}' },
      services: { [sys.service('C')]: { channels: ['branch', 'video', 'phone'] } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.settings).toMatchObject({ remoteQueue: true, minNoticeMin: 60, checkInLateMin: 15 });
    // The share in force is shown: C takes walk-ins, so a quarter of its staff is kept for them.
    expect(saved.body.data.services[sys.service('C')]).toMatchObject({ channels: ['branch', 'video', 'phone'], walkIns: true, walkInShare: 0.25 });
    expect((await manager.req('GET', branchPath('/booking/settings'))).body.data.settings.remoteQueue).toBe(true);
  });

  it('books video and phone appointments with join details for staff', async () => {
    setTime(MON, '08:00');
    const video = await booked('C', local(WED, '09:00'), { channel: 'video' });
    expect(video.joinUrl).toMatch(/^https:\/\/meet\.bank\.example\/tl-[A-Za-z0-9]+$/);
    const phone = await booked('C', local(WED, '10:00'), { channel: 'phone', contact: contact({ phone: '+86 137 1234 5678' }) });
    expect((await book('D', local(WED, '10:00'), { channel: 'video' })).body.error.code).toBe('CHANNEL_NOT_OFFERED');
    const list = await manager.req('GET', branchPath(`/appointments?day=${WED}`));
    const rows = list.body.data.appointments as { id: string; channel: string; joinUrl: string | null; phone: string | null }[];
    expect(rows.find((x) => x.id === video.id)).toMatchObject({ channel: 'video', joinUrl: video.joinUrl });
    expect(rows.find((x) => x.id === phone.id)).toMatchObject({ channel: 'phone', phone: '+8613712345678' });
    // The look is audited; the panel's refreshes of the same list soon after are not, one more row each.
    const looks = async () => (await sys.system.parts.db.audit.list(sys.branchId, 500)).filter((e) => e.action === 'view-appointments' && (e.details as { day?: string }).day === WED).length;
    expect(await waitFor('the audit row', async () => (await looks()) === 1)).toBe(true);
    for (let i = 0; i < 3; i++) await manager.req('GET', branchPath(`/appointments?day=${WED}`));
    await new Promise((r) => setTimeout(r, 200));
    expect(await looks()).toBe(1);
  });

  it('joins the queue from the phone, confirms arrival at the kiosk, and limits joins per IP', async () => {
    setTime(MON, '16:30');
    const join = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys.service('B'), lang: 'en', contact: { phone: '+86 136 0000 0001', consent: true } });
    expect(join.status).toBe(201);
    const { token, ticketId, view } = join.body.data;
    expect((await sys.system.parts.store.load(sys.branchId))!.tickets[ticketId]).toMatchObject({ kind: 'remote', status: 'waiting' });
    const seen = (await anyone().req('GET', `/api/v1/tickets/${token}`)).body.data;
    expect(seen.number).toBe(view.number);
    // The phone page says where to go: only a ticket joined from the phone is marked remote.
    expect([view.remote, seen.remote]).toEqual([true, true]);

    // Not here yet: no arrival on the phone's view nor on the staff panel's.
    expect(seen.arrivedAt).toBeUndefined();
    const phone = await openSocket(sys.url, { auth: { ticketToken: token } });
    const panel = await openSocket(sys.url, { cookie: manager.cookie! });
    try {
      const snapshot = await panel.emitWithAck('staff:sync', { afterSeq: 0 });
      const row = (snapshot as { data: StaffQueueSnapshot }).data.tickets.find((t) => t.id === ticketId);
      expect(row).toMatchObject({ kind: 'remote' });
      expect(row!.arrivedAt).toBeUndefined();

      setTime(MON, '16:40');
      // Live, with no event in the branch's stream: the phone page and the staff panel both hear of it.
      const phoneHears = nextEvent<TicketView>(phone, 'ticket:update', (v) => v.arrivedAt !== undefined);
      const panelHears = nextEvent<StaffQueueSnapshot>(panel, 'staff:changed', (s) => s.tickets.some((t) => t.id === ticketId && t.arrivedAt !== undefined));
      const byToken = await kiosk().req('POST', branchPath('/arrive'), { ticketToken: token });
      expect(byToken.body.data).toMatchObject({ ticketId, number: view.number, arrivedAt: local(MON, '16:40'), view: { remote: true, arrivedAt: local(MON, '16:40') } });
      expect((await phoneHears).arrivedAt).toBe(local(MON, '16:40'));
      expect((await panelHears).tickets.find((t) => t.id === ticketId)!.arrivedAt).toBe(local(MON, '16:40'));
    } finally {
      phone.close();
      panel.close();
    }
    // Read again (a reload, a resync): still arrived.
    expect((await anyone().req('GET', `/api/v1/tickets/${token}`)).body.data.arrivedAt).toBe(local(MON, '16:40'));
    setTime(MON, '16:41');
    // A second scan keeps the first arrival time.
    const again = await kiosk().req('POST', branchPath('/arrive'), { ticketToken: token });
    expect(again.body.data.arrivedAt).toBe(local(MON, '16:40'));
    // Not by the number the lobby screen shows (kiosk-guesses.int.test.ts has the rest).
    expect((await kiosk().req('POST', branchPath('/arrive'), { code: view.number })).body.error.code).toBe('VALIDATION_FAILED');
    const walkIn = await kiosk().req('POST', branchPath('/tickets'), { serviceId: sys.service('B') });
    expect(walkIn.body.data.view.remote).toBeUndefined();
    // A ticket taken in the branch needs no check-in: said with its number (not "unknown").
    const paper = await kiosk().req('POST', branchPath('/arrive'), { ticketToken: walkIn.body.data.token });
    expect([paper.status, paper.body.error.code, paper.body.error.details]).toEqual([409, 'CHECK_IN_NOT_NEEDED', { number: walkIn.body.data.view.number }]);
    expect((await anyone().req('POST', branchPath('/arrive'), { ticketToken: token })).status).toBe(401);

    const list = await manager.req('GET', branchPath('/appointments'));
    expect(list.body.data.remoteTickets).toEqual([expect.objectContaining({ ticketId, number: view.number, arrivedAt: local(MON, '16:40') })]);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys.service('B') })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });

  it('makes a service appointment-only: no walk-in tickets for it at the kiosk or from phones, every skilled minute bookable', async () => {
    setTime(MON, '16:45');
    const d = sys.service('D');
    const lineOfD = async () => ((await anyone().req('GET', branchPath('/queue'))).body.data as { serviceId: string; walkIns: boolean }[]).find((x) => x.serviceId === d);
    const before = Object.keys((await sys.system.parts.store.load(sys.branchId))!.tickets).length;
    const saved = await manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [d]: { walkIns: false } } });
    expect(saved.body.data.services[d]).toMatchObject({ walkIns: false, walkInShare: 0 });
    // Saving reconfigured the live branch: the kiosk's tiles say so at once.
    expect((await lineOfD())!.walkIns).toBe(false);
    const atKiosk = await kiosk().req('POST', branchPath('/tickets'), { serviceId: d });
    expect([atKiosk.status, atKiosk.body.error.code]).toEqual([422, 'SERVICE_APPOINTMENT_ONLY']);
    // Refused before the per-IP limit (this IP used its joins above), and before any ticket.
    expect((await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: d })).body.error.code).toBe('SERVICE_APPOINTMENT_ONLY');
    expect(Object.keys((await sys.system.parts.store.load(sys.branchId))!.tickets)).toHaveLength(before);

    await manager.saveBookingSettings(branchPath('/booking/settings'), { services: { [d]: { walkIns: true } } });
    expect((await lineOfD())!.walkIns).toBe(true);
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: d })).status).toBe(201);
  });
});
