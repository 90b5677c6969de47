import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, erlangCMeanWait, serversFor, serviceLevel } from '../src/index.js';

describe('Erlang C', () => {
  it('matches the M/M/3 textbook case (lambda 2, mu 1): P(wait) = 4/9, Lq = 8/9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // Lq = C x a / (c - a); Wq = Lq / lambda
    expect(erlangCMeanWait(3, 2, 1) * 2).toBeCloseTo(8 / 9, 12);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
  });

  it('matches the classic call-centre example: 10 Erlangs, 180 s calls, 20 s answer target', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
    expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.7956, 4);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8884, 4);
    expect(serversFor(10, 180, 20, 0.8)).toBe(14);
  });

  it('is 1 (always wait) at or over capacity and 0 without load', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(serviceLevel(2, 3, 5, 10)).toBe(0);
    expect(erlangC(2, 0)).toBe(0);
    expect(serversFor(0, 5, 10, 0.8)).toBe(0);
  });
});
