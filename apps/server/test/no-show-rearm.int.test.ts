/**
 * BullMQ keeps its timers in the same Redis as the live state. When Redis loses its data and the
 * state is rebuilt from PostgreSQL, the no-show timers of called tickets must come back too, with
 * their original due time, or a called customer who never comes stays called for good.
 */
import type { BranchEvent } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noShowJobId } from '../src/jobs/processors/no-show-timer.js';
import { HttpClient, startSignedOn, waitFor, type TestSystem } from './support.js';

const NO_SHOW_MS = 0.05 * 60_000; // NO_SHOW_AFTER_MIN=0.05 -> 3 s

let sys: TestSystem;
let alice: HttpClient;

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({ NO_SHOW_AFTER_MIN: '0.05' }));
});
afterAll(async () => {
  await sys?.close();
});

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', path('/commands'), { type, ...extra });
const load = async () => (await sys.system.parts.store.load(sys.branchId))!;

/** Issues a ticket and has alice call it; returns it with the call's time. */
async function issueAndCall() {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
  expect(r.status).toBe(201);
  const ticketId = r.body.data.ticketId as string;
  const call = await staff('call-next');
  expect(call.status).toBe(200);
  expect(call.body.data.called.ticketId).toBe(ticketId);
  const calledAt = (await load()).tickets[ticketId]!.lastCalledAt!;
  return { ticketId, calledAt };
}

/** Redis loses everything about the branch: its live keys and every timer. */
async function loseRedis() {
  const { store, queues } = sys.system.parts;
  await queues.queue.obliterate({ force: true });
  await store.deleteBranch(sys.branchId);
}

const noShowOf = async (ticketId: string) =>
  (await sys.system.parts.store.readEvents(sys.branchId, 0, 10_000)).find((e): e is Extract<BranchEvent, { type: 'ticket-no-show' }> => e.type === 'ticket-no-show' && e.ticketId === ticketId);

describe('no-show timers after a rebuild', () => {
  it('are re-armed for called tickets; one already due fires at once', async () => {
    const { ticketId, calledAt } = await issueAndCall();
    await loseRedis();
    // Redis stays away past the call's due time.
    await waitFor('the call to come due', async () => Date.now() > calledAt + NO_SHOW_MS + 200);

    expect(await sys.system.parts.liveBranches.ensure(sys.branchId)).toBe('rebuilt');
    const rebuiltAt = Date.now();
    expect((await load()).tickets[ticketId]?.status).toBe('called');

    const noShow = await waitFor('the re-armed timer to fire', () => noShowOf(ticketId), NO_SHOW_MS);
    expect(noShow).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - rebuiltAt).toBeLessThan(NO_SHOW_MS);
    expect((await load()).tickets[ticketId]).toBeUndefined();
  });

  it('re-arms under the id the call armed with, so a start-up adds no second timer, and keeps the due time', async () => {
    const { queues, liveBranches } = sys.system.parts;
    const { ticketId, calledAt } = await issueAndCall();
    const id = noShowJobId(sys.branchId, ticketId, calledAt);
    const armedByCall = (await queues.queue.getJob(id))!;
    expect(armedByCall).toBeDefined();

    expect(await liveBranches.ensure(sys.branchId)).toBe('live');
    expect(await liveBranches.ensure(sys.branchId)).toBe('live');
    const jobs = (await queues.queue.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter((j) => j.name === 'no-show' && j.data.ticketId === ticketId);
    expect(jobs.map((j) => j.id)).toEqual([id]);
    expect(jobs[0]!.timestamp).toBe(armedByCall.timestamp);

    // After a loss, the re-armed timer fires when the call's period ends, not a full period later.
    await loseRedis();
    expect(await liveBranches.ensure(sys.branchId)).toBe('rebuilt');
    const rearmed = (await queues.queue.getJob(id))!;
    expect(rearmed.opts.delay).toBeLessThan(NO_SHOW_MS);
    const noShow = await waitFor('the re-armed timer to fire', () => noShowOf(ticketId), 2 * NO_SHOW_MS);
    expect(noShow.at).toBeGreaterThanOrEqual(calledAt + NO_SHOW_MS);
  });

  it('replaces a timer of the call that failed for good, which would otherwise keep its id taken', async () => {
    const { queues, liveBranches } = sys.system.parts;
    const { ticketId, calledAt } = await issueAndCall();
    const id = noShowJobId(sys.branchId, ticketId, calledAt);
    // The call's timer ended in the failed set (its retries spent while a store was down): made
    // here with a payload the worker refuses, one attempt.
    await (await queues.queue.getJob(id))!.remove();
    await queues.queue.add('no-show', { broken: true } as never, { jobId: id, attempts: 1 });
    await waitFor('the timer to fail', async () => (await (await queues.queue.getJob(id))?.isFailed()) === true);

    expect(await liveBranches.ensure(sys.branchId)).toBe('live');
    const noShow = await waitFor('the re-armed timer to fire', () => noShowOf(ticketId), 3 * NO_SHOW_MS);
    expect(noShow).toMatchObject({ reason: 'timeout' });
  });
});
