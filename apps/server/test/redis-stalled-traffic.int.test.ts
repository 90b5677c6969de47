/**
 * A stalled Redis (SIGSTOP: connections stay open, nothing answers) under steady traffic. The
 * client found a stalled connection by Node's socket idle timer, which every write restarts: with
 * a request at least every 3 s nothing was ever found, and every request waited until traffic
 * paused (a request every 0.5 s for 12 s: the first answered after 14.6 s). Now a PING that gets
 * no answer within REDIS_STALL_MS ends the connection, so each request answers 503 within a few
 * seconds however busy the node is, and the node serves again once Redis resumes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startWithStallableRedis, within, type StallableSystem } from './stallable-redis.js';
import { HttpClient, waitFor } from './support.js';

let stallable: StallableSystem | undefined;

afterAll(async () => {
  await stallable?.close();
});

describe('Redis stalled while requests keep coming', () => {
  it('answers every request 503 within seconds, not once the traffic stops', async () => {
    stallable = await startWithStallableRedis('stall-traffic');
    const s = stallable.sys;
    const kioskAuth = { authorization: `Bearer ${s.kioskToken}` };
    stallable.stall();
    const answers: Promise<{ status: number; ms: number }>[] = [];
    // A lobby's worth of polling: a request every half second for 12 seconds.
    for (let i = 0; i < 24; i++) {
      const sent = Date.now();
      answers.push(within(20_000, `${s.url}/api/v1/branches/${s.branchId}/queue`, { headers: kioskAuth }).then((r) => ({ status: r.status, ms: Date.now() - sent })));
      await new Promise((r) => setTimeout(r, 500));
    }
    const all = await Promise.all(answers);
    expect(all.map((a) => a.status)).toEqual(all.map(() => 503));
    // REDIS_STALL_MS (3 s) after the probe that went unanswered, plus a reconnect: never the whole 12 s.
    expect(Math.max(...all.map((a) => a.ms)), JSON.stringify(all)).toBeLessThan(7_000);

    stallable.resume();
    await waitFor('readiness after Redis resumed', async () => (await within(3000, `${s.url}/readyz`)).status === 200, 20_000);
    const kiosk = new HttpClient(s.url, kioskAuth);
    expect((await kiosk.req('POST', `/api/v1/branches/${s.branchId}/tickets`, { serviceId: s.service('A') })).status).toBe(201);
  }, 90_000);
});
