/**
 * The notifier's decisions over the in-memory live store: which notice jobs a stream of branch
 * events produces, with which deterministic ids, and that none is produced twice.
 */
import { DEFAULT_ROUTING, type Command } from '@tellerline/engine';
import { executeCommand, MemoryLiveStore } from '@tellerline/live';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { noticeJobId, surveyInviteJobId, type NoticeChannelName, type NoticeJob, type SurveyInviteJob } from '../src/jobs/job-names.js';
import { startNotifier, type Notifier } from '../src/notifications/notifier.js';
import type { NoticeStore, NoticeTarget } from '../src/notifications/ports.js';
import { createMemoryNearBaselines, type NearBaselines } from '../src/notifications/near-baselines.js';

const B = 'b1';
let t = Date.UTC(2026, 0, 5, 1, 0);
const clock = { now: () => t };

function setup() {
  const store = new MemoryLiveStore();
  const targets = new Map<string, NoticeTarget[]>();
  const jobs: { id: string; channel: NoticeChannelName; data: NoticeJob }[] = [];
  const invites: { id: string; data: SurveyInviteJob; delayMs: number }[] = [];
  const listeners: ((b: string, id: string) => void)[] = [];
  const notices = {
    targets: async (tickets: readonly { ticketId: string }[]) => new Map(tickets.filter((x) => targets.has(x.ticketId)).map((x) => [x.ticketId, targets.get(x.ticketId)!])),
  } as unknown as NoticeStore;
  const queue = {
    add: async (list: readonly { channel: NoticeChannelName; data: NoticeJob }[]) => {
      for (const j of list) jobs.push({ id: noticeJobId(j.channel, j.data), ...j });
    },
    addSurveyInvites: async (list: readonly { data: SurveyInviteJob; delayMs: number }[]) => {
      for (const j of list) invites.push({ id: surveyInviteJobId(j.data.ticketId), ...j });
    },
  };
  const signal = {
    publish: async () => undefined,
    subscribe: async (fn: (b: string, id: string) => void) => {
      listeners.push(fn);
      return async () => undefined;
    },
  };
  // Shared by every notifier this setup starts, as Redis is across a restart.
  const stored = createMemoryNearBaselines();
  /** How many of the next baseline reads fail (Redis unreachable a moment). */
  let readFailures = 0;
  // Not an async wrapper: an extra await here would move where the notifier's first look falls
  // against the events a test sends right after a sign-up.
  const baselines: NearBaselines = {
    ...stored,
    read: (ids) => (readFailures > 0 ? (readFailures--, Promise.reject(new Error('baselines unreachable'))) : stored.read(ids)),
  };
  const run = (cmd: Command) => executeCommand(store, B, cmd, () => (t += 1000));
  /** Targets of a ticket stored, and (unless `signal` is false, a lost pub/sub message) signalled. */
  const watch = (ticketId: string, list: Partial<NoticeTarget>[], signal = true) => {
    targets.set(ticketId, list.map((x, i) => ({ key: `push:${ticketId}-${i}`, channel: 'push', lang: 'zh', aheadThreshold: null, onCalled: true, ...x })));
    if (signal) for (const fn of listeners) fn(B, ticketId);
  };
  const failBaselineReads = (n: number) => void (readFailures = n);
  const baselineReadsFailing = () => readFailures;
  return { store, jobs, invites, run, watch, failBaselineReads, baselineReadsFailing, start: (invites: { surveyInviteAfterMs?: number } = { surveyInviteAfterMs: 600_000 }) =>
      startNotifier({ store, notices, queue, signal, baselines, clock, logger: pino({ level: 'silent' }), blockMs: 50, nearEveryMs: 0, resyncEveryMs: 60_000, ...invites }),
  };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const settle = () => new Promise((r) => setTimeout(r, 200));

let notifier: Notifier | null = null;
afterEach(async () => {
  await notifier?.stop();
  notifier = null;
});

async function branch(s: ReturnType<typeof setup>) {
  await s.run({
    type: 'configure',
    config: {
      branchId: B,
      services: [{ id: 'sA', code: 'A', name: { zh: '个人业务', en: 'Personal' }, targetMin: 10, defaultDurationMin: 5 }],
      counters: [{ id: 'c1', label: '7' }],
      staff: [{ id: 'u1', skills: { sA: 1 } }],
      routing: DEFAULT_ROUTING,
    },
  });
  await s.run({ type: 'sign-on', staffId: 'u1', counterId: 'c1' });
  for (let i = 1; i <= 5; i++) await s.run({ type: 'issue', ticketId: `t${i}`, token: `token-${i}-xxxxxxxxxxxx`, serviceId: 'sA', kind: 'walk-in', priority: 'normal' });
}

/** t3 signs up for "near" at 3 while 2 are ahead (within it already); then the notifier stops. */
async function signedUpNearThenStopped(): Promise<ReturnType<typeof setup>> {
  const s = setup();
  await branch(s);
  notifier = s.start();
  await settle();
  s.watch('t3', [{ aheadThreshold: 3, onCalled: false }]);
  await settle();
  await notifier.stop();
  return s;
}

async function serveNext(s: ReturnType<typeof setup>, ticketId: string) {
  await s.run({ type: 'call-next', staffId: 'u1' });
  await s.run({ type: 'start', staffId: 'u1', ticketId });
  await s.run({ type: 'complete', staffId: 'u1', ticketId });
}

describe('notifier', () => {
  it('enqueues one call notice per channel with the call seq in its id, and recalls separately', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    s.watch('t1', [{ channel: 'push' }, { channel: 'push', key: 'push:other' }, { channel: 'sms', onCalled: true }, { channel: 'email', onCalled: false, aheadThreshold: 0 }]);
    await settle();
    await settle();
    expect(s.jobs).toEqual([]); // t1 is first in line already: no "near" notice on signing up
    const { events } = await s.run({ type: 'call-next', staffId: 'u1' });
    const call = events.find((e) => e.type === 'ticket-called')!;
    await until(() => s.jobs.length === 2);
    expect(s.jobs.map((j) => j.id).sort()).toEqual([`push/t1/called/${call.seq}`, `sms/t1/called/${call.seq}`]);
    expect(s.jobs[0]!.data).toMatchObject({ branchId: B, ticketId: 't1', token: 'token-1-xxxxxxxxxxxx', number: 'A001', counter: '7', notice: 'called', service: { zh: '个人业务', en: 'Personal' }, at: call.at });
    const { events: again } = await s.run({ type: 'recall', staffId: 'u1', ticketId: 't1' });
    await until(() => s.jobs.length === 4);
    expect(s.jobs.slice(2).map((j) => j.id).sort()).toEqual([`push/t1/recalled/${again[0]!.seq}`, `sms/t1/recalled/${again[0]!.seq}`]);
  });

  it('tells "near" once per channel and threshold, the first time ahead <= N', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    s.watch('t5', [{ aheadThreshold: 2, onCalled: false }, { aheadThreshold: 3, onCalled: false, key: 'push:b' }, { channel: 'email', aheadThreshold: 2, onCalled: false }]);
    await settle();
    expect(s.jobs).toEqual([]); // 4 ahead
    await serveNext(s, 't1'); // 3 ahead
    await until(() => s.jobs.length === 1);
    expect(s.jobs[0]).toMatchObject({ id: 'push/t5/near/3', data: { notice: 'near', ahead: 3, threshold: 3 } });
    await serveNext(s, 't2'); // 2 ahead
    await until(() => s.jobs.length === 3);
    expect(s.jobs.slice(1).map((j) => j.id).sort()).toEqual(['email/t5/near/2', 'push/t5/near/2']);
    await serveNext(s, 't3');
    await serveNext(s, 't4');
    await settle();
    expect(s.jobs).toHaveLength(3);
  });

  it('tells nobody "near" at issue or sign-up, only once the place has moved up since', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    // Signed up with 1 ahead (threshold 3): already within it, so nothing now.
    s.watch('t2', [{ aheadThreshold: 3, onCalled: false }]);
    // Issued with a kiosk contact and nobody ahead of it in its own queue: nothing at issue.
    s.watch('t9', [{ channel: 'sms', aheadThreshold: 3, onCalled: true }], false);
    await s.run({ type: 'issue', ticketId: 't9', token: 'token-9-xxxxxxxxxxxx', serviceId: 'sA', kind: 'walk-in', priority: 'vip', customerId: 'cust-9' });
    await settle();
    expect(s.jobs).toEqual([]);
    // The VIP is called first; then t1: t2 moves from 1 ahead to 0, and is told.
    const { events } = await s.run({ type: 'call-next', staffId: 'u1' });
    expect(events.find((e) => e.type === 'ticket-called')).toMatchObject({ ticketId: 't9' });
    await until(() => s.jobs.some((j) => j.id.startsWith('sms/t9/called/')));
    expect(s.jobs.filter((j) => j.data.notice === 'near')).toEqual([]);
    await s.run({ type: 'start', staffId: 'u1', ticketId: 't9' });
    await s.run({ type: 'complete', staffId: 'u1', ticketId: 't9' });
    await serveNext(s, 't1');
    await until(() => s.jobs.some((j) => j.id === 'push/t2/near/3'));
    expect(s.jobs.filter((j) => j.data.notice === 'near').map((j) => [j.id, j.data.ahead])).toEqual([['push/t2/near/3', 0]]);
  });

  it('a restarted notifier enqueues the same ids again (BullMQ keeps one), nothing new', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    s.watch('t2', [{ aheadThreshold: 1, onCalled: false }]);
    await serveNext(s, 't1');
    await until(() => s.jobs.length === 1);
    await notifier.stop();
    notifier = s.start(); // forgets what it sent; starts from the current state
    await settle();
    s.watch('t2', [{ aheadThreshold: 1, onCalled: false }]);
    await until(() => s.jobs.length === 2);
    expect(s.jobs.map((j) => j.id)).toEqual(['push/t2/near/1', 'push/t2/near/1']);
  });

  it('a restarted notifier keeps where a target stood at sign-up: no "near" until the place moves, then one', async () => {
    const s = await signedUpNearThenStopped();
    notifier = s.start(); // loads the targets from the store at its first look, without a signal
    await settle();
    await settle();
    expect(s.jobs).toEqual([]);
    await serveNext(s, 't1'); // 1 ahead: moved up since sign-up
    await until(() => s.jobs.length === 1);
    expect(s.jobs[0]).toMatchObject({ id: 'push/t3/near/3', data: { ahead: 1 } });
  });

  it('a restarted notifier that cannot read the baselines tells nobody "near" until a later load reads them', async () => {
    const s = await signedUpNearThenStopped();
    s.failBaselineReads(1);
    notifier = s.start(); // its first look loads the targets, but the baselines read fails
    await until(() => s.baselineReadsFailing() === 0);
    await settle();
    // Another ticket issued behind it runs the branch's near check: still nothing for t3.
    await s.run({ type: 'issue', ticketId: 't6', token: 'token-6-xxxxxxxxxxxx', serviceId: 'sA', kind: 'walk-in', priority: 'normal' });
    await settle();
    expect(s.jobs).toEqual([]);
    await notifier.resync(); // the periodic resync reads them: 2 ahead is where it stood, nothing yet
    await settle();
    expect(s.jobs).toEqual([]);
    await serveNext(s, 't1'); // 1 ahead: moved up since sign-up
    await until(() => s.jobs.length === 1);
    expect(s.jobs[0]).toMatchObject({ id: 'push/t3/near/3', data: { ahead: 1 } });
    await settle();
    expect(s.jobs).toHaveLength(1);
  });

  it('forgets a finished ticket, and watches a ticket subscribed before it saw it issued', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    s.watch('t9', [{ onCalled: true }]); // not issued yet
    await s.run({ type: 'issue', ticketId: 't9', token: 'token-9-xxxxxxxxxxxx', serviceId: 'sA', kind: 'walk-in', priority: 'vip' });
    await settle();
    const { events } = await s.run({ type: 'call-next', staffId: 'u1' }); // the VIP goes first
    expect(events.find((e) => e.type === 'ticket-called')).toMatchObject({ ticketId: 't9' });
    await until(() => s.jobs.some((j) => j.id.startsWith('push/t9/called/')));
    s.watch('t2', [{ onCalled: true }]);
    await settle();
    await s.run({ type: 'cancel', ticketId: 't2', by: 'customer' });
    await s.run({ type: 'start', staffId: 'u1', ticketId: 't9' });
    await s.run({ type: 'complete', staffId: 'u1', ticketId: 't9' });
    await s.run({ type: 'call-next', staffId: 'u1' });
    await settle();
    expect(s.jobs.filter((j) => j.data.ticketId === 't2')).toEqual([]);
  });

  it('invites a customer who asked for any notice to the survey once the visit is completed, due a fixed time after it; not after a no-show or a cancel, nor without notices', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start();
    await settle();
    s.watch('t1', [{ channel: 'sms', onCalled: false, aheadThreshold: 2 }]); // asked for "near" only: still asked to hear from us
    s.watch('t2', [{ channel: 'push' }]);
    s.watch('t3', [{ channel: 'email' }]);
    await settle();
    const { events } = await s.run({ type: 'call-next', staffId: 'u1' });
    await s.run({ type: 'start', staffId: 'u1', ticketId: 't1' });
    const { events: done } = await s.run({ type: 'complete', staffId: 'u1', ticketId: 't1' });
    expect(events[0]).toMatchObject({ type: 'ticket-called', ticketId: 't1' });
    await until(() => s.invites.length === 1);
    const completedAt = done.find((e) => e.type === 'ticket-completed')!.at;
    expect(s.invites[0]).toMatchObject({ id: 'survey-invite/t1', data: { branchId: B, ticketId: 't1', customerId: null, token: 'token-1-xxxxxxxxxxxx', doneAt: completedAt } });
    expect(s.invites[0]!.delayMs).toBe(completedAt + 600_000 - t);
    // t2 is called and missed, t3 cancelled, t4 served without notices: no invitation.
    await s.run({ type: 'call-next', staffId: 'u1' });
    await s.run({ type: 'no-show', ticketId: 't2', reason: 'staff', staffId: 'u1' });
    await s.run({ type: 'cancel', ticketId: 't3', by: 'customer' });
    await serveNext(s, 't4');
    await settle();
    expect(s.invites.map((i) => i.id)).toEqual(['survey-invite/t1']);
    // A sign-up the notifier never heard of (its signal lost) is still found when the visit ends.
    s.watch('t5', [{ channel: 'email', onCalled: false, aheadThreshold: 1 }], false);
    await serveNext(s, 't5');
    await until(() => s.invites.length === 2);
    expect(s.invites[1]).toMatchObject({ id: 'survey-invite/t5', data: { ticketId: 't5', token: 'token-5-xxxxxxxxxxxx' } });
  });

  it('invites nobody when invitations are switched off (SURVEY_INVITES=false)', async () => {
    const s = setup();
    await branch(s);
    notifier = s.start({});
    await settle();
    s.watch('t1', [{ channel: 'push' }]);
    await settle();
    await serveNext(s, 't1');
    await until(() => s.jobs.some((j) => j.id.includes('/called/')));
    await settle();
    expect(s.invites).toEqual([]);
  });
});
