import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/index.js';

export type Backend = 'postgres' | 'pglite';

export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  /** Closes the database and, for PostgreSQL, drops the test schema. */
  dispose(): Promise<void>;
}

/**
 * A fresh, unmigrated database: PostgreSQL isolated in a random schema (dropped afterwards), or
 * an in-memory PGlite.
 */
export function openTestDb(backend: Backend): TestDb {
  if (backend === 'pglite') {
    const db = createDb({ pgliteDir: 'memory://' });
    return { db, dispose: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = createDb({ url: TEST_PG_URL, schema, poolSize: 4 });
  return {
    db,
    async dispose() {
      await db.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Stand-in for the server's Argon2id hasher. */
export const fakeHash = async (password: string) => `fake$${password}`;
