/** Appointment punctuality per service from the tickets projection, on PostgreSQL and on PGlite. */
import { apply, initialState, type BranchConfig, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

/** A local wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);

/** Runs commands against one branch at given times, collecting the events to store. */
function branchRun(config: BranchConfig) {
  let state: BranchState = initialState(config.branchId);
  let n = 0;
  const events: ReturnType<typeof apply>['events'] = [];
  const run = (cmd: Command, now: number) => {
    const r = apply(state, cmd, now);
    state = r.state;
    events.push(...r.events);
  };
  const staff = config.staff[0]!;
  return {
    events,
    start(now: number) {
      run({ type: 'configure', config }, now);
      run({ type: 'sign-on', staffId: staff.id, counterId: config.counters[0]!.id }, now);
    },
    /** Issues a ticket at `joinedAt`; returns its id. */
    issue(serviceId: string, joinedAt: number, appointmentAt?: number): string {
      const ticketId = `${config.branchId.slice(0, 6)}-p${++n}`;
      const kind = appointmentAt === undefined ? 'walk-in' : 'appointment';
      run({ type: 'issue', ticketId, token: `tok-${ticketId}-aaaaaaaaaaaa`, serviceId, kind, priority: 'normal', ...(appointmentAt !== undefined && { appointmentAt }) }, joinedAt);
      return ticketId;
    },
    /** Calls the ticket at `calledAt`, then serves it at once (the staff member is free again). */
    call(ticketId: string, calledAt: number) {
      run({ type: 'call-ticket', staffId: staff.id, ticketId, reason: 'test' }, calledAt);
      run({ type: 'start', staffId: staff.id, ticketId }, calledAt);
      run({ type: 'complete', staffId: staff.id, ticketId }, calledAt + 60_000);
    },
    /** Calls the ticket at `calledAt` and sends it on to `toServiceId` a minute later. */
    callAndTransfer(ticketId: string, toServiceId: string, calledAt: number) {
      run({ type: 'call-ticket', staffId: staff.id, ticketId, reason: 'test' }, calledAt);
      run({ type: 'start', staffId: staff.id, ticketId }, calledAt);
      run({ type: 'transfer', staffId: staff.id, ticketId, toServiceId }, calledAt + 60_000);
    },
  };
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`appointment punctuality on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;
    let sid: Record<string, string>;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      branchId = (await seedDemo(t.db, { passwordHash: fakeHash })).branchId;
      const config = (await repos.branches.loadConfig(branchId))!;
      sid = Object.fromEntries(config.services.map((s) => [s.code, s.id]));
      // Alice serves A and B: the only staff member signed on here.
      const alice = (await repos.branches.details(branchId))!.staff.find((s) => s.displayName === 'Alice')!;
      const b = branchRun({ ...config, staff: config.staff.filter((s) => s.id === alice.id) });
      const { A, B } = sid as { A: string; B: string };

      b.start(at('2026-01-04', '08:00'));
      // The day before the window: on time, but not counted.
      b.call(b.issue(A, at('2026-01-04', '09:50'), at('2026-01-04', '10:00')), at('2026-01-04', '10:00'));
      // First day of the window: B on time.
      b.call(b.issue(B, at('2026-01-05', '09:55'), at('2026-01-05', '10:00')), at('2026-01-05', '10:03'));
      // Last day of the window, A: called 5 minutes after the slot (on time, the limit) ...
      b.call(b.issue(A, at('2026-01-06', '09:50'), at('2026-01-06', '10:00')), at('2026-01-06', '10:05'));
      // ... 6 minutes after (late) ...
      b.call(b.issue(A, at('2026-01-06', '10:20'), at('2026-01-06', '10:30')), at('2026-01-06', '10:36'));
      // ... joined 8 minutes after the slot (kept it), called 4 minutes after joining: on time,
      // measured from joining (12 minutes after the slot).
      b.call(b.issue(A, at('2026-01-06', '11:08'), at('2026-01-06', '11:00')), at('2026-01-06', '11:12'));
      // A walk-in called late and an appointment never called: neither counts.
      b.call(b.issue(A, at('2026-01-06', '11:30')), at('2026-01-06', '12:30'));
      b.issue(A, at('2026-01-06', '12:50'), at('2026-01-06', '13:00'));
      // The day after the window: late, not counted.
      b.call(b.issue(A, at('2026-01-07', '09:50'), at('2026-01-07', '10:00')), at('2026-01-07', '10:30'));
      // Booked for B at 10:00 and called there on time, then transferred to A and called there late.
      const moved = b.issue(B, at('2026-02-10', '09:55'), at('2026-02-10', '10:00'));
      b.callAndTransfer(moved, A, at('2026-02-10', '10:02'));
      b.call(moved, at('2026-02-10', '10:40'));
      await repos.events.appendEvents(b.events);

      // Another branch, same days: not counted.
      const east = await repos.branches.upsert({
        code: 'east',
        name: { zh: '东区支行', en: 'East Branch' },
        timezone: 'Asia/Shanghai',
        openingHours: {} as never,
        services: [{ code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 8, defaultDurationMin: 4 }],
        counters: [{ label: '1' }],
        staff: [{ displayName: 'Eve', skills: { A: 1 } }],
      });
      const eastConfig = (await repos.branches.loadConfig(east))!;
      const e = branchRun(eastConfig);
      e.start(at('2026-01-06', '08:00'));
      e.call(e.issue(eastConfig.services[0]!.id, at('2026-01-06', '09:50'), at('2026-01-06', '10:00')), at('2026-01-06', '10:30'));
      await repos.events.appendEvents(e.events);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('counts, per service, the called appointments of the window and those called on time', async () => {
      const tickets = await repos.events.ticketsForDay(branchId, '2026-01-06');
      expect(tickets.filter((x) => x.kind === 'appointment')).toHaveLength(4);
      expect(await repos.events.appointmentPunctuality(branchId, '2026-01-05', '2026-01-06')).toEqual({
        [sid.A!]: { appointments: 3, onTime: 2 },
        [sid.B!]: { appointments: 1, onTime: 1 },
      });
    });

    it('takes whole business days in the branch timezone, both ends included', async () => {
      expect(await repos.events.appointmentPunctuality(branchId, '2026-01-04', '2026-01-04')).toEqual({ [sid.A!]: { appointments: 1, onTime: 1 } });
      expect(await repos.events.appointmentPunctuality(branchId, '2026-01-06', '2026-01-07')).toEqual({ [sid.A!]: { appointments: 4, onTime: 2 } });
    });

    it('gives a simulation the tickets of the window with their times, and the appointments kept and missed', async () => {
      const day = (d: string) => ({ fromDay: d, toDay: d, from: at(d, '00:00'), to: at(d, '24:00') });
      const h = await repos.events.branchHistory(branchId, day('2026-01-06'));
      expect(h.tickets).toHaveLength(5);
      const A = sid.A!;
      expect(h.tickets).toContainEqual({ serviceId: A, kind: 'appointment', joinedAt: at('2026-01-06', '09:50'), appointmentAt: at('2026-01-06', '10:00'), servedAt: at('2026-01-06', '10:05'), doneAt: at('2026-01-06', '10:06') });
      expect(h.tickets).toContainEqual({ serviceId: A, kind: 'walk-in', joinedAt: at('2026-01-06', '11:30'), servedAt: at('2026-01-06', '12:30'), doneAt: at('2026-01-06', '12:31') });
      expect(h.tickets).toContainEqual({ serviceId: A, kind: 'appointment', joinedAt: at('2026-01-06', '12:50'), appointmentAt: at('2026-01-06', '13:00') });
      expect(h.appointments).toEqual({ kept: 0, noShows: 0 });

      // Appointments: one kept, one missed, one cancelled (not counted), one the next day (outside).
      const book = (code: string, startsAt: number) =>
        repos.appointments.withBookingLock(branchId, (tx) =>
          tx.create({ branchId, serviceId: A, customerId: null, startsAt, endsAt: startsAt + 20 * 60_000, code, channel: 'branch', joinUrl: null }),
        );
      const kept = await book('H1', at('2026-01-06', '10:00'));
      const missed = await book('H2', at('2026-01-06', '15:00'));
      const cancelled = await book('H3', at('2026-01-06', '16:00'));
      await book('H4', at('2026-01-07', '10:00'));
      await repos.appointments.transition(kept.id, ['booked'], { state: 'checked-in', ticketId: 'tk-h1', checkedInAt: at('2026-01-06', '09:55') });
      await repos.appointments.transition(missed.id, ['booked'], { state: 'no-show' });
      await repos.appointments.transition(cancelled.id, ['booked'], { state: 'cancelled' });
      expect((await repos.events.branchHistory(branchId, day('2026-01-06'))).appointments).toEqual({ kept: 1, noShows: 1 });
      expect(await repos.events.branchHistory('no-such-branch', day('2026-01-06'))).toEqual({ tickets: [], appointments: { kept: 0, noShows: 0 } });
    });

    it('counts a booked customer sent on to another service for the service booked, by its first call, as the KPI report does', async () => {
      const booking = await repos.events.appointmentPunctuality(branchId, '2026-02-10', '2026-02-10');
      expect(booking).toEqual({ [sid.B!]: { appointments: 1, onTime: 1 } });
      const report = (await repos.kpis.branchReport(branchId, { fromDay: '2026-02-10', toDay: '2026-02-10', now: at('2026-02-11', '00:00') }))!;
      const kpi = Object.fromEntries(report.services.filter((x) => x.appointments > 0).map((x) => [x.serviceId, { appointments: x.appointments, onTime: x.appointmentsOnTime }]));
      expect(kpi).toEqual(booking);
      expect([report.totals.appointments, report.totals.appointmentsOnTime]).toEqual([1, 1]);
    });

    it('omits services with none, and answers an empty window or another branch with nothing', async () => {
      expect(await repos.events.appointmentPunctuality(branchId, '2026-01-08', '2026-02-04')).toEqual({});
      expect(await repos.events.appointmentPunctuality('no-such-branch', '2026-01-01', '2026-01-31')).toEqual({});
    });
  });
}
