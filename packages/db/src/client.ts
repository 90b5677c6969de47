import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.js';

export interface CreateDbOptions {
  /**
   * PostgreSQL connection string. A `?schema=<name>` parameter is honoured (and removed before
   * the URL reaches `pg`). Without a url the embedded PGlite is used.
   */
  url?: string;
  /** PGlite data folder (one process at a time), or 'memory://' for an in-memory database. */
  pgliteDir?: string;
  /**
   * PostgreSQL schema for every table (test isolation, several installs in one database); created
   * by `migrate`. PostgreSQL only: a PGlite database is already isolated by its folder.
   */
  schema?: string;
  /** Upper bound of pooled PostgreSQL connections (default 10). */
  poolSize?: number;
}

/** One SQL session inside a transaction; used by migrations and test housekeeping. */
export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Db {
  readonly prisma: PrismaClient;
  readonly kind: 'postgres' | 'pglite';
  /** The schema the tables live in ('public' unless chosen). */
  readonly schema: string;
  /** Runs `fn` in one transaction on a raw connection (no Prisma), committing if it resolves. */
  transaction<T>(fn: (sql: SqlSession) => Promise<T>): Promise<T>;
  /**
   * One parameterized statement on a pooled connection, outside any transaction (no Prisma): for
   * the hot paths, where Prisma's per-call query compilation costs more than the database.
   */
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Disconnects Prisma and closes the pool or the PGlite instance. Idempotent. */
  close(): Promise<void>;
}

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>['adapter']>;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Double-quotes a schema name after checking it is a plain identifier. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

/**
 * Opens the database: PostgreSQL through @prisma/adapter-pg when `url` is given, otherwise the
 * embedded PGlite (a data folder, or in memory). Does not migrate; call `migrate(db)` next.
 */
export function createDb(options: CreateDbOptions = {}): Db {
  return options.url ? createPostgresDb(options.url, options) : createPgliteDb(options);
}

function createPostgresDb(rawUrl: string, options: CreateDbOptions): Db {
  const url = new URL(rawUrl);
  const urlSchema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const schema = options.schema ?? urlSchema ?? 'public';
  const quoted = quoteSchema(schema);

  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: options.poolSize ?? 10,
    // Raw SQL (and anything unqualified) sees the same schema as the Prisma client.
    options: `-c search_path=${quoted},public`,
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool, { schema });
  const prisma = new PrismaClient({ adapter });

  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind: 'postgres',
    schema,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => (await client.query(sql, params)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pool.query<R>(sql, params)).rows;
    },
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closed;
    },
  };
}

function createPgliteDb(options: CreateDbOptions): Db {
  const dir = options.pgliteDir ?? 'memory://';
  const pglite = dir === 'memory://' ? new PGlite() : new PGlite(dir);
  if (options.schema && options.schema !== 'public') {
    // pglite-prisma-adapter 0.6 always queries "public"; a PGlite database is isolated anyway.
    throw new Error('The schema option needs PostgreSQL; use a separate PGlite folder (or memory://) instead');
  }
  const schema = 'public';
  // pglite-prisma-adapter 0.6 is typed against @prisma/driver-adapter-utils 6.10; the runtime
  // contract is the one Prisma 6.19 speaks, only the declared types differ.
  const adapter = new PrismaPGlite(pglite) as unknown as AdapterFactory;
  const prisma = new PrismaClient({ adapter });

  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind: 'pglite',
    schema,
    async transaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <R extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
            (await tx.query<R>(sql, params)).rows,
        }),
      );
    },
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      // PGlite runs it after any open transaction, never inside it.
      return (await pglite.query<R>(sql, params)).rows;
    },
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      })();
      return closed;
    },
  };
}
