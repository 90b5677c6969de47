/**
 * `npm run bench` (first part): call-next (decide + commit) against real Redis, beside a raw Redis
 * round trip measured in the same run, so the figure that matters is the ratio (these machines
 * are noisy). In-process: the engine and the live store, no HTTP, no PostgreSQL.
 *
 * Two phases over BENCH_BRANCHES branches (100):
 * - call-next only: every counter of every branch presses "call next" (BENCH_COUNTERS per branch,
 *   8), timed; then, untimed, each called ticket is started, completed and replaced by a new one;
 *   repeated for BENCH_SECONDS of timed calls. This is the call-next commit rate.
 * - staff cycle: each worker loops call-next -> start -> complete -> issue; every command is a
 *   decide + commit, so this gives the commit rate of a realistic mix.
 * - keyed presses: the staff panel sends every press with a command id, so the server commits it
 *   with a receipt and an owed follow-up note (both in the same Lua script) after reading the
 *   receipts, and settles the note once done. Rounds of keyed and plain call-next alternate, so
 *   both see the same load; the figure is the ratio of their p50s, plus the settle cost per press.
 * Results print as a table and are written to bench/results/call-next.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createClient } from 'redis';
import { DEFAULT_ROUTING, type BranchConfig, type BranchState } from '@tellerline/engine';
import { executeCommand, executeCommands, RedisLiveStore, type CommandKey, type LiveRedisClient } from '@tellerline/live';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const COUNTERS = Number(process.env.BENCH_COUNTERS ?? 8);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 40);
/** BENCH_CACHE=0 measures without the per-process state cache (every command reads Redis first). */
const CACHE = process.env.BENCH_CACHE !== '0';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const counters = Array.from({ length: COUNTERS }, (_, k) => k + 1);

function config(branchId: string): BranchConfig {
  const services = ['A', 'B', 'C', 'D'].map((code, i) => ({ id: `s${code}`, code, name: { zh: code, en: code }, targetMin: 10 + i * 5, defaultDurationMin: 5 }));
  return {
    branchId,
    services,
    counters: counters.map((n) => ({ id: `c${n}`, label: String(n) })),
    staff: counters.map((n) => ({ id: `u${n}`, skills: { sA: 1, sB: n % 2 ? 0.5 : 1, sC: n > 2 ? 1 : 0.3, sD: 0.7 } })),
    routing: DEFAULT_ROUTING,
  };
}

async function timed(name: string, workers: number, fn: (w: number) => Promise<void>) {
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await fn(w);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { name, ops: lat.length, perSec: Math.round(lat.length / elapsed), p50Ms: +pct(lat, 50).toFixed(3), p99Ms: +pct(lat, 99).toFixed(3) };
}

async function main() {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const prefix = `tl:bench:${randomBytes(4).toString('hex')}:`;
  const store = await new RedisLiveStore(client as unknown as LiveRedisClient, { prefix, maxLen: 2000 }).init();
  let clock = Date.now();
  const now = () => (clock += 1000); // simulated time moves on so waits grow as in a real day
  const branchIds = Array.from({ length: BRANCHES }, (_, i) => `bench${i}`);
  let ticketN = 0;
  const cache = CACHE ? new Map<string, BranchState>() : undefined;
  const opts = cache ? { cache } : {};
  const issue = (b: string) =>
    executeCommand(store, b, { type: 'issue', ticketId: `t${ticketN++}`, token: randomBytes(12).toString('base64url'), serviceId: `s${'ABCD'[ticketN % 4]}`, kind: 'walk-in', priority: ticketN % 10 === 0 ? 'priority' : 'normal' }, now, opts);

  for (const b of branchIds) {
    await executeCommand(store, b, { type: 'configure', config: config(b) }, now);
    for (const n of counters) await executeCommand(store, b, { type: 'sign-on', staffId: `u${n}`, counterId: `c${n}` }, now);
    for (let i = 0; i < TICKETS; i++) await issue(b);
  }

  const raw = await timed('raw Redis round trip (PING)', CONCURRENCY, async () => {
    await client.ping();
  });

  // Call-next only: rounds in which every counter presses "call next" once (timed), then the
  // called tickets are served and replaced (untimed), until SECONDS of timed calls are done.
  const onlyLat: number[] = [];
  let onlyMs = 0;
  let onlyConflicts = 0;
  let onlyFailed = 0;
  const pairs = branchIds.flatMap((b) => counters.map((n) => ({ b, staffId: `u${n}` })));
  while (onlyMs < SECONDS * 1000) {
    // Interleave branches so that concurrent workers mostly hit different branches.
    const order = counters.flatMap((_, k) => branchIds.map((_, i) => pairs[i * COUNTERS + k]!));
    const called: { b: string; staffId: string; ticketId: string }[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < order.length) {
          const { b, staffId } = order[next++]!;
          const s0 = performance.now();
          let res;
          try {
            res = await executeCommand(store, b, { type: 'call-next', staffId }, now, opts);
          } catch {
            onlyFailed++;
            continue;
          }
          onlyLat.push(performance.now() - s0);
          onlyConflicts += res.attempts - 1;
          const e = res.events.find((x) => x.type === 'ticket-called');
          if (e && e.type === 'ticket-called') called.push({ b, staffId, ticketId: e.ticketId });
        }
      }),
    );
    onlyMs += performance.now() - t0;
    for (const c of called) {
      await executeCommand(store, c.b, { type: 'start', staffId: c.staffId, ticketId: c.ticketId }, now, opts);
      await executeCommand(store, c.b, { type: 'complete', staffId: c.staffId, ticketId: c.ticketId }, now, opts);
      await issue(c.b);
    }
  }
  onlyLat.sort((a, b) => a - b);
  const callNextOnly = {
    name: `call-next only (${BRANCHES} branches x ${COUNTERS} counters)`,
    ops: onlyLat.length,
    perSec: Math.round(onlyLat.length / (onlyMs / 1000)),
    p50Ms: +pct(onlyLat, 50).toFixed(3),
    p99Ms: +pct(onlyLat, 99).toFixed(3),
    conflictsRetried: onlyConflicts,
    failed: onlyFailed,
  };

  // Each worker owns (branch, staff) pairs so its loop never fights itself; branches are shared
  // between workers only when CONCURRENCY > BRANCHES * 4, which is the contended case.
  const callLat: number[] = [];
  const cursor = Array.from({ length: CONCURRENCY }, (_, w) => w);
  const cycle = await timed(`call-next cycle (call+start+complete), ${BRANCHES} branches`, CONCURRENCY, async (w) => {
    const slot = cursor[w]!;
    cursor[w] = slot + CONCURRENCY;
    const b = branchIds[slot % BRANCHES]!;
    const staffId = `u${(Math.floor(slot / BRANCHES) % COUNTERS) + 1}`;
    const t0 = performance.now();
    let res;
    try {
      res = await executeCommand(store, b, { type: 'call-next', staffId }, now, opts);
    } catch {
      await issue(b); // queue ran dry or staff busy: top up and move on
      return;
    }
    callLat.push(performance.now() - t0);
    const called = res.events.find((e) => e.type === 'ticket-called');
    if (!called || called.type !== 'ticket-called') return;
    await executeCommand(store, b, { type: 'start', staffId, ticketId: called.ticketId }, now, opts);
    await executeCommand(store, b, { type: 'complete', staffId, ticketId: called.ticketId }, now, opts);
    await issue(b);
  });
  callLat.sort((a, b) => a - b);
  const callNext = {
    name: 'call-next within the staff cycle',
    ops: callLat.length,
    perSec: Math.round(callLat.length / SECONDS),
    p50Ms: +pct(callLat, 50).toFixed(3),
    p99Ms: +pct(callLat, 99).toFixed(3),
  };
  const commitsPerSec = Math.round((cycle.ops * 4) / SECONDS);

  const keyed = await keyedVersusPlain(store, branchIds, now, opts, issue);

  for (const b of branchIds) await store.deleteBranch(b);
  await store.close();
  await client.close();

  const result = {
    at: new Date().toISOString(),
    branches: BRANCHES,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    counters: COUNTERS,
    stateCache: CACHE,
    load1: +loadavg()[0]!.toFixed(2),
    raw,
    callNextOnly,
    callNext,
    allCommitsPerSec: commitsPerSec,
    keyed,
    ratio: {
      keyedP50OverPlainP50: +(keyed.keyed.p50Ms / keyed.plain.p50Ms).toFixed(2),
      callNextOnlyP50OverPingP50: +(callNextOnly.p50Ms / raw.p50Ms).toFixed(2),
      pingPerSecOverCallNextOnlyPerSec: +(raw.perSec / callNextOnly.perSec).toFixed(2),
      callNextP50OverPingP50: +(callNext.p50Ms / raw.p50Ms).toFixed(2),
      pingPerSecOverCommitPerSec: +(raw.perSec / commitsPerSec).toFixed(2),
    },
  };
  console.table([raw, callNextOnly, callNext].map(({ name, ops, perSec, p50Ms, p99Ms }) => ({ name, ops, 'ops/s': perSec, 'p50 ms': p50Ms, 'p99 ms': p99Ms })));
  console.log(`staff cycle, all commits (issue, call, start, complete): ${commitsPerSec}/s; load average ${result.load1}`);
  console.log(`ratio call-next p50 / PING p50: ${result.ratio.callNextOnlyP50OverPingP50} (call-next only), ${result.ratio.callNextP50OverPingP50} (in the cycle)`);
  console.log(
    `keyed call-next (as the panel sends it) p50 ${keyed.keyed.p50Ms} ms vs plain ${keyed.plain.p50Ms} ms in alternating rounds: ratio ${result.ratio.keyedP50OverPlainP50}; settling ${keyed.settleUsPerPress} µs per press`,
  );
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/call-next.json', import.meta.url), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
}

type Now = () => number;
type Opts = Parameters<typeof executeCommands>[4];

/**
 * Keyed against plain call-next, in alternating rounds over every counter (one command per
 * executeCommands call, as a lone press reaches the server). Keyed presses carry a fingerprint,
 * an answer and a follow-up note of the size the server writes, and are settled per branch after
 * each round (the server batches settles off the answer's path; timed apart here).
 */
async function keyedVersusPlain(store: RedisLiveStore, branchIds: string[], now: Now, opts: Opts, issue: (b: string) => Promise<unknown>) {
  const lat = { keyed: [] as number[], plain: [] as number[] };
  let settleMs = 0;
  let settled = 0;
  let pressN = 0;
  const note = JSON.stringify({ actor: { userId: 'u', role: 'staff', ip: '10.0.0.1', userAgent: 'Mozilla/5.0 (bench)' }, pad: 'x'.repeat(200) });
  const keyFor = (): CommandKey => ({
    commandId: `press-${pressN++}-${randomBytes(6).toString('hex')}`,
    fingerprint: randomBytes(16).toString('hex'),
    answer: ({ events }) => JSON.stringify(events),
    followUp: () => note,
  });
  // A warm-up round (not counted), then plain/keyed in ABBA order so a drift in load or queue
  // length during the phase falls on both alike.
  const modes = ['warm-up', 'plain', 'keyed', 'keyed', 'plain', 'plain', 'keyed', 'keyed', 'plain'] as const;
  for (const mode of modes) {
    const order = counters.flatMap((n) => branchIds.map((b) => ({ b, staffId: `u${n}` })));
    const called: { b: string; staffId: string; ticketId: string; commandId?: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < order.length) {
          const { b, staffId } = order[next++]!;
          const cmd = { type: 'call-next' as const, staffId };
          const key = mode === 'keyed' ? keyFor() : undefined;
          const s0 = performance.now();
          const [res] = await executeCommands(store, b, [key ? { cmd, key } : { cmd }], now, opts).catch(() => [undefined]);
          if (!res || res.ok !== true) continue;
          if (mode !== 'warm-up') lat[mode].push(performance.now() - s0);
          const e = res.events.find((x) => x.type === 'ticket-called');
          if (e && e.type === 'ticket-called') called.push({ b, staffId, ticketId: e.ticketId, ...(key ? { commandId: key.commandId } : {}) });
        }
      }),
    );
    const s0 = performance.now();
    for (const b of branchIds) {
      const ids = called.flatMap((c) => (c.b === b && c.commandId ? [c.commandId] : []));
      if (ids.length > 0) await store.settleFollowUps(b, ids);
      settled += ids.length;
    }
    settleMs += performance.now() - s0;
    for (const c of called) {
      await executeCommand(store, c.b, { type: 'start', staffId: c.staffId, ticketId: c.ticketId }, now, opts);
      await executeCommand(store, c.b, { type: 'complete', staffId: c.staffId, ticketId: c.ticketId }, now, opts);
      await issue(c.b);
    }
  }
  const sum = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { ops: s.length, p50Ms: +pct(s, 50).toFixed(3), p99Ms: +pct(s, 99).toFixed(3) };
  };
  return { keyed: sum(lat.keyed), plain: sum(lat.plain), settleUsPerPress: settled ? Math.round((settleMs * 1000) / settled) : null };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
