/**
 * Staff accounts as the team screen changes them: a login and its staff record move together
 * (created, renamed, deactivated in one transaction), usernames stay unique even when two
 * managers race, and the engine's configuration follows. On PostgreSQL and on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, UsernameTakenError, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`team accounts on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let branchId: string;
    let serviceA: string;
    let serviceB: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      ({ branchId } = await seedDemo(t.db, { passwordHash: fakeHash }));
      const services = (await repos.branches.details(branchId))!.services;
      serviceA = services.find((s) => s.code === 'A')!.id;
      serviceB = services.find((s) => s.code === 'B')!.id;
    });
    afterAll(async () => {
      await t?.dispose();
    });

    const rostered = async (staffId: string) => (await repos.branches.loadConfig(branchId))!.staff.find((s) => s.id === staffId);

    it('lists the demo team with skills, and the administrators apart', async () => {
      const team = await repos.team.listBranch(branchId);
      expect(team.map((m) => m.username)).toEqual(['alice', 'bob', 'chen', 'dana', 'manager']);
      const alice = team.find((m) => m.username === 'alice')!;
      expect(alice).toMatchObject({ role: 'staff', active: true, mustChangePassword: false, skills: { [serviceA]: 1, [serviceB]: 0.5 } });
      expect(alice.staffId).not.toBeNull();
      expect(alice).not.toHaveProperty('passwordHash');
      expect(team.find((m) => m.username === 'manager')).toMatchObject({ role: 'manager', staffId: null, skills: {} });
      expect((await repos.team.listAdmins()).map((m) => m.username)).toEqual(['admin']);
      expect((await repos.users.list({ role: 'admin', active: true })).map((u) => u.username)).toEqual(['admin']);
    });

    it('creates a login with its staff record and skills at once; the engine configuration includes them', async () => {
      const m = await repos.team.create({ username: 'fei', passwordHash: 'h', role: 'staff', displayName: 'Fei 飞', branchId, mustChangePassword: true, skills: { [serviceA]: 0.7 } });
      expect(m).toMatchObject({ username: 'fei', displayName: 'Fei 飞', role: 'staff', branchId, active: true, mustChangePassword: true, skills: { [serviceA]: 0.7 } });
      expect(await repos.team.find(m.id)).toEqual(m);
      expect(await rostered(m.staffId!)).toEqual({ id: m.staffId, skills: { [serviceA]: 0.7 } });
      expect((await repos.users.findSecretById(m.id))!.passwordHash).toBe('h');
      // An administrator is a login only.
      const admin = await repos.team.create({ username: 'root2', passwordHash: 'h', role: 'admin', displayName: 'Second admin', branchId: null, skills: null });
      expect(admin).toMatchObject({ branchId: null, staffId: null, mustChangePassword: false });
      expect((await repos.team.listAdmins()).map((u) => u.username)).toEqual(['admin', 'root2']);
    });

    it('refuses a taken username, also when two creations race: exactly one wins', async () => {
      await expect(repos.team.create({ username: 'alice', passwordHash: 'h', role: 'staff', displayName: 'Other Alice', branchId, skills: {} })).rejects.toBeInstanceOf(UsernameTakenError);
      await expect(repos.users.create({ username: 'alice', passwordHash: 'h', role: 'staff', displayName: 'Other Alice' })).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
      const results = await Promise.allSettled([1, 2, 3].map((i) => repos.team.create({ username: 'gao', passwordHash: `h${i}`, role: 'staff', displayName: `Gao ${i}`, branchId, skills: { [serviceB]: 1 } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UsernameTakenError);
      const staff = (await repos.branches.details(branchId))!.staff.filter((s) => s.displayName.startsWith('Gao'));
      expect(staff).toHaveLength(1);
    });

    it('a creation that fails half-way (a skill for no such service) leaves nothing behind', async () => {
      await expect(repos.team.create({ username: 'half', passwordHash: 'h', role: 'staff', displayName: 'Half', branchId, skills: { 'no-such-service': 1 } })).rejects.toThrow();
      expect(await repos.users.findByUsername('half')).toBeNull();
      expect((await repos.branches.details(branchId))!.staff.some((s) => s.displayName === 'Half')).toBe(false);
    });

    it('renames the login and the staff record together, replaces skills, changes the role', async () => {
      const fei = (await repos.users.findByUsername('fei'))!;
      const m = await repos.team.update(fei.id, { displayName: 'Fei Wang', skills: { [serviceB]: 0.4 }, role: 'manager' });
      expect(m).toMatchObject({ displayName: 'Fei Wang', role: 'manager', skills: { [serviceB]: 0.4 } });
      expect((await repos.branches.details(branchId))!.staff.find((s) => s.id === m.staffId)).toMatchObject({ displayName: 'Fei Wang', skills: { [serviceB]: 0.4 } });
      expect(await rostered(m.staffId!)).toEqual({ id: m.staffId, skills: { [serviceB]: 0.4 } });
      // Only what is given changes.
      expect(await repos.team.update(fei.id, { displayName: 'Fei' })).toMatchObject({ displayName: 'Fei', role: 'manager', skills: { [serviceB]: 0.4 } });
    });

    it('gives a login without a staff record one when skills are set (a manager who will serve)', async () => {
      const manager = (await repos.users.findByUsername('manager'))!;
      expect(manager.staffId).toBeNull();
      const m = await repos.team.update(manager.id, { skills: { [serviceA]: 0.5 } });
      expect(m.staffId).not.toBeNull();
      expect(m.skills).toEqual({ [serviceA]: 0.5 });
      expect(await rostered(m.staffId!)).toEqual({ id: m.staffId, skills: { [serviceA]: 0.5 } });
      expect((await repos.users.findById(manager.id))!.staffId).toBe(m.staffId);
    });

    it('deactivates and reactivates the login and its staff record together', async () => {
      const bob = (await repos.users.findByUsername('bob'))!;
      const off = await repos.team.setActive(bob.id, false);
      expect(off.active).toBe(false);
      expect((await repos.users.findByUsername('bob'))!.active).toBe(false);
      expect(await rostered(bob.staffId!)).toBeUndefined();
      expect((await repos.branches.details(branchId))!.staff.find((s) => s.id === bob.staffId)!.active).toBe(false);
      const on = await repos.team.setActive(bob.id, true);
      expect(on.active).toBe(true);
      expect(await rostered(bob.staffId!)).toEqual({ id: bob.staffId, skills: on.skills });
    });

    it('sets a password with or without the change-it-first flag', async () => {
      const dana = (await repos.users.findByUsername('dana'))!;
      await repos.users.setPassword(dana.id, 'temp', true);
      expect(await repos.users.findSecretById(dana.id)).toMatchObject({ passwordHash: 'temp', mustChangePassword: true });
      await repos.users.setPassword(dana.id, 'own', false);
      expect(await repos.users.findSecretById(dana.id)).toMatchObject({ passwordHash: 'own', mustChangePassword: false });
      expect(await repos.users.findSecretById('no-such-user')).toBeNull();
    });

    it('removes a member created moments ago, login and staff record', async () => {
      const m = await repos.team.create({ username: 'undo', passwordHash: 'h', role: 'staff', displayName: 'Undo', branchId, skills: { [serviceA]: 1 } });
      await repos.team.remove(m.id);
      expect(await repos.team.find(m.id)).toBeNull();
      expect(await rostered(m.staffId!)).toBeUndefined();
      expect((await repos.branches.details(branchId))!.staff.some((s) => s.id === m.staffId)).toBe(false);
    });
  });
}
