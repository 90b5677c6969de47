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

describe('IdleTimer warning before the reset (WCAG 2.2.1)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('warns 20 s before resetting, and a touch (the "more time" button) extends and clears the warning', () => {
    const onIdle = vi.fn();
    const onWarning = vi.fn();
    const timer = new IdleTimer(onIdle, onWarning);
    timer.arm(60_000, 20_000);
    vi.advanceTimersByTime(39_999);
    expect(onWarning).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarning).toHaveBeenLastCalledWith(true);
    expect(timer.warning).toBe(true);
    // "I need more time": a full period again.
    timer.poke();
    expect(onWarning).toHaveBeenLastCalledWith(false);
    expect(timer.warning).toBe(false);
    vi.advanceTimersByTime(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Warned again at 40 s, then the warning is taken down as the screen resets.
    expect(onWarning.mock.calls.map((c) => c[0])).toEqual([true, false, true, false]);
  });

  it('no warning without a warning period (the ticket screen says itself that it goes back)', () => {
    const onWarning = vi.fn();
    const timer = new IdleTimer(() => {}, onWarning);
    timer.arm(20_000);
    vi.advanceTimersByTime(20_000);
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('stop takes the warning down', () => {
    const onWarning = vi.fn();
    const timer = new IdleTimer(() => {}, onWarning);
    timer.arm(60_000, 20_000);
    vi.advanceTimersByTime(45_000);
    timer.stop();
    expect(onWarning.mock.calls.map((c) => c[0])).toEqual([true, false]);
    expect(timer.warning).toBe(false);
  });
});
