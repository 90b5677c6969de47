/**
 * `npm run bench` (second part): the whole server, in its own process(es), under a Node load
 * driver: many branches, thousands of lobby screens and phones, staff calling, kiosks issuing.
 *
 * Phases (BENCH_PHASES, comma-separated; default all):
 *   levels     call -> screen latency with 1,000 / 5,000 / 10,000 sockets on one node, and the
 *              server's heap per idle socket (after GC, measured inside the server process)
 *   two-nodes  the same sockets split over two server processes on one Redis; staff call through both
 *   storm      reconnect storm: restart a node holding 5,000 sockets while staff keep calling;
 *              time until all are back and whether any screen or phone missed a call
 *              (two variants: a realtime node restarts while calls go through the other node;
 *              the single node restarts and staff retry until it answers)
 *   kiosk      kiosk ticket issue over HTTP, open-model arrivals at BENCH_KIOSK_RATE (500/s)
 *
 * Results: a table on stdout, and bench/results/system.json. Needs `ulimit -n` above twice the
 * socket count (the server and the driver each hold one descriptor per socket).
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Caller, issue, issueTickets, prepareBranches, type BranchRuntime, type CallRecord } from './lib/branch-day.js';
import { seedBranches } from './lib/seed.js';
import { cleanup, newIsolation, ServerNode, type Isolation } from './lib/server.js';
import { VIA_SYNC, type SocketSpec } from './lib/protocol.js';
import { SocketFleet } from './lib/sockets.js';
import { load1, log, saveResult, sleep, summarize, wallMs, type Summary } from './lib/stats.js';

const env = process.env;
const BRANCHES = Number(env.BENCH_BRANCHES ?? 200);
const LEVELS = (env.BENCH_LEVELS ?? '1000,5000,10000').split(',').map(Number);
const PHASES = new Set((env.BENCH_PHASES ?? 'levels,two-nodes,storm,kiosk').split(','));
const CALL_RATE = Number(env.BENCH_CALL_RATE ?? 20);
const CALL_SECONDS = Number(env.BENCH_CALL_SECONDS ?? 20);
const STORM_SOCKETS = Number(env.BENCH_STORM_SOCKETS ?? 5000);
const KIOSK_RATE = Number(env.BENCH_KIOSK_RATE ?? 500);
const KIOSK_SECONDS = Number(env.BENCH_KIOSK_SECONDS ?? 15);
const WORKERS = Number(env.BENCH_WORKERS ?? 2);
const SPARE_TICKETS = Number(env.BENCH_SPARE_TICKETS ?? 15);
const CPU_PROF = env.BENCH_CPU_PROF === '1';
const SETTLE_MS = Number(env.BENCH_SETTLE_MS ?? 4000);

const MAX_SOCKETS = Math.max(...LEVELS, PHASES.has('storm') ? STORM_SOCKETS * 2 : 0);
const SLOTS = Math.ceil(MAX_SOCKETS / BRANCHES);
/** Per branch: slot 0, 10, 20, ... is a lobby screen, the others are phones (1 screen per 9 phones). */
const isScreen = (slot: number) => slot % 10 === 0;
const PHONES = Array.from({ length: SLOTS }, (_, j) => j).filter((j) => !isScreen(j)).length;

interface Spec extends SocketSpec {
  slot: number;
  ticketId: string | null;
}

interface Delivery {
  calls: number;
  expected: number;
  missed: number;
  screen: Summary;
  phone: Summary;
  all: Summary;
  /** Staff's own call-next round trip over HTTP. */
  callAck: Summary;
}

const results: Record<string, unknown> = {};
const rows: Record<string, unknown>[] = [];

/** With BENCH_CPU_PROF=1, a CPU profile of each node during each measured phase (bench/results/profiles/). */
async function profiled<T>(phase: string, nodes: ServerNode[], fn: () => Promise<T>): Promise<T> {
  if (!CPU_PROF) return fn();
  const dir = new URL('./results/profiles/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  await Promise.all(nodes.map((n) => n.profile('start')));
  try {
    return await fn();
  } finally {
    await Promise.all(nodes.map((n) => n.profile('stop', fileURLToPath(new URL(`${phase}-node-${n.name}.cpuprofile`, dir)))));
  }
}

/** The kernel's count of connections dropped because a listen queue was full (Linux). */
function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[names.indexOf('ListenOverflows')]);
  } catch {
    return NaN;
  }
}

/** Index records by socket: [seq, t, code] triplets in arrival order. */
function bySocket(records: number[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let k = 0; k < records.length; k += 4) {
    const i = records[k]!;
    let list = m.get(i);
    if (!list) m.set(i, (list = []));
    list.push(records[k + 1]!, records[k + 2]!, records[k + 3]!);
  }
  return m;
}

/** Latency from each call's send time to its arrival at every screen and phone of its branch. */
function deliveries(specs: Spec[], calls: CallRecord[], records: number[]): Delivery {
  const idx = bySocket(records);
  const perBranch = new Map<number, Spec[]>();
  for (const s of specs) {
    let l = perBranch.get(s.branch);
    if (!l) perBranch.set(s.branch, (l = []));
    l.push(s);
  }
  const screen: number[] = [];
  const phone: number[] = [];
  let expected = 0;
  let missed = 0;
  for (const c of calls) {
    for (const s of perBranch.get(c.branch) ?? []) {
      const recs = idx.get(s.i) ?? [];
      if (s.kind === 'signage') {
        expected++;
        let t = NaN;
        for (let k = 0; k < recs.length; k += 3) if (recs[k] === c.seq && recs[k + 2]! < VIA_SYNC) t = recs[k + 1]!;
        if (Number.isNaN(t)) missed++;
        else screen.push(t - c.t0);
      } else {
        // Phones hear about a call when it changes what they show: the called customer's phone
        // ("go to counter 1") must get it; the others get it when their place or wait moved.
        const calledHere = s.ticketId === c.ticketId;
        let t = NaN;
        for (let k = 0; k < recs.length; k += 3) {
          const code = recs[k + 2]!;
          if (code >= VIA_SYNC) continue;
          if (recs[k] === c.seq || (calledHere && recs[k]! >= c.seq && code >= 1)) {
            t = recs[k + 1]!;
            break;
          }
        }
        if (calledHere) expected++;
        if (!Number.isNaN(t)) phone.push(t - c.t0);
        else if (calledHere) missed++;
      }
    }
  }
  return {
    calls: calls.length,
    expected,
    missed,
    screen: summarize(screen),
    phone: summarize(phone),
    all: summarize([...screen, ...phone]),
    callAck: summarize(calls.map((c) => c.t1 - c.t0)),
  };
}

async function callLoad(fleet: SocketFleet, specs: Spec[], branches: BranchRuntime[], baseFor: (b: BranchRuntime) => string, nodes: ServerNode[]) {
  await fleet.reset();
  const loadBefore = load1();
  const caller = new Caller(branches, baseFor);
  const cpu0 = await Promise.all(nodes.map((n) => n.cpuMs()));
  await caller.run(CALL_RATE, CALL_SECONDS);
  await sleep(2000);
  const cpu1 = await Promise.all(nodes.map((n) => n.cpuMs()));
  const records = await fleet.collect();
  const deliveredPerCall = records.length / 4 / Math.max(1, caller.calls.length);
  // Server CPU per staff cycle (call + start + complete, with everything it sets off): a cost
  // that other load on the machine disturbs far less than latency.
  const serverCpuMsPerCycle = +(cpu1.reduce((a, c, k) => a + c - cpu0[k]!, 0) / Math.max(1, caller.calls.length)).toFixed(2);
  const d = deliveries(specs, caller.calls, records);
  return { ...d, serverCpuMsPerCycle, messagesPerCycle: +deliveredPerCall.toFixed(1), callErrors: caller.errors, loadBefore, loadAfter: load1() };
}

async function waitAllConnected(fleet: SocketFleet, count: number, timeoutMs = 120_000) {
  const until = wallMs() + timeoutMs;
  for (;;) {
    const st = await fleet.status();
    if (st.connected >= count || wallMs() > until) return st;
    await sleep(200);
  }
}

async function main() {
  const iso: Isolation = newIsolation();
  const nodes: ServerNode[] = [];
  let fleet: SocketFleet | null = null;
  let cleaned = false;
  const tidy = async () => {
    if (cleaned) return;
    cleaned = true;
    await fleet?.stop().catch(() => undefined);
    for (const n of nodes) await n.stop().catch(() => undefined);
    await cleanup(iso).catch((err: unknown) => console.error('cleanup failed', err));
  };
  process.once('SIGINT', () => void tidy().then(() => process.exit(130)));

  try {
    log(`seeding ${BRANCHES} branches in schema ${iso.schema}, prefix ${iso.prefix}`);
    const seeded = await seedBranches(iso, BRANCHES);
    const a = await ServerNode.start('A', iso);
    nodes.push(a);
    log(`node A up at ${a.url}; signing staff on, issuing ${PHONES} + ${SPARE_TICKETS} tickets per branch`);
    const branches = await prepareBranches(a.url, seeded);
    // Phones' tickets first, so the first calls of each branch reach a phone ("your turn").
    const phoneTickets = await issueTickets(a.url, branches, PHONES);
    await issueTickets(a.url, branches, SPARE_TICKETS);

    const specs: Spec[] = [];
    for (const b of branches) {
      let p = 0;
      for (let j = 0; j < SLOTS; j++) {
        const t = isScreen(j) ? null : phoneTickets[b.index]![p++]!;
        specs.push({
          i: b.index * SLOTS + j,
          slot: j,
          kind: t ? 'phone' : 'signage',
          branch: b.index,
          token: t ? t.token : b.signageToken,
          ticketId: t ? t.ticketId : null,
          url: a.url,
        });
      }
    }
    const upTo = (n: number) => specs.filter((s) => s.slot < Math.ceil(n / BRANCHES));
    fleet = await SocketFleet.start(WORKERS);
    await sleep(SETTLE_MS);
    const heap0 = (await a.heap()).heapUsed;
    results.baseline = { heapUsedMB: +(heap0 / 2 ** 20).toFixed(1), load: load1() };

    let connected: Spec[] = [];
    if (PHASES.has('levels')) {
      const levels: unknown[] = [];
      for (const level of LEVELS) {
        const want = upTo(level);
        const fresh = want.filter((s) => !connected.includes(s));
        log(`level ${want.length}: connecting ${fresh.length} sockets`);
        const c = await fleet.connect(fresh.map((s) => ({ ...s, url: a.url })));
        connected = want;
        await sleep(SETTLE_MS);
        const heap = (await a.heap()).heapUsed;
        const perSocket = (heap - heap0) / connected.length;
        log(`level ${connected.length}: connected in ${Math.round(c.ms)} ms (${c.failed} failed); heap/socket ${Math.round(perSocket)} B; calling at ${CALL_RATE}/s`);
        const d = await profiled(`level-${connected.length}`, [a], () => callLoad(fleet!, connected, branches, () => a.url, [a]));
        const r = { sockets: connected.length, connectMs: Math.round(c.ms), connectFailed: c.failed, heapPerSocketBytes: Math.round(perSocket), heapUsedMB: +(heap / 2 ** 20).toFixed(1), ...d };
        levels.push(r);
        rows.push({ test: `call->screen, ${connected.length} sockets, 1 node`, p50: d.all.p50, p95: d.all.p95, p99: d.all.p99, missed: d.missed, 'heap/socket B': r.heapPerSocketBytes, 'server CPU ms/op': d.serverCpuMsPerCycle, load: `${d.loadBefore}->${d.loadAfter}` });
        log(`  screen p50/p99 ${d.screen.p50}/${d.screen.p99} ms, phone p50/p99 ${d.phone.p50}/${d.phone.p99} ms, missed ${d.missed}/${d.expected}; server CPU ${d.serverCpuMsPerCycle} ms/cycle, ${d.messagesPerCycle} messages/cycle`);
      }
      results.levels = levels;
    }

    let b2: ServerNode | null = null;
    if (PHASES.has('two-nodes') || PHASES.has('storm')) {
      b2 = await ServerNode.start('B', iso, { roles: 'api,realtime', seedDemo: false });
      nodes.push(b2);
      const want = upTo(Math.max(...LEVELS, STORM_SOCKETS * 2));
      // Odd sockets move to node B (a load balancer spreads a branch's screens over both nodes).
      const move = connected.filter((s) => s.i % 2 === 1);
      await fleet.close(move.map((s) => s.i));
      const toB = want.filter((s) => s.i % 2 === 1).map((s) => ({ ...s, url: b2!.url }));
      const toA = want.filter((s) => s.i % 2 === 0 && !connected.includes(s)).map((s) => ({ ...s, url: a.url }));
      log(`two nodes: ${toA.length + want.filter((s) => s.i % 2 === 0 && connected.includes(s)).length} sockets on A, ${toB.length} on B`);
      await fleet.connect([...toA, ...toB]);
      connected = want.map((s) => ({ ...s, url: s.i % 2 ? b2!.url : a.url }));
      await sleep(SETTLE_MS);
      if (PHASES.has('two-nodes')) {
        const [ha, hb] = [await a.heap(), await b2.heap()];
        log(`two nodes: calling at ${CALL_RATE}/s through both`);
        const d = await profiled('two-nodes', [a, b2], () => callLoad(fleet!, connected, branches, (b) => (b.index % 2 ? b2!.url : a.url), [a, b2!]));
        results.twoNodes = { sockets: connected.length, heapUsedMB: { a: +(ha.heapUsed / 2 ** 20).toFixed(1), b: +(hb.heapUsed / 2 ** 20).toFixed(1) }, ...d };
        rows.push({ test: `call->screen, ${connected.length} sockets, 2 nodes`, p50: d.all.p50, p95: d.all.p95, p99: d.all.p99, missed: d.missed, 'server CPU ms/op': d.serverCpuMsPerCycle, load: `${d.loadBefore}->${d.loadAfter}` });
        log(`  screen p50/p99 ${d.screen.p50}/${d.screen.p99} ms, phone p50/p99 ${d.phone.p50}/${d.phone.p99} ms, missed ${d.missed}/${d.expected}; server CPU ${d.serverCpuMsPerCycle} ms/cycle, ${d.messagesPerCycle} messages/cycle`);
      }
    }

    if (PHASES.has('storm') && b2) {
      const onB = connected.filter((s) => s.url === b2!.url);
      results.stormTwoNodes = await storm(`restart node B holding ${onB.length} sockets; staff call through node A`, fleet, connected, branches, b2, () => a.url);
      // Single node: everything back on A (B's sockets closed), then restart A itself.
      await fleet.close(onB.map((s) => s.i));
      await b2.stop();
      nodes.splice(nodes.indexOf(b2), 1);
      connected = connected.filter((s) => s.url === a.url);
      const extra = specs.filter((s) => s.i % 2 === 1 && !connected.some((c) => c.i === s.i)).slice(0, Math.max(0, STORM_SOCKETS - connected.length));
      if (extra.length) await fleet.connect(extra.map((s) => ({ ...s, url: a.url })));
      connected = [...connected, ...extra.map((s) => ({ ...s, url: a.url }))];
      await waitAllConnected(fleet, connected.length);
      results.stormOneNode = await storm(`restart the only node holding ${connected.length} sockets; staff retry until it answers`, fleet, connected, branches, a, () => a.url);
    }

    if (PHASES.has('kiosk')) {
      await fleet.close();
      connected = [];
      await sleep(SETTLE_MS);
      results.kiosk = await profiled('kiosk', [a], () => kiosk(a, branches));
    }

    results.at = new Date().toISOString();
    results.config = { branches: BRANCHES, levels: LEVELS, callRate: CALL_RATE, callSeconds: CALL_SECONDS, workers: WORKERS, screensPerPhones: '1:9', cpuProfile: CPU_PROF };
    console.table(rows);
    saveResult('system', results);
    console.log(JSON.stringify(results));
  } finally {
    await tidy();
  }
}

/**
 * Restarts `node` (SIGTERM, then the same command again on the same port) while staff keep
 * calling; measures the time until every socket that dropped is connected again, and checks that
 * every screen of a branch got every call made in the meantime (live or in its resync snapshot)
 * and that every phone whose ticket was called learnt it.
 */
async function storm(label: string, fleet: SocketFleet, specs: Spec[], branches: BranchRuntime[], node: ServerNode, base: () => string) {
  log(`storm: ${label}`);
  await fleet.forgetDowns();
  await fleet.reset();
  const loadBefore = load1();
  let retryUntil = Infinity;
  const caller = new Caller(branches, base, () => retryUntil);
  const seconds = 25;
  const calling = caller.run(CALL_RATE, seconds);
  await sleep(3000);
  const overflows0 = listenOverflows();
  const kill = wallMs();
  await node.stop();
  const downMs = wallMs() - kill;
  const startMs = await node.spawn({ seedDemo: false });
  const ready = wallMs();
  if (CPU_PROF) {
    mkdirSync(new URL('./results/profiles/', import.meta.url), { recursive: true });
    await node.profile('start');
  }
  const dropped = (await fleet.status()).down;
  let st = await fleet.status();
  while (st.back < st.down && wallMs() - ready < 60_000) {
    await sleep(50);
    st = await fleet.status();
  }
  if (CPU_PROF) await node.profile('stop', fileURLToPath(new URL(`./results/profiles/storm-${node.name}.cpuprofile`, import.meta.url)));
  await calling;
  retryUntil = 0;
  await sleep(3000);
  const records = await fleet.collect();
  const idx = bySocket(records);
  const perBranch = new Map<number, Spec[]>();
  for (const s of specs) {
    let l = perBranch.get(s.branch);
    if (!l) perBranch.set(s.branch, (l = []));
    l.push(s);
  }
  let screenChecks = 0;
  let screenMissed = 0;
  const missedSamples: { branch: number; seq: number; socket: number; sentAfterKillMs: number; answeredAfterKillMs: number; socketSaw: number[] }[] = [];
  let phoneChecks = 0;
  let phoneMissed = 0;
  const duringRestart = caller.calls.filter((c) => c.t1 >= kill - 1000 && c.t0 <= st.lastUp);
  for (const c of caller.calls) {
    for (const s of perBranch.get(c.branch) ?? []) {
      const recs = idx.get(s.i) ?? [];
      if (s.kind === 'signage') {
        screenChecks++;
        let seen = false;
        for (let k = 0; k < recs.length && !seen; k += 3) seen = recs[k] === c.seq;
        if (!seen) {
          screenMissed++;
          if (missedSamples.length < 10) {
            const saw: number[] = [];
            for (let k = 0; k < recs.length; k += 3) saw.push(recs[k]!, recs[k + 2]!);
            missedSamples.push({ branch: c.branch, seq: c.seq, socket: s.i, sentAfterKillMs: Math.round(c.t0 - kill), answeredAfterKillMs: Math.round(c.t1 - kill), socketSaw: saw });
          }
        }
      } else if (s.ticketId === c.ticketId) {
        phoneChecks++;
        let seen = false;
        for (let k = 0; k < recs.length && !seen; k += 3) seen = recs[k]! >= c.seq && recs[k + 2]! % VIA_SYNC >= 1;
        if (!seen) phoneMissed++;
      }
    }
  }
  const final = await fleet.status();
  const overflows = listenOverflows() - overflows0;
  const r = {
    label,
    sockets: specs.length,
    dropped,
    back: st.back,
    stillDown: specs.length - final.connected,
    stopMs: Math.round(downMs),
    startMs: Math.round(startMs),
    allBackAfterKillMs: st.lastUp ? Math.round(st.lastUp - kill) : null,
    allBackAfterReadyMs: st.lastUp ? Math.round(st.lastUp - ready) : null,
    /** Percentiles over the sockets that dropped: when each was back, from the new process answering. */
    backAfterReadyMs: summarize(st.ups.map((t) => t - ready)),
    calls: caller.calls.length,
    callsAroundRestart: duringRestart.length,
    callErrors: caller.errors,
    screenChecks,
    screenMissed,
    phoneChecks,
    phoneMissed,
    syncErrors: final.syncErrors,
    connectErrors: final.connectErrors,
    /** Handshakes the server refused, by code (a refused socket does not reconnect on its own). */
    refusals: final.refusals,
    /** Connection attempts the kernel dropped because the server's accept queue was full (machine-wide). */
    listenOverflows: overflows,
    missedSamples,
    loadBefore,
    loadAfter: load1(),
  };
  log(`  back: ${r.back}/${r.dropped} in ${r.allBackAfterKillMs} ms after SIGTERM (${r.allBackAfterReadyMs} ms after ready); missed screen ${screenMissed}/${screenChecks}, phone ${phoneMissed}/${phoneChecks}; refused ${JSON.stringify(r.refusals)}`);
  rows.push({ test: `storm: ${label}`, 'back after kill ms': r.allBackAfterKillMs, 'after ready ms': r.allBackAfterReadyMs, missed: screenMissed + phoneMissed, load: `${loadBefore}->${r.loadAfter}` });
  return r;
}

/** Open model: request k is due at start + k / rate whatever happened to earlier ones; latency counts from the due time. */
async function kiosk(node: ServerNode, branches: BranchRuntime[]) {
  const base = node.url;
  log(`kiosk: ${KIOSK_RATE} issues/s for ${KIOSK_SECONDS} s over ${branches.length} kiosks`);
  const loadBefore = load1();
  const total = Math.round(KIOSK_RATE * KIOSK_SECONDS);
  const fromDue: number[] = [];
  const fromSend: number[] = [];
  let failed = 0;
  let lagMax = 0;
  const inflight: Promise<void>[] = [];
  const cpu0 = await node.cpuMs();
  const start = wallMs() + 50;
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / KIOSK_RATE;
    const wait = due - wallMs();
    if (wait > 1) await sleep(wait);
    lagMax = Math.max(lagMax, wallMs() - due);
    const b = branches[k % branches.length]!;
    const sent = wallMs();
    inflight.push(
      issue(base, b, b.services[randomInt(b.services.length)]!).then(
        (r) => {
          const t = wallMs();
          if (r.status !== 201) failed++;
          fromDue.push(t - due);
          fromSend.push(t - sent);
        },
        () => void failed++,
      ),
    );
  }
  await Promise.all(inflight);
  const elapsed = (wallMs() - start) / 1000;
  const serverCpuMsPerIssue = +((await node.cpuMs()) - cpu0) / total;
  const r = {
    targetRate: KIOSK_RATE,
    seconds: KIOSK_SECONDS,
    requests: total,
    failed,
    achievedPerSec: Math.round((total - failed) / elapsed),
    latencyFromDue: summarize(fromDue),
    latencyFromSend: summarize(fromSend),
    driverLagMaxMs: +lagMax.toFixed(1),
    serverCpuMsPerIssue: +serverCpuMsPerIssue.toFixed(2),
    loadBefore,
    loadAfter: load1(),
  };
  log(`  ${r.achievedPerSec}/s, p50/p99 ${r.latencyFromDue.p50}/${r.latencyFromDue.p99} ms, failed ${failed}; server CPU ${r.serverCpuMsPerIssue} ms/issue`);
  rows.push({ test: `kiosk issue, ${KIOSK_RATE}/s open model (${r.achievedPerSec}/s done)`, p50: r.latencyFromDue.p50, p95: r.latencyFromDue.p95, p99: r.latencyFromDue.p99, missed: failed, 'server CPU ms/op': r.serverCpuMsPerIssue, load: `${loadBefore}->${r.loadAfter}` });
  return r;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
