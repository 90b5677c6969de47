import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreAwayWatch } from './store-away.svelte.js';

afterEach(() => vi.useRealTimers());

describe('StoreAwayWatch', () => {
  it('tries again after the Retry-After the server gave, until an answer comes, then stops', async () => {
    vi.useFakeTimers();
    let answers = 0;
    const watch: StoreAwayWatch = new StoreAwayWatch(async () => {
      answers++;
      // The first retry is refused again (reported back); the second is answered.
      if (answers === 1) watch.report({ retryAfterSec: 2 });
      else watch.back();
    });
    watch.report({ retryAfterSec: 2 });
    expect(watch.away).toBe(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(answers).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(answers).toBe(1);
    expect(watch.away).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(answers).toBe(2);
    expect(watch.away).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(answers).toBe(2);
  });

  it('keeps trying when a retry fails some other way (the network), and one timer at a time', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const watch = new StoreAwayWatch(async () => {
      tries++;
    });
    watch.report(null);
    watch.report(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tries).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tries).toBe(2);
    watch.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries).toBe(2);
  });
});
