import { describe, expect, it } from 'vitest';
import { createRemoteArrivals } from '../src/usecases/remote-arrivals.js';

const remote = (id: string) => ({ id, kind: 'remote' as const });

describe('remote arrivals as the views know them', () => {
  it('reads only remote tickets it does not know, keeps arrivals for good and "not yet" for a minute', async () => {
    let now = 1_000;
    const stored: Record<string, number> = { r1: 500 };
    const reads: string[][] = [];
    const arrivals = createRemoteArrivals({ read: async (ids) => (reads.push([...ids]), Object.fromEntries(ids.filter((id) => stored[id]).map((id) => [id, stored[id]!]))), now: () => now });

    await arrivals.load([remote('r1'), remote('r2'), { id: 'w1', kind: 'walk-in' }]);
    expect(reads).toEqual([['r1', 'r2']]);
    expect([arrivals.peek('r1'), arrivals.peek('r2')]).toEqual([500, undefined]);

    // r2 arrives through another node, and the signal is lost: within the minute nothing is read.
    stored.r2 = 1_500;
    await arrivals.load([remote('r1'), remote('r2')]);
    expect(reads).toHaveLength(1);
    now += 60_001;
    await arrivals.load([remote('r1'), remote('r2')]);
    expect(reads[1]).toEqual(['r2']);
    expect(arrivals.peek('r2')).toBe(1_500);
  });

  it('takes a signalled arrival at once, and the first one wins', () => {
    const arrivals = createRemoteArrivals({ read: async () => ({}), now: () => 0 });
    arrivals.note('r1', 10);
    arrivals.note('r1', 20);
    expect(arrivals.peek('r1')).toBe(10);
  });
});
