/**
 * The key manage links are derived with (their tokens are stored only as hashes): LINK_SECRET, or
 * one made on first start and kept under DATA_DIR (never in the database), readable by its owner
 * only. With a shared PostgreSQL in production it must be given, or each node would make its own.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { linkSecretFile, resolveLinkSecret } from '../src/link-secret.js';

const dirs: string[] = [];
const freshDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'tl-link-secret-'));
  dirs.push(d);
  return join(d, 'data');
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('link secret', () => {
  it('is made on first start under DATA_DIR (mode 0600) and the same on every start after, also when two start at once', async () => {
    const dataDir = await freshDir();
    const [a, b] = await Promise.all([resolveLinkSecret({ linkSecret: undefined, dataDir }), resolveLinkSecret({ linkSecret: undefined, dataDir })]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(await resolveLinkSecret({ linkSecret: undefined, dataDir })).toBe(a);
    expect((await readFile(linkSecretFile(dataDir), 'utf8')).trim()).toBe(a);
    expect((await stat(linkSecretFile(dataDir))).mode & 0o777).toBe(0o600);
    // Another installation makes another.
    expect(await resolveLinkSecret({ linkSecret: undefined, dataDir: await freshDir() })).not.toBe(a);
  });

  it('is LINK_SECRET when set, and nothing is written', async () => {
    const dataDir = await freshDir();
    const secret = 'x'.repeat(40);
    expect(await resolveLinkSecret({ linkSecret: secret, dataDir })).toBe(secret);
    await expect(stat(linkSecretFile(dataDir))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a short LINK_SECRET, and production on a shared PostgreSQL without one; a fresh machine needs none', () => {
    expect(() => loadConfig({ LINK_SECRET: 'too-short' })).toThrow(/LINK_SECRET: at least 32 characters {2}\/ {2}至少 32 个字符/);
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://queue.bank.example', DATABASE_URL: 'postgresql://db/tellerline' };
    expect(() => loadConfig(production)).toThrow(/LINK_SECRET: required in production with DATABASE_URL/);
    expect(loadConfig({ ...production, LINK_SECRET: 'y'.repeat(32) }).linkSecret).toBe('y'.repeat(32));
    // One node on its own PGlite (under DATA_DIR, beside the secret's file), and `npm start`: none needed.
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://queue.bank.example' }).linkSecret).toBeUndefined();
    expect(loadConfig({}).linkSecret).toBeUndefined();
  });
});
