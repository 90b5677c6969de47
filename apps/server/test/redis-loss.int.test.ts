/**
 * Redis restarting empty (or flushed) while the server runs. It left the branch dead until a
 * server restart: queue and lobby screens 404 BRANCH_UNKNOWN, the kiosk 409, the phone page at
 * seq 0, sockets silent, and /readyz still 200. Now the server notices the lost epoch marker,
 * rebuilds every branch from PostgreSQL, re-arms its timers, and every client resyncs. This test
 * runs its own redis-server (FLUSHALL there touches nobody else's keys). The lobby's recent calls
 * come back too (from PostgreSQL's event log: the rebuilt stream is empty).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { HttpClient, nextEvent, openSocket, signedOnAt, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

async function readiness(url: string): Promise<{ status: number; checks?: Record<string, string> }> {
  try {
    const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
    return { status: r.status, checks: ((await r.json()) as { checks: Record<string, string> }).checks };
  } catch {
    return { status: 0 };
  }
}

let redis: LocalRedis | undefined;
let sys: TestSystem | undefined;
const sockets: ClientSocket[] = [];

afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
  await redis?.stop();
});

describe('Redis losing its data while the server runs', () => {
  it('rebuilds every branch from PostgreSQL, reports not ready until then, and resyncs screens and phones', async () => {
    redis = await startLocalRedis(mkdtempSync(join(tmpdir(), 'tl-redis-loss-')), await freePort());
    sys = await startTestSystem({ REDIS_URL: redis.url });
    const s = sys;
    await waitFor('the business day to open', async () => Boolean((await s.system.parts.store.load(s.branchId))?.openDay));
    const kiosk = new HttpClient(s.url, { authorization: `Bearer ${s.kioskToken}` });
    const issue = () => kiosk.req('POST', `/api/v1/branches/${s.branchId}/tickets`, { serviceId: s.service('A') });
    const first = await issue();
    expect(first.status).toBe(201);
    expect((await issue()).status).toBe(201);
    const alice = await signedOnAt(s, 'alice', '1');
    const called = await alice.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'call-next' });
    expect(called.status).toBe(200);
    expect((await readiness(s.url)).status).toBe(200);

    // A lobby screen and the first customer's phone, as the apps connect (reconnecting by themselves).
    const signage = await openSocket(s.url, { auth: { deviceToken: s.signageToken } });
    const phone = await openSocket(s.url, { auth: { ticketToken: first.body.data.token } });
    sockets.push(signage, phone);
    for (const sock of [signage, phone]) sock.io.reconnection(true);
    const back = (sock: ClientSocket) => new Promise<void>((r) => sock.once('disconnect', () => sock.once('connect', () => r())));
    const phoneBack = back(phone);
    const signageBack = back(signage);

    const raw = createClient({ url: redis.url });
    await raw.connect();
    await raw.flushAll();
    await raw.close();

    // Not ready while the live state is gone, then ready again by itself (no server restart).
    await waitFor('readiness to fail', async () => (await readiness(s.url)).status === 503);
    await waitFor('readiness to come back', async () => (await readiness(s.url)).status === 200, 20_000);

    // The queue is back as it was: the lobby screen's queue, the kiosk numbering on, the call held.
    const queue = await kiosk.req('GET', `/api/v1/branches/${s.branchId}/queue`);
    expect(queue.status).toBe(200);
    const third = await issue();
    expect(third.status).toBe(201);
    expect(third.body.data.view.number).toBe('A003');
    const state = await s.system.parts.store.load(s.branchId);
    expect(state!.tickets[first.body.data.ticketId]!.status).toBe('called');
    // The called customer's no-show timer is armed again (BullMQ lost it with Redis).
    const jobs = await s.system.parts.queues.queue.getDelayed();
    expect(jobs.map((j) => j.name)).toContain('no-show');

    // The phone reconnected and resyncs to its ticket as called; the screen hears the next call.
    await Promise.all([phoneBack, signageBack]);
    const synced = await new Promise<{ data?: { status: string; seq: number } }>((r) => phone.emit('ticket:sync', { afterSeq: 0 }, r as never));
    expect(synced.data?.status).toBe('called');
    // The lobby screen's resync still shows the call made before the loss: the rebuilt branch's
    // stream is empty, so its recent calls come from PostgreSQL's event log.
    const lobby = await new Promise<{ data?: { calls: { number: string; counterLabel: string }[] } }>((r) => signage.emit('signage:sync', { afterSeq: 0 }, r as never));
    expect(lobby.data?.calls.map((c) => [c.number, c.counterLabel])).toEqual([['A001', '1']]);
    // The staff session lived in Redis: alice is asked to sign in again, and then serves on.
    expect((await alice.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'call-next' })).status).toBe(401);
    const again = new HttpClient(s.url);
    await again.login('alice');
    const nextCall = nextEvent<{ number: string }>(signage, 'signage:call', (c) => c.number === 'A002', 10_000);
    const recall = await again.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'no-show', ticketId: first.body.data.ticketId });
    expect(recall.status, JSON.stringify(recall.body)).toBe(200);
    expect((await again.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'call-next' })).status).toBe(200);
    // The lobby screen, resynced after the rebuild, announces the next call.
    expect((await nextCall).number).toBe('A002');
  }, 60_000);
});
