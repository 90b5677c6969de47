import { describe, expect, it } from 'vitest';
import type { BranchEvent } from '@tellerline/engine';
import { batchAppends } from '../src/usecases/append-batcher.js';

const ev = (branchId: string, seq: number) => ({ type: 'ticket-cancelled', branchId, seq, at: seq, ticketId: `t${seq}`, by: 'staff' }) as unknown as BranchEvent;

/** An event log whose appends finish only when the test says so. */
function slowLog() {
  const calls: { events: BranchEvent[]; done: (err?: Error) => void }[] = [];
  const append = (events: BranchEvent[]) =>
    new Promise<void>((resolve, reject) => calls.push({ events, done: (err) => (err ? reject(err) : resolve()) }));
  const ids = (k: number) => calls[k]!.events.map((e) => `${e.branchId}:${e.seq}`);
  return { calls, append, ids };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('batchAppends (group commit of event-log appends)', () => {
  it('starts an append at once when idle, and groups those that arrive meanwhile into one', async () => {
    const log = slowLog();
    const append = batchAppends(log.append, { concurrency: 1 });
    const first = append([ev('a', 1)]);
    await tick();
    expect(log.calls).toHaveLength(1); // no waiting for company

    const rest = [append([ev('a', 2)]), append([ev('b', 1)]), append([ev('a', 3), ev('a', 4)])];
    await tick();
    expect(log.calls).toHaveLength(1); // still waiting for the running one
    log.calls[0]!.done();
    await first;
    await tick();
    expect(log.calls).toHaveLength(2);
    expect(log.ids(1)).toEqual(['a:2', 'b:1', 'a:3', 'a:4']);
    log.calls[1]!.done();
    await Promise.all(rest);
  });

  it('appends other branches concurrently but never two appends of one branch at once', async () => {
    const log = slowLog();
    const append = batchAppends(log.append, { concurrency: 4 });
    const p1 = append([ev('a', 1)]);
    const p2 = append([ev('a', 2)]);
    const p3 = append([ev('b', 1)]);
    await tick();
    // a:1 runs; a:2 waits behind it; b:1 has no reason to wait.
    expect(log.calls.map((_, k) => log.ids(k))).toEqual([['a:1'], ['b:1']]);
    log.calls[1]!.done();
    await p3;
    expect(log.calls).toHaveLength(2);
    log.calls[0]!.done();
    await p1;
    await tick();
    expect(log.ids(2)).toEqual(['a:2']);
    log.calls[2]!.done();
    await p2;
  });

  it('keeps a branch in order when a later entry of it could join a batch', async () => {
    const log = slowLog();
    const append = batchAppends(log.append, { concurrency: 2 });
    const running = append([ev('a', 1)]);
    await tick();
    const queued = [append([ev('a', 2)]), append([ev('b', 1)]), append([ev('a', 3)])];
    await tick();
    // b:1 may go now; a:2 and a:3 wait for a:1 and then go together, in order.
    expect(log.ids(1)).toEqual(['b:1']);
    log.calls[0]!.done();
    await running;
    await tick();
    expect(log.ids(2)).toEqual(['a:2', 'a:3']);
    log.calls[1]!.done();
    log.calls[2]!.done();
    await Promise.all(queued);
  });

  it('fails only the caller whose entry fails when a batch is refused', async () => {
    const stored: string[] = [];
    const append = batchAppends(
      async (events) => {
        await tick();
        if (events.some((e) => e.branchId === 'bad')) throw new Error('refused');
        stored.push(...events.map((e) => `${e.branchId}:${e.seq}`));
      },
      { concurrency: 1 },
    );
    const first = append([ev('a', 1)]);
    const results = await Promise.allSettled([append([ev('a', 2)]), append([ev('bad', 1)]), append([ev('b', 1)]), first]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(stored.sort()).toEqual(['a:1', 'a:2', 'b:1']);
  });
});
