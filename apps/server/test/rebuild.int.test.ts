/**
 * Redis holds the live queue, PostgreSQL the events. If Redis loses a branch (flush, failover
 * without persistence), the live state must come back from PostgreSQL exactly as it was.
 */
import type { BranchState } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
  const deadline = Date.now() + 10_000;
  while (!(await sys.system.parts.store.load(sys.branchId))?.openDay) {
    if (Date.now() > deadline) throw new Error('the business day was never opened');
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  await sys?.close();
});

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command results are read loosely here
async function as(username: string): Promise<(type: string, extra?: Record<string, unknown>) => Promise<any>> {
  const c = new HttpClient(sys.url);
  await c.login(username);
  return async (type, extra = {}) => {
    const r = await c.req('POST', path('/commands'), { type, ...extra });
    if (r.status !== 200) throw new Error(`${username} ${type}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.data;
  };
}

describe('rebuilding the live state from PostgreSQL', () => {
  it('restores the exact queue after Redis loses the branch, and the queue carries on', async () => {
    const { store, liveBranches, db } = sys.system.parts;
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issue = async (code: string) => {
      const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(code) });
      expect(r.status).toBe(201);
      return r.body.data as { ticketId: string; token: string; view: { number: string } };
    };
    // A kiosk issues normal tickets only; a priority class comes from staff, with a reason.
    const manager = await as('manager');
    const issuePriority = (code: string, priority: 'priority' | 'vip') => manager('issue-ticket', { serviceId: sys.service(code), priority, reason: 'at the desk' });

    // A morning's worth of activity: issues, calls, a served customer, a transfer, a pause, a cancel.
    await issue('A');
    await issue('A');
    await issuePriority('B', 'priority');
    await issue('C');
    await issuePriority('D', 'vip');
    const a3 = await issue('A');

    const alice = await as('alice');
    const bob = await as('bob');
    const chen = await as('chen');
    const dana = await as('dana');
    await alice('sign-on', { counterId: sys.counter('1') });
    await bob('sign-on', { counterId: sys.counter('2') });
    await chen('sign-on', { counterId: sys.counter('3') });
    await dana('sign-on', { counterId: sys.counter('4') });

    const aliceCall = await alice('call-next');
    await alice('start', { ticketId: aliceCall.called.ticketId });
    await alice('complete', { ticketId: aliceCall.called.ticketId });
    const aliceCall2 = await alice('call-next');
    await alice('start', { ticketId: aliceCall2.called.ticketId });
    await alice('transfer', { ticketId: aliceCall2.called.ticketId, toServiceId: sys.service('C') });

    const bobCall = await bob('call-next');
    await bob('recall', { ticketId: bobCall.called.ticketId });
    await bob('start', { ticketId: bobCall.called.ticketId });

    const chenCall = await chen('call-next'); // left called, not yet at the desk
    await dana('pause', { reason: 'lunch' });
    await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${a3.token}/cancel`);

    const snapshot = (await store.load(sys.branchId))!;
    // The scenario really produced a varied queue.
    const statuses = Object.values(snapshot.tickets).map((t) => t.status).sort();
    expect(statuses).toContain('waiting');
    expect(statuses).toContain('called');
    expect(statuses).toContain('serving');
    expect(Object.values(snapshot.tickets).some((t) => t.transfers === 1)).toBe(true);
    expect(Object.values(snapshot.tickets).some((t) => t.recalls === 1)).toBe(true);
    expect(Object.values(snapshot.stats).flatMap((s) => s.recentServiceSec)).toHaveLength(1);
    expect(Object.values(snapshot.staff).find((s) => s.status === 'paused')).toMatchObject({ pauseReason: 'lunch' });
    expect(snapshot.tickets[a3.ticketId]).toBeUndefined();
    expect(snapshot.tickets[chenCall.called.ticketId]?.status).toBe('called');
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(snapshot.seq);

    // Redis loses the branch.
    await store.deleteBranch(sys.branchId);
    expect(await store.load(sys.branchId)).toBeNull();
    expect((await kiosk.req('GET', path('/queue'))).status).toBe(404);

    expect(await liveBranches.ensure(sys.branchId)).toBe('rebuilt');
    const rebuilt = (await store.load(sys.branchId))!;
    expect(rebuilt).toEqual(snapshot);
    expect(await store.listBranches()).toContain(sys.branchId);
    // A second ensure sees a live branch and changes nothing.
    expect(await liveBranches.ensure(sys.branchId)).toBe('live');
    expect(await store.load(sys.branchId)).toEqual(snapshot);

    // The queue carries on from the same seq and numbering.
    const next = await issue('A');
    expect(next.view.number).toBe(nextNumber(snapshot, 'A'));
    const after = (await store.load(sys.branchId))!;
    expect(after.seq).toBe(snapshot.seq + 1);
    const danaBack = await dana('resume');
    expect(danaBack.seq).toBe(snapshot.seq + 2);
    const call = await dana('call-next');
    expect(call.seq).toBe(snapshot.seq + 3);
    expect(call.called).not.toBeNull();
    await chen('start', { ticketId: chenCall.called.ticketId });
    // The new events reach PostgreSQL too, gapless.
    const final = (await store.load(sys.branchId))!;
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(final.seq);
    // ...and the events since the rebuild are in the Redis stream for fan-out.
    const tail = await store.readEvents(sys.branchId, snapshot.seq);
    expect(tail.map((e) => e.seq)).toEqual([snapshot.seq + 1, snapshot.seq + 2, snapshot.seq + 3, snapshot.seq + 4]);
    expect((await kiosk.req('GET', path('/queue'))).status).toBe(200);
  });

  it('rebuilds when only the state hash is lost, dropping the orphaned event stream', async () => {
    const { store, liveBranches, redis, config } = sys.system.parts;
    const snapshot = (await store.load(sys.branchId))!;
    const stateKey = `${config.redisPrefix}{b:${sys.branchId}}:state`;
    expect(await redis.exists(stateKey)).toBe(1);
    await redis.del(stateKey);
    expect(await store.readEvents(sys.branchId, 0, 1)).toHaveLength(1); // the stream is still there

    // At start-up every branch goes through ensure().
    await liveBranches.ensureAll();
    expect(await store.load(sys.branchId)).toEqual(snapshot);
    const bob = await as('bob');
    const done = await bob('complete', { ticketId: Object.values(snapshot.tickets).find((t) => t.status === 'serving' && t.counterId === sys.counter('2'))!.id });
    expect(done.seq).toBe(snapshot.seq + 1);
    expect((await store.readEvents(sys.branchId, 0)).map((e) => e.seq)).toEqual([snapshot.seq + 1]);
  });
});

function nextNumber(state: BranchState, code: string): string {
  return `${code}${String((state.sequences[code] ?? 0) + 1).padStart(3, '0')}`;
}
