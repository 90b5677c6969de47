/**
 * The server's CSV export words audit entries through contracts' `auditWords`, the screen through
 * `translate`: both must say every entry word alike, or the file and the screen drift apart again.
 */
import { AUDIT_ACTIONS, AUDIT_ENTRY_WORDS, auditWords, DEVICE_KIND_WORDS, RECORD_OUTCOME_WORDS, SETUP_AUDIT_WORDS } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from './translate.js';

describe("the CSV export's words of an audit entry", () => {
  it('are the screen’s, key by key, in both languages, with parameters and a named counter filled in as the screen fills them', () => {
    const keys = [
      ...[AUDIT_ENTRY_WORDS, SETUP_AUDIT_WORDS, DEVICE_KIND_WORDS, RECORD_OUTCOME_WORDS].flatMap((w) => Object.keys(w.zh)),
      ...Object.keys(AUDIT_ACTIONS).map((a) => `audit.action.${a}`),
    ];
    expect(keys.length).toBeGreaterThan(200);
    // No parameters, every placeholder filled, and a counter named rather than numbered (its `.bare` variant).
    const samples: Record<string, string | number>[] = [{}, { name: 'A', code: 'B', n: 3, from: 'A', to: 'D', counter: '2', what: 'x', username: 'u', day: 'd' }, { counter: '一号窗' }];
    for (const lang of ['zh', 'en'] as const) {
      const t = auditWords(lang);
      for (const key of keys) {
        for (const params of samples) {
          expect(t(key, params), `${lang} ${key}`).toBe(translate(lang, key, params));
        }
      }
    }
    expect(auditWords('zh')('audit.summary.toCounter', { counter: '一号窗' })).toBe('转给 一号窗');
  });
});
