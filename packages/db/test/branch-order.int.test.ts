/**
 * A branch's services and counters come back in one fixed order, whatever order the rows were
 * written or rewritten in, on PostgreSQL and on PGlite: that order becomes the live state's, and
 * so the order of GET /api/v1/branches/:id, the kiosk tiles and the lobby board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, type BranchSetup, type Repositories } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const service = (code: string): BranchSetup['services'][number] => ({ code, name: { zh: `业务${code}`, en: `Service ${code}` }, targetMin: 10, defaultDurationMin: 5 });

// Neither written in order nor in any order a text sort would give.
const setup: BranchSetup = {
  code: 'order',
  name: { zh: '顺序支行', en: 'Order Branch' },
  timezone: 'Asia/Shanghai',
  openingHours: {} as BranchSetup['openingHours'],
  services: ['C', 'D', 'A', 'B'].map(service),
  counters: ['10', 'VIP 2', '2', '1', 'VIP 10', '3', '9'].map((label) => ({ label })),
  staff: [{ displayName: 'Olga', skills: { A: 1, C: 1 } }],
};
const SERVICES = ['A', 'B', 'C', 'D'];
const COUNTERS = ['1', '2', '3', '9', '10', 'VIP 2', 'VIP 10'];

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`branch directory order on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      branchId = await repos.branches.upsert(setup);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('lists services by code and counters by label, numbers by value', async () => {
      const details = (await repos.branches.details(branchId))!;
      expect(details.services.map((s) => s.code)).toEqual(SERVICES);
      expect(details.counters.map((c) => c.label)).toEqual(COUNTERS);
      const config = (await repos.branches.loadConfig(branchId))!;
      expect(config.services.map((s) => s.code)).toEqual(SERVICES);
      expect(config.counters.map((c) => c.label)).toEqual(COUNTERS);
    });

    it('keeps that order after rows are rewritten (PostgreSQL moves updated rows)', async () => {
      const before = (await repos.branches.loadConfig(branchId))!;
      // A and B get a new target and counter 1 is switched off and on: their rows move in the table.
      await repos.branches.upsert({ ...setup, services: setup.services.map((s) => (s.code < 'C' ? { ...s, targetMin: 12 } : s)), counters: setup.counters.map((c) => (c.label === '1' ? { ...c, active: false } : c)) });
      await repos.branches.upsert(setup);
      const after = (await repos.branches.loadConfig(branchId))!;
      expect(after.services.map((s) => s.id)).toEqual(before.services.map((s) => s.id));
      expect(after.counters.map((c) => c.id)).toEqual(before.counters.map((c) => c.id));
      expect(after.counters.map((c) => c.label)).toEqual(COUNTERS);
    });
  });
}
