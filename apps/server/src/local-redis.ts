import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from 'redis';
import { StartFailure } from './start-failure.js';

export interface LocalRedis {
  url: string;
  /** The redis-server this process started; absent when it found one already listening. */
  pid?: number;
  stop(): Promise<void>;
}

/** How long a stopping redis-server may take to write its append-only file before it is killed. */
const REDIS_EXIT_WAIT_MS = 5000;

/** Whether a Redis answers PING at `url` now (one short connection, no retries). */
export async function pings(url: string): Promise<boolean> {
  const c = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (c.isOpen) await c.close();
  }
}

/**
 * `npm start` without REDIS_URL: run a redis-server from PATH with AOF under the data folder,
 * so a lost process does not lose the queue. Reuses one already listening on the port (a
 * previous run's). Nothing is downloaded: without redis-server we stop with install hints.
 */
export async function startLocalRedis(dataDir: string, port: number): Promise<LocalRedis> {
  const url = `redis://127.0.0.1:${port}`;
  if (await pings(url)) return { url, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new StartFailure(
      'No Redis: set REDIS_URL=redis://host:6379, or install redis-server ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis; Windows: use WSL or Memurai).',
      '没有 Redis：请设置 REDIS_URL=redis://主机:6379，或安装 redis-server' +
        '（Debian/Ubuntu：apt-get install redis-server；macOS：brew install redis；Windows：使用 WSL 或 Memurai）。',
    );
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction'],
    // Its own process group: Ctrl-C in a terminal (or a signal to `npm start`'s group) reaches
    // Tellerline only, which then stops Redis last, after closing everything that talks to it.
    // When both got the signal, Redis was gone before the queues and connections were closed.
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 100; i++) {
    if (await pings(url)) {
      return { url, ...(child.pid !== undefined ? { pid: child.pid } : {}), stop: () => stopChild(child) };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new StartFailure(
    `redis-server did not start on port ${port} (is the port taken? set LOCAL_REDIS_PORT or REDIS_URL)`,
    `redis-server 未能在端口 ${port} 上启动（端口是否被占用？请设置 LOCAL_REDIS_PORT 或 REDIS_URL）`,
  );
}

/**
 * Stops the redis-server: at once if it has exited already (someone else stopped it: waiting for
 * its 'exit' would wait for good), else SIGTERM (it writes its append-only file) and, if it has
 * not gone after REDIS_EXIT_WAIT_MS, SIGKILL.
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), REDIS_EXIT_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
