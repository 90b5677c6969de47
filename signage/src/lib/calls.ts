import type { PublicCall } from '@tellerline/contracts';

/** How many calls the screen keeps: the current one plus the recent list. */
export const KEEP_CALLS = 12;

/**
 * The calls the screen knows, newest first: the same call arriving twice (live and again in a
 * resync snapshot) counts once, by seq.
 */
export function mergeCalls(known: readonly PublicCall[], incoming: readonly PublicCall[], keep = KEEP_CALLS): PublicCall[] {
  const bySeq = new Map<number, PublicCall>();
  for (const c of known) bySeq.set(c.seq, c);
  for (const c of incoming) bySeq.set(c.seq, c);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, keep);
}

/**
 * The recent-calls list under the current call: the calls before it, each ticket once (a recall
 * shows the ticket at its latest call, not twice), without the ticket being called right now.
 */
export function recentCalls(calls: readonly PublicCall[], count: number): PublicCall[] {
  const [current, ...rest] = calls;
  const seen = new Set<string>(current ? [current.number] : []);
  const out: PublicCall[] = [];
  for (const c of rest) {
    if (out.length === count) break;
    if (seen.has(c.number)) continue;
    seen.add(c.number);
    out.push(c);
  }
  return out;
}
