import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './kiosk-idle.js';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the quiet period', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle);
    timer.arm(20_000);
    vi.advanceTimersByTime(19_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.armed).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a touch restarts the countdown', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle);
    timer.arm(20_000);
    vi.advanceTimersByTime(15_000);
    timer.poke();
    vi.advanceTimersByTime(15_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('touches do nothing while disarmed, and stop cancels', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle);
    timer.poke();
    vi.advanceTimersByTime(100_000);
    expect(onIdle).not.toHaveBeenCalled();
    timer.arm(1000);
    timer.stop();
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('re-arming with another period replaces the old one', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(onIdle);
    timer.arm(60_000);
    timer.arm(1000);
    vi.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
