import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { startLocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { startTestSystem, waitFor, type TestSystem } from './support.js';

/**
 * A test system on a redis-server of its own that the test can stall (SIGSTOP: it keeps its
 * connections open and answers nothing, like a paused VM or container) and resume. `close` resumes
 * it first, so a failed test never leaves a stopped process behind.
 */
export interface StallableSystem {
  sys: TestSystem;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startWithStallableRedis(tag: string): Promise<StallableSystem> {
  const redis = await startLocalRedis(mkdtempSync(join(tmpdir(), `tl-redis-${tag}-`)), await freePort());
  const sys = await startTestSystem({ REDIS_URL: redis.url });
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  const probe = createClient({ url: redis.url });
  await probe.connect();
  const pid = Number(/process_id:(\d+)/.exec(await probe.info('server'))![1]);
  await probe.close();
  let stalled = false;
  const resume = () => {
    if (stalled) process.kill(pid, 'SIGCONT');
    stalled = false;
  };
  return {
    sys,
    stall() {
      process.kill(pid, 'SIGSTOP');
      stalled = true;
    },
    resume,
    async close() {
      resume();
      await sys.close();
      await redis.stop();
    },
  };
}

/** A request that gives up after `ms` (status 0: it did not answer in time). */
export async function within(ms: number, url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}
