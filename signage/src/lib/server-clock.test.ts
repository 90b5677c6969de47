import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock.js';

describe('ServerClock', () => {
  it('follows the local clock until a live call shows it is wrong', () => {
    let local = 1_000_000;
    const clock = new ServerClock(() => local);
    expect(clock.now()).toBe(1_000_000);
    clock.observe(local - 200); // network delay only
    expect(clock.now()).toBe(1_000_000);
    clock.observe(local - 600_000); // this PC is ten minutes fast
    local += 1_000;
    expect(clock.now()).toBe(1_000_000 + 1_000 - 600_000);
  });

  it('forgets the skew once the local clock is corrected', () => {
    let local = 0;
    const clock = new ServerClock(() => local);
    clock.observe(-120_000);
    expect(clock.skew).toBe(120_000);
    local = 500;
    clock.observe(400);
    expect(clock.skew).toBe(0);
  });
});
