/**
 * Audit entries written before priority reasons left the audit log (health data) lose the reason
 * when the database is migrated: only the class and that a reason was given stay. On PostgreSQL
 * and on PGlite, from a database migrated up to the migration before the scrub.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, MIGRATIONS_DIR, readMigrations } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const SCRUB = '20261130031000_priority_reason_out_of_audit';

/** A migrations folder holding every migration before the scrub. */
async function migrationsBeforeScrub(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-migrations-'));
  for (const m of await readMigrations()) {
    if (m.name >= SCRUB) continue;
    await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`priority reasons scrubbed from the audit log on ${backend}`, () => {
    let t: TestDb | undefined;
    let dir: string | undefined;
    afterAll(async () => {
      await t?.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('drops the reason of staff-issued and raised tickets, keeps the class and every other entry as it was', async () => {
      t = openTestDb(backend);
      dir = await migrationsBeforeScrub();
      await migrate(t.db, { migrationsDir: dir });
      const repos = createRepositories(t.db);
      // Written as that schema's entries were: the repository writes today's columns.
      const db = t.db;
      const old = (action: string, ticketId: string | null, details: Record<string, unknown>) =>
        db.query(`INSERT INTO audit_log (at, action, ticket_id, details) VALUES ('2026-11-01T02:00:00Z', $1, $2, $3::jsonb)`, [action, ticketId, JSON.stringify(details)]);
      await old('issue', 'tk-1', { seq: [4], priority: 'priority', reason: 'pregnant', issuedBy: 'staff' });
      await old('raise-priority', 'tk-2', { seq: [5], priority: 'vip', reason: 'wheelchair user, hard of hearing' });
      await old('issue', 'tk-3', { seq: [6] });
      // A pause reason is not health data and is not touched.
      await old('pause', null, { seq: [7], reason: 'lunch' });

      const { applied } = await migrate(t.db);
      expect(applied).toContain(SCRUB);

      const { items } = await repos.audit.list({}, { limit: 10 });
      const byTicket = (id: string) => items.find((e) => e.ticketId === id)?.details;
      expect(byTicket('tk-1')).toEqual({ seq: [4], priority: 'priority', reasonGiven: 'yes', issuedBy: 'staff' });
      expect(byTicket('tk-2')).toEqual({ seq: [5], priority: 'vip', reasonGiven: 'yes' });
      expect(byTicket('tk-3')).toEqual({ seq: [6] });
      expect(items.find((e) => e.action === 'pause')?.details).toEqual({ seq: [7], reason: 'lunch' });
      expect(JSON.stringify(items)).not.toMatch(/pregnant|wheelchair/);
    });
  });
}
