/**
 * A staff command carried with the client's command id runs once: a retry whose first answer was
 * lost (the commit landed, the reply did not) is answered with the first outcome instead of being
 * decided again, on whichever node it arrives. Against a real Redis, two stores on two connections
 * standing for two server nodes.
 */
import type { BranchEvent, BranchState, Command, DomainError } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandIdReusedError, type CommandKey } from '../src/command-receipts.js';
import { executeCommand, executeCommands, type GroupedResult } from '../src/execute.js';
import { RedisLiveStore } from '../src/redis-live-store.js';
import { issue, oneServiceBranch } from './branch-fixtures.js';
import { connectRedis, deletePrefix, randomPrefix, type TestRedisClient } from './redis-test-client.js';

const prefix = randomPrefix();
const clock = () => 1_700_000_000_000;
let admin: TestRedisClient;
const clients: TestRedisClient[] = [];
let nodeA: RedisLiveStore;
let nodeB: RedisLiveStore;
let branchNo = 0;

beforeAll(async () => {
  admin = await connectRedis();
  for (let i = 0; i < 2; i++) clients.push(await connectRedis());
  nodeA = await new RedisLiveStore(clients[0]!, { prefix }).init();
  nodeB = await new RedisLiveStore(clients[1]!, { prefix }).init();
});

afterAll(async () => {
  await nodeA.close();
  await nodeB.close();
  for (const client of clients) client.destroy();
  await deletePrefix(admin, prefix);
  admin.destroy();
});

/** A branch with s1 signed on at c1 and `waiting` tickets t1, t2, ... */
async function branchWithQueue(waiting: number): Promise<string> {
  const b = `keyed-${++branchNo}`;
  const setup: Command[] = [{ type: 'configure', config: oneServiceBranch(b, 2) }, { type: 'sign-on', staffId: 's1', counterId: 'c1' }];
  for (let i = 1; i <= waiting; i++) setup.push(issue(`t${i}`));
  await executeCommands(nodeA, b, setup, clock);
  return b;
}

/** The answer a server would keep: here just the called ticket and the last seq. */
function key(commandId: string, fingerprint = 'call-next by u1'): CommandKey {
  return {
    commandId,
    fingerprint,
    answer: ({ events }) => JSON.stringify({ called: events.find((e) => e.type === 'ticket-called')?.ticketId ?? null, seq: events.at(-1)!.seq }),
  };
}

const callNext: Command = { type: 'call-next', staffId: 's1' };
const called = (events: BranchEvent[]) => events.filter((e) => e.type === 'ticket-called').map((e) => e.ticketId);

async function one(store: RedisLiveStore, b: string, cmd: Command, k?: CommandKey, cache?: Map<string, BranchState>): Promise<GroupedResult> {
  const [result] = await executeCommands(store, b, [{ cmd, ...(k ? { key: k } : {}) }], clock, cache ? { cache } : {});
  return result!;
}

describe('keyed commands (client command ids)', () => {
  it('a call-next retried with the same id after its answer was lost calls one customer and answers the same ticket', async () => {
    const b = await branchWithQueue(2);
    const first = await one(nodeA, b, callNext, key('press-0001'));
    expect(first.ok).toBe(true);
    // The teller's customer leaves meanwhile (cancelled on the phone): the desk is free again, so
    // deciding the retry afresh would call t2.
    await executeCommand(nodeA, b, { type: 'cancel', ticketId: 't1', by: 'customer' }, clock);
    const retry = await one(nodeB, b, callNext, key('press-0001'));
    expect(retry).toEqual({ ok: 'replayed', answer: JSON.stringify({ called: 't1', seq: 5 }) });
    expect(called(await nodeA.readEvents(b, 0))).toEqual(['t1']);
    expect((await nodeA.load(b))?.tickets.t2?.status).toBe('waiting');
  });

  it('a retry gets back the follow-up note the first run made from its outcome and the state it was decided on', async () => {
    const b = await branchWithQueue(1);
    const noted: CommandKey = {
      ...key('press-0009'),
      followUp: ({ events, before }) => JSON.stringify({ seqs: events.map((e) => e.seq), wasWaiting: before.tickets.t1?.status }),
    };
    expect((await one(nodeA, b, callNext, noted)).ok).toBe(true);
    const retry = await one(nodeB, b, callNext, noted);
    expect(retry).toMatchObject({ ok: 'replayed', followUp: JSON.stringify({ seqs: [4], wasWaiting: 'waiting' }) });
  });

  it('without an id a repeated call-next is decided again (as before): here it calls a second customer', async () => {
    const b = await branchWithQueue(2);
    await one(nodeA, b, callNext);
    await executeCommand(nodeA, b, { type: 'cancel', ticketId: 't1', by: 'customer' }, clock);
    await one(nodeB, b, callNext);
    expect(called(await nodeA.readEvents(b, 0))).toEqual(['t1', 't2']);
  });

  it('a recall retried with the same id recalls once (a second recall would count towards the automatic no-show)', async () => {
    const b = await branchWithQueue(1);
    await one(nodeA, b, callNext);
    const recall: Command = { type: 'recall', ticketId: 't1', staffId: 's1' };
    await one(nodeA, b, recall, key('press-0002', 'recall t1'));
    const retry = await one(nodeB, b, recall, key('press-0002', 'recall t1'));
    expect(retry.ok).toBe('replayed');
    expect((await nodeA.load(b))?.tickets.t1?.recalls).toBe(1);
  });

  it('two copies of one press racing on two nodes commit once; both get the same answer', async () => {
    const b = await branchWithQueue(3);
    const [a, c] = await Promise.all([one(nodeA, b, callNext, key('press-0003')), one(nodeB, b, callNext, key('press-0003'))]);
    const answers = [a, c].map((r) => (r.ok === 'replayed' ? r.answer : r.ok === true ? key('x').answer(r) : 'refused'));
    expect(answers[0]).toBe(answers[1]);
    expect(called(await nodeA.readEvents(b, 0))).toEqual(['t1']);
  });

  it('a node deciding on a stale cached state still finds the receipt another node committed', async () => {
    const b = await branchWithQueue(2);
    const cache = new Map<string, BranchState>();
    await one(nodeB, b, { type: 'sign-on', staffId: 's2', counterId: 'c2' }, undefined, cache); // B caches the state
    await one(nodeA, b, callNext, key('press-0004'));
    await executeCommand(nodeA, b, { type: 'cancel', ticketId: 't1', by: 'customer' }, clock);
    expect((await one(nodeB, b, callNext, key('press-0004'), cache)).ok).toBe('replayed');
    expect(called(await nodeA.readEvents(b, 0))).toEqual(['t1']);
  });

  it('the same press twice in one group is answered from the first', async () => {
    const b = await branchWithQueue(2);
    const results = await executeCommands(nodeA, b, [{ cmd: callNext, key: key('press-0005') }, { cmd: callNext, key: key('press-0005') }], clock);
    expect(results[0]?.ok).toBe(true);
    expect(results[1]).toEqual({ ok: 'replayed', answer: expect.stringContaining('"t1"') });
  });

  it('refuses the same id with another request (COMMAND_ID_REUSED), deciding nothing', async () => {
    const b = await branchWithQueue(2);
    await one(nodeA, b, callNext, key('press-0006'));
    const seq = (await nodeA.load(b))?.seq;
    const other = await one(nodeB, b, { type: 'recall', ticketId: 't1', staffId: 's1' }, key('press-0006', 'recall t1'));
    expect(other.ok).toBe(false);
    expect((other as { error: unknown }).error).toBeInstanceOf(CommandIdReusedError);
    expect((await nodeA.load(b))?.seq).toBe(seq);
  });

  it('keeps no receipt for a refused press: its retry is decided afresh', async () => {
    const b = await branchWithQueue(0);
    const refused = await one(nodeA, b, callNext, key('press-0007'));
    expect((refused as { error: DomainError }).error.code).toBe('NO_TICKET_WAITING');
    expect(await nodeA.readReceipts(b, ['press-0007'])).toEqual(new Map());
    await executeCommand(nodeA, b, issue('t9'), clock);
    expect((await one(nodeB, b, callNext, key('press-0007'))).ok).toBe(true);
    expect(called(await nodeA.readEvents(b, 0))).toEqual(['t9']);
  });
});
