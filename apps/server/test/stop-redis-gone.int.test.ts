/**
 * `npm start` on its defaults (PGlite, a local redis-server) stopped with Ctrl-C. The terminal's
 * signal used to reach the redis-server too, so it was gone before Tellerline closed its queues
 * and connections; those steps waited until main.ts's force-exit after 15 s, which ended the
 * process with the embedded database still open, and a reviewer's next start then spun in PGlite
 * for over 12 minutes without listening.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { createLogger } from '../src/logger.js';
import { pgliteLockPath } from '@tellerline/db';
import { freePort } from './free-port.js';
import { HttpClient } from './support.js';

const dirs: string[] = [];
const tempDir = (tag: string) => {
  const dir = mkdtempSync(join(tmpdir(), `tl-${tag}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The process group of a process (field 5 of /proc/<pid>/stat, after the command in brackets). */
const processGroup = (pid: number | 'self') => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);

describe('stopping on the embedded defaults', () => {
  it('starts its redis-server in a process group of its own, so Ctrl-C reaches Tellerline first', async () => {
    let redis: LocalRedis | undefined;
    try {
      redis = await startLocalRedis(tempDir('redis-group'), await freePort());
      expect(redis.pid).toBeGreaterThan(0);
      expect(processGroup(redis.pid!)).not.toBe(processGroup('self'));
      expect(processGroup(redis.pid!)).toBe(redis.pid);
    } finally {
      await redis?.stop();
    }
  });

  it('closes the database and frees its folder when Redis died first, and starts again on it', async () => {
    const dataDir = tempDir('stop-redis-gone');
    const port = await freePort();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOCAL_REDIS_PORT: String(port), LOG_LEVEL: 'silent' });
    const lock = pgliteLockPath(join(dataDir, 'pglite'));
    const system = await compose(config, createLogger(config.logLevel));
    await system.start();
    expect(existsSync(lock)).toBe(true);

    // Redis goes first, as when the terminal's Ctrl-C reached both.
    const admin = createClient({ url: `redis://127.0.0.1:${port}` });
    admin.on('error', () => undefined);
    await admin.connect();
    await admin.sendCommand(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
    await admin.close().catch(() => undefined);

    await system.stop(); // waited for good (test timeout) when the redis-server had exited already
    expect(existsSync(lock)).toBe(false);

    // The same folder opens again and answers: the database was closed, not abandoned.
    const again = await compose({ ...config, seedDemo: false }, createLogger(config.logLevel));
    try {
      await again.start();
      const branches = await new HttpClient(again.url()).req('GET', '/api/v1/branches');
      expect(branches.status).toBe(200);
      expect(branches.body.data.length).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
  }, 180_000);
});
