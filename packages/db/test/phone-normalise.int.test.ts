/**
 * Phone numbers stored before they were normalised ("138 0013 8000", "138-0013-8000") take the
 * one stored form when the database is migrated ("+" and digits; then E.164, as contracts'
 * normalizePhone, with or without the country code typed),
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
const E164 = '20261202090000_phone_numbers_e164';
const T0 = Date.UTC(2026, 0, 5, 1, 0);

/** A folder with the migrations `keep` accepts (the runner applies whichever are missing, in name order). */
async function migrationsWhere(keep: (name: string) => boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-migrations-'));
  for (const m of await readMigrations()) {
    if (keep(m.name)) await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}
const migrationsBefore = (name: string) => migrationsWhere((m) => m < name);

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`phone numbers normalised on ${backend}`, () => {
    let t: TestDb | undefined;
    let dir: string | undefined;
    let upToE164: string | undefined;
    afterAll(async () => {
      await t?.dispose();
      for (const d of [dir, upToE164]) if (d) await rm(d, { recursive: true, force: true });
    });

    it('rewrites stored numbers to one form and keeps one SMS contact per number and ticket', async () => {
      t = openTestDb(backend);
      // Every migration but the two under test: the schema the repositories (and this Prisma
      // client) expect, with phone numbers still stored as typed.
      dir = await migrationsWhere((m) => m !== NORMALISE && m !== E164);
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

      upToE164 = await migrationsBefore(E164);
      const { applied } = await migrate(t.db, { migrationsDir: upToE164 });
      expect(applied).toContain(NORMALISE);

      const phones = await t.db.query<{ phone: string }>(`SELECT "phone" FROM "customers" WHERE "id" = ANY($1) ORDER BY "name"`, [ids]);
      expect(phones.map((r) => r.phone)).toEqual(['13800138000', '13800138000', '+862161234567']);
      const contacts = await repos.noticeContacts.forTickets(['p1']);
      expect(contacts.map((c) => [c.channel, c.address, c.aheadThreshold]).sort()).toEqual([
        ['email', 'li@bank.example', 2],
        ['sms', '13800138000', 3],
      ]);

      // Then E.164: the same number given again with its country code (as the step above stored
      // it), and numbers stored without one, become one form; one SMS contact per number stays.
      await repos.noticeContacts.save({ ...sms, address: '+8613800138000', aheadThreshold: 4, consentAt: T0 + 2000 });
      const more = [];
      for (const phone of ['008613800138000', '8613800138000', '+85291234567']) more.push((await repos.customers.create({ name: `Wang ${phone}`, language: 'zh' })).id);
      for (const [i, phone] of ['008613800138000', '8613800138000', '+85291234567'].entries()) {
        await t.db.query(`UPDATE "customers" SET "phone" = $1 WHERE "id" = $2`, [phone, more[i]]);
      }
      expect((await migrate(t.db)).applied).toEqual([E164]);
      const e164 = await t.db.query<{ phone: string }>(`SELECT "phone" FROM "customers" WHERE "id" = ANY($1) ORDER BY "name", "phone"`, [[...ids, ...more]]);
      expect(e164.map((r) => r.phone)).toEqual(['+8613800138000', '+8613800138000', '+862161234567', '+85291234567', '+8613800138000', '+8613800138000']);
      // Looked up as typed, any way: the same four profiles.
      for (const asTyped of ['138 0013 8000', '１３８．００１３．８０００', '(138) 0013-8000', '+86 138 0013 8000', '0086 138 0013 8000']) {
        expect((await repos.customers.findByPhone(asTyped)).map((c) => c.id).sort(), asTyped).toEqual([ids[0], ids[1], more[0], more[1]].sort());
      }
      const after = await repos.noticeContacts.forTickets(['p1']);
      expect(after.map((c) => [c.channel, c.address, c.aheadThreshold]).sort()).toEqual([
        ['email', 'li@bank.example', 2],
        ['sms', '+8613800138000', 4],
      ]);

      // New numbers: stored in that form whatever the caller passes.
      const fresh = await repos.customers.create({ phone: '（021）6123 4567', language: 'en' });
      expect(fresh.phone).toBe('+862161234567');
    });
  });
}
