/**
 * A Redis that stops answering without closing its connections (a stalled VM, a paused container,
 * SIGSTOP here) used to hang the API and /metrics for 40 s and more: every command waited in the
 * client. Now commands time out and the edges answer 503 TEMPORARILY_UNAVAILABLE within a few
 * seconds, /metrics answers with its process metrics, and all is well again once Redis resumes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { HttpClient, signedOnAt, startTestSystem, waitFor, type TestSystem } from './support.js';

let redis: LocalRedis | undefined;
let redisPid = 0;
let sys: TestSystem | undefined;

afterAll(async () => {
  if (redisPid) process.kill(redisPid, 'SIGCONT');
  await sys?.close();
  await redis?.stop();
});

/** A request that gives up after `ms` (0: it did not answer in time). */
async function within(ms: number, url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

describe('Redis stalled (SIGSTOP) while the server runs', () => {
  it('answers 503 TEMPORARILY_UNAVAILABLE within seconds instead of hanging, and serves again once Redis resumes', async () => {
    redis = await startLocalRedis(mkdtempSync(join(tmpdir(), 'tl-redis-stall-')), await freePort());
    sys = await startTestSystem({ REDIS_URL: redis.url });
    const s = sys;
    await waitFor('the business day to open', async () => Boolean((await s.system.parts.store.load(s.branchId))?.openDay));
    const alice = await signedOnAt(s, 'alice', '1');
    const probe = createClient({ url: redis.url });
    await probe.connect();
    redisPid = Number(/process_id:(\d+)/.exec(await probe.info('server'))![1]);
    await probe.close();

    process.kill(redisPid, 'SIGSTOP');
    const kioskAuth = { authorization: `Bearer ${s.kioskToken}` };
    const json = { 'content-type': 'application/json' };
    const [queue, ticket, command, metrics, ready] = await Promise.all([
      within(10_000, `${s.url}/api/v1/branches/${s.branchId}/queue`, { headers: kioskAuth }),
      within(10_000, `${s.url}/api/v1/branches/${s.branchId}/tickets`, { method: 'POST', headers: { ...kioskAuth, ...json }, body: JSON.stringify({ serviceId: s.service('A') }) }),
      within(10_000, `${s.url}/api/v1/branches/${s.branchId}/commands`, { method: 'POST', headers: { cookie: alice.cookie!, ...json, origin: 'http://allowed.test' }, body: JSON.stringify({ type: 'call-next' }) }),
      within(10_000, `${s.url}/metrics`),
      within(10_000, `${s.url}/readyz`),
    ]);
    for (const r of [queue, ticket, command]) {
      expect(r.status, r.body).toBe(503);
      expect(JSON.parse(r.body).error.code).toBe('TEMPORARILY_UNAVAILABLE');
    }
    // The scrape still answers: process metrics, and Redis reported down.
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('process_cpu_seconds_total');
    expect(metrics.body).toMatch(/^tellerline_redis_up 0$/m);
    expect(metrics.body).toMatch(/^tellerline_database_up 1$/m);
    expect(ready.status).toBe(503);

    process.kill(redisPid, 'SIGCONT');
    redisPid = 0;
    await waitFor('readiness after Redis resumed', async () => (await within(3000, `${s.url}/readyz`)).status === 200, 20_000);
    const kiosk = new HttpClient(s.url, kioskAuth);
    const after = await kiosk.req('POST', `/api/v1/branches/${s.branchId}/tickets`, { serviceId: s.service('A') });
    expect(after.status).toBe(201);
  }, 90_000);
});
