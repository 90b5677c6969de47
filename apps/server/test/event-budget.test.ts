/**
 * A socket's event budget: a burst, then a steady rate; refusals past it, and a cut for a
 * client that keeps sending far past it. Pure: time is an argument.
 */
import { describe, expect, it } from 'vitest';
import { EventBudget } from '../src/realtime/event-budget.js';

const limits = { burst: 5, perSec: 2, refusalsToCut: 10, refusalWindowMs: 10_000 };
const takeMany = (b: EventBudget, n: number, at: number) => Array.from({ length: n }, () => b.take(at));

describe('the event budget', () => {
  it('serves the burst at once and refuses what comes after it', () => {
    const b = new EventBudget(0, limits);
    expect(takeMany(b, 7, 0)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'refused', 'refused']);
  });

  it('refills at its rate, never past the burst', () => {
    const b = new EventBudget(0, limits);
    takeMany(b, 5, 0);
    expect(takeMany(b, 2, 1000)).toEqual(['ok', 'ok']);
    expect(b.take(1000)).toBe('refused');
    // An hour idle is worth one burst, not thousands of events.
    expect(takeMany(b, 6, 3_600_000)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'refused']);
  });

  it('cuts a client that keeps sending past its refusals in one window', () => {
    const b = new EventBudget(0, limits);
    takeMany(b, 5, 0);
    expect(takeMany(b, 10, 0).every((v) => v === 'refused')).toBe(true);
    expect(b.take(0)).toBe('cut');
  });

  it('does not cut a client only a little over the rate: its refusals are counted per window', () => {
    const b = new EventBudget(0, limits);
    takeMany(b, 5, 0);
    const verdicts: string[] = [];
    // Two and a half a second against two: one refusal every two seconds, for a minute.
    for (let t = 0; t < 60_000; t += 400) verdicts.push(b.take(t));
    expect(verdicts).not.toContain('cut');
    expect(verdicts).toContain('refused');
  });
});
