/**
 * A staff button press is safe to retry. The panel sends one `commandId` per press and resends it
 * when it retries that press (its socket ack timed out, the server answered 503 while Redis
 * stalled, the socket dropped): the server keeps the outcome per (branch, command id) in the same
 * Redis commit as the events, so a retry whose first answer was lost gets the first outcome, the
 * same customer, on any node, and writes no second audit entry. Without an id (before this), the
 * retry was decided again: refused STAFF_BUSY while the first customer stood at the desk, and a
 * second customer called once the first had left (cancelled on their phone, say).
 */
import type { CommandResult } from '@tellerline/contracts';
import type { LiveStateStore } from '@tellerline/live';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noShowJobId } from '../src/jobs/processors/no-show-timer.js';
import { createLogger } from '../src/logger.js';
import { createBranchCommands } from '../src/usecases/branch-commands.js';
import { runStaffCommand, type StaffIdentity } from '../src/usecases/staff-actions.js';
import type { RedisLiveStore } from '@tellerline/live';
import { HttpClient, kioskTicket, openSocket, startSignedOn, type ClientSocket, type TestSystem } from './support.js';
import { startSecondNode, type SecondNode } from './two-nodes.js';

const ORIGIN = 'http://allowed.test';
let sys: TestSystem;
let second: SecondNode;
let alice: HttpClient;
let aliceOnSecond: ClientSocket;
let aliceWho: StaffIdentity;
let bob: HttpClient;
let manager: HttpClient;
let presses = 0;
const commands = () => `/api/v1/branches/${sys.branchId}/commands`;
const pressId = () => `press-${Date.now().toString(36)}-${++presses}`;

beforeAll(async () => {
  ({ sys, client: alice } = await startSignedOn({}, 'alice', '1'));
  second = await startSecondNode(sys);
  const me = (await alice.req('GET', '/api/v1/auth/me')).body.data as { userId: string; role: string; staffId: string };
  aliceWho = { userId: me.userId, role: me.role, branchId: sys.branchId, staffId: me.staffId };
  aliceOnSecond = await openSocket(second.url, { cookie: alice.cookie!, origin: ORIGIN });
  bob = new HttpClient(sys.url);
  await bob.login('bob');
  manager = new HttpClient(sys.url);
  await manager.login('manager');
}, 60_000);

afterAll(async () => {
  aliceOnSecond?.close();
  await second?.close();
  await sys?.close();
});

async function press(client: HttpClient, body: Record<string, unknown>): Promise<{ status: number; body: { data?: CommandResult; error?: { code: string } } }> {
  return client.req('POST', commands(), body);
}

/** The same press over alice's socket on the second node. */
async function pressOnSecond(body: Record<string, unknown>): Promise<{ data?: CommandResult; error?: { code: string } }> {
  const emit = aliceOnSecond.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ data?: CommandResult; error?: { code: string } }> };
  return emit.emitWithAck('staff:command', body);
}

/** A press committed through the use case whose answer never reached the panel (dropped here). */
async function pressLost(body: Parameters<typeof runStaffCommand>[3]): Promise<void> {
  await runStaffCommand(sys.system.parts.commands, aliceWho, sys.branchId, body, { userId: aliceWho.userId, role: aliceWho.role, ip: null, userAgent: null }, () => Date.now());
}

/** The store with Redis's reply to a commit lost (a stall, a dropped connection): the commit lands, the caller gets an error. */
function replyLost(store: LiveStateStore): LiveStateStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'commit') {
        return async (...args: Parameters<LiveStateStore['commit']>) => {
          const result = await target.commit(...args);
          if (result.ok) throw new Error('Socket closed unexpectedly');
          return result;
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A press through the real command flow (a node of its own on the system's Redis and database)
 * whose commit lands but whose reply from Redis is lost: it fails like the 503 a stall gives, and
 * records, times and audits nothing (`done` says so).
 */
async function pressWithReplyLost(body: Parameters<typeof runStaffCommand>[3]): Promise<{ done: string[] }> {
  const done: string[] = [];
  const { parts } = sys.system;
  const lossy = createBranchCommands({
    store: replyLost(parts.store),
    eventLog: { ...parts.db.eventLog, append: async (events) => void done.push(`append ${events.length}`) },
    timers: { scheduleNoShow: async () => void done.push('no-show timer'), rearmNoShow: async () => void done.push('no-show timer') },
    audit: { append: async (e) => void done.push(`audit ${e.action}`) },
    metrics: parts.metrics,
    clock: { now: () => Date.now() },
    logger: createLogger('silent'),
  });
  const actor = { userId: aliceWho.userId, role: aliceWho.role, ip: null, userAgent: null };
  await expect(runStaffCommand(lossy, aliceWho, sys.branchId, body, actor, () => Date.now())).rejects.toThrow('Socket closed');
  return { done };
}

async function calledIn(fromSeq: number): Promise<string[]> {
  const events = await sys.system.parts.store.readEvents(sys.branchId, fromSeq);
  return events.filter((e) => e.type === 'ticket-called').map((e) => (e as { ticketId: string }).ticketId);
}

async function seqNow(): Promise<number> {
  return (await sys.system.parts.store.load(sys.branchId))!.seq;
}

async function auditOf(ticketId: string, action: string): Promise<unknown[]> {
  const r = await manager.req('GET', `/api/v1/branches/${sys.branchId}/audit?limit=200`);
  expect(r.status).toBe(200);
  return (r.body.data as { action: string; ticketId: string | null }[]).filter((e) => e.ticketId === ticketId && e.action === action);
}

// Each test starts from an empty queue with alice free: whatever is left is cancelled (unaudited).
beforeEach(async () => {
  for (const ticket of Object.values((await sys.system.parts.store.load(sys.branchId))!.tickets)) {
    await sys.system.parts.commands.run(sys.branchId, { type: 'cancel', ticketId: ticket.id, by: 'customer' }, null);
  }
});

/** Leaves alice free for the next test. */
async function finish(ticketId: string): Promise<void> {
  await press(alice, { type: 'start', ticketId });
  expect((await press(alice, { type: 'complete', ticketId })).status).toBe(200);
}

describe('a staff press retried with its commandId', () => {
  it('call-next twice over HTTP: one customer called, the same ticket answered both times, one audit entry', async () => {
    const first = await kioskTicket(sys, 'A');
    await kioskTicket(sys, 'A');
    const from = await seqNow();
    const id = pressId();
    const a = await press(alice, { type: 'call-next', commandId: id });
    const b = await press(alice, { type: 'call-next', commandId: id });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body.data).toEqual(a.body.data);
    expect(a.body.data?.called?.ticketId).toBe(first.ticketId);
    expect(await calledIn(from)).toEqual([first.ticketId]);
    expect(await auditOf(first.ticketId, 'call-next')).toHaveLength(1);
    await finish(first.ticketId);
  });

  it('a call-next committed whose answer was lost: the retry on the other node answers that customer, even after they left, and calls nobody else', async () => {
    const first = await kioskTicket(sys, 'A');
    const next = await kioskTicket(sys, 'A');
    const from = await seqNow();
    const id = pressId();
    await pressLost({ type: 'call-next', commandId: id });
    // The first customer cancels on their phone: the desk is free, so deciding again would call the next.
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${first.token}/cancel`)).status).toBe(200);
    const retry = await pressOnSecond({ type: 'call-next', commandId: id });
    expect(retry.error).toBeUndefined();
    expect(retry.data?.called).toMatchObject({ ticketId: first.ticketId, number: first.number });
    expect(await calledIn(from)).toEqual([first.ticketId]);
    expect(await auditOf(first.ticketId, 'call-next')).toHaveLength(1);
    // A new press (a new id) is a new decision.
    const fresh = await pressOnSecond({ type: 'call-next', commandId: pressId() });
    expect(fresh.data?.called?.ticketId).toBe(next.ticketId);
    await finish(next.ticketId);
  });

  it('a call-next whose commit landed but whose reply from Redis was lost: the retry records its events, arms its no-show timer and audits it once, as the teller who retried', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const from = await seqNow();
    const id = pressId();
    const lost = await pressWithReplyLost({ type: 'call-next', commandId: id });
    expect(lost.done).toEqual([]);
    const seq = await seqNow();
    expect(seq).toBeGreaterThan(from);
    const calledAt = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticket.ticketId]!.calledAt!;
    const eventLog = sys.system.parts.db.eventLog;
    expect(await eventLog.missingSeqs(sys.branchId, seq)).not.toEqual([]);

    const retry = await press(alice, { type: 'call-next', commandId: id });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.data?.called?.ticketId).toBe(ticket.ticketId);
    expect(await eventLog.missingSeqs(sys.branchId, seq)).toEqual([]);
    expect(await eventLog.lastSeq(sys.branchId)).toBeGreaterThanOrEqual(seq);
    const timer = await sys.system.parts.queues.queue.getJob(noShowJobId(sys.branchId, ticket.ticketId, calledAt));
    expect(timer?.data).toEqual({ branchId: sys.branchId, ticketId: ticket.ticketId, calledAt });
    const entries = await auditOf(ticket.ticketId, 'call-next');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: aliceWho.userId, details: { seq: [seq], completedOnRetry: expect.any(Number) } });

    // Retried again, here and on the other node: still one entry.
    expect((await press(alice, { type: 'call-next', commandId: id })).body.data).toEqual(retry.body.data);
    expect((await pressOnSecond({ type: 'call-next', commandId: id })).data).toEqual(retry.body.data);
    expect(await auditOf(ticket.ticketId, 'call-next')).toHaveLength(1);
    await finish(ticket.ticketId);
  });

  it('a recall whose reply was lost and whose customer came to the desk meanwhile: the retry audits it but arms no timer for a call already answered', async () => {
    const ticket = await kioskTicket(sys, 'A');
    expect((await press(alice, { type: 'call-next' })).body.data?.called?.ticketId).toBe(ticket.ticketId);
    const id = pressId();
    await pressWithReplyLost({ type: 'recall', ticketId: ticket.ticketId, commandId: id });
    const recalledAt = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticket.ticketId]!.lastCalledAt!;
    expect((await press(alice, { type: 'start', ticketId: ticket.ticketId })).status).toBe(200);
    const retry = await press(alice, { type: 'recall', ticketId: ticket.ticketId, commandId: id });
    // Leaves alice free first (a serving ticket is not cancelled before the next test).
    expect((await press(alice, { type: 'complete', ticketId: ticket.ticketId })).status).toBe(200);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(await sys.system.parts.queues.queue.getJob(noShowJobId(sys.branchId, ticket.ticketId, recalledAt))).toBeUndefined();
    expect(await auditOf(ticket.ticketId, 'recall')).toHaveLength(1);
  });

  it.each(['recall', 'start', 'no-show'] as const)('%s retried after a lost answer is done once and answered as the first time', async (type) => {
    const ticket = await kioskTicket(sys, 'A');
    expect((await press(alice, { type: 'call-next' })).body.data?.called?.ticketId).toBe(ticket.ticketId);
    const id = pressId();
    const from = await seqNow();
    await pressLost({ type, ticketId: ticket.ticketId, commandId: id });
    const retry = await press(alice, { type, ticketId: ticket.ticketId, commandId: id });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.data?.events).toEqual((await sys.system.parts.store.readEvents(sys.branchId, from)).map((e) => ({ seq: e.seq, type: e.type })));
    expect(retry.body.data?.events).toHaveLength(1);
    expect(await auditOf(ticket.ticketId, type)).toHaveLength(1);
    if (type === 'recall') expect((await sys.system.parts.store.load(sys.branchId))?.tickets[ticket.ticketId]?.recalls).toBe(1);
    if (type !== 'no-show') await finish(ticket.ticketId);
  });

  it.each(['complete', 'transfer'] as const)('%s retried after a lost answer is answered as the first time, not refused', async (type) => {
    const ticket = await kioskTicket(sys, 'A');
    await press(alice, { type: 'call-next' });
    await press(alice, { type: 'start', ticketId: ticket.ticketId });
    const id = pressId();
    const body = type === 'complete' ? { type, ticketId: ticket.ticketId, commandId: id } : { type, ticketId: ticket.ticketId, toServiceId: sys.service('B'), commandId: id };
    await pressLost(body);
    const retry = await pressOnSecond(body);
    expect(retry.error).toBeUndefined();
    expect(retry.data?.events.map((e) => e.type)).toEqual([type === 'complete' ? 'ticket-completed' : 'ticket-transferred']);
    expect(await auditOf(ticket.ticketId, type)).toHaveLength(1);
  });

  it('issue-ticket retried answers the ticket (number and phone-page token) the first press issued, and issues no second', async () => {
    const id = pressId();
    const body = { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'priority', reason: 'elderly', commandId: id };
    const a = await press(bob, body);
    const b = await press(bob, body);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.body.data?.issued).toEqual(a.body.data?.issued);
    const tickets = Object.values((await sys.system.parts.store.load(sys.branchId))!.tickets).filter((t) => t.status === 'waiting');
    expect(tickets.map((t) => t.id)).toEqual([a.body.data!.issued!.ticketId]);
    expect(await auditOf(a.body.data!.issued!.ticketId, 'issue')).toHaveLength(1);
  });

  it('refuses the same id with another command, or from another user, with COMMAND_ID_REUSED and does nothing', async () => {
    const id = pressId();
    const issued = await press(bob, { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'normal', commandId: id });
    expect(issued.status).toBe(200);
    const before = await seqNow();
    const other = await press(bob, { type: 'issue-ticket', serviceId: sys.service('B'), priority: 'normal', commandId: id });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'COMMAND_ID_REUSED' } } });
    const someoneElse = await pressOnSecond({ type: 'issue-ticket', serviceId: sys.service('A'), priority: 'normal', commandId: id });
    expect(someoneElse.error?.code).toBe('COMMAND_ID_REUSED');
    expect(await seqNow()).toBe(before);
  });

  it('refuses a malformed commandId (VALIDATION_FAILED)', async () => {
    for (const commandId of ['short', 'x'.repeat(65), 'has space 123', 42]) {
      expect((await press(alice, { type: 'call-next', commandId })).body.error?.code).toBe('VALIDATION_FAILED');
    }
  });
});

/**
 * The panel may never retry a press whose reply was lost (it was closed, the teller moved on): the
 * commit recorded the press as owed, and a sweep (every node, every few seconds) finishes it from
 * the commit's note alone. Before, such a press stayed unaudited and without its no-show timer.
 */
describe('a staff press nobody retried', () => {
  const sweep = (commands = sys.system.parts.commands) => commands.finishPending({ olderThanMs: 0 });
  const swept = (finished: { branchId: string; commandId: string }[], id: string) => finished.filter((f) => f.branchId === sys.branchId && f.commandId === id);

  it('a call-next whose reply was lost, never retried, even after its receipt expired: the sweep records its events, arms its no-show timer and audits it once, as the teller who pressed', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const id = pressId();
    expect((await pressWithReplyLost({ type: 'call-next', commandId: id })).done).toEqual([]);
    const seq = await seqNow();
    const calledAt = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticket.ticketId]!.calledAt!;
    const eventLog = sys.system.parts.db.eventLog;
    expect(await eventLog.missingSeqs(sys.branchId, seq)).not.toEqual([]);
    // The receipt is kept 15 minutes; the sweep must not need it.
    await sys.system.parts.redis.del((sys.system.parts.store as RedisLiveStore).receiptKey(sys.branchId, id));

    expect(swept(await sweep(), id)).toHaveLength(1);
    expect(await eventLog.missingSeqs(sys.branchId, seq)).toEqual([]);
    const timer = await sys.system.parts.queues.queue.getJob(noShowJobId(sys.branchId, ticket.ticketId, calledAt));
    expect(timer?.data).toEqual({ branchId: sys.branchId, ticketId: ticket.ticketId, calledAt });
    const entries = await auditOf(ticket.ticketId, 'call-next');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: aliceWho.userId, details: { seq: [seq], completedLater: expect.any(Number) } });

    // Finished: a later sweep leaves it alone.
    expect(swept(await sweep(), id)).toEqual([]);
    expect(await auditOf(ticket.ticketId, 'call-next')).toHaveLength(1);
    await finish(ticket.ticketId);
  });

  it('a press that finished normally is not swept again: one audit entry, written by its own run', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const id = pressId();
    expect((await press(alice, { type: 'call-next', commandId: id })).body.data?.called?.ticketId).toBe(ticket.ticketId);
    await sys.system.parts.commands.settled();
    expect(swept([...(await sweep()), ...(await sweep(second.system.parts.commands))], id)).toEqual([]);
    const entries = await auditOf(ticket.ticketId, 'call-next');
    expect(entries).toHaveLength(1);
    expect((entries[0] as { details: Record<string, unknown> }).details).not.toHaveProperty('completedLater');
    await finish(ticket.ticketId);
  });

  it('a press retried after its reply was lost is finished by the retry and not swept again', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const id = pressId();
    await pressWithReplyLost({ type: 'call-next', commandId: id });
    expect((await press(alice, { type: 'call-next', commandId: id })).status).toBe(200);
    await sys.system.parts.commands.settled();
    expect(swept(await sweep(), id)).toEqual([]);
    expect(await auditOf(ticket.ticketId, 'call-next')).toHaveLength(1);
    await finish(ticket.ticketId);
  });

  it('two nodes sweeping at once finish a lost press once', async () => {
    const ticket = await kioskTicket(sys, 'A');
    const id = pressId();
    await pressWithReplyLost({ type: 'call-next', commandId: id });
    const calledAt = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticket.ticketId]!.calledAt!;
    const [here, there] = await Promise.all([sweep(), sweep(second.system.parts.commands)]);
    expect([...swept(here, id), ...swept(there, id)]).toHaveLength(1);
    expect(await auditOf(ticket.ticketId, 'call-next')).toHaveLength(1);
    expect(await sys.system.parts.queues.queue.getJob(noShowJobId(sys.branchId, ticket.ticketId, calledAt))).toBeDefined();
    await finish(ticket.ticketId);
  });
});
