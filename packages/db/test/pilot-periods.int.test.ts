/**
 * Pilot periods on PostgreSQL and PGlite: switching a branch's pilot flag through the set-up
 * repository starts and ends a period on the branch's own day, in the same transaction as the
 * flag; and the migration gives the branches that were pilots before it an open period from
 * their creation day.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, type OpeningHours, type Repositories } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const HOURS = {} as OpeningHours;
// 23:30 UTC on 30 September is already 1 October in Shanghai: the period is dated by the branch.
const SEP_30_LATE_UTC = Date.parse('2026-09-30T23:30:00Z');
const OCT_20 = Date.parse('2026-10-20T04:00:00Z');

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`pilot periods on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    const periods = async (branchId: string) =>
      t.db.query<{ starts_on: string; ends_on: string | null }>('SELECT starts_on, ends_on FROM branch_pilot_periods WHERE branch_id = $1 ORDER BY starts_on', [branchId]);

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("starts a period on the branch's day when the flag is switched on, and ends it with the day it is switched off", async () => {
      const b = await repos.branchSetup.createBranch({ code: 'sh-a', name: { zh: '甲', en: 'A' }, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: false });
      expect(await periods(b.id)).toEqual([]);
      await repos.branchSetup.updateBranch(b.id, { pilot: true, at: SEP_30_LATE_UTC });
      expect(await periods(b.id)).toEqual([{ starts_on: '2026-10-01', ends_on: null }]);
      // Saved again without a change of the flag: nothing new.
      await repos.branchSetup.updateBranch(b.id, { pilot: true, name: { zh: '甲支行', en: 'A Branch' }, at: OCT_20 });
      await repos.branchSetup.updateBranch(b.id, { pilot: false, at: OCT_20 });
      expect(await periods(b.id)).toEqual([{ starts_on: '2026-10-01', ends_on: '2026-10-20' }]);
      // Back on the same day: the period goes on rather than a second one starting.
      await repos.branchSetup.updateBranch(b.id, { pilot: true, at: OCT_20 });
      expect(await periods(b.id)).toEqual([{ starts_on: '2026-10-01', ends_on: null }]);
      await repos.branchSetup.updateBranch(b.id, { pilot: false, at: OCT_20 });
      await repos.branchSetup.updateBranch(b.id, { pilot: true, at: Date.parse('2026-11-02T04:00:00Z') });
      expect(await periods(b.id)).toEqual([
        { starts_on: '2026-10-01', ends_on: '2026-10-20' },
        { starts_on: '2026-11-02', ends_on: null },
      ]);
    });

    it('writes nothing of a switch whose check refuses it: the flag and its period stay together', async () => {
      const b = await repos.branchSetup.createBranch({ code: 'sh-b', name: { zh: '乙', en: 'B' }, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: true }, OCT_20);
      expect(await periods(b.id)).toEqual([{ starts_on: '2026-10-20', ends_on: null }]);
      const refused = repos.branchSetup.updateBranch(b.id, { pilot: false, at: OCT_20 }, () => {
        throw new Error('stale');
      });
      await expect(refused).rejects.toThrow('stale');
      expect((await repos.branches.info(b.id))?.pilot).toBe(true);
      expect(await periods(b.id)).toEqual([{ starts_on: '2026-10-20', ends_on: null }]);
    });

    it('the migration gave the pilots before it an open period from their creation day (their time zone), and others none', async () => {
      // Replays the migration's backfill on branches as they stood before it.
      const [pilot, other] = await Promise.all([
        repos.branchSetup.createBranch({ code: 'ldn', name: { zh: '伦敦', en: 'London' }, timezone: 'Europe/London', openingHours: HOURS, pilot: false }),
        repos.branchSetup.createBranch({ code: 'sh-c', name: { zh: '丙', en: 'C' }, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: false }),
      ]);
      await t.db.query(`UPDATE branches SET pilot = true, created_at = '2026-03-29T23:30:00Z' WHERE id = $1`, [pilot.id]);
      await t.db.query('DELETE FROM branch_pilot_periods');
      await t.db.query(backfillSql());
      // 23:30 UTC on 29 March 2026 is 00:30 on the 30th in London (summer time began that night).
      expect(await periods(pilot.id)).toEqual([{ starts_on: '2026-03-30', ends_on: null }]);
      expect(await periods(other.id)).toEqual([]);
    });
  });
}

/** The backfill statement of the pilot-periods migration, as it is shipped. */
function backfillSql(): string {
  const sql = readFileSync(new URL('../prisma/migrations/20261204150000_pilot_periods/migration.sql', import.meta.url), 'utf8');
  return sql.slice(sql.indexOf('INSERT INTO "branch_pilot_periods"'));
}
