/**
 * Redis comes back with older data than PostgreSQL (a restored snapshot, a lost AOF tail). Left
 * alone, the live state would number new events with seqs PostgreSQL already holds, and the
 * idempotent append would drop them without a word.
 */
import type { BranchState } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem();
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
});
afterAll(async () => {
  await sys?.close();
});

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

async function issue(code = 'D') {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(code) });
  expect(r.status).toBe(201);
  return r.body.data as { ticketId: string; token: string; view: { number: string } };
}

/** Puts an old state back in Redis, as a restored snapshot would (its stream is not needed here). */
async function rollBackRedis(to: BranchState) {
  const { store } = sys.system.parts;
  await store.deleteBranch(sys.branchId);
  expect(await store.restore(sys.branchId, to)).toBe(true);
}

describe('Redis older than PostgreSQL', () => {
  it('at start-up, rebuilds the live state from PostgreSQL, and new commands get new seqs', async () => {
    const { store, db, liveBranches } = sys.system.parts;
    const snapshot = (await store.load(sys.branchId))!;
    const later = [await issue(), await issue(), await issue()];
    const current = (await store.load(sys.branchId))!;
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(snapshot.seq + 3);

    await rollBackRedis(snapshot);
    expect(await liveBranches.ensure(sys.branchId)).toBe('rebuilt');
    expect(await store.load(sys.branchId)).toEqual(current);

    // The queue carries on above PostgreSQL's seqs: nothing is dropped.
    const next = await issue();
    expect((await store.load(sys.branchId))!.seq).toBe(snapshot.seq + 4);
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(snapshot.seq + 4);
    for (const t of [...later, next]) expect(await db.tickets.byToken(t.token)).toMatchObject({ ticketId: t.ticketId });
    expect(next.view.number).not.toBe(later[0]!.view.number);
  });

  it('while running, refuses to store an event under a seq PostgreSQL holds with another event, and says so', async () => {
    const { store, db, commands } = sys.system.parts;
    const snapshot = (await store.load(sys.branchId))!;
    const stored = await issue();
    await rollBackRedis(snapshot);

    const clash = await issue(); // committed in Redis at the seq of `stored`
    // The failed append handed the branch to the retries (checked before the first one, 1 s on).
    expect(commands.catchUp.pending()).toContain(sys.branchId);
    expect((await store.load(sys.branchId))!.seq).toBe(snapshot.seq + 1);
    // PostgreSQL keeps what it had; the clashing event is not silently taken for a repeat.
    expect(await db.tickets.byToken(stored.token)).toMatchObject({ ticketId: stored.ticketId });
    expect(await db.tickets.byToken(clash.token)).toBeNull();
    // The event stays in the Redis stream.
    expect((await store.readEvents(sys.branchId, snapshot.seq)).map((e) => 'ticketId' in e && e.ticketId)).toEqual([clash.ticketId]);
  });
});
