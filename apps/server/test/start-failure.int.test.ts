/**
 * `npm start` that cannot start says why in one line per language (Chinese and English) and
 * leaves nothing behind. A port already taken used to end in an uncaught `listen EADDRINUSE`
 * stack with the redis-server it had started still running (orphaned) and `pglite.lock` left in
 * the data folder; a bad PORT or a missing redis-server said so in English only. Each start is a
 * real child process running src/main.ts, as `npm start` runs dist/main.js.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pings } from '../src/local-redis.js';
import { freePort } from './free-port.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;

/** `node src/main.ts` with `env` on top of a clean environment (no REDIS_URL / DATABASE_URL). */
function start(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const base: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
  for (const k of ['REDIS_URL', 'DATABASE_URL', 'DATABASE_SCHEMA', 'PORT', 'HOST', 'REDIS_PREFIX']) delete base[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: SERVER_DIR, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, out, err });
    }),
  );
}


beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tellerline-startfail-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a start that cannot start', { timeout: 120_000 }, () => {
  it('a port already taken: both languages name PORT, and the local redis-server and the PGlite lock are gone', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    const redisPort = await freePort();
    try {
      const res = await start({ PORT: String(port), HOST: '127.0.0.1', LOCAL_REDIS_PORT: String(redisPort) });
      expect(res.code, res.err).toBe(1);
      expect(res.err).toContain(`Tellerline could not start: port ${port} on 127.0.0.1 is in use`);
      expect(res.err).toMatch(/Tellerline 无法启动：.*端口 \d+.*已被占用.*PORT/);
      expect(res.err).toContain('PORT');
      expect(res.err).not.toContain('EADDRINUSE');
      expect(res.err).not.toMatch(/^\s+at /m); // no stack trace
      expect(await pings(`redis://127.0.0.1:${redisPort}`)).toBe(false);
      expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('an invalid PORT: the variable and the problem in both languages', async () => {
    const res = await start({ PORT: 'abc' });
    expect(res.code).toBe(1);
    expect(res.err).toContain('Invalid configuration');
    expect(res.err).toContain('配置无效');
    expect(res.err).toMatch(/PORT: .*expected number.*\/ .*应为数字/);
  });

  it('no redis-server on PATH and no REDIS_URL: how to get one, in both languages, and no lock left', async () => {
    const res = await start({ PATH: '/nonexistent', LOCAL_REDIS_PORT: String(await freePort()) });
    expect(res.code).toBe(1);
    expect(res.err).toContain('Tellerline could not start: No Redis: set REDIS_URL=redis://host:6379, or install redis-server');
    expect(res.err).toMatch(/Tellerline 无法启动：没有 Redis：.*REDIS_URL.*redis-server/);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  });
});
