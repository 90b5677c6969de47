/**
 * The audit log's idempotency key (a staff press audited by its first run and by its retry is
 * stored once) arrives by migration on databases that already hold entries: they are kept as
 * they were, unkeyed, and keyed entries are one per key and branch from then on. On PostgreSQL
 * and on PGlite, from a database migrated up to the migration before the key.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, MIGRATIONS_DIR, readMigrations } from '../src/index.js';
import { openTestDb, type Backend, type TestDb } from './support/test-db.js';

const KEYED = '20261203100000_audit_idempotency_key';

async function migrationsBeforeKey(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-migrations-'));
  for (const m of await readMigrations()) {
    if (m.name >= KEYED) continue;
    await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`audit idempotency key migrated in on ${backend}`, () => {
    let t: TestDb | undefined;
    let dir: string | undefined;
    afterAll(async () => {
      await t?.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('keeps the entries written before it, twins included, and stores one keyed entry per key and branch after it', async () => {
      t = openTestDb(backend);
      dir = await migrationsBeforeKey();
      await migrate(t.db, { migrationsDir: dir });
      const db = t.db;
      // Two identical entries, as a retried press could leave before the key existed.
      for (let i = 0; i < 2; i++) {
        await db.query(`INSERT INTO audit_log (at, action, branch_id, ticket_id, details) VALUES ('2026-11-01T02:00:00Z', 'call-next', 'b1', 'tk-1', '{"seq":[4]}'::jsonb)`);
      }
      const { applied } = await migrate(t.db);
      // The key first, then whatever migrations came after it.
      expect(applied[0]).toBe(KEYED);
      expect(applied.every((m) => m >= KEYED)).toBe(true);

      const repos = createRepositories(t.db);
      const first = await repos.audit.append({ action: 'recall', branchId: 'b1', ticketId: 'tk-1', details: { seq: [5] }, idempotencyKey: 'press:p1:5' });
      const again = await repos.audit.append({ action: 'recall', branchId: 'b1', ticketId: 'tk-1', details: { seq: [5], completedOnRetry: 1 }, idempotencyKey: 'press:p1:5' });
      expect(again).toEqual(first);
      const { items } = await repos.audit.list({ branchId: 'b1' }, { limit: 10 });
      expect(items.map((e) => [e.action, e.details])).toEqual([
        ['recall', { seq: [5] }],
        ['call-next', { seq: [4] }],
        ['call-next', { seq: [4] }],
      ]);
    });
  });
}
