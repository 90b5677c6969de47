/**
 * The KPI report's week hour by hour: visits land in the (weekday, hour) of the branch's own clock
 * (Shanghai, and London on both sides of its spring clock change), with the report's wait.
 */
import { apply, initialState, type BranchConfig, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

/** Local wall-clock times: Shanghai is UTC+8 all year; London is UTC+0 until 2026-03-29 01:00 UTC, then UTC+1. */
const sh = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);
const gmt = (day: string, hm: string) => Date.parse(`${day}T${hm}:00Z`);
const bst = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+01:00`);
const MON = 1;
const TUE = 2;

function branchRun(config: BranchConfig) {
  let state: BranchState = initialState(config.branchId);
  let n = 0;
  const events: ReturnType<typeof apply>['events'] = [];
  const run = (cmd: Command, now: number) => {
    const r = apply(state, cmd, now);
    state = r.state;
    events.push(...r.events);
  };
  const issue = (serviceId: string, joinedAt: number, appointmentAt?: number) => {
    const ticketId = `${config.branchId.slice(0, 6)}-h${++n}`;
    const kind = appointmentAt === undefined ? 'walk-in' : 'appointment';
    run({ type: 'issue', ticketId, token: `tok-${ticketId}-aaaaaaaaaaaa`, serviceId, kind, priority: 'normal', ...(appointmentAt !== undefined && { appointmentAt }) }, joinedAt);
    return ticketId;
  };
  return { events, run, issue };
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`KPI hours of the week on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let shanghaiId: string;
    let londonId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);

      shanghaiId = (await seedDemo(t.db, { passwordHash: fakeHash })).branchId;
      const config = (await repos.branches.loadConfig(shanghaiId))!;
      const A = config.services.find((s) => s.code === 'A')!.id; // target 10 min
      const alice = config.staff[0]!.id;
      const s = branchRun(config);
      s.run({ type: 'configure', config }, sh('2026-01-05', '08:00'));
      s.run({ type: 'sign-on', staffId: alice, counterId: config.counters[0]!.id }, sh('2026-01-05', '08:30'));
      const call = (ticketId: string, at: number) => s.run({ type: 'call-ticket', staffId: alice, ticketId, reason: 'test' }, at);
      const done = (ticketId: string, at: number) => {
        s.run({ type: 'start', staffId: alice, ticketId }, at);
        s.run({ type: 'complete', staffId: alice, ticketId }, at + 60_000);
      };
      // Monday 5 January: 09:10 waits 4, 09:40 waits 18 (09:xx Shanghai is 01:xx UTC); 14:05 waits 2.
      const t1 = s.issue(A, sh('2026-01-05', '09:10'));
      call(t1, sh('2026-01-05', '09:14'));
      done(t1, sh('2026-01-05', '09:14'));
      const t2 = s.issue(A, sh('2026-01-05', '09:40'));
      call(t2, sh('2026-01-05', '09:58'));
      done(t2, sh('2026-01-05', '09:58'));
      const t3 = s.issue(A, sh('2026-01-05', '14:05'));
      call(t3, sh('2026-01-05', '14:07'));
      done(t3, sh('2026-01-05', '14:07'));
      // Tuesday 6 January: 09:05 waits 1.
      const t6 = s.issue(A, sh('2026-01-06', '09:05'));
      call(t6, sh('2026-01-06', '09:06'));
      done(t6, sh('2026-01-06', '09:06'));
      // Tuesday 09:50: a booked customer checks in 10 minutes before a 10:00 slot and is called at
      // 10:02. An arrival of the 09:00 hour, whose wait (as in the totals) starts at the slot: 2.
      const t7 = s.issue(A, sh('2026-01-06', '09:50'), sh('2026-01-06', '10:00'));
      call(t7, sh('2026-01-06', '10:02'));
      done(t7, sh('2026-01-06', '10:02'));
      // Monday 12 January: 09:20 waits 30; 09:30 gives up before a call (issued, no wait).
      const t4 = s.issue(A, sh('2026-01-12', '09:20'));
      call(t4, sh('2026-01-12', '09:50'));
      done(t4, sh('2026-01-12', '09:50'));
      const t5 = s.issue(A, sh('2026-01-12', '09:30'));
      s.run({ type: 'cancel', ticketId: t5, by: 'customer' }, sh('2026-01-12', '09:45'));
      await repos.events.appendEvents(s.events);

      londonId = await repos.branches.upsert({
        code: 'ldn',
        name: { zh: '伦敦支行', en: 'London Branch' },
        timezone: 'Europe/London',
        openingHours: {} as never,
        pilot: false,
        services: [{ code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 8, defaultDurationMin: 4 }],
        counters: [{ label: '1' }],
        staff: [{ displayName: 'Eve', skills: { A: 1 } }],
      });
      const lc = (await repos.branches.loadConfig(londonId))!;
      const eve = lc.staff[0]!.id;
      const cash = lc.services[0]!.id;
      const l = branchRun(lc);
      l.run({ type: 'configure', config: lc }, gmt('2026-03-23', '08:00'));
      l.run({ type: 'sign-on', staffId: eve, counterId: lc.counters[0]!.id }, gmt('2026-03-23', '08:30'));
      // Two Mondays at 09:15 London time, a week apart across the clock change: 09:15 UTC, then
      // 08:15 UTC. Both are the 09:00 hour; waits 5 and 15 (within 8 min: the first only).
      const l1 = l.issue(cash, gmt('2026-03-23', '09:15'));
      l.run({ type: 'call-ticket', staffId: eve, ticketId: l1, reason: 'test' }, gmt('2026-03-23', '09:20'));
      l.run({ type: 'no-show', staffId: eve, ticketId: l1, reason: 'staff' }, gmt('2026-03-23', '09:25'));
      l.run({ type: 'sign-off', staffId: eve }, gmt('2026-03-23', '10:15'));
      // Eve on duty 09:10-09:40 London time on the 30th (08:10-08:40 UTC): 30 minutes of the 09:00 hour.
      l.run({ type: 'sign-on', staffId: eve, counterId: lc.counters[0]!.id }, bst('2026-03-30', '09:10'));
      const l2 = l.issue(cash, bst('2026-03-30', '09:15'));
      l.run({ type: 'call-ticket', staffId: eve, ticketId: l2, reason: 'test' }, bst('2026-03-30', '09:30'));
      l.run({ type: 'no-show', staffId: eve, ticketId: l2, reason: 'staff' }, bst('2026-03-30', '09:35'));
      l.run({ type: 'sign-off', staffId: eve }, bst('2026-03-30', '09:40'));
      await repos.events.appendEvents(l.events);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('puts each visit in the weekday and hour it joined on the branch clock, with the days of that weekday that had tickets', async () => {
      const r = (await repos.kpis.branchReport(shanghaiId, { fromDay: '2026-01-05', toDay: '2026-01-12', now: sh('2026-01-13', '12:00') }))!;
      expect(r.hours).toEqual([
        // Two Mondays had tickets: 4 joined 09:00-09:59 over them; waits 4, 18, 30 (nearest-rank p90: 30); 4 within A's 10 min.
        // Alice signed on at 08:30 on the 5th and never off: the whole hour that day (her sign-on
        // ends with its business day, as in utilisation), none on the 12th or the Tuesday.
        { weekday: MON, hour: 9, days: 2, issued: 4, called: 3, waitMeanMin: 52 / 3, waitP90Min: 30, withinTarget: 1, staffMin: 60 },
        { weekday: MON, hour: 14, days: 2, issued: 1, called: 1, waitMeanMin: 2, waitP90Min: 2, withinTarget: 1, staffMin: 60 },
        { weekday: TUE, hour: 9, days: 1, issued: 2, called: 2, waitMeanMin: 1.5, waitP90Min: 2, withinTarget: 2, staffMin: 0 },
      ]);
    });

    it('agrees with the totals: the cells add up to the visits and waits of the period', async () => {
      const r = (await repos.kpis.branchReport(shanghaiId, { fromDay: '2026-01-05', toDay: '2026-01-12', now: sh('2026-01-13', '12:00') }))!;
      expect(r.hours.reduce((n, c) => n + c.issued, 0)).toBe(r.totals.issued);
      expect(r.hours.reduce((n, c) => n + c.called, 0)).toBe(r.totals.called);
      expect(r.hours.reduce((n, c) => n + (c.waitMeanMin ?? 0) * c.called, 0)).toBeCloseTo((r.totals.waitMeanMin ?? 0) * r.totals.called);
    });

    it("keeps London's 09:00 at 09:00 across the clock change", async () => {
      const r = (await repos.kpis.branchReport(londonId, { fromDay: '2026-03-23', toDay: '2026-03-30', now: bst('2026-03-31', '12:00') }))!;
      expect(r.branch.timezone).toBe('Europe/London');
      // Staff: the whole hour on the 23rd (on 08:30-10:15 GMT) and 30 minutes on the 30th.
      expect(r.hours).toEqual([{ weekday: MON, hour: 9, days: 2, issued: 2, called: 2, waitMeanMin: 10, waitP90Min: 15, withinTarget: 1, staffMin: 90 }]);
    });

    it('has no cells for a period without visits', async () => {
      const r = (await repos.kpis.branchReport(shanghaiId, { fromDay: '2026-02-01', toDay: '2026-02-07', now: sh('2026-02-08', '12:00') }))!;
      expect(r.hours).toEqual([]);
    });
  });
}
