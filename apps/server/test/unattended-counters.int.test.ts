/**
 * Counters nobody is signed in to any more: staff who used only the API (or whose panel's node
 * restarted) and whose session then ended are signed off by the scheduler's sweep, so routing
 * stops counting on them. The real system, Redis and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
let kiosk: HttpClient;

beforeAll(async () => {
  sys = await startTestSystem();
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
});

afterAll(async () => {
  await sys?.close();
});

const sweep = () => sys.system.parts.leaveUnattendedCounters();
const staffOf = async (staffId: string) => (await sys.system.parts.store.load(sys.branchId))!.staff[staffId]!;

async function command(client: HttpClient, body: Record<string, unknown>) {
  const r = await client.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
}

/** Ends a session as its idle timeout would: the key is gone, nobody signed out. */
async function timeOut(client: HttpClient): Promise<void> {
  const sid = client.cookie!.slice(client.cookie!.indexOf('=') + 1);
  const hash = createHash('sha256').update(sid).digest('base64url');
  await sys.system.parts.redis.del(`${sys.system.parts.config.redisPrefix}sess:${hash}`);
}

async function signedOn(name: string, counter: string): Promise<{ client: HttpClient; staffId: string }> {
  const client = new HttpClient(sys.url);
  const me = await client.login(name);
  await command(client, { type: 'sign-on', counterId: sys.counter(counter) });
  return { client, staffId: me.staffId };
}

describe('counters whose staff have no session left', () => {
  it('signs off someone whose session timed out, keeps colleagues still signed in, and audits it', async () => {
    const alice = await signedOn('alice', '1');
    const bob = await signedOn('bob', '2');
    await timeOut(alice.client);
    const left = await sweep();
    expect(left).toEqual([{ branchId: sys.branchId, staffId: alice.staffId }]);
    expect((await staffOf(alice.staffId)).status).toBe('offline');
    expect((await staffOf(bob.staffId)).status).toBe('available');
    const audit = await sys.system.parts.db.audit.list(sys.branchId, 50);
    const entry = audit.find((e) => e.action === 'sign-off' && e.role === 'system:session-ended');
    expect(entry?.details).toMatchObject({ staffId: alice.staffId });
    expect(await sweep()).toEqual([]);
  });

  it('keeps someone holding a customer until that ticket is finished, then signs them off', async () => {
    const chen = await signedOn('chen', '3');
    const issued = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('C') });
    expect(issued.status).toBe(201);
    const called = await command(chen.client, { type: 'call-next' });
    await timeOut(chen.client);
    expect(await sweep()).toEqual([]);
    expect((await staffOf(chen.staffId)).ticketId).toBeDefined();
    // The no-show timer (or a colleague) finishes the ticket; the next sweep signs chen off.
    const ticketId = (await staffOf(chen.staffId)).ticketId!;
    expect(called).toBeTruthy();
    await sys.system.parts.commands.run(sys.branchId, { type: 'no-show', ticketId, reason: 'timeout' }, null);
    expect(await sweep()).toEqual([{ branchId: sys.branchId, staffId: chen.staffId }]);
    expect((await staffOf(chen.staffId)).status).toBe('offline');
  });

  it('keeps someone whose session is live though missing from the list (made before the list existed), once it is used', async () => {
    const dana = await signedOn('dana', '4');
    await sys.system.parts.redis.del(`${sys.system.parts.config.redisPrefix}sess-staff:${dana.staffId}`);
    const me = await dana.client.req('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(await sweep()).toEqual([]);
    expect((await staffOf(dana.staffId)).status).toBe('available');
  });

  it('a session ended by signing out drops from the list at once', async () => {
    const client = new HttpClient(sys.url);
    const me = await client.login('alice');
    expect(await sys.system.parts.sessions.hasLive(me.staffId, Date.now())).toBe(true);
    const out = await client.req('POST', '/api/v1/auth/logout');
    expect(out.status).toBeLessThan(300);
    expect(await sys.system.parts.sessions.hasLive(me.staffId, Date.now())).toBe(false);
  });
});
