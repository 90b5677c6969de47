import { Reason } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { REASON_MAX, textCount } from './text-limit.js';

describe('textCount', () => {
  it('counts as the server does (trimmed) against the reason limit', () => {
    expect(REASON_MAX).toBe(200);
    expect(textCount('  午饭  ')).toEqual({ used: 2, max: 200, over: false });
    expect(textCount('x'.repeat(200))).toEqual({ used: 200, max: 200, over: false });
    expect(textCount(' ' + 'x'.repeat(200) + ' ')).toMatchObject({ over: false });
    expect(textCount('x'.repeat(201))).toEqual({ used: 201, max: 200, over: true });
    expect(textCount('abc', 2)).toEqual({ used: 3, max: 2, over: true });
  });

  it('counts an emoji or 𠮷 (two UTF-16 units) as one character, as the server accepts them', () => {
    expect(textCount('😀'.repeat(150))).toEqual({ used: 150, max: 200, over: false });
    expect(Reason.safeParse('😀'.repeat(150)).success).toBe(true);
    expect(textCount('𠮷'.repeat(200))).toEqual({ used: 200, max: 200, over: false });
    expect(Reason.safeParse('𠮷'.repeat(200)).success).toBe(true);
    // One over is over on both sides.
    expect(textCount('𠮷'.repeat(201))).toMatchObject({ used: 201, over: true });
    expect(Reason.safeParse('𠮷'.repeat(201)).success).toBe(false);
    expect(textCount('吉野家𠮷😀')).toMatchObject({ used: 5 });
  });
});
