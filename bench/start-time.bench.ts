/**
 * How long a server process takes from spawn to answering /healthz, and to stop after SIGTERM,
 * with BENCH_BRANCHES branches (default 200): the server's own part of a restart, measured
 * without the 5,000 clients that share the machine's cores in the storm phase of
 * system.bench.ts. Two ways of running the same code, restarted in turns in one run so the
 * machine's load hits both alike: the compiled server `npm start` runs (apps/server/dist, built
 * first) and the TypeScript sources under tsx (`npm run dev`, the tests). Also reports the
 * server's CPU time to ready, which other load disturbs less than wall time.
 *
 *   npx tsx bench/start-time.bench.ts
 *   BENCH_BRANCHES=50 BENCH_RESTARTS=5 npx tsx bench/start-time.bench.ts
 *   BENCH_CPU_PROF=1 ...   # a CPU profile of each process's life in /tmp/tellerline-start-prof
 */
import { execFileSync } from 'node:child_process';
import { seedBranches } from './lib/seed.js';
import { cleanup, newIsolation, ServerNode } from './lib/server.js';
import { load1, log, saveResult, sleep, summarize, wallMs } from './lib/stats.js';

const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 200);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);

const iso = newIsolation();
process.once('SIGINT', () => void cleanup(iso).finally(() => process.exit(130)));

try {
  execFileSync('npm', ['run', 'build', '-w', '@tellerline/server'], { stdio: 'inherit' });
  log(`seeding ${BRANCHES} branches`);
  await seedBranches(iso, BRANCHES);
  const nodeFlags = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/tellerline-start-prof'] : [];
  // The first start migrates and configures every branch; restarts are what an operator meets.
  const first = await ServerNode.start('first', iso, { seedDemo: false });
  await first.stop();
  const modes = { compiled: true, tsx: false } as const;
  const runs: Record<string, { startMs: number[]; stopMs: number[]; cpuToReadyMs: number[] }> = {};
  for (let i = 0; i < RESTARTS; i++) {
    for (const [mode, compiled] of Object.entries(modes)) {
      const r = (runs[mode] ??= { startMs: [], stopMs: [], cpuToReadyMs: [] });
      await sleep(1000);
      const node = await ServerNode.start(mode, iso, { seedDemo: false, compiled, nodeFlags });
      r.startMs.push(node.readyMs);
      r.cpuToReadyMs.push(await node.cpuMs());
      const t0 = wallMs();
      await node.stop();
      r.stopMs.push(wallMs() - t0);
    }
  }
  const result = {
    branches: BRANCHES,
    restarts: RESTARTS,
    load: load1(),
    modes: Object.fromEntries(Object.entries(runs).map(([mode, r]) => [mode, { startMs: summarize(r.startMs), stopMs: summarize(r.stopMs), cpuToReadyMs: summarize(r.cpuToReadyMs) }])),
  };
  const p50 = (mode: string, k: 'startMs' | 'cpuToReadyMs') => result.modes[mode]![k].p50;
  console.table(
    Object.fromEntries(
      Object.entries(result.modes).map(([mode, m]) => [mode, { 'start p50 ms': m.startMs.p50, 'start max ms': m.startMs.max, 'cpu to ready p50 ms': m.cpuToReadyMs.p50, 'stop p50 ms': m.stopMs.p50 }]),
    ),
  );
  log(`compiled / tsx, same run: start ${(p50('compiled', 'startMs') / p50('tsx', 'startMs')).toFixed(2)}, CPU ${(p50('compiled', 'cpuToReadyMs') / p50('tsx', 'cpuToReadyMs')).toFixed(2)} (load ${result.load})`);
  saveResult('start-time', result);
} finally {
  await cleanup(iso);
}
