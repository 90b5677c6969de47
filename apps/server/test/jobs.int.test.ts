/**
 * Timers and scheduled jobs on the real BullMQ worker: the no-show timer armed by each call, and
 * the daily close that opens a new business day in the branch's own time zone.
 */
import type { BranchEvent } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, processDailyClose } from '../src/jobs/processors/daily-close.js';
import { HttpClient, startSignedOn, waitFor, type TestSystem } from './support.js';

// Long enough that a recall sent at half the period lands well before the first timer, even on
// a loaded 2-core machine (at 1.2 s it sometimes did not).
const NO_SHOW_MS = 0.06 * 60_000; // NO_SHOW_AFTER_MIN=0.06 -> 3.6 s

let sys: TestSystem;
let alice: HttpClient;

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({ NO_SHOW_AFTER_MIN: '0.06' }));
});
afterAll(async () => {
  await sys?.close();
});


const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', path('/commands'), { type, ...extra });
const load = async () => (await sys.system.parts.store.load(sys.branchId))!;
const events = () => sys.system.parts.store.readEvents(sys.branchId, 0, 10_000);

async function issue(serviceCode: string) {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(serviceCode) });
  expect(r.status).toBe(201);
  return { ticketId: r.body.data.ticketId as string, token: r.body.data.token as string, number: r.body.data.view.number as string };
}

/** Calls the next ticket as alice and returns the call event (its `at` keys the no-show timer). */
async function callNext(ticketId: string) {
  const r = await staff('call-next');
  expect(r.status).toBe(200);
  expect(r.body.data.called.ticketId).toBe(ticketId);
  const e = (await events()).filter((x) => x.type === 'ticket-called' && x.ticketId === ticketId).at(-1);
  return e as Extract<BranchEvent, { type: 'ticket-called' }>;
}

/** The timer job armed by the call or recall at `calledAt`, once the worker has finished it. */
async function finishedTimer(ticketId: string, calledAt: number) {
  const queue = sys.system.parts.queues.queue;
  return waitFor(`no-show job for ${ticketId}@${calledAt}`, async () => {
    const jobs = await queue.getJobs(['completed', 'failed', 'delayed', 'waiting', 'active']);
    const job = jobs.find((j) => j.name === 'no-show' && j.data.ticketId === ticketId && j.data.calledAt === calledAt);
    if (!job) return null;
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed') return null;
    // `job` may have been read while still active: read it again for its return value.
    const done = (await queue.getJob(job.id!))!;
    return { state, returnvalue: done.returnvalue as unknown, delay: done.opts.delay };
  });
}

describe('no-show timer', () => {
  it('turns a called customer who never comes into a timeout no-show', async () => {
    const { ticketId, token } = await issue('A');
    const called = await callNext(ticketId);

    await waitFor('the ticket to leave the live queue', async () => !(await load()).tickets[ticketId]);
    const noShow = (await events()).find((e) => e.type === 'ticket-no-show' && e.ticketId === ticketId);
    expect(noShow).toMatchObject({ type: 'ticket-no-show', reason: 'timeout' });
    expect(noShow).not.toHaveProperty('staffId');
    expect(noShow!.at - called.at).toBeGreaterThanOrEqual(NO_SHOW_MS);

    // The worker's job says so, and the counter is free again.
    expect(await finishedTimer(ticketId, called.at)).toMatchObject({ state: 'completed', returnvalue: 'no-show', delay: NO_SHOW_MS });
    const me = Object.values((await load()).staff).find((s) => s.counterId === sys.counter('1'))!;
    expect(me).toMatchObject({ status: 'available' });
    expect(me.ticketId).toBeUndefined();

    // PostgreSQL's ticket projection, and so the phone page, show the no-show.
    const record = await waitFor('the projection to record the no-show', async () => {
      const r = await sys.system.parts.db.tickets.byToken(token);
      return r?.status === 'no-show' ? r : null;
    });
    expect(record).toMatchObject({ ticketId, status: 'no-show' });
    expect((await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${token}`)).body.data.status).toBe('no-show');
  });

  it('leaves a ticket alone once service has started', async () => {
    const { ticketId, token } = await issue('A');
    const called = await callNext(ticketId);
    expect((await staff('start', { ticketId })).status).toBe(200);

    expect(await finishedTimer(ticketId, called.at)).toMatchObject({ state: 'completed', returnvalue: 'skipped' });
    expect((await load()).tickets[ticketId]?.status).toBe('serving');
    expect((await events()).some((e) => e.type === 'ticket-no-show' && e.ticketId === ticketId)).toBe(false);

    expect((await staff('complete', { ticketId })).status).toBe(200);
    const record = await sys.system.parts.db.tickets.byToken(token);
    expect(record?.status).toBe('done');
  });

  it('is re-armed by a recall: the no-show comes a full period after the recall', async () => {
    const { ticketId } = await issue('A');
    const called = await callNext(ticketId);
    // Recall well inside the first period.
    await waitFor('half a period to pass', async () => Date.now() >= called.at + NO_SHOW_MS / 2);
    expect((await staff('recall', { ticketId })).status).toBe(200);
    const recalled = (await events()).find((e) => e.type === 'ticket-recalled' && e.ticketId === ticketId)!;
    expect(recalled.at).toBeLessThan(called.at + NO_SHOW_MS);

    // The first call's timer fires and finds a newer call: nothing happens.
    expect(await finishedTimer(ticketId, called.at)).toMatchObject({ state: 'completed', returnvalue: 'skipped' });
    // The recall's timer makes the no-show.
    expect(await finishedTimer(ticketId, recalled.at)).toMatchObject({ state: 'completed', returnvalue: 'no-show' });
    const noShows = (await events()).filter((e) => e.type === 'ticket-no-show' && e.ticketId === ticketId);
    expect(noShows).toHaveLength(1);
    expect(noShows[0]).toMatchObject({ reason: 'timeout' });
    expect(noShows[0]!.at - recalled.at).toBeGreaterThanOrEqual(NO_SHOW_MS);
    expect((await load()).tickets[ticketId]).toBeUndefined();
  });
});

describe('localDay', () => {
  const at = (iso: string) => Date.parse(iso);

  it('turns the day at local midnight in Asia/Shanghai (UTC+8)', () => {
    expect(localDay(at('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDay(at('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    // Year and month boundaries.
    expect(localDay(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDay(at('2026-02-28T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-01');
  });

  it('follows daylight saving time in America/New_York', () => {
    // 8 March 2026: clocks spring forward; midnight is 05:00Z before, 04:00Z after.
    expect(localDay(at('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDay(at('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDay(at('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDay(at('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    // 1 November 2026: clocks fall back; midnight is 04:00Z before, 05:00Z after.
    expect(localDay(at('2026-11-01T03:59:59Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDay(at('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDay(at('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDay(at('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });

  it('uses UTC as given', () => {
    expect(localDay(at('2026-06-30T23:59:59.999Z'), 'UTC')).toBe('2026-06-30');
    expect(localDay(at('2026-07-01T00:00:00Z'), 'UTC')).toBe('2026-07-01');
  });
});

describe('daily close', () => {
  it('registers a midnight job scheduler per branch in the branch time zone', async () => {
    const branches = await sys.system.parts.db.directory.list();
    expect(branches.length).toBeGreaterThan(0);
    const schedulers = await sys.system.parts.queues.queue.getJobSchedulers();
    for (const b of branches) {
      const s = schedulers.find((x) => x.key === `daily-close:${b.id}`);
      expect(s, `scheduler for ${b.id}`).toBeDefined();
      expect(s).toMatchObject({ name: 'daily-close', pattern: '0 0 * * *', tz: b.timezone });
      expect(s!.next).toBeGreaterThan(Date.now());
      expect(s!.template?.data).toEqual({ branchId: b.id });
    }
    expect(branches.find((b) => b.id === sys.branchId)?.timezone).toBe('Asia/Shanghai');
  });

  it('cancels what is left, restarts numbering at A001, and is idempotent for the same day', async () => {
    const deps = { directory: sys.system.parts.db.directory, commands: sys.system.parts.commands };
    const left = [await issue('A'), await issue('A'), await issue('B')];
    expect(left[0]!.number).not.toBe('A001'); // earlier tests used A001..
    const today = (await load()).openDay!;
    const tomorrowAt = Date.now() + 24 * 3_600_000;
    const tomorrow = localDay(tomorrowAt, 'Asia/Shanghai');
    expect(tomorrow > today).toBe(true);

    // Closing today again (the start-up catch-up already did) changes nothing.
    const seq0 = (await load()).seq;
    expect(await processDailyClose({ branchId: sys.branchId }, Date.now(), deps)).toBe('already-open');
    expect((await load()).seq).toBe(seq0);

    expect(await processDailyClose({ branchId: sys.branchId }, tomorrowAt, deps)).toBe('closed');
    const closed = await load();
    expect(closed.openDay).toBe(tomorrow);
    expect(closed.sequences).toEqual({});
    for (const t of left) expect(closed.tickets[t.ticketId]).toBeUndefined();
    const newEvents = await sys.system.parts.store.readEvents(sys.branchId, seq0);
    expect(newEvents.map((e) => e.type)).toEqual(['ticket-cancelled', 'ticket-cancelled', 'ticket-cancelled', 'day-closed']);
    expect(newEvents.filter((e) => e.type === 'ticket-cancelled').every((e) => e.type === 'ticket-cancelled' && e.by === 'system')).toBe(true);
    expect(newEvents.at(-1)).toMatchObject({ type: 'day-closed', day: tomorrow });
    for (const t of left) expect((await sys.system.parts.db.tickets.byToken(t.token))?.status).toBe('cancelled');

    const a = await issue('A');
    const b = await issue('B');
    expect(a.number).toBe('A001');
    expect(b.number).toBe('B001');

    // A retry (or a second node's job) for the same day must not cancel the morning's tickets.
    const seq1 = (await load()).seq;
    expect(await processDailyClose({ branchId: sys.branchId }, tomorrowAt + 60_000, deps)).toBe('already-open');
    const after = await load();
    expect(after.seq).toBe(seq1);
    expect(after.tickets[a.ticketId]?.status).toBe('waiting');
    expect(after.tickets[b.ticketId]?.status).toBe('waiting');
    expect((await issue('A')).number).toBe('A002');

    expect(await processDailyClose({ branchId: 'no-such-branch' }, tomorrowAt, deps)).toBe('unknown-branch');
  });
});
