/**
 * Manage-link tokens are not stored in plain text (security L5): a new appointment's row holds
 * only the SHA-256 of its token, which is derived under the link secret and found by its hash.
 * Rows from before the migration keep their link working (the migration hashes their token in
 * SQL, PostgreSQL's and PGlite's sha256()), and their plaintext is cleared once the visit has
 * begun. On PostgreSQL and on PGlite, from a database migrated up to the migration before.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createManageTokens, createRepositories, hashManageToken, migrate, MIGRATIONS_DIR, readMigrations, seedDemo } from '../src/index.js';
import { fakeHash, openTestDb, type Backend, type TestDb } from './support/test-db.js';

const HASHED = '20261206300200_manage_token_hash';
const MIN = 60_000;

async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tl-migrations-'));
  for (const m of await readMigrations()) {
    if (m.name >= name) continue;
    await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  }
  return dir;
}

for (const backend of ['postgres', 'pglite'] as Backend[]) {
  describe(`manage tokens stored as hashes on ${backend}`, () => {
    let t: TestDb | undefined;
    let dir: string | undefined;
    afterAll(async () => {
      await t?.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('finds old and new appointments by their token, stores no new token in plain text, clears old plaintext once the visit began', async () => {
      t = openTestDb(backend);
      dir = await migrationsBefore(HASHED);
      await migrate(t.db, { migrationsDir: dir });
      const { branchId } = await seedDemo(t.db, { passwordHash: fakeHash });
      const tokens = createManageTokens('a link secret of at least thirty-two characters');
      const repos = createRepositories(t.db, { manageTokens: tokens });
      const serviceId = (await repos.branches.loadConfig(branchId))!.services[0]!.id;
      const future = Date.now() + 3 * 24 * 60 * MIN;
      const past = Date.now() - 24 * 60 * MIN;
      // Booked as that schema did: a random token stored as it is.
      const old = async (id: string, code: string, token: string, startsAt: number) =>
        t!.db.query(`INSERT INTO appointments (id, branch_id, service_id, starts_at, ends_at, code, manage_token, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`, [
          id, branchId, serviceId, new Date(startsAt).toISOString(), new Date(startsAt + 20 * MIN).toISOString(), code, token,
        ]);
      await old('old-ahead', 'OLD001', 'oldTokenAheadAAAAAAAAAAAAAAAAAAAA', future);
      await old('old-past', 'OLD002', 'oldTokenPastBBBBBBBBBBBBBBBBBBBBB', past);

      expect((await migrate(t.db)).applied).toContain(HASHED);

      // Old links keep working; a visit ahead keeps its plaintext for its notices, one begun not.
      const ahead = await repos.appointments.findByManageToken('oldTokenAheadAAAAAAAAAAAAAAAAAAAA');
      expect(ahead).toMatchObject({ id: 'old-ahead', manageToken: 'oldTokenAheadAAAAAAAAAAAAAAAAAAAA' });
      expect((await repos.appointments.findById('old-ahead'))?.manageToken).toBe('oldTokenAheadAAAAAAAAAAAAAAAAAAAA');
      expect(await repos.appointments.findByManageToken('oldTokenPastBBBBBBBBBBBBBBBBBBBBB')).toMatchObject({ id: 'old-past', manageToken: 'oldTokenPastBBBBBBBBBBBBBBBBBBBBB' });
      const rowOf = async (id: string) => (await t!.db.query<{ manage_token: string | null; manage_token_hash: string }>(`SELECT manage_token, manage_token_hash FROM appointments WHERE id = $1`, [id]))[0]!;
      expect(await rowOf('old-past')).toEqual({ manage_token: null, manage_token_hash: hashManageToken('oldTokenPastBBBBBBBBBBBBBBBBBBBBB') });
      expect((await rowOf('old-ahead')).manage_token_hash).toBe(hashManageToken('oldTokenAheadAAAAAAAAAAAAAAAAAAAA'));

      // Once that visit has begun too, its plaintext goes; the link still works.
      expect(await repos.appointments.forgetPlainManageTokens(future + MIN)).toBe(1);
      expect((await rowOf('old-ahead')).manage_token).toBeNull();
      expect(await repos.appointments.findByManageToken('oldTokenAheadAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ id: 'old-ahead' });

      // A new appointment: its token is derived, found by its hash, and nowhere in its row.
      const made = await repos.appointments.withBookingLock(branchId, (tx) =>
        tx.create({ branchId, serviceId, customerId: null, startsAt: future, endsAt: future + 20 * MIN, code: 'NEW001', channel: 'branch', joinUrl: null }),
      );
      expect(made.manageToken).toBe(tokens.tokenOf(made.id, 0));
      expect(made.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await repos.appointments.findByManageToken(made.manageToken)).toEqual(made);
      expect((await repos.appointments.findById(made.id))?.manageToken).toBe(made.manageToken);
      const row = (await t.db.query<{ r: string }>(`SELECT row_to_json(a)::text AS r FROM appointments a WHERE id = $1`, [made.id]))[0]!.r;
      expect(row).not.toContain(made.manageToken);
      expect(JSON.parse(row)).toMatchObject({ manage_token: null, manage_token_hash: hashManageToken(made.manageToken) });

      // Another secret derives other links: the database alone opens nothing.
      expect(createManageTokens('another secret of at least thirty-two characters!').tokenOf(made.id, 0)).not.toBe(made.manageToken);
      // A wrong token finds nothing.
      expect(await repos.appointments.findByManageToken(`${made.manageToken.slice(0, -1)}x`)).toBeNull();
    });
  });
}
