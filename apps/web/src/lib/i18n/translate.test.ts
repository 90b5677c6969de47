import { describe, expect, it } from 'vitest';
import { dictionaries } from './messages/index.js';
import { translate } from './translate.js';

describe('translations', () => {
  it('every key exists in Chinese and English, and none is empty', () => {
    expect(Object.keys(dictionaries.zh).sort()).toEqual(Object.keys(dictionaries.en).sort());
    for (const lang of ['zh', 'en'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang])) expect(v, `${lang} ${k}`).not.toBe('');
    }
  });

  it('fills parameters', () => {
    expect(translate('en', 'wait.range', { low: 5, high: 9 })).toBe('about 5–9 min');
    expect(translate('zh', 'wait.range', { low: 5, high: 9 })).toBe('约 5–9 分钟');
  });
});
