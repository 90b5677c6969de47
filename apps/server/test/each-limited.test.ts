import { describe, expect, it } from 'vitest';
import { eachLimited } from '../src/usecases/each-limited.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('eachLimited', () => {
  it('visits every item once, never more than `limit` at a time', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await eachLimited([...Array(50).keys()], 4, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(most).toBe(4);
  });

  it('throws the first error, starts nothing after it, and lets calls in flight finish', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = eachLimited([...Array(20).keys()], 3, async (i) => {
      started.push(i);
      await tick();
      if (i === 4) throw new Error('branch 4 failed');
      finished++;
    });
    await expect(run).rejects.toThrow('branch 4 failed');
    // Items 0-6 may have started (three lanes, item 4 fails after a tick); none of the rest.
    expect(Math.max(...started)).toBeLessThan(8);
    expect(finished).toBe(started.length - 1);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await eachLimited([], 8, async () => void calls++);
    expect(calls).toBe(0);
  });
});
