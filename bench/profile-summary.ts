/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1): self time by function and by package,
 * and inclusive time of the functions whose name matches an optional filter.
 *
 *   npx tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile [top=30] [filter]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg, filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [top] [filter]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from samples and time deltas (microseconds).
const self = new Map<number, number>();
p.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[k] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(n: Node): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const w = /\/work\/[^/]+\/((?:apps|packages)\/[^/]+|bench|signage)\//.exec(url);
  if (w) return w[1]!;
  if (url.startsWith('node:')) return url;
  return url ? url.split('/').slice(-2).join('/') : `(${n.callFrame.functionName || 'program'})`;
}
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;

const fnSelf = new Map<string, number>();
const pkgSelf = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  fnSelf.set(label(n), (fnSelf.get(label(n)) ?? 0) + us);
  pkgSelf.set(where(n), (pkgSelf.get(where(n)) ?? 0) + us);
}

const pctOf = (us: number) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
console.log(`profile ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s wall, ${(total / 1e6).toFixed(1)} s sampled`);
console.log('\nself time by package/file:');
for (const [k, us] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pctOf(us)}  ${k}`);
console.log('\nself time by function:');
for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pctOf(us)}  ${k}`);

// Inclusive time: each sample counts once for every distinct frame label on its stack.
const incl = new Map<string, number>();
p.samples.forEach((id, k) => {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    incl.set(l, (incl.get(l) ?? 0) + (p.timeDeltas[k] ?? 0));
  }
});
console.log(`\ninclusive time${filter ? ` (matching ${filter})` : ''}:`);
for (const [k, us] of [...incl].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pctOf(us)}  ${k}`);

// With BENCH_CALLERS=<name>: for samples whose own frame matches, who called them (the nearest
// frame outside Node's internals), to see which library a syscall or GC is paid for.
const callersOf = process.env.BENCH_CALLERS;
if (callersOf) {
  const by = new Map<string, number>();
  p.samples.forEach((id, k) => {
    if (!label(byId.get(id)!).includes(callersOf)) return;
    let cur = parent.get(id);
    while (cur !== undefined && /^node:|^\(/.test(where(byId.get(cur)!))) cur = parent.get(cur);
    const l = cur === undefined ? '(none)' : label(byId.get(cur)!);
    by.set(l, (by.get(l) ?? 0) + (p.timeDeltas[k] ?? 0));
  });
  console.log(`\ncallers of ${callersOf}:`);
  for (const [k, us] of [...by].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pctOf(us)}  ${k}`);
}
