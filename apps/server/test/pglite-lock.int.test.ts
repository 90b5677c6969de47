/**
 * The embedded database's folder is one process's at a time. `npm run admin -- create` beside a
 * running server once reported success and left the server spinning in PGlite for good; now the
 * CLI refuses (in both languages, naming the server's pid) and so does a second server, while a
 * lock left by a dead process is taken over. Each CLI run is a real child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { HttpClient } from './support.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tl:test:${randomBytes(5).toString('hex')}:`;
let dataDir: string;
let system: Awaited<ReturnType<typeof compose>> | null = null;

const configFor = (dir: string) => loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL, REDIS_PREFIX: prefix, DATA_DIR: dir, LOG_LEVEL: 'silent' });

/** `npm run admin -- create root` on the PGlite folder under `dir` (no DATABASE_URL). */
function adminCreate(dir: string): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', TELLERLINE_ADMIN_PASSWORD: 'correct-horse-1' };
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', 'create', 'root'], { cwd: SERVER_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  child.stdin.end('');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const DB_DIR = fileURLToPath(new URL('../../../packages/db', import.meta.url));

/** `PGLITE_DIR=<dir>/pglite npm run migrate -w @tellerline/db`, as an operator upgrading runs it (or with the folder spelled otherwise). */
/**
 * `npm run migrate` on `pgliteDir`. Run asynchronously: the server under test lives in this
 * process, and a blocked event loop would let its idle keep-alive sockets expire in the very
 * moment the next request reuses one (ECONNRESET), which a real server, another process, never sees.
 */
function migrateCli(dir: string, pgliteDir = join(dir, 'pglite')): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: pgliteDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: DB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tellerline-lock-'));
  system = await compose(configFor(dataDir), createLogger('silent'));
  await system.start();
}, 120_000);

afterAll(async () => {
  await system?.stop();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
  await redis.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('one process at a time on the PGlite folder', { timeout: 120_000 }, () => {
  it('the admin CLI refuses while the server runs on it, and the server keeps serving', async () => {
    const res = await adminCreate(dataDir);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`Tellerline is running on this data folder (pid ${process.pid}): stop it first, or use DATABASE_URL`);
    expect(res.err).toContain(`Tellerline 正在使用此数据文件夹（进程 ${process.pid}）`);
    expect(res.out).not.toContain('created');
    const manager = new HttpClient(system!.url());
    await manager.login('manager');
    expect((await manager.req('GET', '/api/v1/auth/me')).status).toBe(200);
    expect(await system!.parts.db.hasActiveAdmin()).toBe(true); // the demo's; no 'root' was written
    expect(await system!.parts.db.users.findByUsername('root')).toBeNull();
  });

  it('`npm run migrate` refuses while the server runs on it (it once marked the live database shut down)', async () => {
    const res = await migrateCli(dataDir);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`Tellerline is running on this data folder (pid ${process.pid}): stop it first, or use DATABASE_URL`);
    expect(res.err).toContain(`Tellerline 正在使用此数据文件夹（进程 ${process.pid}）`);
    expect(res.out).not.toContain('up to date');
    // The server's database is untouched and keeps answering.
    const manager = new HttpClient(system!.url());
    await manager.login('manager');
    expect((await manager.req('GET', `/api/v1/auth/me`)).status).toBe(200);
    expect(await system!.parts.db.hasActiveAdmin()).toBe(true);
  });

  it('`npm run migrate` refuses too when the folder is spelled with a trailing slash, "./" or through a symbolic link', async () => {
    const folder = join(dataDir, 'pglite');
    const link = `${dataDir}-link`;
    symlinkSync(dataDir, link);
    try {
      for (const spelling of [`${folder}/`, `${folder}//`, `${folder}/./`, `./${relative(DB_DIR, folder)}/`, join(link, 'pglite'), `${join(link, 'pglite')}/`]) {
        const res = await migrateCli(dataDir, spelling);
        expect(res.code, spelling).toBe(1);
        expect(res.err, spelling).toContain(`Tellerline is running on this data folder (pid ${process.pid})`);
        expect(res.out, spelling).not.toContain('up to date');
        // No second lock was taken inside the live folder or beside the link.
        expect(existsSync(join(folder, '.lock')), spelling).toBe(false);
        expect(existsSync(join(link, 'pglite.lock')) && readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim(), spelling).toBe(String(process.pid));
      }
    } finally {
      unlinkSync(link);
    }
    const manager = new HttpClient(system!.url());
    await manager.login('manager');
    expect((await manager.req('GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('a second server refuses to start on the same folder', async () => {
    await expect(compose(configFor(dataDir), createLogger('silent'))).rejects.toThrow(`Tellerline is running on this data folder (pid ${process.pid})`);
  });

  it('once the server stopped, and over a lock left by a dead process, the CLI creates the administrator', async () => {
    await system!.stop();
    system = null;
    const lock = join(dataDir, 'pglite.lock');
    expect(existsSync(lock)).toBe(false);
    // A crashed server's lock: the pid of a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lock, `${dead}\n`);
    const res = await adminCreate(dataDir);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Administrator root created');
    expect(existsSync(lock)).toBe(false);
    // With the server stopped, migrating is allowed (and has nothing to do), and leaves no lock.
    const migrated = await migrateCli(dataDir);
    expect(migrated.code, migrated.err).toBe(0);
    expect(migrated.out).toContain('Database is up to date.');
    expect(existsSync(lock)).toBe(false);
    // Spelled with a trailing slash, it takes (and leaves) the same lock beside the folder.
    const slashed = await migrateCli(dataDir, `${join(dataDir, 'pglite')}/`);
    expect(slashed.code, slashed.err).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(join(dataDir, 'pglite', '.lock'))).toBe(false);
  });
});
