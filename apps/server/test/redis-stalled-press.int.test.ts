/**
 * The known problem this closes: a staff press cut off by a stalled Redis (SIGSTOP here) is
 * answered 503 within seconds, but what Redis had already received may still run when it
 * resumes. The panel presses again with the same commandId; the server answers with what was
 * done, if anything was (else decides now), and the press after that is answered the same:
 * never a second customer, never STAFF_BUSY for the teller's own call.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { kioskTicket, signedOnAt, startTestSystem, waitFor, type TestSystem } from './support.js';

let redis: LocalRedis | undefined;
let redisPid = 0;
let sys: TestSystem | undefined;

afterAll(async () => {
  if (redisPid) process.kill(redisPid, 'SIGCONT');
  await sys?.close();
  await redis?.stop();
});

/** A request that gives up after `ms` (status 0: it did not answer in time). */
async function within(ms: number, url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

describe('a staff press while Redis stalls', () => {
  it('answered 503, pressed again with the same commandId once Redis resumes: one customer called, and the retry names them', async () => {
    redis = await startLocalRedis(mkdtempSync(join(tmpdir(), 'tl-redis-press-')), await freePort());
    sys = await startTestSystem({ REDIS_URL: redis.url });
    const s = sys;
    await waitFor('the business day to open', async () => Boolean((await s.system.parts.store.load(s.branchId))?.openDay));
    const alice = await signedOnAt(s, 'alice', '1');
    const first = await kioskTicket(s, 'A');
    await kioskTicket(s, 'A');
    const from = (await s.system.parts.store.load(s.branchId))!.seq;
    const probe = createClient({ url: redis.url });
    await probe.connect();
    redisPid = Number(/process_id:(\d+)/.exec(await probe.info('server'))![1]);
    await probe.close();

    const press = (ms: number) =>
      within(ms, `${s.url}/api/v1/branches/${s.branchId}/commands`, {
        method: 'POST',
        headers: { cookie: alice.cookie!, 'content-type': 'application/json', origin: 'http://allowed.test' },
        body: JSON.stringify({ type: 'call-next', commandId: 'stalled-press-0001' }),
      });
    process.kill(redisPid, 'SIGSTOP');
    const cut = await press(10_000);
    expect(cut.status, cut.body).toBe(503);
    process.kill(redisPid, 'SIGCONT');
    redisPid = 0;
    await waitFor('readiness after Redis resumed', async () => (await within(3000, `${s.url}/readyz`)).status === 200, 20_000);

    const retry = await press(10_000);
    expect(retry.status, retry.body).toBe(200);
    expect(JSON.parse(retry.body).data.called).toMatchObject({ ticketId: first.ticketId, number: first.number });
    const again = await press(10_000);
    expect(JSON.parse(again.body)).toEqual(JSON.parse(retry.body));
    const calls = (await s.system.parts.store.readEvents(s.branchId, from)).filter((e) => e.type === 'ticket-called');
    expect(calls.map((e) => (e as { ticketId: string }).ticketId)).toEqual([first.ticketId]);
  }, 90_000);
});
