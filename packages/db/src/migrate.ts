import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, quoteSchema, type CreateDbOptions, type Db } from './client.js';

/** packages/db/prisma/migrations, next to this package's sources. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of migration.sql, as Prisma computes it. */
  checksum: string;
}

export interface MigrateOptions {
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
}

// Constant key for pg_advisory_xact_lock: two nodes starting at once migrate (and seed) one after the other.
const LOCK_KEY = 7_434_281_901;

/**
 * Runs `fn` while holding the start-up lock that `migrate` takes (a PostgreSQL advisory lock held
 * by a transaction on a connection of its own; `fn` does its work on other connections). Several
 * nodes starting at once on one database then run `fn` one after the other: each finds what the
 * previous one created. PGlite: one process per folder already (its folder lock), so `fn` just runs.
 * Not reentrant: `fn` must not call `underStartupLock` or `migrate` (it would wait for itself).
 */
export async function underStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.kind === 'pglite') return fn();
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    return fn();
  });
}

/** Reads prisma/migrations/<name>/migration.sql in name (= timestamp) order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies pending migrations without the Prisma CLI, for PostgreSQL and PGlite alike.
 *
 * Guarantees: all pending migrations run in ONE transaction under an advisory lock (all or
 * nothing; concurrent callers wait, then find nothing to do). Bookkeeping uses Prisma's own
 * `_prisma_migrations` table in the target schema, so `prisma migrate status/deploy` agree with
 * it. A migration whose file changed after it was applied (checksum mismatch) or one that Prisma
 * recorded as failed stops the run with an error instead of guessing.
 *
 * Accepts an open `Db`, or options to open (and close) one just for migrating.
 */
export async function migrate(target: Db | CreateDbOptions, options: MigrateOptions = {}): Promise<MigrateResult> {
  if (!isDb(target)) {
    const db = createDb(target);
    try {
      return await migrate(db, options);
    } finally {
      await db.close();
    }
  }
  const migrations = await readMigrations(options.migrationsDir);
  const schema = quoteSchema(target.schema);
  return target.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET LOCAL search_path TO ${schema}, public;`);
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const row = done.get(migration.name);
      if (row) {
        if (row.finished_at === null) {
          throw new Error(
            `Migration ${migration.name} failed earlier and is marked unfinished; fix the database, then run ` +
              '`prisma migrate resolve` (see packages/db/README.md).',
          );
        }
        if (row.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was edited after it was applied (checksum mismatch).`);
        }
        continue;
      }
      await sql.exec(migration.sql);
      await sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      applied.push(migration.name);
    }
    return { applied };
  });
}

function isDb(target: Db | CreateDbOptions): target is Db {
  return 'prisma' in target && typeof (target as Db).transaction === 'function';
}
