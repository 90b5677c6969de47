/**
 * Raw commit throughput of RedisLiveStore (no engine): how many compare-and-set commits per
 * second one process gets for a single branch (each commit waits for the previous one, since it
 * needs the new version) and for many branches committing at once on one connection. Then the
 * same through `executeCommand` (load + engine apply + commit): staff pausing and resuming on a
 * branch with 50 waiting tickets, which keeps the state size constant.
 *
 *   npx tsx packages/live/bench/commit.bench.ts [seconds=3] [redisUrl=redis://127.0.0.1:6379]
 *
 * Works under a random key prefix and deletes it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_ROUTING, type BranchEvent, type BranchState, type Command, type Ticket } from '@tellerline/engine';
import { createClient } from 'redis';
import { executeCommand } from '../src/execute.js';
import { createRedisLiveStore, type RedisLiveStore } from '../src/redis-live-store.js';

const seconds = Number(process.argv[2] ?? 3);
const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379';
const prefix = `tl:bench:${randomBytes(4).toString('hex')}:`;

/** A busy branch: 3 services, 10 counters and staff, `tickets` active tickets. */
function branchState(branchId: string, seq: number, tickets: number): BranchState {
  const services = ['loans', 'cards', 'cash'];
  const state: BranchState = {
    branchId,
    seq,
    services: {},
    counters: {},
    staff: {},
    tickets: {},
    sequences: {},
    stats: {},
    routing: { priorityBoost: { normal: 0, priority: 0.5, vip: 1 }, appointmentEarlyMin: 30, appointmentLateMin: 10, maxRecalls: 2, etaWindow: 20 },
  };
  services.forEach((id, i) => {
    const code = String.fromCharCode(65 + i);
    state.services[id] = { id, code, name: { zh: `业务${code}`, en: id }, targetMin: 10, defaultDurationMin: 8 };
    state.stats[id] = { recentServiceSec: Array.from({ length: 20 }, (_, k) => 240 + k * 7) };
    state.sequences[code] = tickets;
  });
  for (let i = 1; i <= 10; i++) {
    state.counters[`c${i}`] = { id: `c${i}`, label: String(i) };
    state.staff[`s${i}`] = { id: `s${i}`, skills: { loans: 1, cards: 0.8, cash: 0.6 }, status: 'available', counterId: `c${i}` };
  }
  for (let i = 0; i < tickets; i++) {
    const t: Ticket = {
      id: `t-${i}-${randomBytes(6).toString('hex')}`,
      token: randomBytes(16).toString('base64url'),
      number: `A${String(i).padStart(3, '0')}`,
      serviceId: services[i % 3]!,
      kind: 'walk-in',
      priority: 'normal',
      status: 'waiting',
      joinedAt: 1_700_000_000_000 + i * 1000,
      issuedAt: 1_700_000_000_000 + i * 1000,
      recalls: 0,
      transfers: 0,
    };
    state.tickets[t.id] = t;
  }
  return state;
}

function event(branchId: string, seq: number): BranchEvent {
  return {
    type: 'ticket-called',
    ticketId: `t-${seq}`,
    staffId: 's1',
    counterId: 'c1',
    reason: { text: 'waited 14 min, target 10; your skill: loans 1.0', waitedMin: 14, targetMin: 10, proficiency: 1, score: 1.4, rule: 'urgency' },
    seq,
    branchId,
    at: Date.now(),
  };
}

/** One chain of commits per branch, all branches concurrently, for `seconds`. */
async function run(store: RedisLiveStore, label: string, branches: number, tickets: number): Promise<void> {
  const ids = Array.from({ length: branches }, (_, i) => `${label}-${i}`);
  const templates = new Map(ids.map((id) => [id, branchState(id, 0, tickets)]));
  const stateBytes = JSON.stringify(templates.get(ids[0]!)).length;
  let commits = 0;
  let conflicts = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      const state = templates.get(id)!;
      let seq = 0;
      while (performance.now() < deadline) {
        state.seq = seq + 1;
        const result = await store.commit(id, seq, state, [event(id, seq + 1)]);
        if (result.ok) {
          seq += 1;
          commits += 1;
        } else {
          conflicts += 1;
          if (result.reason === 'conflict') seq = result.currentSeq;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(28)} branches=${String(branches).padStart(3)} state=${String(stateBytes).padStart(6)} B  ` +
      `${Math.round(commits / elapsed).toLocaleString('en').padStart(7)} commits/s  (${commits} in ${elapsed.toFixed(1)} s, ${conflicts} conflicts)`,
  );
  for (const id of ids) await store.deleteBranch(id);
}

/** executeCommand throughput: one pause/resume loop per branch (10 staff, 50 waiting tickets). */
async function runExecute(store: RedisLiveStore, label: string, branches: number): Promise<void> {
  const ids = Array.from({ length: branches }, (_, i) => `${label}-${i}`);
  const now = () => Date.now();
  for (const id of ids) {
    const staff = Array.from({ length: 10 }, (_, i) => i + 1);
    const setup: Command[] = [
      {
        type: 'configure',
        config: {
          branchId: id,
          services: [{ id: 'general', code: 'A', name: { zh: '综合业务', en: 'General' }, targetMin: 10, defaultDurationMin: 5 }],
          counters: staff.map((i) => ({ id: `c${i}`, label: String(i) })),
          staff: staff.map((i) => ({ id: `s${i}`, skills: { general: 1 } })),
          routing: DEFAULT_ROUTING,
        },
      },
      ...staff.map((i): Command => ({ type: 'sign-on', staffId: `s${i}`, counterId: `c${i}` })),
      ...Array.from({ length: 50 }, (_, t): Command => ({
        type: 'issue',
        ticketId: `t${t}-${randomBytes(6).toString('hex')}`,
        token: randomBytes(16).toString('base64url'),
        serviceId: 'general',
        kind: 'walk-in',
        priority: 'normal',
      })),
    ];
    for (const cmd of setup) await executeCommand(store, id, cmd, now);
  }
  const stateBytes = JSON.stringify(await store.load(ids[0]!)).length;
  let commands = 0;
  let retries = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const cmd: Command = i % 2 === 0 ? { type: 'pause', staffId: 's1', reason: 'bench' } : { type: 'resume', staffId: 's1' };
        const { attempts } = await executeCommand(store, id, cmd, now);
        commands += 1;
        retries += attempts - 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(28)} branches=${String(branches).padStart(3)} state=${String(stateBytes).padStart(6)} B  ` +
      `${Math.round(commands / elapsed).toLocaleString('en').padStart(7)} commands/s (${commands} in ${elapsed.toFixed(1)} s, ${retries} retries)`,
  );
  for (const id of ids) await store.deleteBranch(id);
}

const client = createClient({ url: redisUrl });
await client.connect();
const store = await createRedisLiveStore(client, { prefix });
try {
  await run(store, 'one-branch-small', 1, 0);
  await run(store, 'one-branch-50-tickets', 1, 50);
  await run(store, 'many-branches-small', 100, 0);
  await run(store, 'many-branches-50-tickets', 100, 50);
  await runExecute(store, 'execute-one-branch', 1);
  await runExecute(store, 'execute-many-branches', 100);
} finally {
  await store.close();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
  client.destroy();
}
