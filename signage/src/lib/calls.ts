import type { CallPhaseChange, PublicCall } from '@tellerline/contracts';

/** How many calls the screen keeps: the current one plus the recent list. */
export const KEEP_CALLS = 12;

/**
 * The calls the screen knows, newest first: the same call arriving twice (live and again in a
 * resync snapshot) counts once, by seq.
 */
export function mergeCalls(known: readonly PublicCall[], incoming: readonly PublicCall[], keep = KEEP_CALLS): PublicCall[] {
  const bySeq = new Map<number, PublicCall>();
  for (const c of known) bySeq.set(c.seq, c);
  for (const c of incoming) {
    // A later copy brings the call's newer labels, but an ended call never stands again (a live
    // copy held back during a resync may predate the end the screen already heard of).
    const was = bySeq.get(c.seq);
    bySeq.set(c.seq, was?.phase === 'over' && c.phase !== 'over' ? { ...c, phase: 'over' } : c);
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, keep);
}

/**
 * The call shown big under "Now calling": the newest call that still stands. A lobby's big
 * number tells a customer where to go now, so a call whose ticket was finished, cancelled, marked
 * no-show or transferred leaves it at once, rather than staying until the next call as on screens
 * that only ever show the last call: a customer looking up would walk to a counter that is no
 * longer waiting for them. A customer being served stays: the number is still at that counter,
 * as the paper ticket in their hand says. Ended calls stay in the recent list (what was called
 * lately), which is history, not an instruction.
 */
export function currentCall(calls: readonly PublicCall[]): PublicCall | null {
  return calls.find((c) => c.phase !== 'over') ?? null;
}

/**
 * The recent-calls list beside the current call: the other calls, newest first, each ticket once
 * (a recall shows the ticket at its latest call, not twice), without the ticket shown big.
 */
export function recentCalls(calls: readonly PublicCall[], current: PublicCall | null, count: number): PublicCall[] {
  const seen = new Set<string>(current ? [current.number] : []);
  const out: PublicCall[] = [];
  for (const c of calls) {
    if (out.length === count) break;
    if (seen.has(c.number)) continue;
    seen.add(c.number);
    out.push(c);
  }
  return out;
}

/**
 * The calls with `change` applied: every earlier call of that ticket number moved on. An ended
 * call never stands again (a number seen again is a new call, with its own seq).
 */
export function withPhase(calls: readonly PublicCall[], change: CallPhaseChange): PublicCall[] {
  return calls.map((c) => (c.number === change.number && c.seq < change.seq && c.phase !== 'over' ? { ...c, phase: change.phase } : c));
}
