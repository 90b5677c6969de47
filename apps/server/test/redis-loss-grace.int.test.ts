/**
 * Redis losing its data takes every staff session with it. The panels' resync after the rebuild
 * found no session and signed each idle teller off their counter within 100 ms (audit
 * `sign-off`, role `system:session-ended`): the wait estimates jumped as if the staff had left.
 * A teller who closes the browser keeps the counter until the session's idle timeout; after a
 * rebuild staff now get that same grace, counted from the rebuild, to sign in again. Whoever has
 * not by then is signed off by the scheduler's sweep. Own redis-server (FLUSHALL touches nobody else).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { HttpClient, openSocket, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

let redis: LocalRedis | undefined;
let sys: TestSystem | undefined;
const sockets: ClientSocket[] = [];
/** Added to the server's clock: jumps past the grace without waiting 30 minutes. */
let offset = 0;

afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
  await redis?.stop();
});

async function readiness(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) })).status;
  } catch {
    return 0;
  }
}

/** What the panel hears about its session: the sync's error code, or the code its reconnect is refused with. */
async function sessionVerdict(panel: ClientSocket, disconnects: string[]): Promise<string | undefined> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (panel.connected) {
      const ack = await panel
        .timeout(10_000)
        .emitWithAck('staff:sync', { afterSeq: 0 })
        .catch(() => undefined);
      if (ack) return (ack as { error?: { code: string } }).error?.code ?? 'SESSION_ALIVE';
      continue;
    }
    if (disconnects.length === 0) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const refused = await new Promise<string | undefined>((resolve) => {
      panel.once('connect', () => resolve(undefined));
      panel.once('connect_error', (err) => resolve((err as Error & { data?: { code?: string } }).data?.code ?? err.message));
      panel.connect();
    });
    if (refused) return refused;
  }
  return 'NO_VERDICT';
}

describe('staff at their counters when Redis lost its data', () => {
  it('stay signed on for the session grace after the rebuild, then whoever did not sign in again is signed off', async () => {
    redis = await startLocalRedis(mkdtempSync(join(tmpdir(), 'tl-redis-grace-')), await freePort());
    sys = await startTestSystem({ REDIS_URL: redis.url, SESSION_IDLE_MIN: '30' }, { clock: { now: () => Date.now() + offset } });
    const s = sys;
    await waitFor('the business day to open', async () => Boolean((await s.system.parts.store.load(s.branchId))?.openDay));
    const signOn = async (name: string, counter: string) => {
      const client = new HttpClient(s.url);
      const me = await client.login(name);
      const r = await client.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'sign-on', counterId: s.counter(counter) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return { client, staffId: me.staffId as string };
    };
    const alice = await signOn('alice', '1');
    const bob = await signOn('bob', '2');
    // Alice's panel is open (a staff socket on her session); Bob's browser is closed.
    const panel = await openSocket(s.url, { cookie: alice.client.cookie! });
    sockets.push(panel);
    const disconnects: string[] = [];
    panel.on('disconnect', (reason) => disconnects.push(reason));
    const status = async (staffId: string) => (await s.system.parts.store.load(s.branchId))?.staff[staffId]?.status;

    const raw = createClient({ url: redis.url });
    await raw.connect();
    await raw.flushAll();
    await raw.close();
    await waitFor('readiness to fail', async () => (await readiness(s.url)) === 503);
    await waitFor('readiness to come back', async () => (await readiness(s.url)) === 200, 20_000);

    // The panel resyncs after the rebuild, as the staff app does: its session is gone. It hears so
    // in the answer, or the session sweep gets there first and closes the socket (which of the two
    // comes first is a race on a loaded machine). A closed panel connects again, as the staff app
    // does, and is refused for want of a session: either way the panel learns its session ended.
    const answer = await sessionVerdict(panel, disconnects);
    expect(['SESSION_EXPIRED', 'UNAUTHENTICATED'], `disconnects: ${disconnects.join(', ')}`).toContain(answer);
    await new Promise((r) => setTimeout(r, 500));
    expect(await s.system.parts.leaveUnattendedCounters()).toEqual([]);
    expect(await status(alice.staffId)).toBe('available');
    expect(await status(bob.staffId)).toBe('available');
    const audit = await s.system.parts.db.audit.list(s.branchId, 50);
    expect(audit.filter((e) => e.action === 'sign-off' && e.role === 'system:session-ended')).toEqual([]);

    // Alice signs in again within the grace: her counter is still hers.
    const again = new HttpClient(s.url);
    await again.login('alice');
    const kiosk = new HttpClient(s.url, { authorization: `Bearer ${s.kioskToken}` });
    expect((await kiosk.req('POST', `/api/v1/branches/${s.branchId}/tickets`, { serviceId: s.service('A') })).status).toBe(201);
    const call = await again.req('POST', `/api/v1/branches/${s.branchId}/commands`, { type: 'call-next' });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    expect(await status(alice.staffId)).toBe('serving');

    // Past the grace: Bob, who never came back, is signed off by the sweep (and audited so).
    offset = 31 * 60_000;
    const left = await s.system.parts.leaveUnattendedCounters();
    expect(left).toContainEqual({ branchId: s.branchId, staffId: bob.staffId });
    expect(await status(bob.staffId)).toBe('offline');
    const after = await s.system.parts.db.audit.list(s.branchId, 50);
    expect(after.find((e) => e.action === 'sign-off' && e.role === 'system:session-ended')?.details).toMatchObject({ staffId: bob.staffId });
  }, 120_000);
});
