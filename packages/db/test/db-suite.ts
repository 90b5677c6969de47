/**
 * The db package's contract, written once and run against each backend (PostgreSQL in a random
 * schema, PGlite in memory). Tests in one file share a database and run in order.
 */
import {
  apply,
  DEFAULT_ROUTING,
  initialState,
  replay,
  type BranchEvent,
  type BranchState,
  type Command,
} from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepositories,
  hashDeviceToken,
  migrate,
  newDeviceToken,
  readMigrations,
  seedDemo,
  BANK_HOURS,
  DEMO_HOURS,
  type BranchSetup,
  type Db,
  type Repositories,
} from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const MIN = 60_000;
/** Monday 2026-01-05 09:00 in Asia/Shanghai. */
const T0 = Date.UTC(2026, 0, 5, 1, 0);

/** Plain JSON view of a state, as it would come back from storage. */
const plain = (s: BranchState) => JSON.parse(JSON.stringify(s)) as BranchState;

export function dbSuite(backend: Backend): void {
  describe(`@tellerline/db on ${backend}`, () => {
    let t: TestDb;
    let db: Db;
    let repos: Repositories;

    beforeAll(() => {
      t = openTestDb(backend);
      db = t.db;
      repos = createRepositories(db);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    describe('migrations', () => {
      it('apply once, even when two callers race, and agree with Prisma bookkeeping', async () => {
        const names = (await readMigrations()).map((m) => m.name);
        expect(names.length).toBeGreaterThan(0);
        const results = await Promise.all([migrate(db), migrate(db)]);
        const applied = results.flatMap((r) => r.applied);
        expect(applied).toEqual(names);
        expect((await migrate(db)).applied).toEqual([]);

        const tables = await db.transaction((sql) =>
          sql.query<{ table_name: string }>(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
            [db.schema],
          ),
        );
        expect(tables.map((r) => r.table_name)).toEqual(
          expect.arrayContaining(['_prisma_migrations', 'branches', 'tickets', 'ticket_events', 'audit_log']),
        );
        const rows = await db.transaction((sql) =>
          sql.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
            `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
          ),
        );
        const checksums = (await readMigrations()).map((m) => m.checksum);
        expect(rows.map((r) => r.migration_name)).toEqual(names);
        expect(rows.map((r) => r.checksum)).toEqual(checksums);
        expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      });

      it('refuses to run over an edited migration', async () => {
        await db.transaction((sql) =>
          sql.exec(`UPDATE "_prisma_migrations" SET checksum = 'x' || substr(checksum, 2)`),
        );
        await expect(migrate(db)).rejects.toThrow(/checksum mismatch/);
        for (const m of await readMigrations()) {
          await db.transaction((sql) =>
            sql.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [m.checksum, m.name]),
          );
        }
        expect((await migrate(db)).applied).toEqual([]);
      });
    });

    describe('demo seed', () => {
      it('creates the demo branch, logins and devices once', async () => {
        const first = await seedDemo(db, { passwordHash: fakeHash });
        expect(first.logins.map((l) => l.username).sort()).toEqual(['admin', 'alice', 'bob', 'chen', 'dana', 'manager']);
        expect(first.logins.every((l) => l.password === 'demo1234')).toBe(true);
        expect(first.devices.map((d) => d.kind).sort()).toEqual(['kiosk', 'signage']);
        // Customers are told where the demo branch is.
        expect((await repos.branches.info(first.branchId))!.address).toEqual({ zh: '北京市西城区金融大街 1 号', en: '1 Financial Street, Xicheng District, Beijing' });
        for (const d of first.devices) {
          expect(d.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
          const found = await repos.devices.findByTokenHash(hashDeviceToken(d.token!));
          expect(found).toMatchObject({ id: d.id, kind: d.kind, branchId: first.branchId, revoked: false });
        }

        const second = await seedDemo(db, { passwordHash: fakeHash });
        expect(second.branchId).toBe(first.branchId);
        expect(second.logins.every((l) => l.password === null)).toBe(true);
        expect(second.devices.map((d) => [d.id, d.token])).toEqual(first.devices.map((d) => [d.id, null]));

        expect(await db.prisma.branch.count()).toBe(1);
        expect(await db.prisma.user.count()).toBe(6);
        expect(await db.prisma.staff.count()).toBe(4);
        expect(await db.prisma.staffSkill.count()).toBe(8);
        expect(await db.prisma.device.count()).toBe(2);
        expect(await db.prisma.counter.count()).toBe(4);

        const alice = await repos.users.findByUsername('alice');
        expect(alice).toMatchObject({ role: 'staff', passwordHash: 'fake$demo1234', branchId: first.branchId });
        expect(alice!.staffId).not.toBeNull();
        const admin = await repos.users.findByUsername('admin');
        expect(admin).toMatchObject({ role: 'admin', branchId: null, staffId: null });
      });

      it('names the demo devices in Chinese and English, and renames the English-only ones of earlier versions', async () => {
        const seeded = await seedDemo(db, { passwordHash: fakeHash });
        expect(seeded.devices.map((d) => [d.kind, d.name])).toEqual([
          ['kiosk', '大堂取号机 Lobby kiosk'],
          ['signage', '大堂显示屏 Lobby display'],
        ]);
        // An installation seeded before: its devices keep their ids and tokens, only the names change.
        const kiosk = seeded.devices.find((d) => d.kind === 'kiosk')!;
        await repos.devices.rename(kiosk.id, 'Lobby kiosk');
        const again = await seedDemo(db, { passwordHash: fakeHash });
        expect(again.devices.find((d) => d.kind === 'kiosk')).toEqual({ id: kiosk.id, kind: 'kiosk', name: '大堂取号机 Lobby kiosk', token: null });
        expect((await repos.devices.listByBranch(seeded.branchId)).map((d) => d.name).sort()).toEqual(['大堂取号机 Lobby kiosk', '大堂显示屏 Lobby display']);
      });

      it('opens a demo branch seeded with the bank hours of earlier versions around the clock, and leaves other hours alone', async () => {
        const { branchId } = await seedDemo(db, { passwordHash: fakeHash });
        await repos.branches.setOpeningHours(branchId, BANK_HOURS);
        await seedDemo(db, { passwordHash: fakeHash });
        expect((await repos.branches.info(branchId))!.openingHours).toEqual(DEMO_HOURS);
        const own = { ...BANK_HOURS, sat: [] };
        await repos.branches.setOpeningHours(branchId, own);
        await seedDemo(db, { passwordHash: fakeHash });
        expect((await repos.branches.info(branchId))!.openingHours).toEqual(own);
        await repos.branches.setOpeningHours(branchId, DEMO_HOURS);
      });

      it('rotates device tokens on request (old token stops working)', async () => {
        const before = await seedDemo(db, { passwordHash: fakeHash });
        const kiosk = before.devices.find((d) => d.kind === 'kiosk')!;
        const rotated = await seedDemo(db, { passwordHash: fakeHash, rotateDeviceTokens: true });
        const newKiosk = rotated.devices.find((d) => d.kind === 'kiosk')!;
        expect(newKiosk.id).toBe(kiosk.id);
        expect(newKiosk.token).toBeTruthy();
        expect(await repos.devices.findByTokenHash(hashDeviceToken(newKiosk.token!))).toMatchObject({ id: kiosk.id });
      });

      it('gives the public branch info', async () => {
        const [info] = await repos.branches.list();
        expect(info).toMatchObject({
          code: 'demo',
          name: { zh: '总行营业部', en: 'Main Branch' },
          timezone: 'Asia/Shanghai',
        });
        // Around the clock, every day: the demo's kiosk issues tickets whenever someone tries it.
        expect(info!.openingHours).toEqual(DEMO_HOURS);
        expect(info!.openingHours.sun).toEqual([{ open: '00:00', close: '23:59' }]);
        expect(await repos.branches.findByCode('demo')).toEqual(info);
        expect(await repos.branches.info(info!.id)).toEqual(info);
        expect(await repos.branches.findByCode('nope')).toBeNull();
      });
    });

    describe('sent notices', () => {
      it('remembers which notices went out (a second mark is a no-op) and forgets old marks', async () => {
        expect(await repos.sentNotices.sentAlready(['appt-notice/a/0/24h', 'notice/push/t/near/3/x'])).toEqual([false, false]);
        await repos.sentNotices.markSent('appt-notice/a/0/24h', 1_000);
        await repos.sentNotices.markSent('appt-notice/a/0/24h', 2_000);
        await repos.sentNotices.markSent('notice/push/t/near/3/x', 5_000);
        expect(await repos.sentNotices.sentAlready(['appt-notice/a/0/24h', 'notice/push/t/near/3/x', 'other'])).toEqual([true, true, false]);
        expect(await repos.sentNotices.sentAlready([])).toEqual([]);
        expect(await repos.sentNotices.prune(3_000)).toBe(1);
        expect(await repos.sentNotices.sentAlready(['appt-notice/a/0/24h', 'notice/push/t/near/3/x'])).toEqual([false, true]);
      });
    });

    describe('branch configuration', () => {
      it('produces the engine BranchConfig for the demo branch', async () => {
        const demo = (await repos.branches.findByCode('demo'))!;
        const config = (await repos.branches.loadConfig(demo.id))!;
        const byCode = Object.fromEntries(config.services.map((s) => [s.code, s]));
        expect(config.branchId).toBe(demo.id);
        expect(config.services.map((s) => [s.code, s.targetMin])).toEqual([
          ['A', 10],
          ['B', 15],
          ['C', 20],
          ['D', 15],
        ]);
        expect(byCode.C!.name).toEqual({ zh: '贷款咨询', en: 'Loans' });
        expect(config.counters.map((c) => c.label)).toEqual(['1', '2', '3', '4']);
        expect(config.routing).toEqual(DEFAULT_ROUTING);

        const alice = (await repos.users.findByUsername('alice'))!;
        const aliceStaff = config.staff.find((s) => s.id === alice.staffId)!;
        expect(aliceStaff.skills).toEqual({ [byCode.A!.id]: 1, [byCode.B!.id]: 0.5 });
        expect(config.staff).toHaveLength(4);

        // The engine accepts it as is.
        const configured = apply(initialState(demo.id), { type: 'configure', config }, T0);
        expect(Object.keys(configured.state.services)).toHaveLength(4);

        const details = (await repos.branches.details(demo.id))!;
        expect(details.services.find((s) => s.code === 'B')!.documents.en).toContain('Business licence');
      });

      it('round-trips a setup, and deactivates what a later setup leaves out', async () => {
        const setup: BranchSetup = {
          code: 'east',
          name: { zh: '东区支行', en: 'East Branch' },
          timezone: 'Asia/Shanghai',
          openingHours: { mon: [{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }] } as BranchSetup['openingHours'],
          routing: { maxRecalls: 3, priorityBoost: { normal: 0, priority: 0.75, vip: 1.5 } },
          signage: { theme: 'dark' },
          services: [
            { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 8, defaultDurationMin: 4 },
            { code: 'F', name: { zh: '外汇', en: 'Foreign exchange' }, targetMin: 12, defaultDurationMin: 10, documents: { zh: ['护照'], en: ['Passport'] } },
          ],
          counters: [{ label: '1' }, { label: 'VIP 1' }],
          staff: [
            { displayName: 'Eve', skills: { A: 1, F: 0.7 } },
            { displayName: 'Fay', skills: { F: 1 } },
          ],
        };
        const id = await repos.branches.upsert(setup);
        expect(await repos.branches.upsert(setup)).toBe(id);
        const config = (await repos.branches.loadConfig(id))!;
        const sid = Object.fromEntries(config.services.map((s) => [s.code, s.id]));
        expect(config.services.map((s) => ({ ...s, id: undefined }))).toEqual(
          setup.services.map(({ documents: _, ...s }) => ({ ...s, id: undefined })),
        );
        expect(config.counters.map((c) => c.label)).toEqual(['1', 'VIP 1']);
        expect(config.staff.map((s) => s.skills)).toEqual([{ [sid.A!]: 1, [sid.F!]: 0.7 }, { [sid.F!]: 1 }]);
        expect(config.routing).toEqual({ ...DEFAULT_ROUTING, maxRecalls: 3, priorityBoost: { normal: 0, priority: 0.75, vip: 1.5 } });
        const details = (await repos.branches.details(id))!;
        expect(details.signage).toEqual({ theme: 'dark' });
        expect(details.openingHours.mon).toHaveLength(2);
        expect(details.openingHours.tue).toEqual([]);

        await repos.branches.upsert({ ...setup, services: [setup.services[0]!], counters: [{ label: '1' }], staff: [{ displayName: 'Eve', skills: { A: 1 } }] });
        const smaller = (await repos.branches.loadConfig(id))!;
        expect(smaller.services.map((s) => s.code)).toEqual(['A']);
        expect(smaller.services[0]!.id).toBe(sid.A);
        expect(smaller.counters.map((c) => c.label)).toEqual(['1']);
        expect(smaller.staff).toEqual([{ id: config.staff[0]!.id, skills: { [sid.A!]: 1 } }]);
        const after = (await repos.branches.details(id))!;
        expect(after.services.find((s) => s.code === 'F')!.active).toBe(false);
        expect(after.staff.find((s) => s.displayName === 'Fay')!.active).toBe(false);
      });
    });

    describe('ticket events', () => {
      let branchId: string;
      let state: BranchState;
      let now = T0;
      const events: BranchEvent[] = [];
      let customerId: string;
      const ids: Record<string, string> = {};

      const run = (cmd: Command): BranchEvent[] => {
        const r = apply(state, cmd, now);
        state = r.state;
        events.push(...r.events);
        return r.events;
      };
      const calledId = (evs: BranchEvent[]) => {
        const e = evs.find((x) => x.type === 'ticket-called');
        if (!e || e.type !== 'ticket-called') throw new Error('nothing called');
        return e.ticketId;
      };

      beforeAll(async () => {
        const demo = (await repos.branches.findByCode('demo'))!;
        branchId = demo.id;
        const config = (await repos.branches.loadConfig(branchId))!;
        for (const s of config.services) ids[s.code] = s.id;
        for (const c of config.counters) ids[`counter${c.label}`] = c.id;
        for (const name of ['alice', 'bob', 'chen', 'dana']) ids[name] = (await repos.users.findByUsername(name))!.staffId!;
        customerId = (await repos.customers.create({ name: '王小明', phone: '13800000000', consents: { notices: true } })).id;
        state = initialState(branchId);

        // Day 1
        run({ type: 'configure', config });
        run({ type: 'sign-on', staffId: ids.alice!, counterId: ids.counter1! });
        run({ type: 'sign-on', staffId: ids.bob!, counterId: ids.counter2! });
        run({ type: 'sign-on', staffId: ids.chen!, counterId: ids.counter3! });
        const issue = (n: number, code: string, extra: Partial<Extract<Command, { type: 'issue' }>> = {}) =>
          run({ type: 'issue', ticketId: `t${n}`, token: `tok-${n}-${branchId}`, serviceId: ids[code]!, kind: 'walk-in', priority: 'normal', ...extra });
        issue(1, 'A', { customerId });
        issue(2, 'B');
        now += 2 * MIN;
        issue(3, 'C', { priority: 'priority' });
        issue(4, 'A');
        issue(5, 'A');
        now += 3 * MIN;
        const a1 = calledId(run({ type: 'call-next', staffId: ids.alice! }));
        run({ type: 'start', staffId: ids.alice!, ticketId: a1 });
        now += 6 * MIN;
        run({ type: 'complete', staffId: ids.alice!, ticketId: a1 });
        const b1 = calledId(run({ type: 'call-next', staffId: ids.bob! }));
        run({ type: 'recall', staffId: ids.bob!, ticketId: b1 });
        run({ type: 'start', staffId: ids.bob!, ticketId: b1 });
        run({ type: 'transfer', staffId: ids.bob!, ticketId: b1, toServiceId: ids.C! });
        const c1 = calledId(run({ type: 'call-next', staffId: ids.chen! }));
        run({ type: 'no-show', staffId: ids.chen!, ticketId: c1, reason: 'staff' });
        now += 4 * MIN;
        run({ type: 'cancel', ticketId: 't5', by: 'customer' });
        run({ type: 'pause', staffId: ids.chen!, reason: 'lunch' });
        now += 8 * 60 * MIN;
        run({ type: 'close-day', day: '2026-01-05' });

        // Day 2: staff still signed on, numbering restarted
        now = T0 + 24 * 60 * MIN;
        run({ type: 'resume', staffId: ids.chen! });
        run({ type: 'sign-on', staffId: ids.dana!, counterId: ids.counter4! });
        issue(6, 'D', { customerId });
        issue(7, 'A');
        const d1 = calledId(run({ type: 'call-next', staffId: ids.dana! }));
        run({ type: 'start', staffId: ids.dana!, ticketId: d1 });
      });

      it('stores each event once, however often it is delivered', async () => {
        const half = Math.floor(events.length / 2);
        expect(await repos.events.appendEvents(events.slice(0, half))).toEqual({ inserted: half });
        expect(await repos.events.appendEvents(events)).toEqual({ inserted: events.length - half });
        expect(await repos.events.appendEvents(events)).toEqual({ inserted: 0 });
        expect(await repos.events.appendEvents([...events].reverse().slice(0, 3))).toEqual({ inserted: 0 });
        expect(await db.prisma.ticketEvent.count({ where: { branchId } })).toBe(events.length);
        expect(await repos.events.lastSeq(branchId)).toBe(state.seq);
        expect(await repos.events.eventsSince(branchId, 0)).toEqual(events);
        expect(await repos.events.eventsSince(branchId, 3, 2)).toEqual(events.slice(3, 5));
      });

      it('concurrent deliveries of the same batch store it once', async () => {
        const extra = run({ type: 'issue', ticketId: 't8', token: `tok-8-${branchId}`, serviceId: ids.B!, kind: 'remote', priority: 'vip' });
        const results = await Promise.all([repos.events.appendEvents(extra), repos.events.appendEvents(extra)]);
        expect(results.map((r) => r.inserted).sort()).toEqual([0, extra.length]);
        expect((await repos.events.findTicket('t8'))!.status).toBe('waiting');
      });

      it('keeps the ticket projection in step', async () => {
        const t1 = (await repos.events.findTicketByToken(`tok-1-${branchId}`))!;
        expect(t1).toMatchObject({ id: 't1', number: 'A001', status: 'done', customerId, day: '2026-01-05', kind: 'walk-in' });
        expect(t1.calledAt).not.toBeNull();
        expect(t1.servedAt).not.toBeNull();
        expect(t1.doneAt! - t1.servedAt!).toBe(6 * MIN);

        const day1 = await repos.events.ticketsForDay(branchId, '2026-01-05');
        expect(day1.map((x) => x.id).sort()).toEqual(['t1', 't2', 't3', 't4', 't5']);
        for (const x of day1) expect(['done', 'no-show', 'cancelled']).toContain(x.status);
        const transferred = day1.find((x) => x.transfers === 1)!;
        expect(transferred.serviceId).toBe(ids.C);
        expect(transferred.number.startsWith('C')).toBe(true);
        expect(transferred.status).toBe('cancelled'); // closed with the day, still waiting
        expect(day1.find((x) => x.id === 't5')!.status).toBe('cancelled');
        expect(day1.filter((x) => x.status === 'no-show')).toHaveLength(1);

        const day2 = await repos.events.ticketsForDay(branchId, '2026-01-06');
        expect(day2.map((x) => x.id)).toEqual(['t6', 't7', 't8']);
        expect(day2[0]).toMatchObject({ number: 'D001', status: 'serving', staffId: ids.dana, counterId: ids.counter4 });
        expect(await repos.events.findTicketByToken('nope')).toBeNull();
      });

      it('rebuilds exactly the live state from the checkpoint and the events after it', async () => {
        const rebuilt = await repos.events.rebuildState(branchId);
        expect(plain(rebuilt)).toEqual(plain(state));
        expect(plain(replay(branchId, events))).toEqual(plain(state));

        const { checkpoint, events: tail } = await repos.events.eventsForRebuild(branchId);
        const closed = events.find((e) => e.type === 'day-closed')!;
        expect(checkpoint!.seq).toBe(closed.seq);
        expect(tail[0]!.seq).toBe(closed.seq + 1);
        expect(tail.at(-1)!.seq).toBe(state.seq);
        // The checkpoint matters: day 1's sign-ons and service times survive the close.
        expect(checkpoint!.staff[ids.alice!]!.status).toBe('available');
        expect(plain(replay(branchId, tail))).not.toEqual(plain(state));
      });

      it('replays from scratch when no day was closed yet', async () => {
        const other = await repos.branches.upsert({
          code: 'west',
          name: { zh: '西区支行', en: 'West Branch' },
          timezone: 'Europe/London',
          openingHours: {} as BranchSetup['openingHours'],
          services: [{ code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 5, defaultDurationMin: 3 }],
          counters: [{ label: '1' }],
          staff: [{ displayName: 'Gus', skills: { A: 1 } }],
        });
        const config = (await repos.branches.loadConfig(other))!;
        let s = initialState(other);
        const evs: BranchEvent[] = [];
        for (const cmd of [
          { type: 'configure', config },
          { type: 'issue', ticketId: 'w1', token: 'tok-w1', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal' },
        ] satisfies Command[]) {
          const r = apply(s, cmd, T0 + 22 * 60 * MIN);
          s = r.state;
          evs.push(...r.events);
        }
        await repos.events.appendEvents(evs);
        const input = await repos.events.eventsForRebuild(other);
        expect(input.checkpoint).toBeNull();
        expect(input.events).toEqual(evs);
        expect(plain(await repos.events.rebuildState(other))).toEqual(plain(s));
        // 2026-01-05 23:00 UTC is still the 5th in London (in Shanghai it would be the 6th).
        expect((await repos.events.findTicket('w1'))!.day).toBe('2026-01-05');
      });

      it('projects a batch of two branches, stored and new events, several per ticket, as one-by-one appends would', async () => {
        /** The same day in a fresh branch: every kind of ticket event, several for one ticket. */
        const day = async (code: string) => {
          const id = await repos.branches.upsert({
            code,
            name: { zh: code, en: code },
            timezone: 'Asia/Shanghai',
            openingHours: {} as BranchSetup['openingHours'],
            services: [
              { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 5, defaultDurationMin: 3 },
              { code: 'B', name: { zh: '贷款', en: 'Loans' }, targetMin: 10, defaultDurationMin: 8 },
            ],
            counters: [{ label: '1' }, { label: '2' }],
            staff: [
              { displayName: `${code}-1`, skills: { A: 1, B: 1 } },
              { displayName: `${code}-2`, skills: { A: 1, B: 1 } },
            ],
          });
          const config = (await repos.branches.loadConfig(id))!;
          const [A, B] = config.services.map((s) => s.id) as [string, string];
          const [s1, s2] = config.staff.map((s) => s.id) as [string, string];
          const [c1, c2] = config.counters.map((c) => c.id) as [string, string];
          let s = initialState(id);
          let at = T0 + 60 * MIN; // 2026-01-05 10:00 in Shanghai
          const evs: BranchEvent[] = [];
          const t = (n: number) => `${code}-t${n}`;
          const cmds: Command[] = [
            { type: 'configure', config },
            { type: 'sign-on', staffId: s1, counterId: c1 },
            { type: 'sign-on', staffId: s2, counterId: c2 },
            ...[1, 2, 3, 4, 5].map((n): Command => ({ type: 'issue', ticketId: t(n), token: `tok-${t(n)}`, serviceId: n === 3 ? B : A, kind: 'walk-in', priority: 'normal' })),
            // t1: called, recalled, started, transferred to B (back to waiting), called again
            { type: 'call-ticket', staffId: s1, ticketId: t(1), reason: 'test' },
            { type: 'recall', staffId: s1, ticketId: t(1) },
            { type: 'start', staffId: s1, ticketId: t(1) },
            { type: 'transfer', staffId: s1, ticketId: t(1), toServiceId: B },
            { type: 'call-ticket', staffId: s1, ticketId: t(1), reason: 'test' },
            // t2 served and done, t3 a no-show, t4 cancelled, t5 left waiting
            { type: 'call-ticket', staffId: s2, ticketId: t(2), reason: 'test' },
            { type: 'start', staffId: s2, ticketId: t(2) },
            { type: 'complete', staffId: s2, ticketId: t(2) },
            { type: 'call-ticket', staffId: s2, ticketId: t(3), reason: 'test' },
            { type: 'no-show', staffId: s2, ticketId: t(3), reason: 'staff' },
            { type: 'cancel', ticketId: t(4), by: 'customer' },
            // t5 raised to priority by staff in the lobby while it waits
            { type: 'raise-priority', ticketId: t(5), priority: 'priority' },
          ];
          for (const cmd of cmds) {
            at += MIN;
            const r = apply(s, cmd, at);
            s = r.state;
            evs.push(...r.events);
          }
          // Ids differ between branches: compare by role.
          const names = new Map<string | null, string | null>([[A, 'A'], [B, 'B'], [s1, 's1'], [s2, 's2'], [c1, 'c1'], [c2, 'c2'], [null, null]]);
          return { id, evs, names, tickets: [1, 2, 3, 4, 5].map(t) };
        };
        const one = await day('mix1');
        const two = await day('mix2');
        const three = await day('mix3');

        // Reference: every event appended on its own.
        for (const e of one.evs) await repos.events.appendEvents([e]);
        // The batch: part of branch 2 already stored, the rest of it and all of branch 3, interleaved.
        const stored = two.evs.slice(0, 6);
        expect(await repos.events.appendEvents(stored)).toEqual({ inserted: stored.length });
        const batch = [...two.evs, ...three.evs].sort((a, b) => a.at - b.at || (a.branchId < b.branchId ? -1 : 1));
        expect(await repos.events.appendEvents(batch)).toEqual({ inserted: batch.length - stored.length });
        expect(await repos.events.eventsSince(two.id, 0)).toEqual(two.evs);
        expect(await repos.events.eventsSince(three.id, 0)).toEqual(three.evs);

        const rows = async (b: { tickets: string[]; names: Map<string | null, string | null> }) => {
          const out = [];
          for (const id of b.tickets) {
            const { id: _id, branchId: _b, token: _t, serviceId, staffId, counterId, ...rest } = (await repos.events.findTicket(id))!;
            out.push({ ...rest, serviceId: b.names.get(serviceId), staffId: b.names.get(staffId), counterId: b.names.get(counterId) });
          }
          return out;
        };
        const reference = await rows(one);
        expect(await rows(two)).toEqual(reference);
        expect(await rows(three)).toEqual(reference);
        const [t1, t2, t3, t4, t5] = reference;
        expect(t1).toMatchObject({ status: 'called', number: 'B002', serviceId: 'B', staffId: 's1', counterId: 'c1', transfers: 1, recalls: 0, servedAt: null, day: '2026-01-05' });
        expect(t1!.calledAt).toBe(T0 + 60 * MIN + 13 * MIN);
        expect(t2).toMatchObject({ status: 'done', number: 'A002', staffId: 's2' });
        expect(t2!.doneAt! - t2!.servedAt!).toBe(MIN);
        expect(t3).toMatchObject({ status: 'no-show', recalls: 0 });
        expect(t4).toMatchObject({ status: 'cancelled', calledAt: null, staffId: null });
        expect(t5).toMatchObject({ status: 'waiting', number: 'A004', priority: 'priority', calledAt: null, doneAt: null });
      });

      it('leaves the projection alone for a redelivered event that comes with new ones', async () => {
        const issued = run({ type: 'issue', ticketId: 't20', token: `tok-20-${branchId}`, serviceId: ids.A!, kind: 'walk-in', priority: 'normal' });
        await repos.events.appendEvents(issued);
        now += MIN;
        await repos.events.appendEvents(run({ type: 'cancel', ticketId: 't20', by: 'customer' }));
        const next = run({ type: 'issue', ticketId: 't21', token: `tok-21-${branchId}`, serviceId: ids.B!, kind: 'walk-in', priority: 'vip' });
        // The old issue of t20 again, with a new ticket: only t21 is new.
        expect(await repos.events.appendEvents([...issued, ...next])).toEqual({ inserted: next.length });
        expect((await repos.events.findTicket('t20'))!.status).toBe('cancelled');
        expect(await repos.events.findTicket('t21')).toMatchObject({ status: 'waiting', priority: 'vip', serviceId: ids.B });
        expect(await repos.events.eventsSince(branchId, 0)).toEqual(events);
      });

      it('lists a customer\'s visits, newest first', async () => {
        const visits = await repos.customers.visitHistory(customerId);
        expect(visits.map((v) => v.id)).toEqual(['t6', 't1']);
        const [found] = await repos.customers.findByPhone('13800000000');
        expect(found).toMatchObject({ id: customerId, name: '王小明', language: 'zh', consents: { notices: true, marketing: false, history: false } });
        const updated = await repos.customers.update(customerId, { language: 'en', preferences: { largeText: true } });
        expect(updated).toMatchObject({ language: 'en', preferences: { largeText: true }, phone: '+8613800000000' });
      });
    });

    describe('audit log', () => {
      it('appends and pages a branch\'s entries newest first', async () => {
        const branchId = (await repos.branches.findByCode('demo'))!.id;
        const otherId = (await repos.branches.findByCode('east'))!.id;
        for (let i = 0; i < 5; i++) {
          await repos.audit.append({
            action: `ticket.call#${i}`,
            branchId,
            userId: 'u1',
            role: 'staff',
            ticketId: `t${i}`,
            ip: '10.0.0.1',
            userAgent: 'vitest',
            details: { i },
            at: T0 + i * MIN,
          });
        }
        await repos.audit.append({ action: 'config.update', branchId: otherId });
        const p1 = await repos.audit.list({ branchId }, { limit: 2 });
        expect(p1.items.map((e) => e.action)).toEqual(['ticket.call#4', 'ticket.call#3']);
        expect(p1.items[0]).toMatchObject({ userId: 'u1', role: 'staff', ip: '10.0.0.1', details: { i: 4 }, at: T0 + 4 * MIN });
        const p2 = await repos.audit.list({ branchId }, { limit: 2, before: p1.nextCursor });
        const p3 = await repos.audit.list({ branchId }, { limit: 2, before: p2.nextCursor });
        expect(p2.items.map((e) => e.action)).toEqual(['ticket.call#2', 'ticket.call#1']);
        expect(p3.items.map((e) => e.action)).toEqual(['ticket.call#0']);
        expect(p3.nextCursor).toBeNull();
        const other = await repos.audit.list({ branchId: otherId });
        expect(other.items).toHaveLength(1);
        expect(other.items[0]).toMatchObject({ action: 'config.update', userId: null, details: {} });
      });

      it('gives each of many concurrent appends its own stored entry', async () => {
        const branchId = (await repos.branches.findByCode('east'))!.id;
        const before = Date.now();
        const entries = await Promise.all(
          Array.from({ length: 40 }, (_, i) => repos.audit.append({ action: `burst#${i}`, branchId, ticketId: `b${i}`, details: { i } })),
        );
        entries.forEach((e, i) => {
          expect(e).toMatchObject({ action: `burst#${i}`, branchId, ticketId: `b${i}`, details: { i }, userId: null });
          expect(e.at).toBeGreaterThanOrEqual(before - 1000);
        });
        expect(new Set(entries.map((e) => e.id)).size).toBe(40);
        const listed = await repos.audit.list({ branchId }, { limit: 40 });
        const byId = new Map(listed.items.map((e) => [e.id, e]));
        // Listed entries carry names beside the stored fields: the stored ones are exactly as appended.
        for (const e of entries) {
          const listedEntry = byId.get(e.id) as unknown as Record<string, unknown>;
          expect(Object.fromEntries(Object.keys(e).map((k) => [k, listedEntry[k]]))).toEqual(e);
        }
      });
    });

    describe('users and devices', () => {
      it('creates, finds and lists users; usernames are unique', async () => {
        const branchId = (await repos.branches.findByCode('east'))!.id;
        const u = await repos.users.create({ username: 'eve', passwordHash: 'h1', role: 'staff', displayName: 'Eve', branchId });
        expect(u).toMatchObject({ username: 'eve', role: 'staff', branchId, active: true, staffId: null, mustChangePassword: false });
        expect(u).not.toHaveProperty('passwordHash');
        await expect(
          repos.users.create({ username: 'eve', passwordHash: 'h2', role: 'manager', displayName: 'Other Eve' }),
        ).rejects.toThrow();
        expect((await repos.users.findByUsername('eve'))!.passwordHash).toBe('h1');
        expect(await repos.users.findByUsername('nobody')).toBeNull();
        expect((await repos.users.list({ branchId })).map((x) => x.username)).toEqual(['eve']);
        expect((await repos.users.list({ role: 'admin' })).map((x) => x.username)).toEqual(['admin']);
        await repos.users.setActive(u.id, false);
        await repos.users.setPassword(u.id, 'h3', true);
        expect(await repos.users.findByUsername('eve')).toMatchObject({ active: false, passwordHash: 'h3', mustChangePassword: true });
      });

      it('finds devices by token hash, records last seen, revokes', async () => {
        const branchId = (await repos.branches.findByCode('east'))!.id;
        const { token, tokenHash } = newDeviceToken();
        expect(tokenHash).toBe(hashDeviceToken(token));
        expect(tokenHash).not.toContain(token);
        const d = await repos.devices.create({ branchId, kind: 'signage', name: 'Window display', tokenHash });
        expect(d).toMatchObject({ lastSeenAt: null, revoked: false });
        expect(await repos.devices.findByTokenHash(hashDeviceToken(token))).toEqual(d);
        expect(await repos.devices.findByTokenHash(hashDeviceToken('guess'))).toBeNull();
        await repos.devices.touch(d.id, T0);
        expect((await repos.devices.findById(d.id))!.lastSeenAt).toBe(T0);
        await repos.devices.revoke(d.id);
        expect((await repos.devices.findByTokenHash(tokenHash))!.revoked).toBe(true);
        expect((await repos.devices.listByBranch(branchId)).map((x) => x.name)).toEqual(['Window display']);
      });
    });
  });
}
