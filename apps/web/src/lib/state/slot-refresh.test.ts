import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshWhile, SLOT_REFRESH_MS } from './slot-refresh.js';

describe('slot list refresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads the list every period while it is shown, and never after stop', () => {
    let shown = true;
    const reload = vi.fn(async () => {});
    const stop = refreshWhile(() => shown, reload);
    vi.advanceTimersByTime(SLOT_REFRESH_MS - 1);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
    shown = false;
    vi.advanceTimersByTime(3 * SLOT_REFRESH_MS);
    expect(reload).toHaveBeenCalledTimes(1);
    shown = true;
    vi.advanceTimersByTime(SLOT_REFRESH_MS);
    expect(reload).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(5 * SLOT_REFRESH_MS);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
