/**
 * The set-up repository's contract, on PostgreSQL and on PGlite: branches, services and counters
 * are created and edited one at a time; a taken branch code, service code or counter label is a
 * `SetupDuplicateError` that wrote nothing (also when two writes race); an id of another branch
 * is not found; nothing something refers to is ever deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, SetupDuplicateError, type OpeningHours, type Repositories } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const HOURS: OpeningHours = {
  mon: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }],
  tue: [{ open: '09:00', close: '17:00' }],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
};
const NEW_BRANCH = { code: 'sh-pudong', name: { zh: '浦东支行', en: 'Pudong Branch' }, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: true };
const CASH = { code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: ['身份证'], en: ['ID card'] } };

const duplicate = (what: string) => expect.objectContaining({ name: 'SetupDuplicateError', duplicate: what });

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`branch set-up repository on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;
    let otherId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('creates a branch with its hours and pilot flag, and refuses its code a second time', async () => {
      const made = await repos.branchSetup.createBranch(NEW_BRANCH);
      branchId = made.id;
      expect(made).toMatchObject({ code: 'sh-pudong', name: NEW_BRANCH.name, timezone: 'Asia/Shanghai', pilot: true, openingHours: HOURS });
      expect((await repos.branches.list()).map((b) => b.code)).toEqual(['sh-pudong']);
      // No services yet: nothing for the live queue to run.
      expect((await repos.branches.loadConfig(branchId))?.services).toEqual([]);
      await expect(repos.branchSetup.createBranch({ ...NEW_BRANCH, name: { zh: '别的', en: 'Other' } })).rejects.toEqual(duplicate('branch-code'));
      expect(await repos.branches.list()).toHaveLength(1);
    });

    it('lets one of two concurrent creates of the same code win', async () => {
      const both = await Promise.allSettled([repos.branchSetup.createBranch({ ...NEW_BRANCH, code: 'bj-race' }), repos.branchSetup.createBranch({ ...NEW_BRANCH, code: 'bj-race' })]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(SetupDuplicateError);
      otherId = (await repos.branches.findByCode('bj-race'))!.id;
    });

    it('edits only the fields given, never the code; an unknown branch is null', async () => {
      const renamed = await repos.branchSetup.updateBranch(branchId, { name: { zh: '浦东新区支行', en: 'Pudong New Area' }, pilot: false });
      expect(renamed).toMatchObject({ code: 'sh-pudong', name: { zh: '浦东新区支行', en: 'Pudong New Area' }, pilot: false, timezone: 'Asia/Shanghai', openingHours: HOURS });
      const closedMonday = { ...HOURS, mon: [] };
      const moved = await repos.branchSetup.updateBranch(branchId, { timezone: 'Asia/Urumqi', openingHours: closedMonday });
      expect(moved).toMatchObject({ name: { en: 'Pudong New Area' }, timezone: 'Asia/Urumqi', openingHours: closedMonday });
      expect(await repos.branches.info(branchId)).toEqual(moved);
      expect(await repos.branchSetup.updateBranch('00000000-0000-4000-8000-000000000000', { pilot: true })).toBeNull();
    });

    it('keeps a street address per language: none at first, both set, one cleared (an empty line is none); other edits leave it', async () => {
      expect((await repos.branches.info(branchId))!.address).toEqual({ zh: null, en: null });
      const both = { zh: '上海市浦东新区世纪大道 8 号', en: '8 Century Avenue, Pudong, Shanghai' };
      expect(await repos.branchSetup.updateBranch(branchId, { address: both })).toMatchObject({ address: both });
      expect((await repos.branches.info(branchId))!.address).toEqual(both);
      expect((await repos.appointments.bookingSetup(branchId))!.address).toEqual(both);
      expect(await repos.branchSetup.updateBranch(branchId, { pilot: true })).toMatchObject({ address: both });
      expect(await repos.branchSetup.updateBranch(branchId, { address: { zh: both.zh, en: '  ' } })).toMatchObject({ address: { zh: both.zh, en: null } });
      const made = await repos.branchSetup.createBranch({ ...NEW_BRANCH, code: 'gz-tianhe', address: { zh: '广州市天河路 1 号', en: null } });
      expect((await repos.branches.findByCode('gz-tianhe'))!.address).toEqual({ zh: '广州市天河路 1 号', en: null });
      expect(made.address).toEqual({ zh: '广州市天河路 1 号', en: null });
    });

    it('creates services unique by code in their branch, active, with their documents', async () => {
      const cash = await repos.branchSetup.createService(branchId, CASH);
      expect(cash).toMatchObject({ ...CASH, active: true });
      await expect(repos.branchSetup.createService(branchId, { ...CASH, name: { zh: '另一个', en: 'Another' } })).rejects.toEqual(duplicate('service-code'));
      // Another branch may use the same letter.
      await repos.branchSetup.createService(otherId, CASH);
      await repos.branchSetup.createService(branchId, { ...CASH, code: 'B', name: { zh: '对公', en: 'Business' }, documents: { zh: [], en: [] } });
      const config = (await repos.branches.loadConfig(branchId))!;
      expect(config.services.map((s) => [s.code, s.name.en])).toEqual([['A', 'Cash'], ['B', 'Business']]);
    });

    it('edits a service; a taken code changes nothing; deactivated ones stay in the details but leave the live config', async () => {
      const [a, b] = (await repos.branches.details(branchId))!.services;
      const renamed = await repos.branchSetup.updateService(branchId, a!.id, { name: { zh: '个人现金', en: 'Personal cash' }, targetMin: 12, documents: { zh: ['身份证', '银行卡'], en: ['ID card', 'Bank card'] } });
      expect(renamed).toMatchObject({ id: a!.id, code: 'A', name: { en: 'Personal cash' }, targetMin: 12, defaultDurationMin: 5, documents: { zh: ['身份证', '银行卡'] } });
      await expect(repos.branchSetup.updateService(branchId, b!.id, { code: 'A', targetMin: 30 })).rejects.toEqual(duplicate('service-code'));
      expect((await repos.branches.details(branchId))!.services.find((s) => s.id === b!.id)).toMatchObject({ code: 'B', targetMin: 10 });

      expect(await repos.branchSetup.updateService(branchId, b!.id, { active: false })).toMatchObject({ active: false });
      expect((await repos.branches.loadConfig(branchId))!.services.map((s) => s.code)).toEqual(['A']);
      expect((await repos.branches.details(branchId))!.services.map((s) => [s.code, s.active])).toEqual([['A', true], ['B', false]]);
      expect(await repos.branchSetup.updateService(branchId, b!.id, { active: true })).toMatchObject({ active: true });
      // A service is found in its own branch only.
      expect(await repos.branchSetup.updateService(otherId, a!.id, { targetMin: 1 })).toBeNull();
      expect((await repos.branches.details(branchId))!.services.find((s) => s.id === a!.id)?.targetMin).toBe(12);
    });

    it('creates and edits counters unique by label in their branch', async () => {
      const one = await repos.branchSetup.createCounter(branchId, '1');
      const vip = await repos.branchSetup.createCounter(branchId, 'VIP 1');
      expect(one).toMatchObject({ label: '1', active: true });
      await expect(repos.branchSetup.createCounter(branchId, '1')).rejects.toEqual(duplicate('counter-label'));
      await expect(repos.branchSetup.updateCounter(branchId, vip.id, { label: '1' })).rejects.toEqual(duplicate('counter-label'));
      expect(await repos.branchSetup.updateCounter(branchId, vip.id, { label: 'VIP', active: false })).toMatchObject({ id: vip.id, label: 'VIP', active: false });
      expect((await repos.branches.loadConfig(branchId))!.counters.map((c) => c.label)).toEqual(['1']);
      expect((await repos.branches.details(branchId))!.counters.map((c) => [c.label, c.active])).toEqual([['1', true], ['VIP', false]]);
      expect(await repos.branchSetup.updateCounter(otherId, one.id, { active: false })).toBeNull();
    });

    it('discards only a service or counter nothing refers to', async () => {
      const fresh = await repos.branchSetup.createService(branchId, { ...CASH, code: 'Z' });
      expect(await repos.branchSetup.discardService(otherId, fresh.id)).toBe(false);
      expect(await repos.branchSetup.discardService(branchId, fresh.id)).toBe(true);
      expect((await repos.branches.details(branchId))!.services.map((s) => s.code)).not.toContain('Z');
      // The code is free again.
      await repos.branchSetup.createService(branchId, { ...CASH, code: 'Z' });

      // A service someone has a skill in is kept.
      const seeded = await repos.branches.upsert({ code: 'skilled', name: NEW_BRANCH.name, timezone: 'Asia/Shanghai', openingHours: HOURS, services: [{ ...CASH }], counters: [{ label: '1' }], staff: [{ displayName: 'Ann', skills: { A: 1 } }] });
      const skilled = (await repos.branches.details(seeded))!;
      expect(await repos.branchSetup.discardService(seeded, skilled.services[0]!.id)).toBe(false);

      const counter = await repos.branchSetup.createCounter(branchId, '9');
      expect(await repos.branchSetup.discardCounter(branchId, counter.id)).toBe(true);
      expect((await repos.branches.details(branchId))!.counters.map((c) => c.label)).toEqual(['1', 'VIP']);
    });
  });
}
