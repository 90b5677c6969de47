/**
 * Prisma CLI configuration for the offline recipe: the WebAssembly schema engine runs through a
 * driver adapter, so `migrate` never needs (or downloads) a native engine.
 *
 * - Without DATABASE_URL: an in-memory PGlite. `npm run migrate:new -- --name <change>` replays
 *   the existing migrations into it, diffs against schema.prisma and writes the next
 *   prisma/migrations/<ts>_<change>/migration.sql. No database server needed.
 * - With DATABASE_URL (optionally `?schema=`): PostgreSQL through @prisma/adapter-pg 7, e.g.
 *   `DATABASE_URL=... node scripts/prisma.mjs migrate status`.
 *   The app itself applies migrations with `migrate()` from src/migrate.ts, which writes the same
 *   `_prisma_migrations` rows, so both views agree.
 */
import type { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const url = process.env.DATABASE_URL;
    if (url) {
      // `?schema=` is Prisma's convention. The WebAssembly schema engine ignores adapter-pg's
      // `schema` option and writes unqualified names, so the schema goes in the search_path.
      const parsed = new URL(url);
      const schema = parsed.searchParams.get('schema') ?? 'public';
      parsed.searchParams.delete('schema');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema: ${schema}`);
      return new PrismaPg(
        { connectionString: parsed.toString(), options: `-c search_path="${schema}"` },
        { schema },
      );
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    const factory = new PrismaPGlite(new PGlite());
    // `migrate dev` replays every existing migration into a shadow database, one file per
    // executeRaw call. PGlite's query() takes a single statement, so a file (many statements, no
    // parameters) fails with "cannot insert multiple commands into a prepared statement"; run
    // those through exec() instead. (Only the first migration could be created without this.)
    type ShadowAdapter = { client: { exec(sql: string): Promise<unknown> }; executeRaw(q: { sql: string; args: unknown[] }): Promise<number> };
    const connectShadow = factory.connectToShadowDb.bind(factory);
    factory.connectToShadowDb = async () => {
      const adapter = (await connectShadow()) as unknown as ShadowAdapter;
      const executeRaw = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = async (q) => (q.args.length === 0 ? (await adapter.client.exec(q.sql), 0) : executeRaw(q));
      return adapter as never;
    };
    // Typed against an older @prisma/driver-adapter-utils; the runtime contract is the same.
    return factory as unknown as PrismaPg;
  },
});
