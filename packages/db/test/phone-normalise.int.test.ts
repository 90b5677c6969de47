/**
 * Phone numbers stored before they were normalised ("138 0013 8000", "138-0013-8000") take the
 * one stored form when the database is migrated ("+" and digits, as contracts' normalizePhone),
 * so a later booking typed either way finds the same profile; a ticket's SMS contact given twice
 * in two spellings stays once. New numbers are stored and looked up in that form. On PostgreSQL
 * and PGlite, from a database migrated up to the migration before.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply, initialState, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, MIGRATIONS_DIR, readMigrations, seedDemo } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const NORMALISE = '20261201090000_phone_numbers_normalised';
const T0 = Date.UTC(2026, 0, 5, 1, 0);

async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-migrations-'));
  for (const m of await readMigrations()) {
    if (m.name >= name) continue;
    await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`phone numbers normalised on ${backend}`, () => {
    let t: TestDb | undefined;
    let dir: string | undefined;
    afterAll(async () => {
      await t?.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('rewrites stored numbers to one form and keeps one SMS contact per number and ticket', async () => {
      t = openTestDb(backend);
      dir = await migrationsBefore(NORMALISE);
      await migrate(t.db, { migrationsDir: dir });
      const repos = createRepositories(t.db);
      const { branchId } = await seedDemo(t.db, { passwordHash: fakeHash });
      const config = (await repos.branches.loadConfig(branchId))!;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await repos.customers.create({ name: `Li ${i}`, language: 'zh' })).id);
      // As the old code stored them: the number as typed.
      const typed = ['138 0013 8000', '138-0013-8000', '+86 21 6123-4567'];
      for (const [i, phone] of typed.entries()) await t.db.query(`UPDATE "customers" SET "phone" = $1 WHERE "id" = $2`, [phone, ids[i]]);

      let state: BranchState = initialState(branchId);
      const events: BranchEvent[] = [];
      const run = (cmd: Command) => {
        const r = apply(state, cmd, T0 + events.length * 1000);
        state = r.state;
        events.push(...r.events);
      };
      run({ type: 'configure', config });
      run({ type: 'issue', ticketId: 'p1', token: 'tok-p1-aaaaaaaaaaaa', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal', customerId: ids[0]! });
      await repos.events.appendEvents(events);
      const sms = { ticketId: 'p1', channel: 'sms' as const, lang: 'zh' as const, aheadThreshold: 2, onCalled: true };
      await repos.noticeContacts.save({ ...sms, address: '138 0013 8000', consentAt: T0 });
      await repos.noticeContacts.save({ ...sms, address: '138-0013-8000', aheadThreshold: 3, consentAt: T0 + 1000 });
      await repos.noticeContacts.save({ ...sms, channel: 'email', address: 'li@bank.example', consentAt: T0 });

      const { applied } = await migrate(t.db);
      expect(applied).toContain(NORMALISE);

      const phones = await t.db.query<{ phone: string }>(`SELECT "phone" FROM "customers" WHERE "id" = ANY($1) ORDER BY "name"`, [ids]);
      expect(phones.map((r) => r.phone)).toEqual(['13800138000', '13800138000', '+862161234567']);
      // Looked up as typed, either way: the same two profiles.
      for (const asTyped of ['138 0013 8000', '１３８．００１３．８０００', '(138) 0013-8000']) {
        expect((await repos.customers.findByPhone(asTyped)).map((c) => c.id).sort(), asTyped).toEqual([ids[0], ids[1]].sort());
      }
      const contacts = await repos.noticeContacts.forTickets(['p1']);
      expect(contacts.map((c) => [c.channel, c.address, c.aheadThreshold]).sort()).toEqual([
        ['email', 'li@bank.example', 2],
        ['sms', '13800138000', 3],
      ]);

      // New numbers: stored in that form whatever the caller passes.
      const fresh = await repos.customers.create({ phone: '（021）6123 4567', language: 'en' });
      expect(fresh.phone).toBe('02161234567');
    });
  });
}
