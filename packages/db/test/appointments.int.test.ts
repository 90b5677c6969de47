/** Appointments, booking settings and arrivals, on PostgreSQL and on PGlite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type NewAppointment, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const MIN = 60_000;
/** Tuesday 2026-01-06 10:00 in Asia/Shanghai. */
const T10 = Date.UTC(2026, 0, 6, 2, 0);

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`appointments storage on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;
    let serviceId: string;
    let n = 0;
    const appointment = (over: Partial<NewAppointment> = {}): NewAppointment => {
      n++;
      return { branchId, serviceId, customerId: null, startsAt: T10, endsAt: T10 + 20 * MIN, code: `C${n}`, channel: 'branch', joinUrl: null, ...over };
    };

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      branchId = (await seedDemo(t.db, { passwordHash: fakeHash })).branchId;
      serviceId = (await repos.branches.loadConfig(branchId))!.services.find((s) => s.code === 'C')!.id;
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('stores booking settings, service rules and rosters, and reads them back for the slot finder', async () => {
      const setup0 = (await repos.appointments.bookingSetup(branchId))!;
      expect(setup0).toMatchObject({ timezone: 'Asia/Shanghai', settings: {} });
      expect(setup0.services.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D']);
      const chen = setup0.staff.find((s) => s.displayName === 'Chen')!;
      expect(chen.roster).toBeNull();
      expect(Object.keys(chen.skills).sort()).toEqual([serviceId, setup0.services.find((s) => s.code === 'D')!.id].sort());

      const roster = { mon: [{ open: '09:00', close: '12:00' }] };
      await repos.appointments.saveBookingSettings(branchId, { settings: { minNoticeMin: 0 }, services: { [serviceId]: { walkInShare: 0.5 } }, rosters: { [chen.id]: roster } });
      const setup1 = (await repos.appointments.bookingSetup(branchId))!;
      expect(setup1.settings).toEqual({ minNoticeMin: 0 });
      expect(setup1.services.find((s) => s.id === serviceId)!.booking).toEqual({ walkInShare: 0.5 });
      expect(setup1.staff.find((s) => s.id === chen.id)!.roster).toEqual(roster);

      await repos.appointments.saveBookingSettings(branchId, { rosters: { [chen.id]: null } });
      expect((await repos.appointments.bookingSetup(branchId))!.staff.find((s) => s.id === chen.id)!.roster).toBeNull();
      await expect(repos.appointments.saveBookingSettings(branchId, { services: { 'not-here': {} } })).rejects.toThrow(/not in branch/);
    });

    it('bumps the version on every save; a save at a version another save moved on writes nothing', async () => {
      const v0 = (await repos.appointments.bookingSetup(branchId))!.version;
      // Two saves read the same version; whichever comes second finds it moved on.
      const results = await Promise.all([
        repos.appointments.saveBookingSettings(branchId, { settings: { minNoticeMin: 10 } }, v0),
        repos.appointments.saveBookingSettings(branchId, { settings: { minNoticeMin: 20 } }, v0),
      ]);
      expect(results.sort()).toEqual([false, true]);
      const after = (await repos.appointments.bookingSetup(branchId))!;
      expect(after.version).toBe(v0 + 1);
      expect([10, 20]).toContain(after.settings.minNoticeMin);

      // A read-modify-write of the settings keeps what it does not change, and bumps the version too.
      await expect(repos.appointments.updateBookingSettings(branchId, (stored) => ({ ...stored, walkInEarlyMin: 45 }))).resolves.toBe(v0 + 2);
      expect((await repos.appointments.bookingSetup(branchId))!.settings).toEqual({ minNoticeMin: after.settings.minNoticeMin, walkInEarlyMin: 45 });
      // Throwing from the change writes nothing.
      await expect(repos.appointments.updateBookingSettings(branchId, () => { throw new Error('no'); })).rejects.toThrow('no');
      expect((await repos.appointments.bookingSetup(branchId))!.version).toBe(v0 + 2);
      await expect(repos.appointments.updateBookingSettings('no-such-branch', (s) => s)).resolves.toBeNull();
      await repos.appointments.saveBookingSettings(branchId, { settings: { minNoticeMin: 0 } });
    });

    it('serialises bookings of a branch under its lock: concurrent check-then-insert never overbooks', async () => {
      // Each caller counts what overlaps 10:00 and books only if nothing does (capacity 1).
      const attempt = () =>
        repos.appointments.withBookingLock(branchId, async (tx) => {
          const taken = await tx.activeBetween(branchId, T10 + 60 * MIN, T10 + 80 * MIN);
          if (taken.length > 0) return null;
          await new Promise((r) => setTimeout(r, 20)); // widen the race window
          return tx.create(appointment({ startsAt: T10 + 60 * MIN, endsAt: T10 + 80 * MIN }));
        });
      const results = await Promise.all(Array.from({ length: 6 }, attempt));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('moves a booked appointment once per version, and transitions by compare-and-set', async () => {
      const a = await repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment()));
      expect(a).toMatchObject({ state: 'booked', version: 0, channel: 'branch', checkedInAt: null, lateArrival: false });
      expect(await repos.appointments.findByManageToken(a.manageToken)).toEqual(a);
      expect(await repos.appointments.findByCode(branchId, a.code)).toEqual(a);
      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.codeTaken(branchId, a.code))).toBe(true);

      const moved = await repos.appointments.withBookingLock(branchId, (tx) => tx.move(a.id, 0, T10 + 30 * MIN, T10 + 50 * MIN));
      expect(moved).toMatchObject({ version: 1, startsAt: T10 + 30 * MIN });
      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.move(a.id, 0, T10, T10 + 20 * MIN))).toBeNull();

      // A no-show armed for version 0 no longer applies.
      expect(await repos.appointments.transition(a.id, ['booked'], { state: 'no-show' }, 0)).toBeNull();
      const checkedIn = await repos.appointments.transition(a.id, ['booked'], { state: 'checked-in', ticketId: 'tk1', checkedInAt: T10, lateArrival: true }, 1);
      expect(checkedIn).toMatchObject({ state: 'checked-in', ticketId: 'tk1', checkedInAt: T10, lateArrival: true });
      expect(await repos.appointments.transition(a.id, ['booked'], { state: 'cancelled' })).toBeNull();

      const listed = await repos.appointments.listStartingBetween(branchId, T10, T10 + 24 * 60 * MIN);
      expect(listed.map((x) => x.id)).toContain(a.id);
    });

    it('counts a customer’s bookings that have not started', async () => {
      const c = await repos.customers.create({ phone: '+86 138 0000 0099', language: 'en', consents: { notices: true } });
      const mk = (startsAt: number) => repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment({ customerId: c.id, startsAt, endsAt: startsAt + 20 * MIN })));
      const past = await mk(T10 - 120 * MIN);
      const future = await mk(T10 + 120 * MIN);
      await mk(T10 + 180 * MIN);
      const count = (exclude?: string) => repos.appointments.withBookingLock(branchId, (tx) => tx.activeCountForCustomer(c.id, T10, exclude));
      expect(await count()).toBe(2);
      expect(await count(future.id)).toBe(1);
      expect(past.customerId).toBe(c.id);
    });

    it('records a confirmation owed with the change that owes it, lists it once old enough, and clears it only for that version and kind', async () => {
      const owedIds = async (before: number) => (await repos.appointments.owedNotices(before, 100)).filter((o) => [a.id, b.id].includes(o.appointment.id)).map((o) => [o.appointment.id, o.kind, o.at]);
      const a = await repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment({ noticeOwed: { kind: 'booked', at: T10 } })));
      const b = await repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment()));
      expect(await owedIds(T10 - 1)).toEqual([]);
      expect(await owedIds(T10)).toEqual([[a.id, 'booked', T10]]);

      // Moved before the booking's notice went out: the move's is owed now, and clearing the
      // booking's (its queueing finishing late) leaves it. Clearing keeps `bookedAt`.
      const moved = (await repos.appointments.withBookingLock(branchId, (tx) => tx.move(a.id, 0, T10 + 30 * MIN, T10 + 50 * MIN, T10 + MIN)))!;
      expect(await owedIds(T10 + MIN)).toEqual([[a.id, 'moved', T10 + MIN]]);
      expect(await repos.appointments.noticeQueued(a.id, 0, 'booked')).toBe(false);
      expect(await repos.appointments.noticeQueued(a.id, 1, 'moved')).toBe(true);
      expect(await repos.appointments.noticeQueued(a.id, 1, 'moved')).toBe(false);
      expect(await owedIds(T10 + MIN)).toEqual([]);
      expect(await repos.appointments.findById(a.id)).toEqual(moved);

      // A cancel in a transaction owes its notice when it commits, and not if it rolls back.
      await expect(
        repos.appointments.withBookingLock(branchId, async (tx) => {
          await tx.transition(b.id, ['booked'], { state: 'cancelled', cancelledBy: 'branch', noticeOwed: { kind: 'cancelled', at: T10 } });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await owedIds(T10)).toEqual([]);
      await repos.appointments.withBookingLock(branchId, (tx) => tx.transition(b.id, ['booked'], { state: 'cancelled', cancelledBy: 'branch', noticeOwed: { kind: 'cancelled', at: T10 } }));
      expect(await owedIds(T10)).toEqual([[b.id, 'cancelled', T10]]);
      // Undone before anyone was told: nothing owed any more.
      await repos.appointments.transition(b.id, ['cancelled'], { state: 'booked', cancelledBy: null, noticeOwed: null });
      expect(await owedIds(T10)).toEqual([]);
    });

    it('records the first arrival of a remote ticket', async () => {
      expect(await repos.appointments.recordArrival(branchId, 'r1', T10)).toBe(T10);
      expect(await repos.appointments.recordArrival(branchId, 'r1', T10 + MIN)).toBe(T10);
      expect(await repos.appointments.arrivals(['r1', 'r2'])).toEqual({ r1: T10 });
      expect(await repos.appointments.arrivals([])).toEqual({});
    });
    it('takes a branch out of service under the booking lock: every service\'s bookings listed first, none booked after, and back', async () => {
      const other = (await repos.branches.loadConfig(branchId))!.services.find((s) => s.code === 'D')!.id;
      const a = await repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment({ startsAt: T10 + 24 * 60 * MIN, endsAt: T10 + 24 * 60 * MIN + 20 * MIN })));
      const b = await repos.appointments.withBookingLock(branchId, (tx) => tx.create(appointment({ serviceId: other, startsAt: T10 + 48 * 60 * MIN, endsAt: T10 + 48 * 60 * MIN + 20 * MIN })));
      const all = await repos.appointments.bookedForService(branchId, null);
      expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(all.every((x) => x.state === 'booked')).toBe(true);
      expect((await repos.appointments.bookedForService(branchId, other)).map((x) => x.id)).toContain(b.id);
      expect((await repos.appointments.bookedForService(branchId, other)).map((x) => x.id)).not.toContain(a.id);

      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.deactivateBranch(branchId))).toBe(true);
      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.deactivateBranch('00000000-0000-4000-8000-000000000000'))).toBe(false);
      // Its services are active still, but nothing is booked there any more.
      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.serviceActive(branchId, serviceId))).toBe(false);
      expect((await repos.appointments.bookingSetup(branchId))!.active).toBe(false);
      expect((await repos.branches.info(branchId))!.active).toBe(false);
      expect((await repos.branches.list()).find((x) => x.id === branchId)!.active).toBe(false);

      expect((await repos.branchSetup.updateBranch(branchId, { active: true }))!.active).toBe(true);
      expect(await repos.appointments.withBookingLock(branchId, (tx) => tx.serviceActive(branchId, serviceId))).toBe(true);
    });
  });
}
