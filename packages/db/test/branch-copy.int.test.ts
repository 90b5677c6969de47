/**
 * A new branch copied from another, on PostgreSQL and on PGlite: it gets the source's active
 * services with their booking rules, active counters, opening hours, booking settings with only
 * the closures not over yet, and queue rules; never its staff, rosters, devices or pilot flag.
 * An unknown or inactive source, and a write failing half-way, leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopySourceError, createRepositories, migrate, type OpeningHours, type Repositories } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const HOURS: OpeningHours = { mon: [{ open: '08:30', close: '16:00' }], tue: [{ open: '08:30', close: '16:00' }], wed: [], thu: [], fri: [], sat: [{ open: '09:00', close: '12:00' }], sun: [] };
const NAME = { zh: '嘉定支行', en: 'Jiading Branch' };
/** 2026-06-10 12:00 in Shanghai: "now" for the copies. */
const AT = Date.parse('2026-06-10T12:00:00+08:00');
const PAST_DAY = { date: '2026-06-01', reason: { zh: '盘点', en: 'Stocktaking' } };
const PAST_SPAN_OVER_YESTERDAY = { date: '2026-06-08', until: '2026-06-09' };
const TODAY_ON = { date: '2026-06-09', until: '2026-06-10' };
const FUTURE_DAY = { date: '2026-10-01', until: '2026-10-07', reason: { zh: '国庆节', en: 'National Day' } };
const PAST_HOURS = { from: Date.parse('2026-06-05T09:00:00+08:00'), to: Date.parse('2026-06-05T11:00:00+08:00') };
const FUTURE_HOURS = { from: Date.parse('2026-06-20T09:00:00+08:00'), to: Date.parse('2026-06-20T11:00:00+08:00') };
const LOAN_RULES = { bookable: true, durationMin: 40, bufferAfterMin: 5, walkIns: false, channels: ['branch', 'video'] };

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`copying a branch on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let sourceId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      sourceId = await repos.branches.upsert({
        code: 'sh-source',
        name: { zh: '源网点', en: 'Source' },
        timezone: 'Asia/Shanghai',
        openingHours: HOURS,
        pilot: true,
        routing: { maxRecalls: 4 },
        services: [
          { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: ['身份证'], en: ['ID card'] } },
          { code: 'L', name: { zh: '贷款', en: 'Loans' }, targetMin: 20, defaultDurationMin: 30 },
          { code: 'X', name: { zh: '旧业务', en: 'Retired' }, targetMin: 10, defaultDurationMin: 5, active: false },
        ],
        counters: [{ label: '1' }, { label: 'VIP 1' }, { label: '9', active: false }],
        staff: [{ displayName: 'Ann', skills: { A: 1, L: 0.5 } }],
      });
      const p = t.db.prisma;
      await p.branch.update({ where: { id: sourceId }, data: { booking: { slotStepMin: 20, remoteQueue: true, closures: [PAST_DAY, PAST_SPAN_OVER_YESTERDAY, TODAY_ON, FUTURE_DAY, PAST_HOURS, FUTURE_HOURS] } } });
      await p.service.updateMany({ where: { branchId: sourceId, code: 'L' }, data: { booking: LOAN_RULES } });
      await p.staff.updateMany({ where: { branchId: sourceId }, data: { roster: { mon: [{ open: '09:00', close: '12:00' }] } } });
      await p.device.create({ data: { branchId: sourceId, kind: 'kiosk', name: 'Kiosk', tokenHash: `hash-${backend}` } });
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('copies the active services with their booking rules, the active counters, hours, booking settings and queue rules', async () => {
      const { branch, copied } = await repos.branchSetup.copyBranch({ code: 'sh-jiading', name: NAME, timezone: 'Asia/Shanghai', pilot: false }, sourceId, AT);
      expect(copied).toEqual({ source: { id: sourceId, code: 'sh-source' }, services: 2, counters: 2 });
      expect(branch).toMatchObject({ code: 'sh-jiading', name: NAME, openingHours: HOURS, pilot: false, active: true, address: { zh: null, en: null } });

      const d = (await repos.branches.details(branch.id))!;
      expect(d.services.map((s) => ({ code: s.code, name: s.name, targetMin: s.targetMin, defaultDurationMin: s.defaultDurationMin, documents: s.documents, active: s.active, walkIns: s.walkIns }))).toEqual([
        { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: ['身份证'], en: ['ID card'] }, active: true, walkIns: true },
        { code: 'L', name: { zh: '贷款', en: 'Loans' }, targetMin: 20, defaultDurationMin: 30, documents: { zh: [], en: [] }, active: true, walkIns: false },
      ]);
      expect(d.counters.map((c) => [c.label, c.active])).toEqual([['1', true], ['VIP 1', true]]);
      expect(d.routing.maxRecalls).toBe(4);
      // Never people, their rosters, devices or the pilot period.
      expect(d.staff).toEqual([]);
      expect(await t.db.prisma.device.count({ where: { branchId: branch.id } })).toBe(0);
      expect(await t.db.prisma.branchPilotPeriod.count({ where: { branchId: branch.id } })).toBe(0);

      const booking = await repos.appointments.bookingSetup(branch.id);
      expect(booking?.settings).toMatchObject({ slotStepMin: 20, remoteQueue: true, closures: [TODAY_ON, FUTURE_DAY, FUTURE_HOURS] });
      expect(booking?.services.find((s) => s.code === 'L')?.booking).toEqual(LOAN_RULES);
      // The source is as it was.
      expect((await repos.branches.details(sourceId))!.services).toHaveLength(3);
    });

    it('takes the hours given over the source\'s, and makes a pilot branch a pilot from its day', async () => {
      const own = { ...HOURS, sun: [{ open: '10:00', close: '14:00' }] };
      const { branch } = await repos.branchSetup.copyBranch({ code: 'sh-own-hours', name: NAME, timezone: 'Asia/Shanghai', openingHours: own, pilot: true }, sourceId, AT);
      expect(branch.openingHours).toEqual(own);
      expect(branch.pilot).toBe(true);
    });

    it('refuses an unknown or inactive source, and a taken code, writing nothing', async () => {
      const before = await t.db.prisma.branch.count();
      await expect(repos.branchSetup.copyBranch({ code: 'sh-none', name: NAME, timezone: 'Asia/Shanghai', pilot: false }, '00000000-0000-4000-8000-000000000000', AT)).rejects.toEqual(
        expect.objectContaining({ name: 'CopySourceError', reason: 'unknown' }),
      );
      const off = await repos.branchSetup.createBranch({ code: 'sh-off', name: NAME, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: false });
      await repos.branchSetup.updateBranch(off.id, { active: false });
      const refused = await repos.branchSetup.copyBranch({ code: 'sh-none', name: NAME, timezone: 'Asia/Shanghai', pilot: false }, off.id, AT).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CopySourceError);
      expect(refused).toMatchObject({ reason: 'inactive' });
      await expect(repos.branchSetup.copyBranch({ code: 'sh-jiading', name: NAME, timezone: 'Asia/Shanghai', pilot: false }, sourceId, AT)).rejects.toEqual(
        expect.objectContaining({ name: 'SetupDuplicateError', duplicate: 'branch-code' }),
      );
      expect(await t.db.prisma.branch.count()).toBe(before + 1);
      expect(await repos.branches.findByCode('sh-none')).toBeNull();
    });

    it('writes nothing when a write fails half-way (the counters, after the branch and its services)', async () => {
      const services = await t.db.prisma.service.count();
      // A trigger refusing counters stands in for any failure after the first rows are written.
      await t.db.query(`CREATE FUNCTION refuse_counters() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no counters today'; END $$`);
      await t.db.query(`CREATE TRIGGER refuse_counters BEFORE INSERT ON counters FOR EACH ROW EXECUTE FUNCTION refuse_counters()`);
      try {
        await expect(repos.branchSetup.copyBranch({ code: 'sh-half', name: NAME, timezone: 'Asia/Shanghai', pilot: true }, sourceId, AT)).rejects.toThrow();
      } finally {
        await t.db.query('DROP TRIGGER refuse_counters ON counters');
      }
      expect(await repos.branches.findByCode('sh-half')).toBeNull();
      expect(await t.db.prisma.service.count()).toBe(services);
    });
  });
}
