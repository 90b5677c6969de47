import { describe, expect, it } from 'vitest';
import { REASON_MAX, textCount } from './text-limit.js';

describe('textCount', () => {
  it('counts as the server does (trimmed, String.length) against the reason limit', () => {
    expect(REASON_MAX).toBe(200);
    expect(textCount('  午饭  ')).toEqual({ used: 2, max: 200, over: false });
    expect(textCount('x'.repeat(200))).toEqual({ used: 200, max: 200, over: false });
    expect(textCount(' ' + 'x'.repeat(200) + ' ')).toMatchObject({ over: false });
    expect(textCount('x'.repeat(201))).toEqual({ used: 201, max: 200, over: true });
    expect(textCount('abc', 2)).toEqual({ used: 3, max: 2, over: true });
  });
});
