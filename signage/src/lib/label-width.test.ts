import { describe, expect, it } from 'vitest';
import { emWidth } from './label-width.js';

describe('emWidth', () => {
  it('counts a Chinese character as a full em and a digit as a narrow one', () => {
    expect(emWidth('外汇兑换专窗')).toBe(6);
    expect(emWidth('12')).toBeCloseTo(1.36);
  });

  it('takes wide capitals as nearly an em, and never less than one em in all', () => {
    expect(emWidth('WW')).toBeCloseTo(2.1);
    expect(emWidth('3')).toBe(1);
  });
});
