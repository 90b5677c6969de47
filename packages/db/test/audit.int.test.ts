/**
 * The audit log's filters and names, on PostgreSQL and on PGlite: what the audit screen reads.
 * The demo branch is in Asia/Shanghai (UTC+8); a second branch is in Europe/London, so a day
 * filter that used one zone for every entry would put an entry on the wrong day.
 */
import { apply, initialState } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type AuditRecord, type BranchSetup, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const actions = (page: { items: AuditRecord[] }) => page.items.map((e) => e.action);

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`audit log filters on ${backend}`, () => {
    let t: TestDb;
    let repos: Repositories;
    let demo: string;
    let london: string;
    let alice: { id: string; staffId: string | null };
    let manager: { id: string };
    let kioskId: string;
    let ticketId: string;

    beforeAll(async () => {
      t = openTestDb(backend);
      await migrate(t.db);
      repos = createRepositories(t.db);
      const seeded = await seedDemo(t.db, { passwordHash: fakeHash });
      demo = seeded.branchId;
      kioskId = seeded.devices.find((d) => d.kind === 'kiosk')!.id;
      london = await repos.branches.upsert({ code: 'ldn', name: { zh: '伦敦', en: 'London' }, timezone: 'Europe/London', openingHours: {} as BranchSetup['openingHours'], services: [], counters: [], staff: [] });
      alice = (await repos.users.findByUsername('alice'))!;
      manager = (await repos.users.findByUsername('manager'))!;
      // One stored ticket, so its number can be shown beside its id.
      const config = (await repos.branches.loadConfig(demo))!;
      const configured = apply(initialState(demo), { type: 'configure', config }, utc('2026-01-05T01:00:00'));
      ticketId = 'tk-audit-1';
      const issued = apply(configured.state, { type: 'issue', ticketId, token: 'tok-audit-1-aaaaaaaaaa', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal' }, utc('2026-01-05T01:01:00'));
      await repos.events.appendEvents([...configured.events, ...issued.events]);

      const entries = [
        // 2026-01-05 01:00 in Shanghai (04 Jan 17:00 UTC).
        { action: 'login', branchId: demo, userId: alice.id, role: 'staff', at: utc('2026-01-04T17:00:00') },
        { action: 'call-next', branchId: demo, userId: alice.id, role: 'staff', ticketId, at: utc('2026-01-05T02:00:00'), details: { seq: [3], staffId: alice.staffId } },
        { action: 'issue', branchId: demo, role: `device:${kioskId}`, ticketId, at: utc('2026-01-05T03:00:00') },
        // 23:59 on the 5th in Shanghai, then midnight: the 6th.
        { action: 'view-profile', branchId: demo, userId: manager.id, role: 'manager', ticketId, at: utc('2026-01-05T15:59:00'), details: { customerId: 'c1' } },
        { action: 'sign-off', branchId: demo, role: 'system:session-ended', at: utc('2026-01-05T16:00:00'), details: { seq: [9], staffId: alice.staffId } },
        // 23:30 on the 5th in London: still the 5th there, already the 6th in Shanghai.
        { action: 'login', branchId: london, userId: 'gone-user', role: 'manager', at: utc('2026-01-05T23:30:00') },
        // Without a branch: an admin's export of every branch, dated in the zone given for them.
        { action: 'export-kpis', branchId: null, userId: manager.id, role: 'admin', at: utc('2026-01-05T20:00:00'), details: { scope: 'all' } },
      ];
      for (const e of entries) await repos.audit.append(e);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('names who acted beside their id, even a deactivated account; null for an account that is gone', async () => {
      await repos.users.setActive(alice.id, false);
      const { items } = await repos.audit.list({ branchId: demo, action: 'login' });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ userId: alice.id, displayName: 'Alice', username: 'alice', role: 'staff', branchTimezone: 'Asia/Shanghai' });
      await repos.users.setActive(alice.id, true);
      const gone = await repos.audit.list({ branchId: london });
      expect(gone.items.map((e) => [e.userId, e.displayName, e.username, e.branchTimezone])).toEqual([['gone-user', null, null, 'Europe/London']]);
    });

    it("names the kiosk that acted, the ticket's number, and whom the system signed off", async () => {
      const { items } = await repos.audit.list({ ticketId });
      expect(actions({ items })).toEqual(['view-profile', 'issue', 'call-next']);
      expect(items.every((e) => e.ticketNumber === 'A001')).toBe(true);
      expect(items[1]).toMatchObject({ role: `device:${kioskId}`, deviceName: '大堂取号机 Lobby kiosk', userId: null, displayName: null });
      // Alice called for herself: she is the actor, not someone acted on.
      expect(items[2]).toMatchObject({ displayName: 'Alice', staffName: null });
      const [signOff] = (await repos.audit.list({ action: 'sign-off' })).items;
      expect(signOff).toMatchObject({ userId: null, role: 'system:session-ended', staffName: 'Alice', details: { staffId: alice.staffId } });
    });

    it('filters by action, user and ticket, each narrowing the others', async () => {
      expect(actions(await repos.audit.list({ userId: alice.id }))).toEqual(['call-next', 'login']);
      expect(actions(await repos.audit.list({ userId: alice.id, action: 'login' }))).toEqual(['login']);
      expect(actions(await repos.audit.list({ userId: manager.id, ticketId }))).toEqual(['view-profile']);
      expect(actions(await repos.audit.list({ action: 'export-kpis', branchId: demo }))).toEqual([]);
      expect(actions(await repos.audit.list({ action: 'no-such-action' }))).toEqual([]);
    });

    it('lists entries of no branch only when asked, and every entry when no branch is named', async () => {
      expect(actions(await repos.audit.list({ branchId: null }))).toEqual(['export-kpis']);
      expect((await repos.audit.list({ branchId: demo })).items.some((e) => e.branchId === null)).toBe(false);
      expect((await repos.audit.list()).items).toHaveLength(7);
    });

    it("reads from/to as days in each entry's own branch time zone", async () => {
      const day5 = { fromDay: '2026-01-05', toDay: '2026-01-05' };
      expect(actions(await repos.audit.list({ branchId: demo, ...day5 }))).toEqual(['view-profile', 'issue', 'call-next', 'login']);
      expect(actions(await repos.audit.list({ branchId: demo, fromDay: '2026-01-06' }))).toEqual(['sign-off']);
      expect(actions(await repos.audit.list({ branchId: demo, toDay: '2026-01-04' }))).toEqual([]);
      // London's 23:30 is the 5th there, though the 6th in Shanghai.
      expect(actions(await repos.audit.list({ branchId: london, ...day5 }))).toEqual(['login']);
      // Without a branch: 20:00 UTC is the 5th in UTC, the 6th in Shanghai.
      expect(actions(await repos.audit.list({ branchId: null, ...day5 }))).toEqual(['export-kpis']);
      expect(actions(await repos.audit.list({ branchId: null, ...day5, zoneWithoutBranch: 'Asia/Shanghai' }))).toEqual([]);
      expect(actions(await repos.audit.list({ ...day5 }))).toEqual(['export-kpis', 'login', 'view-profile', 'issue', 'call-next', 'login']);
    });

    it('pages newest first by id, and entries appended meanwhile never shift a later page', async () => {
      const first = await repos.audit.list({}, { limit: 3 });
      expect(first.items).toHaveLength(3);
      const expected = (await repos.audit.list({}, { limit: 3, before: first.nextCursor })).items.map((e) => e.id);
      // Appends while someone reads page 1: they go above every cursor given out.
      const appended = await Promise.all(Array.from({ length: 5 }, (_, i) => repos.audit.append({ action: 'login', branchId: demo, details: { i } })));
      const second = await repos.audit.list({}, { limit: 3, before: first.nextCursor });
      expect(second.items.map((e) => e.id)).toEqual(expected);
      const seen = [...first.items, ...second.items].map((e) => e.id);
      expect(new Set(seen).size).toBe(6);
      expect(seen.some((id) => appended.some((a) => a.id === id))).toBe(false);
      // And the newest page now starts with them.
      const fresh = await repos.audit.list({}, { limit: 5 });
      expect(fresh.items.map((e) => e.id).sort()).toEqual(appended.map((e) => e.id).sort());
      expect(BigInt(fresh.items[4]!.id)).toBeGreaterThan(BigInt(first.items[0]!.id));
    });

    it('stores one entry per idempotency key and branch, answering a repeat with the stored entry, also within one group commit', async () => {
      const press = { action: 'call-next', branchId: demo, userId: alice.id, role: 'staff', ticketId, details: { seq: [41] } };
      const first = await repos.audit.append({ ...press, idempotencyKey: 'press-a:41' });
      const again = await repos.audit.append({ ...press, idempotencyKey: 'press-a:41', details: { seq: [41], completedOnRetry: true } });
      expect(again).toEqual(first);
      // Written together (one INSERT): a repeat inside the group, a new key, an unkeyed entry, the same key in another branch.
      const group = await Promise.all([
        repos.audit.append({ ...press, idempotencyKey: 'press-b:42', details: { seq: [42] } }),
        repos.audit.append({ ...press, idempotencyKey: 'press-b:42', details: { seq: [42], n: 2 } }),
        repos.audit.append({ ...press, idempotencyKey: 'press-a:41' }),
        repos.audit.append({ ...press, details: { seq: [43] } }),
        repos.audit.append({ ...press, branchId: london, idempotencyKey: 'press-b:42', details: { seq: [42], branch: 'london' } }),
      ]);
      expect(group[1]).toEqual(group[0]);
      expect(group[0]!.details).toEqual({ seq: [42] });
      expect(group[2]).toEqual(first);
      expect(group[3]!.details).toEqual({ seq: [43] });
      expect(group[4]).toMatchObject({ branchId: london, details: { seq: [42], branch: 'london' } });
      expect(new Set([first, ...group].map((e) => e.id)).size).toBe(4);
      const stored = (await repos.audit.list({ branchId: demo, ticketId, action: 'call-next' }, { limit: 50 })).items.filter((e) => Array.isArray(e.details.seq) && (e.details.seq as number[])[0]! > 40);
      expect(stored.map((e) => e.details.seq)).toEqual([[43], [42], [41]]);
    });

    it('refuses to change, delete or truncate an entry, in the database itself', async () => {
      const entry = await repos.audit.append({ action: 'login', branchId: demo, userId: alice.id, role: 'staff', ticketId: null, details: {} });
      await expect(t.db.query(`UPDATE audit_log SET action = 'logout' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only: UPDATE/);
      await expect(t.db.query(`DELETE FROM audit_log WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only: DELETE/);
      await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE/);
      const still = (await repos.audit.list({ branchId: demo, action: 'login' }, { limit: 200 })).items.find((e) => e.id === entry.id);
      expect(still).toMatchObject({ action: 'login', userId: alice.id });
      // Appending goes on as before.
      expect((await repos.audit.append({ action: 'logout', branchId: demo, userId: alice.id, role: 'staff', ticketId: null, details: {} })).action).toBe('logout');
    });
  });
}
