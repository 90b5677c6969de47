import { describe, expect, it } from 'vitest';
import { SaveServiceRecordBody } from '../src/index.js';

describe('SaveServiceRecordBody', () => {
  const ok = (notes: string) => SaveServiceRecordBody.safeParse({ notes, outcome: 'resolved' }).success;

  it('takes up to 2000 characters over several lines, with tabs, in any script', () => {
    expect(ok('')).toBe(true);
    expect(ok('x'.repeat(2000))).toBe(true);
    expect(ok('第一行\n第二行\r\n\t缩进 👍')).toBe(true);
    expect(ok('x'.repeat(2001))).toBe(false);
  });

  it('refuses other control characters and broken UTF-16', () => {
    for (const bad of ['\u0000', '\u0007', '\u000b', '\u000c', '\u001b[31m', '\u007f', '\u0085', '\ud800']) expect(ok(`a${bad}b`), JSON.stringify(bad)).toBe(false);
  });

  it('knows four outcomes and no other field', () => {
    for (const outcome of ['resolved', 'follow-up', 'referred', 'not-resolved']) expect(SaveServiceRecordBody.safeParse({ notes: '', outcome }).success).toBe(true);
    expect(SaveServiceRecordBody.safeParse({ notes: '', outcome: 'done' }).success).toBe(false);
    expect(SaveServiceRecordBody.safeParse({ notes: '', outcome: 'resolved', staffId: 's1' }).success).toBe(false);
  });
});
