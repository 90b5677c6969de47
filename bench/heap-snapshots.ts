/**
 * What one idle socket costs the server, object by object: starts the server (own process,
 * bench/lib/server-entry.ts), takes a heap snapshot with no sockets and another with
 * BENCH_SOCKETS idle ones (one screen in ten, the rest phones), then compares them by constructor
 * (bench/heap-diff.ts). Snapshots are written to /tmp.
 *
 *   npx tsx bench/heap-snapshots.ts
 */
import { execFileSync } from 'node:child_process';
import { issueTickets, prepareBranches } from './lib/branch-day.js';
import type { SocketSpec } from './lib/protocol.js';
import { seedBranches } from './lib/seed.js';
import { cleanup, newIsolation, ServerNode } from './lib/server.js';
import { SocketFleet } from './lib/sockets.js';
import { sleep } from './lib/stats.js';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 2000);
const BRANCHES = 20;

const iso = newIsolation();
const seeded = await seedBranches(iso, BRANCHES);
const node = await ServerNode.start('A', iso);
let fleet: SocketFleet | null = null;
try {
  const branches = await prepareBranches(node.url, seeded);
  const tickets = await issueTickets(node.url, branches, 20);
  fleet = await SocketFleet.start(1);
  const specs: SocketSpec[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const b = branches[i % BRANCHES]!;
    const screen = Math.floor(i / BRANCHES) % 10 === 0;
    specs.push({ i, kind: screen ? 'signage' : 'phone', branch: b.index, token: screen ? b.signageToken : tickets[b.index]![i % 20]!.token, url: node.url });
  }
  await sleep(2000);
  const h0 = (await node.heap()).heapUsed;
  await node.snapshot('/tmp/heap-0.heapsnapshot');
  await fleet.connect(specs);
  await sleep(4000);
  const h1 = (await node.heap()).heapUsed;
  await node.snapshot('/tmp/heap-n.heapsnapshot');
  console.log(`heapUsed per idle socket: ${Math.round((h1 - h0) / SOCKETS)} bytes (${SOCKETS} sockets)`);
  console.log(execFileSync('npx', ['tsx', new URL('./heap-diff.ts', import.meta.url).pathname, '/tmp/heap-0.heapsnapshot', '/tmp/heap-n.heapsnapshot', String(SOCKETS), '20']).toString());
} finally {
  await fleet?.stop();
  await node.stop();
  await cleanup(iso);
}
