/**
 * Compares two V8 heap snapshots by constructor: what grew, in count and bytes (self size), e.g.
 * between a server with no sockets and the same server with N idle sockets.
 *
 *   npx tsx bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [perUnit=N] [top=30]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

function byName(file: string): Map<string, { count: number; bytes: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const f = s.snapshot.meta.node_fields;
  const width = f.length;
  const [iType, iName, iSize] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('self_size')];
  const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; bytes: number }>();
  for (let k = 0; k < s.nodes.length; k += width) {
    const type = types[s.nodes[k + iType]!]!;
    const name = type === 'object' || type === 'closure' ? s.strings[s.nodes[k + iName]!]! : `(${type})`;
    const key = type === 'closure' ? `closure ${name}` : name;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += s.nodes[k + iSize]!;
    out.set(key, e);
  }
  return out;
}

const [a, b, perArg, topArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: heap-diff <before> <after> [perUnit] [top]');
  process.exit(2);
}
const per = Number(perArg ?? 1);
const before = byName(a);
const after = byName(b);
const rows = [...after].map(([k, v]) => {
  const o = before.get(k) ?? { count: 0, bytes: 0 };
  return { name: k.slice(0, 60), count: +((v.count - o.count) / per).toFixed(2), bytes: Math.round((v.bytes - o.bytes) / per) };
});
rows.sort((x, y) => y.bytes - x.bytes);
const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`growth per unit: ${total} bytes (self sizes)`);
console.table(rows.slice(0, Number(topArg ?? 30)));
