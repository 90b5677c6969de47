import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb, createRepositories, migrate, seedDemo } from '../src/index.js';
import { dbSuite } from './db-suite.js';
import { fakeHash } from './support/test-db.js';

dbSuite('pglite');

describe('PGlite data folder', () => {
  it('keeps data across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tellerline-pglite-'));
    try {
      const first = createDb({ pgliteDir: dir });
      expect((await migrate(first)).applied.length).toBeGreaterThan(0);
      await seedDemo(first, { passwordHash: fakeHash });
      await first.close();

      const again = createDb({ pgliteDir: dir });
      expect((await migrate(again)).applied).toEqual([]);
      expect((await createRepositories(again).branches.list()).map((b) => b.code)).toEqual(['demo']);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a schema option (PGlite is isolated by its folder)', () => {
    expect(() => createDb({ pgliteDir: 'memory://', schema: 'other' })).toThrow(/PostgreSQL/);
  });
});
