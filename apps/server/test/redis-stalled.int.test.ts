/**
 * A Redis that stops answering without closing its connections (a stalled VM, a paused container,
 * SIGSTOP here) used to hang the API and /metrics for 40 s and more: every command waited in the
 * client. Now commands time out and the edges answer 503 TEMPORARILY_UNAVAILABLE within a few
 * seconds, /metrics answers with its process metrics, and all is well again once Redis resumes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startWithStallableRedis, within, type StallableSystem } from './stallable-redis.js';
import { HttpClient, signedOnAt, waitFor } from './support.js';

let stallable: StallableSystem | undefined;

afterAll(async () => {
  await stallable?.close();
});

describe('Redis stalled (SIGSTOP) while the server runs', () => {
  it('answers 503 TEMPORARILY_UNAVAILABLE within seconds instead of hanging, and serves again once Redis resumes', async () => {
    stallable = await startWithStallableRedis('stall');
    const s = stallable.sys;
    const alice = await signedOnAt(s, 'alice', '1');

    stallable.stall();
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

    stallable.resume();
    await waitFor('readiness after Redis resumed', async () => (await within(3000, `${s.url}/readyz`)).status === 200, 20_000);
    const kiosk = new HttpClient(s.url, kioskAuth);
    const after = await kiosk.req('POST', `/api/v1/branches/${s.branchId}/tickets`, { serviceId: s.service('A') });
    expect(after.status).toBe(201);
  }, 90_000);
});
