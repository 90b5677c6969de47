import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import { findBranch, FIRST_SUGGESTIONS, helpErrorKey, isKnownBranch, paragraphs, QUESTION_MAX, questionProblem, shortDate, waitRange } from './help-logic.js';

describe('the branch in a /help link', () => {
  it('is known by its code or its id; anything else is unknown', () => {
    const branches = [{ id: '3d14cea1-ab0c-4fa2-afe5-fd00b43a30e5', code: 'demo' }];
    expect(isKnownBranch(branches, 'demo')).toBe(true);
    expect(isKnownBranch(branches, '3d14cea1-ab0c-4fa2-afe5-fd00b43a30e5')).toBe(true);
    expect(isKnownBranch(branches, 'nope')).toBe(false);
    expect(isKnownBranch(branches, 'DEMO')).toBe(false);
    expect(isKnownBranch([], 'demo')).toBe(false);
  });

  it('is found by its code or its id, so a closed branch can be named', () => {
    const demo = { id: '3d14cea1-ab0c-4fa2-afe5-fd00b43a30e5', code: 'demo', active: false };
    expect(findBranch([demo], 'demo')).toBe(demo);
    expect(findBranch([demo], demo.id)).toBe(demo);
    expect(findBranch([demo], 'nope')).toBeUndefined();
  });
});

describe('the question box', () => {
  it('refuses what the server would refuse: empty, too long, control characters', () => {
    expect(questionProblem('   ')).toEqual({ key: 'help.error.empty' });
    expect(questionProblem('x'.repeat(QUESTION_MAX + 1))).toEqual({ key: 'help.error.tooLong', params: { max: 300 } });
    expect(questionProblem('hours\u0007')).toEqual({ key: 'help.error.control' });
    expect(questionProblem('  营业时间  ')).toBeNull();
    expect(questionProblem('x'.repeat(QUESTION_MAX))).toBeNull();
  });

  it('words the refusals it knows, and the rest generically', () => {
    expect(helpErrorKey('RATE_LIMITED')).toBe('help.error.RATE_LIMITED');
    expect(helpErrorKey('BRANCH_UNKNOWN')).toBe('help.error.BRANCH_UNKNOWN');
    expect(helpErrorKey('INTERNAL')).toBe('help.error.generic');
  });
});

describe('presenting answers', () => {
  it('words waits as the phone page and kiosk do: within N min from 0, about N min when the ends agree, never 0–N', () => {
    const say = (lang: 'zh' | 'en', low: number, high: number, waiting = 3) => {
      const w = waitRange(low, high, waiting);
      return translate(lang, w.key, w.params);
    };
    expect([say('zh', 7.6, 19.2), say('en', 7.6, 19.2)]).toEqual(['约 8–19 分钟', 'about 8–19 min']);
    expect([say('zh', 0, 5), say('en', 0.2, 5)]).toEqual(['5 分钟内', 'within 5 min']);
    expect([say('zh', 4.8, 5.2), say('en', 4.8, 5.2)]).toEqual(['约 5 分钟', 'about 5 min']);
    // Someone waiting but no minutes yet: still a wait, by its upper end.
    expect(say('en', 0, 0, 1)).toBe('within 1 min');
    expect([say('zh', 0, 0, 0), say('en', -1, 0, 0)]).toEqual(['无需等候', 'No wait']);
  });

  it('short dates and paragraphs', () => {
    expect(shortDate('2026-03-02', 'zh')).toBe('3月2日');
    expect(shortDate('2026-03-02', 'en')).toBe('2 Mar');
    expect(paragraphs('One.\n\nTwo\nlines.\n\n')).toEqual(['One.', 'Two\nlines.']);
  });

  it('every first suggestion and help word exists in both languages', () => {
    for (const key of FIRST_SUGGESTIONS) {
      expect(dictionaries.zh[key], key).toBeTruthy();
      expect(dictionaries.en[key], key).toBeTruthy();
    }
    const zh = Object.keys(dictionaries.zh).filter((k) => k.startsWith('help.')).sort();
    const en = Object.keys(dictionaries.en).filter((k) => k.startsWith('help.')).sort();
    expect(zh).toEqual(en);
  });
});
