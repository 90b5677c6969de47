/**
 * KPI reports over tickets, the event log, appointments and survey answers, on PostgreSQL and on
 * PGlite, against figures worked out by hand below.
 */
import { apply, initialState, type BranchConfig, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type KpiFigures, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

/** A local wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);
const D0 = '2026-01-04';
const D1 = '2026-01-05';
const D2 = '2026-01-06';
const D3 = '2026-01-08';
const D4 = '2026-01-09';
/** "Now" for the report: Alice is still signed on and serving T9. */
const NOW = at(D2, '10:00');

/** Runs engine commands against one branch at given times, collecting the events to store. */
function branchRun(config: BranchConfig) {
  let state: BranchState = initialState(config.branchId);
  let n = 0;
  const events: ReturnType<typeof apply>['events'] = [];
  const run = (cmd: Command, now: number) => {
    const r = apply(state, cmd, now);
    state = r.state;
    events.push(...r.events);
  };
  return {
    events,
    run,
    issue(serviceId: string, joinedAt: number, appointmentAt?: number): string {
      const ticketId = `${config.branchId.slice(0, 6)}-k${++n}`;
      const kind = appointmentAt === undefined ? 'walk-in' : 'appointment';
      run({ type: 'issue', ticketId, token: `tok-${ticketId}-aaaaaaaaaaaa`, serviceId, kind, priority: 'normal', ...(appointmentAt !== undefined && { appointmentAt }) }, joinedAt);
      return ticketId;
    },
    /** Called at `calledAt`; served from `startAt` to `doneAt` when given. */
    serve(staffId: string, ticketId: string, calledAt: number, startAt?: number, doneAt?: number) {
      run({ type: 'call-ticket', staffId, ticketId, reason: 'test' }, calledAt);
      if (startAt !== undefined) run({ type: 'start', staffId, ticketId }, startAt);
      if (doneAt !== undefined) run({ type: 'complete', staffId, ticketId }, doneAt);
    },
  };
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`KPI reports on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;
    let eastId: string;
    let A: string;
    let B: string;
    let alice: string;
    let bob: string;
    let chen: string;
    let dana: string;
    const tk: Record<string, string> = {};

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      branchId = (await seedDemo(t.db, { passwordHash: fakeHash })).branchId;
      const config = (await repos.branches.loadConfig(branchId))!;
      const sid = Object.fromEntries(config.services.map((s) => [s.code, s.id]));
      [A, B] = [sid.A!, sid.B!];
      const staff = (await repos.branches.details(branchId))!.staff;
      alice = staff.find((s) => s.displayName === 'Alice')!.id;
      bob = staff.find((s) => s.displayName === 'Bob')!.id;
      chen = staff.find((s) => s.displayName === 'Chen')!.id;
      dana = staff.find((s) => s.displayName === 'Dana')!.id;
      const [c1, c2, c3] = config.counters;
      const b = branchRun(config);
      b.run({ type: 'configure', config }, at(D0, '08:00'));

      // The day before the range: nothing of it counts.
      b.run({ type: 'sign-on', staffId: alice, counterId: c1!.id }, at(D0, '09:00'));
      tk.T0 = b.issue(A, at(D0, '09:00'));
      b.serve(alice, tk.T0, at(D0, '09:30'), at(D0, '09:30'), at(D0, '09:40'));
      b.run({ type: 'sign-off', staffId: alice }, at(D0, '10:00'));

      // Day 1. Alice: on 09:00, paused 10:30-10:45, off 11:00 (105 min); Bob: on 09:00-11:00 (120 min).
      b.run({ type: 'sign-on', staffId: alice, counterId: c1!.id }, at(D1, '09:00'));
      b.run({ type: 'sign-on', staffId: bob, counterId: c2!.id }, at(D1, '09:00'));
      tk.T1 = b.issue(A, at(D1, '09:00'));
      tk.T2 = b.issue(A, at(D1, '09:02'));
      tk.T3 = b.issue(B, at(D1, '09:10'));
      b.serve(alice, tk.T1, at(D1, '09:04'), at(D1, '09:05'), at(D1, '09:15')); // wait 4, service 10
      b.serve(bob, tk.T3, at(D1, '09:12'), at(D1, '09:12'), at(D1, '09:24')); // wait 2, service 12
      b.serve(alice, tk.T2, at(D1, '09:20'), at(D1, '09:20'), at(D1, '09:26')); // wait 18, service 6
      tk.T4 = b.issue(B, at(D1, '09:30'));
      tk.T5 = b.issue(A, at(D1, '09:40'));
      b.run({ type: 'cancel', ticketId: tk.T5, by: 'customer' }, at(D1, '09:45'));
      b.serve(bob, tk.T4, at(D1, '09:50')); // wait 20, then did not come
      b.run({ type: 'no-show', staffId: bob, ticketId: tk.T4, reason: 'staff' }, at(D1, '09:55'));
      tk.T6 = b.issue(A, at(D1, '09:55'), at(D1, '10:00'));
      b.serve(alice, tk.T6, at(D1, '10:03'), at(D1, '10:03'), at(D1, '10:13')); // came 5 min early: wait 3 from the slot, on time, service 10
      b.run({ type: 'pause', staffId: alice, reason: 'break' }, at(D1, '10:30'));
      b.run({ type: 'resume', staffId: alice }, at(D1, '10:45'));
      b.run({ type: 'sign-off', staffId: alice }, at(D1, '11:00'));
      b.run({ type: 'sign-off', staffId: bob }, at(D1, '11:00'));

      // Day 2. Alice on from 09:00, still on (and serving T9) at NOW (60 min).
      b.run({ type: 'sign-on', staffId: alice, counterId: c1!.id }, at(D2, '09:00'));
      tk.T7 = b.issue(A, at(D2, '09:20'), at(D2, '09:30'));
      tk.T8 = b.issue(A, at(D2, '09:29'));
      tk.T9 = b.issue(B, at(D2, '09:35'));
      b.serve(alice, tk.T7, at(D2, '09:40'), at(D2, '09:40'), at(D2, '09:50')); // came 10 min early: wait 10 from the slot, late, service 10
      b.serve(alice, tk.T8, at(D2, '09:51'), at(D2, '09:51'), at(D2, '09:55')); // wait 22, service 4
      b.serve(alice, tk.T9, at(D2, '09:56'), at(D2, '09:56')); // wait 21, being served

      // Day 3 (reported on alone): two customers chose A (target 10 min); Dana serves each a while
      // and transfers them to D (target 15), where Chen calls them. T10: waited 3, Dana 2 min,
      // waited 15 after the transfer, Chen 10 min, done. T11: waited 12 (over A's target, within
      // D's), Dana 4 min, waited 15 after the transfer, and did not come to Chen's counter.
      b.run({ type: 'sign-on', staffId: dana, counterId: c3!.id }, at(D3, '09:00'));
      b.run({ type: 'sign-on', staffId: chen, counterId: c2!.id }, at(D3, '09:00'));
      tk.T10 = b.issue(A, at(D3, '09:00'));
      tk.T11 = b.issue(A, at(D3, '09:00'));
      b.serve(dana, tk.T10, at(D3, '09:03'), at(D3, '09:03'));
      b.run({ type: 'transfer', staffId: dana, ticketId: tk.T10, toServiceId: sid.D! }, at(D3, '09:05'));
      b.serve(dana, tk.T11, at(D3, '09:12'), at(D3, '09:12'));
      b.run({ type: 'transfer', staffId: dana, ticketId: tk.T11, toServiceId: sid.D! }, at(D3, '09:16'));
      b.serve(chen, tk.T10, at(D3, '09:20'), at(D3, '09:20'), at(D3, '09:30'));
      b.serve(chen, tk.T11, at(D3, '09:31'));
      b.run({ type: 'no-show', staffId: chen, ticketId: tk.T11, reason: 'staff' }, at(D3, '09:36'));
      // T12, booked for 09:40: called by Dana on time (wait 2 from the slot), transferred before being served and
      // still waiting for D. Its punctuality is its first call's, though the ticket has no call now.
      tk.T12 = b.issue(A, at(D3, '09:35'), at(D3, '09:40'));
      b.serve(dana, tk.T12, at(D3, '09:42'));
      b.run({ type: 'transfer', staffId: dana, ticketId: tk.T12, toServiceId: sid.D! }, at(D3, '09:44'));
      b.run({ type: 'sign-off', staffId: dana }, at(D3, '10:00'));
      b.run({ type: 'sign-off', staffId: chen }, at(D3, '10:00'));

      // Day 4 (reported on alone): four customers booked for 11:00 at A (target 10), served by
      // Dana one after another. The wait of one who kept the slot starts at max(check-in, slot).
      const sec = (ms: number, s: number) => ms + s * 1000;
      b.run({ type: 'sign-on', staffId: dana, counterId: c3!.id }, at(D4, '09:00'));
      tk.T13 = b.issue(A, at(D4, '10:40'), at(D4, '11:00')); // 20 min early, called 10 min before the slot: wait 0
      tk.T14 = b.issue(A, at(D4, '10:41'), at(D4, '11:00')); // 19 min early, called 6.5 min after the slot: wait 6.5
      tk.T15 = b.issue(A, at(D4, '10:51'), at(D4, '11:00')); // 9 min early, called at the slot: wait 0
      b.serve(dana, tk.T13, at(D4, '10:50'), at(D4, '10:50'), at(D4, '10:55'));
      b.serve(dana, tk.T15, at(D4, '11:00'), at(D4, '11:00'));
      tk.T16 = b.issue(A, at(D4, '11:04'), at(D4, '11:00')); // 4 min late, within the slot's 10: wait 5 from check-in
      b.run({ type: 'complete', staffId: dana, ticketId: tk.T15 }, at(D4, '11:05'));
      b.serve(dana, tk.T14, sec(at(D4, '11:06'), 30), sec(at(D4, '11:06'), 30), at(D4, '11:08'));
      b.serve(dana, tk.T16, at(D4, '11:09'), at(D4, '11:09'), at(D4, '11:12'));
      b.run({ type: 'sign-off', staffId: dana }, at(D4, '12:00'));
      await repos.events.appendEvents(b.events);

      // Survey answers (one outside the range).
      const answer = (ticket: string, serviceId: string, staffId: string, rating: number, comment: string, when: number) =>
        t.db.query(
          `INSERT INTO survey_responses (ticket_id, branch_id, service_id, staff_id, rating, comment, language, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'zh', $7::timestamptz)`,
          [ticket, branchId, serviceId, staffId, rating, comment, new Date(when).toISOString()],
        );
      await answer(tk.T0, A, alice, 1, 'old', at(D0, '10:00'));
      await answer(tk.T1, A, alice, 5, '很好', at(D1, '09:30'));
      await answer(tk.T2, A, alice, 2, 'Too slow', at(D1, '09:40'));
      await answer(tk.T3, B, bob, 4, '', at(D1, '09:50'));
      await answer(tk.T7, A, alice, 5, 'great', at(D2, '09:58'));
      // The transferred visit's answer belongs to where it ended: D, and Chen who completed it.
      await answer(tk.T10, sid.D!, chen, 3, '', at(D3, '09:40'));

      // Bookings not kept: two on day 1 (00:30 Shanghai is still the previous day in UTC), one
      // just after the range (00:30 on the 7th is the 6th in UTC), and one kept.
      const book = (code: string, serviceId: string, startsAt: number, state: string) =>
        t.db.query(
          `INSERT INTO appointments (id, branch_id, service_id, starts_at, ends_at, code, manage_token_hash, state, updated_at)
           VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $1, $6, $7, now())`,
          [`K${code}`, branchId, serviceId, new Date(startsAt).toISOString(), new Date(startsAt + 20 * 60_000).toISOString(), `kpi-${code}-aaaaaaaaaaaaaaaa`, state],
        );
      await book('1', A, at(D1, '14:00'), 'no-show');
      await book('2', B, at(D1, '00:30'), 'no-show');
      await book('3', B, at('2026-01-07', '00:30'), 'no-show');
      await book('4', A, at(D1, '15:00'), 'done');
      // Not due, so in no rate: cancelled, and one whose slot is after NOW.
      await book('5', A, at(D1, '16:00'), 'cancelled');
      await book('6', A, at(D2, '15:00'), 'booked');

      // The demo branch is seeded as a pilot; here it is an ordinary one that never was, and
      // 'east' (after it by code) a pilot since day 1, with one ticket served (wait 6) on day 1.
      await t.db.query('UPDATE branches SET pilot = false WHERE id = $1', [branchId]);
      await t.db.query('DELETE FROM branch_pilot_periods WHERE branch_id = $1', [branchId]);
      eastId = await repos.branches.upsert({
        code: 'east',
        name: { zh: '东区支行', en: 'East Branch' },
        timezone: 'Asia/Shanghai',
        openingHours: {} as never,
        pilot: true,
        pilotSince: D1,
        services: [{ code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 8, defaultDurationMin: 4 }],
        counters: [{ label: '1' }],
        staff: [{ displayName: 'Eve', skills: { A: 1 } }],
      });
      const eastConfig = (await repos.branches.loadConfig(eastId))!;
      const eve = eastConfig.staff[0]!.id;
      const e = branchRun(eastConfig);
      e.run({ type: 'configure', config: eastConfig }, at(D1, '08:00'));
      e.run({ type: 'sign-on', staffId: eve, counterId: eastConfig.counters[0]!.id }, at(D1, '09:00'));
      e.serve(eve, e.issue(eastConfig.services[0]!.id, at(D1, '09:00')), at(D1, '09:06'), at(D1, '09:06'), at(D1, '09:16'));
      e.run({ type: 'sign-off', staffId: eve }, at(D1, '09:30'));
      await repos.events.appendEvents(e.events);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    const range = { fromDay: D1, toDay: D2, now: NOW };

    it('totals a branch over whole business days: counts, waits with a nearest-rank p90, service times, satisfaction, utilisation, punctuality', async () => {
      const r = (await repos.kpis.branchReport(branchId, range))!;
      // Waits (min), called tickets: 4, 18, 2, 20, 3 | 10, 22, 21 -> sorted 2 3 4 10 18 20 21 22;
      // p90 is the ceil(0.9 x 8) = 8th: 22 (an interpolating p90 would give 21.8). The booked
      // customers T6 and T7 came early: their waits start at their slots (3 and 10, not 8 and 20).
      expect(r.totals).toEqual<KpiFigures>({
        issued: 9,
        served: 6,
        cancelled: 1,
        noShowsCalled: 1,
        // Visits whose last call went ahead: all but T5 (cancelled while waiting). Bookings due by
        // NOW: K1, K2 and K4 (K3's slot is after the range).
        calledVisits: 8,
        noShowsBooked: 2,
        bookingsDue: 3,
        called: 8,
        waitMeanMin: 100 / 8,
        waitP90Min: 22,
        // A within 10: T1 (4), T6 (3), T7 (10); B within 15: T3 (2).
        withinTarget: 4,
        serviceTimed: 6,
        serviceMeanMin: (10 + 12 + 6 + 10 + 10 + 4) / 6,
        responses: 4,
        ratingMean: 4,
        ratings: [0, 1, 0, 1, 2],
        // Serving: Alice 10 + 6 + 10 | 10 + 4 + 4 (T9 until now), Bob 12; signed on and not paused: 105 + 120 | 60.
        servingMin: 56,
        availableMin: 285,
        // T6 called 3 min after its slot; T7 10 min after.
        appointments: 2,
        appointmentsOnTime: 1,
        transfers: 0,
        transferWaited: 0,
        transferWaitMeanMin: null,
      });
      expect(r.branch).toMatchObject({ id: branchId, code: 'demo', pilot: false, timezone: 'Asia/Shanghai' });
    });

    it('splits the same figures per service, per day and per staff member', async () => {
      const r = (await repos.kpis.branchReport(branchId, range))!;
      expect(r.services.map((s) => s.code)).toEqual(['A', 'B']);
      const [a, b] = r.services;
      expect(a).toMatchObject({ serviceId: A, targetMin: 10, issued: 6, served: 5, cancelled: 1, noShowsCalled: 0, calledVisits: 5, noShowsBooked: 1, bookingsDue: 2, called: 5, waitMeanMin: 57 / 5, waitP90Min: 22, withinTarget: 3, serviceMeanMin: 8, responses: 3, ratings: [0, 1, 0, 0, 2], appointments: 2, appointmentsOnTime: 1 });
      expect(b).toMatchObject({ serviceId: B, issued: 3, served: 1, noShowsCalled: 1, calledVisits: 3, noShowsBooked: 1, bookingsDue: 1, called: 3, waitMeanMin: 43 / 3, waitP90Min: 21, withinTarget: 1, serviceMeanMin: 12, responses: 1, ratingMean: 4 });

      expect(r.days.map((d) => d.day)).toEqual([D1, D2]);
      expect(r.days[0]).toMatchObject({ issued: 6, served: 4, cancelled: 1, noShowsCalled: 1, calledVisits: 5, noShowsBooked: 2, bookingsDue: 3, waitMeanMin: 47 / 5, waitP90Min: 20, withinTarget: 3, servingMin: 38, availableMin: 225 });
      expect(r.days[1]).toMatchObject({ issued: 3, served: 2, calledVisits: 3, noShowsBooked: 0, bookingsDue: 0, waitMeanMin: 53 / 3, waitP90Min: 22, withinTarget: 1, servingMin: 18, availableMin: 60 });

      // Staff by name; a ticket nobody called (T5) belongs to no one.
      expect(r.staff.map((s) => s.displayName)).toEqual(['Alice', 'Bob']);
      expect(r.staff[0]).toMatchObject({ staffId: alice, issued: 6, served: 5, calledVisits: 6, bookingsDue: 0, waitMeanMin: 78 / 6, waitP90Min: 22, withinTarget: 3, servingMin: 44, availableMin: 165, responses: 3 });
      expect(r.staff[1]).toMatchObject({ staffId: bob, issued: 2, served: 1, noShowsCalled: 1, calledVisits: 2, waitMeanMin: 11, waitP90Min: 20, servingMin: 12, availableMin: 120, responses: 1 });
    });

    it('lists the comments of the range, newest first, without who wrote them', async () => {
      const r = (await repos.kpis.branchReport(branchId, range))!;
      expect(r.comments).toEqual([
        { day: D2, createdAt: at(D2, '09:58'), serviceId: A, rating: 5, comment: 'great' },
        { day: D1, createdAt: at(D1, '09:40'), serviceId: A, rating: 2, comment: 'Too slow' },
        { day: D1, createdAt: at(D1, '09:30'), serviceId: A, rating: 5, comment: '很好' },
      ]);
      // An empty comment is no comment; comments() gives every one of the range, not only the report's latest.
      expect(r.commentCount).toBe(3);
      expect(await repos.kpis.comments(branchId, range)).toEqual(r.comments);
      expect((await repos.kpis.comments(branchId, { fromDay: D0, toDay: D0 })).map((c) => c.comment)).toEqual(['old']);
    });

    it('cuts time at the day bounds: one day alone gets only its own minutes', async () => {
      const r = (await repos.kpis.branchReport(branchId, { fromDay: D0, toDay: D0, now: NOW }))!;
      expect(r.totals).toMatchObject({ issued: 1, served: 1, called: 1, waitP90Min: 30, servingMin: 10, availableMin: 60, responses: 1, noShowsBooked: 0 });
      expect(r.comments.map((c) => c.comment)).toEqual(['old']);
      const empty = (await repos.kpis.branchReport(branchId, { fromDay: '2026-02-01', toDay: '2026-02-02', now: NOW }))!;
      expect(empty.totals).toMatchObject({ issued: 0, waitMeanMin: null, waitP90Min: null, servingMin: 0, availableMin: 0 });
      expect(empty.services).toEqual([]);
      expect(await repos.kpis.branchReport('no-such-branch', range)).toBeNull();
    });

    it("measures a transferred visit's wait to its first call, judged by the target of the service chosen, and its service time over both counters", async () => {
      const r = (await repos.kpis.branchReport(branchId, { fromDay: D3, toDay: D3, now: at(D3, '12:00') }))!;
      // The visits: three issued, one served (both stretches, 2 + 10 min, as its service report
      // sums them), one no-show, one waiting. Waits 3, 12 and 2 to the first call; 12 is over A's
      // 10 minutes though within D's 15, where the customer ended up. The waits after a transfer
      // (15 and 15; T12 is still waiting) are counted apart.
      expect(r.totals).toMatchObject({
        issued: 3,
        served: 1,
        noShowsCalled: 1,
        // T10 and T11 were called after their transfer; T12 waits for its second call.
        calledVisits: 2,
        called: 3,
        waitMeanMin: 17 / 3,
        waitP90Min: 12,
        withinTarget: 2,
        serviceTimed: 1,
        serviceMeanMin: 12,
        servingMin: 16,
        availableMin: 120,
        transfers: 3,
        transferWaited: 2,
        transferWaitMeanMin: 15,
        responses: 1,
        appointments: 1,
        appointmentsOnTime: 1,
      });
      expect(r.days).toEqual([expect.objectContaining({ day: D3, issued: 3, serviceMeanMin: 12, withinTarget: 2, transfers: 3 })]);
    });

    it('counts each stretch of a transferred visit for the service it was served under and the staff member who served it', async () => {
      const r = (await repos.kpis.branchReport(branchId, { fromDay: D3, toDay: D3, now: at(D3, '12:00') }))!;
      // Issued and waited under A, the service chosen at the kiosk; served under A by Dana (2 and
      // 4 min) and transferred out; under D, waited again, served 10 min by Chen, and the no-show.
      // The survey answer goes with the stretch that completed the visit (D, Chen).
      expect(r.services.map((x) => x.code)).toEqual(['A', 'D']);
      const [a, d] = r.services;
      expect(a).toMatchObject({ issued: 3, served: 0, noShowsCalled: 0, calledVisits: 0, called: 3, waitMeanMin: 17 / 3, withinTarget: 2, serviceTimed: 2, serviceMeanMin: 3, transfers: 3, transferWaited: 0, responses: 0, appointments: 1, appointmentsOnTime: 1 });
      expect(d).toMatchObject({ issued: 0, served: 1, noShowsCalled: 1, calledVisits: 2, called: 0, waitMeanMin: null, withinTarget: 0, serviceTimed: 1, serviceMeanMin: 10, transfers: 0, transferWaited: 2, transferWaitMeanMin: 15, responses: 1 });
      // Per staff member, "issued" is the visits they called. Alice never signed off on day 2:
      // that sign-on ended with day 2, so she is not here.
      expect(r.staff.map((x) => x.displayName)).toEqual(['Chen', 'Dana']);
      const [chenRow, danaRow] = r.staff;
      expect(chenRow).toMatchObject({ staffId: chen, issued: 2, appointments: 0, served: 1, noShowsCalled: 1, calledVisits: 2, called: 0, serviceTimed: 1, serviceMeanMin: 10, transfers: 0, transferWaited: 2, transferWaitMeanMin: 15, servingMin: 10, availableMin: 60, responses: 1 });
      // Dana transferred all three she called: none was a no-show of hers, 0 of 3 (not 0 of 0).
      expect(danaRow).toMatchObject({ staffId: dana, issued: 3, served: 0, calledVisits: 3, called: 3, waitMeanMin: 17 / 3, waitP90Min: 12, withinTarget: 2, serviceTimed: 2, serviceMeanMin: 3, transfers: 3, transferWaited: 0, servingMin: 6, availableMin: 60, responses: 0 });
    });

    it("starts a booked customer's wait at the slot when they came early, at check-in when they came late", async () => {
      const r = (await repos.kpis.branchReport(branchId, { fromDay: D4, toDay: D4, now: at(D4, '12:00') }))!;
      // Waits 0 (called before the slot), 6.5 (19 min early, not 25.5), 0 (9 min early, called
      // at the slot, not 9), 5 (4 min late, from check-in, not 9 from the slot): all within A's 10.
      // Punctuality (within 5 min of the same start): all but T14.
      expect(r.totals).toMatchObject({ issued: 4, served: 4, called: 4, waitMeanMin: 11.5 / 4, waitP90Min: 6.5, withinTarget: 4, appointments: 4, appointmentsOnTime: 3 });
      expect(r.staff).toEqual([expect.objectContaining({ staffId: dana, called: 4, waitMeanMin: 11.5 / 4, withinTarget: 4 })]);
    });

    it('gives every branch, pilot branches first, with pilot and other totals', async () => {
      const r = await repos.kpis.allBranches(range);
      expect(r.branches.map((b) => [b.code, b.pilot])).toEqual([
        ['east', true],
        ['demo', false],
      ]);
      expect(r.branches[0]).toMatchObject({ branchId: eastId, name: { zh: '东区支行', en: 'East Branch' }, issued: 1, served: 1, waitMeanMin: 6, servingMin: 10, availableMin: 30 });
      expect(r.branches[1]).toMatchObject({ branchId, issued: 9, served: 6, waitP90Min: 22, servingMin: 56, availableMin: 285 });
      expect(r.pilot).toMatchObject({ issued: 1, called: 1, withinTarget: 1 });
      expect(r.others).toMatchObject({ issued: 9, called: 8, calledVisits: 8, withinTarget: 4, noShowsBooked: 2, bookingsDue: 3 });
      expect(r.totals).toMatchObject({ issued: 10, served: 7, called: 9, withinTarget: 5, waitMeanMin: 106 / 9, servingMin: 66, availableMin: 315, noShowsBooked: 2, bookingsDue: 3, calledVisits: 9 });
    });

    it('compares a branch around a day: as many days with tickets before it as from it on, up to the last day asked', async () => {
      const r = await repos.kpis.aroundDay(branchId, { start: D3, until: D4, days: 2, now: at(D4, '18:00') });
      expect(r.before).toMatchObject({ fromDay: D1, toDay: D2, days: 2, totals: { issued: 9, served: 6 } });
      expect(r.after).toMatchObject({ fromDay: D3, toDay: D4, days: 2, totals: { issued: 7 } });
      // Only what the pilot has had so far: up to `until`, and nothing before the first ticket.
      expect((await repos.kpis.aroundDay(branchId, { start: D3, until: D3, days: 2, now: NOW })).after).toMatchObject({ fromDay: D3, toDay: D3, days: 1, totals: { issued: 3 } });
      expect((await repos.kpis.aroundDay(branchId, { start: D0, until: D4, days: 5, now: NOW })).before).toBeNull();
    });

    // Last: it switches east's flag off.
    it("keeps a past period's pilot totals when the flag is switched off later; a period after the pilot has none", async () => {
      const before = await repos.kpis.allBranches(range);
      expect(before.branches[0]).toMatchObject({ code: 'east', pilot: true, pilotPeriods: [{ from: D1, to: null }] });
      await repos.branchSetup.updateBranch(eastId, { pilot: false, at: at(D2, '18:00') });
      const after = await repos.kpis.allBranches(range);
      expect(after.pilot).toEqual(before.pilot);
      expect(after.others).toEqual(before.others);
      expect(after.branches[0]).toMatchObject({ code: 'east', pilot: true, pilotPeriods: [{ from: D1, to: D2 }] });
      const later = await repos.kpis.allBranches({ fromDay: D3, toDay: D4, now: NOW });
      expect(later.branches.map((b) => [b.code, b.pilot, b.pilotPeriods])).toEqual([
        ['demo', false, []],
        ['east', false, []],
      ]);
      expect(later.pilot.issued).toBe(0);
    });
  });
}
