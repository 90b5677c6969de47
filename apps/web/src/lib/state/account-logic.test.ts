import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n/messages/index.js';
import { passwordFormProblems, refusedField } from './account-logic.js';

describe('the password form', () => {
  const fields = (over: Partial<{ current: string; next: string; repeat: string }>) => ({ current: 'temp-Pass-1', next: 'my own secret', repeat: 'my own secret', ...over });

  it('may be sent when the current password is given and the new one follows the rules twice', () => {
    expect(passwordFormProblems(fields({}), 'fei')).toEqual({});
  });

  it('names each problem by its field, in words both dictionaries have', () => {
    const cases = [
      [fields({ current: '' }), { current: 'account.invalid.currentMissing' }],
      [fields({ next: 'short', repeat: 'short' }), { next: 'account.invalid.too-short' }],
      [fields({ next: 'Fei.Wang.01', repeat: 'Fei.Wang.01' }), { next: 'account.invalid.same-as-username' }],
      [fields({ next: '          ', repeat: '          ' }), { next: 'account.invalid.too-short' }],
      [fields({ next: 'aaaaaaaaaa', repeat: 'aaaaaaaaaa' }), { next: 'account.invalid.too-simple' }],
      [fields({ next: 'temp-Pass-1', repeat: 'temp-Pass-1' }), { next: 'account.invalid.same-as-current' }],
      [fields({ repeat: 'my own secreT' }), { repeat: 'account.invalid.mismatch' }],
    ] as const;
    for (const [f, expected] of cases) {
      const found = passwordFormProblems(f, f.next === 'Fei.Wang.01' ? 'fei.wang.01' : 'fei');
      expect(found, JSON.stringify(f)).toEqual(expected);
      for (const key of Object.values(found)) for (const lang of ['zh', 'en'] as const) expect(dictionaries[lang][key!], key).toBeTruthy();
    }
  });

  it("turns the server's refusals into field problems", () => {
    expect(refusedField('WRONG_PASSWORD', null)).toEqual({ current: 'account.invalid.wrong' });
    expect(refusedField('WEAK_PASSWORD', { reason: 'too-short', min: 10 })).toEqual({ next: 'account.invalid.too-short' });
    expect(refusedField('WEAK_PASSWORD', { reason: '<script>' })).toEqual({});
    expect(refusedField('RATE_LIMITED', null)).toEqual({});
  });
});
