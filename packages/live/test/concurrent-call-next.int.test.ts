import { DomainError, replay, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand, type ExecuteResult } from '../src/execute.js';
import { RedisLiveStore } from '../src/redis-live-store.js';
import { issue, oneServiceBranch } from './branch-fixtures.js';
import { connectRedis, deletePrefix, randomPrefix, type TestRedisClient } from './redis-test-client.js';

/** Counts the conflicts this worker met, to prove the test really raced. */
class CountingStore extends RedisLiveStore {
  conflicts = 0;

  override async commit(...args: Parameters<RedisLiveStore['commit']>) {
    const result = await super.commit(...args);
    if (!result.ok) this.conflicts += 1;
    return result;
  }
}

const STAFF = 10;
const WAVES = 3;
const TICKETS_PER_WAVE = 50;
const BRANCH = 'race';
const prefix = randomPrefix();
const now = () => Date.now();

let admin: TestRedisClient;
const clients: TestRedisClient[] = [];
const workers: CountingStore[] = [];

beforeAll(async () => {
  admin = await connectRedis();
  // One connection per worker, so commands from different workers really interleave in Redis.
  for (let i = 0; i < STAFF; i++) {
    const client = await connectRedis();
    clients.push(client);
    workers.push(await new CountingStore(client, { prefix }).init());
  }
});

afterAll(async () => {
  await workers[0]?.deleteBranch(BRANCH);
  for (const worker of workers) await worker.close();
  for (const client of clients) client.destroy();
  await deletePrefix(admin, prefix);
  admin.destroy();
});

/** Runs `cmd` on worker `i`; NO_TICKET_WAITING (queue ran dry this round) gives null. */
let maxAttempts = 0;

async function run(i: number, cmd: Command): Promise<ExecuteResult | null> {
  try {
    const result = await executeCommand(workers[i]!, BRANCH, cmd, now);
    maxAttempts = Math.max(maxAttempts, result.attempts);
    return result;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NO_TICKET_WAITING') return null;
    throw error;
  }
}

function calledIds(events: readonly BranchEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'ticket-called' ? [e.ticketId] : []));
}

describe('concurrent call-next on one branch through Redis', () => {
  it('never hands out a ticket twice and keeps the state equal to its event history', async () => {
    await run(0, { type: 'configure', config: oneServiceBranch(BRANCH, STAFF) });
    await Promise.all(workers.map((_, i) => run(i, { type: 'sign-on', staffId: `s${i + 1}`, counterId: `c${i + 1}` })));

    const calledByReturn: string[] = [];
    let round = 0;
    for (let wave = 0; wave < WAVES; wave++) {
      // Kiosks issue concurrently too: rounds of one ticket per worker at the same instant.
      for (let t = 0; t < TICKETS_PER_WAVE; t += STAFF) {
        await Promise.all(workers.map((_, i) => run(i, issue(`w${wave}-t${t + i}`))));
      }
      for (let waiting = TICKETS_PER_WAVE; waiting > 0; round++) {
        const k = 2 + (round % (STAFF - 1)); // 2..10 staff press "call next" at the same instant
        const staff = Array.from({ length: k }, (_, j) => (round * 3 + j) % STAFF);
        const calls = await Promise.all(staff.map((i) => run(i, { type: 'call-next', staffId: `s${i + 1}` })));
        const served: Array<[number, string]> = [];
        calls.forEach((result, j) => {
          const ids = calledIds(result?.events ?? []);
          expect(ids.length).toBeLessThanOrEqual(1);
          if (ids[0] !== undefined) served.push([staff[j]!, ids[0]]);
          calledByReturn.push(...ids);
        });
        expect(served.length).toBe(Math.min(k, waiting));
        waiting -= served.length;
        await Promise.all(served.map(([i, ticketId]) => run(i, { type: 'start', staffId: `s${i + 1}`, ticketId })));
        await Promise.all(served.map(([i, ticketId]) => run(i, { type: 'complete', staffId: `s${i + 1}`, ticketId })));
      }
    }

    const total = WAVES * TICKETS_PER_WAVE;
    expect(new Set(calledByReturn).size).toBe(calledByReturn.length);
    expect(calledByReturn).toHaveLength(total);

    const stream: BranchEvent[] = await workers[0]!.readEvents(BRANCH, 0, 100_000);
    const calledInStream = calledIds(stream);
    expect(new Set(calledInStream).size).toBe(calledInStream.length);
    expect(new Set(calledInStream)).toEqual(new Set(calledByReturn));
    expect(stream.map((e) => e.seq)).toEqual(stream.map((_, i) => i + 1));

    const state = (await workers[0]!.load(BRANCH)) as BranchState;
    expect(state.seq).toBe(stream.length);
    expect(replay(BRANCH, stream)).toEqual(state);
    expect(state.tickets).toEqual({});
    for (const st of Object.values(state.staff)) {
      expect(st.status).toBe('available');
      expect(st.ticketId).toBeUndefined();
    }

    const conflicts = workers.reduce((sum, w) => sum + w.conflicts, 0);
    expect(conflicts).toBeGreaterThan(0);
    // Lock-free: a conflict means another command of the same burst committed, so a burst of
    // at most STAFF commands never needs more than STAFF attempts.
    expect(maxAttempts).toBeLessThanOrEqual(STAFF);
    console.info(`${round} rounds, ${total} tickets, ${stream.length} events, ${conflicts} conflicts retried, worst command took ${maxAttempts} attempts`);
  });
});
