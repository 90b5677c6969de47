/**
 * Deactivating a service customers have booked, against the real system (PostgreSQL, Redis, the
 * BullMQ worker, a clock the test moves): the manager is told first how many booked visits and
 * from when (SERVICE_HAS_BOOKINGS, nothing changed); the confirmed request deactivates the service,
 * cancels those bookings with their reminders, and tells each customer in their language through
 * the SMS provider port (its logging fake keeps the messages), with the manage link, which then
 * says the branch cancelled. Audited once, with the count.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { reminderJobId } from '../src/jobs/processors/reminder.js';
import { local, managerAndTeller, MON, THU, TUE, WED } from './booking-support.js';
import { waitFor, type HttpClient } from './support.js';
import { normalizePhone } from '@tellerline/contracts';

/** Text messages the system sent (kept, not sent). */
const sms = createLoggingSmsProvider(() => undefined);
const { at, setTime, anyone, branchPath, book, booked } = managerAndTeller({ notify: { smsProvider: sms } });

const texts = (phone: string): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
const auditOf = async (action: string) => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 200)).filter((e) => e.action === action);
const patchService = (code: string, body: Record<string, unknown>, by: HttpClient = at.manager) => by.req('PATCH', branchPath(`/services/${at.sys.service(code)}`), body);
const setupOf = async () => (await at.manager.req('GET', branchPath('/setup'))).body.data as { services: { code: string; active: boolean }[] };

describe('deactivating a service with booked appointments', () => {
  it('tells the manager how many booked visits and from when, and changes nothing', async () => {
    setTime(MON, '08:00');
    const zh = { name: '王芳', phone: '+86 139 1111 0001', language: 'zh', consent: true };
    const en = { name: 'Lee Ann', phone: '+86 139 1111 0002', language: 'en', consent: true };
    await booked('D', local(WED, '10:00'), { contact: zh });
    await booked('D', local(TUE, '14:00'), { contact: en });
    await booked('D', local(THU, '09:30'));
    // Another service's booking is not counted.
    await booked('B', local(TUE, '11:00'));

    const refused = await patchService('D', { active: false });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SERVICE_HAS_BOOKINGS', details: { serviceCode: 'D', count: 3, firstAt: local(TUE, '14:00'), firstDate: TUE } });
    expect(refused.body.error.message).toContain(`3 booked visits from ${TUE}`);
    expect((await setupOf()).services.find((s) => s.code === 'D')!.active).toBe(true);
    expect((await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, at.sys.service('D'))).map((a) => a.state)).toEqual(['booked', 'booked', 'booked']);
    expect(await auditOf('update-service')).toHaveLength(0);
  });

  it('refuses cancelBookings without a deactivation', async () => {
    const r = await patchService('D', { targetMin: 20, cancelBookings: true });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('the confirmed request deactivates the service, cancels its bookings and tells each customer in their language', async () => {
    const bookings = await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, at.sys.service('D'));
    expect(bookings).toHaveLength(3);
    const off = await patchService('D', { active: false, cancelBookings: true });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.data.active).toBe(false);
    // The kiosk and the booking page no longer offer it.
    expect((await at.sys.system.parts.store.load(at.sys.branchId))!.services[at.sys.service('D')]).toBeUndefined();

    for (const b of bookings) {
      const a = (await at.sys.system.parts.db.booking.findById(b.id))!;
      expect(a).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });
      // Its reminders are gone: nobody is reminded of a visit that will not happen.
      expect(await at.sys.system.parts.queues.queue.getJob(reminderJobId(a.id, a.version, '24h'))).toBeUndefined();
    }
    // The other service's booking stays.
    expect((await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, at.sys.service('B'))).map((a) => a.state)).toEqual(['booked']);

    const chinese = await waitFor('the Chinese notice', async () => texts('+86 139 1111 0001').find((t) => t.includes('网点取消')));
    // The service is named although it is no longer active.
    expect(chinese).toContain('已停止办理理财');
    expect(chinese).toContain('3月4日（周三）10:00');
    expect(chinese).toContain('重新预约');
    expect(chinese).toContain(`/a/${bookings.find((b) => b.startsAt === local(WED, '10:00'))!.manageToken}`);
    const english = await waitFor('the English notice', async () => texts('+86 139 1111 0002').find((t) => t.includes('cancelled your appointment')));
    expect(english).toContain('no longer offers Wealth,');
    expect(english).toContain('Tue 3 Mar 2026 at 14:00');
    expect(english).toContain('book another time or service');
    expect(english).toContain(`/a/${bookings.find((b) => b.startsAt === local(TUE, '14:00'))!.manageToken}`);

    const entries = await auditOf('cancel-service-bookings');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: 'manager', details: { code: 'D', count: 3 } });
    expect([...(entries[0]!.details.appointmentIds as string[])].sort()).toEqual(bookings.map((b) => b.id).sort());
    expect(JSON.stringify(entries[0])).not.toContain('+86');
    expect((await auditOf('update-service')).map((e) => e.details?.changes)).toEqual([{ active: { from: true, to: false } }]);
  });

  it("the customer's manage page says the branch cancelled it", async () => {
    const [first] = (await at.sys.system.parts.db.booking.listStartingBetween(at.sys.branchId, local(TUE, '14:00'), local(TUE, '14:01'))).filter((a) => a.serviceId === at.sys.service('D'));
    const view = await anyone().req('GET', `/api/v1/appointments/${first!.manageToken}`);
    expect(view.status).toBe(200);
    expect(view.body.data).toMatchObject({ state: 'cancelled', cancelledBy: 'branch', canCancel: false, canReschedule: false });
    // It still says what was booked, though the branch no longer offers it.
    expect(view.body.data.service).toMatchObject({ id: at.sys.service('D'), code: 'D', name: { zh: '理财', en: 'Wealth' } });
    expect(view.body.data.service.documents.en).toContain('Bank card');
    // So does the staff's list of the day.
    const day = await at.manager.req('GET', branchPath(`/appointments?day=${TUE}`));
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    expect(day.body.data.appointments.find((a: { id: string }) => a.id === first!.id).service).toMatchObject({ code: 'D', name: { zh: '理财', en: 'Wealth' } });
  });

  it("a customer's own cancel is theirs; deactivating a service nobody booked asks nothing", async () => {
    setTime(MON, '08:00');
    const mine = await booked('C', local(WED, '15:00'));
    const cancel = await anyone().req('POST', `/api/v1/appointments/${mine.manageToken}/cancel`);
    expect(cancel.body.data).toMatchObject({ state: 'cancelled', cancelledBy: 'customer' });
    // C has no booking left: deactivated at once, and no cancel entry.
    const off = await patchService('C', { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await auditOf('cancel-service-bookings')).toHaveLength(1);
    expect((await patchService('C', { active: true })).status).toBe(200);
  });
});

describe('a booking racing the deactivation of a service nobody had booked', () => {
  it('never leaves a booking on an inactive service: either the booking stops the deactivation, or the deactivation refuses the booking', async () => {
    setTime(MON, '08:00');
    for (let i = 0; i < 8; i++) {
      expect((await setupOf()).services.find((s) => s.code === 'C')!.active).toBe(true);
      const [made, off] = await Promise.all([book('C', local(THU, `${10 + (i % 6)}:00`)), patchService('C', { active: false })]);
      const active = (await setupOf()).services.find((s) => s.code === 'C')!.active;
      const left = await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, at.sys.service('C'));
      if (made.status === 201) {
        // The booking came first: the deactivation counted it and asked, the service stays.
        expect([off.status, off.body.error?.code]).toEqual([409, 'SERVICE_HAS_BOOKINGS']);
        expect(active).toBe(true);
        expect(left.map((a) => a.manageToken)).toEqual([made.body.data.manageToken]);
        expect((await anyone().req('POST', `/api/v1/appointments/${made.body.data.manageToken}/cancel`)).status).toBe(200);
      } else {
        // The deactivation came first: the booking is refused as for any service not offered.
        expect([made.status, made.body.error?.code], JSON.stringify(made.body)).toEqual([422, 'UNKNOWN_SERVICE']);
        expect(off.status, JSON.stringify(off.body)).toBe(200);
        expect(active).toBe(false);
        expect(left).toEqual([]);
        expect((await patchService('C', { active: true })).status).toBe(200);
      }
    }
  });
});

describe('cancelling the bookings of a deactivated service when the database fails part-way', () => {
  it("cancels all or none when a statement fails part-way; the manager's retry cancels them all, each customer told once", async () => {
    setTime(MON, '08:00');
    const phones = ['+86 139 1111 0101', '+86 139 1111 0102', '+86 139 1111 0103'];
    for (const [i, phone] of phones.entries()) await booked('B', local(WED, `${10 + i}:00`), { contact: { name: `客户${i}`, phone, language: 'zh', consent: true } });
    const before = await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, at.sys.service('B'));
    expect(before.length).toBeGreaterThanOrEqual(3);

    // The second cancel's statement fails (as a lost connection makes it fail) inside the transaction.
    const repo = at.sys.system.parts.db.booking;
    const { withBookingLock } = repo;
    let transitions = 0;
    repo.withBookingLock = (branchId, fn) =>
      withBookingLock(branchId, (tx) =>
        fn({
          ...tx,
          transition: async (...args) => {
            if (++transitions === 2) throw new Error('Connection terminated unexpectedly');
            return tx.transition(...args);
          },
        }),
      );
    let failed;
    try {
      failed = await patchService('B', { active: false, cancelBookings: true });
    } finally {
      repo.withBookingLock = withBookingLock;
    }
    expect(failed.status).toBe(500);
    expect(transitions).toBe(2);
    const states = async () => Promise.all(before.map(async (b) => (await repo.findById(b.id))!.state));
    expect(await states()).toEqual(before.map(() => 'booked'));

    // The manager's retry (the service is already inactive) cancels every one, each customer told once.
    const retry = await patchService('B', { active: false, cancelBookings: true });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(await states()).toEqual(before.map(() => 'cancelled'));
    for (const phone of phones) {
      await waitFor(`the notice to ${phone}`, async () => texts(phone).some((t) => t.includes('网点取消')));
      expect(texts(phone).filter((t) => t.includes('网点取消'))).toHaveLength(1);
    }
    expect((await patchService('B', { active: true })).status).toBe(200);
  });
});
