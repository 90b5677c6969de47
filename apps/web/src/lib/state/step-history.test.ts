import { describe, expect, it } from 'vitest';
import { entryStep, historyMove, landing, urlInLang } from './step-history.js';

const ONE_BRANCH = ['service', 'when', 'contact'] as const;
const BRANCHES = ['branch', 'service', 'when', 'contact'] as const;
const JOIN = ['service', 'contact', 'confirm', 'verify'] as const;

describe('the steps of a phone page in the browser history', () => {
  it('names the entry the page opened in, then adds one entry per step forward', () => {
    expect(historyMove(ONE_BRANCH, undefined, 'loading')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, undefined, 'service')).toEqual({ kind: 'label' });
    expect(historyMove(ONE_BRANCH, 'service', 'when')).toEqual({ kind: 'push' });
    expect(historyMove(ONE_BRANCH, 'when', 'contact')).toEqual({ kind: 'push' });
    expect(historyMove(BRANCHES, 'branch', 'service')).toEqual({ kind: 'push' });
    expect(historyMove(JOIN, 'confirm', 'verify')).toEqual({ kind: 'push' });
  });

  it("goes back through the entries when the page goes back by itself (its Back button, a slot gone)", () => {
    expect(historyMove(ONE_BRANCH, 'contact', 'when')).toEqual({ kind: 'back', by: 1 });
    expect(historyMove(BRANCHES, 'contact', 'branch')).toEqual({ kind: 'back', by: 3 });
    // The join's "other address" on the code step goes back to the contact step: two entries.
    expect(historyMove(JOIN, 'verify', 'contact')).toEqual({ kind: 'back', by: 2 });
  });

  it('does nothing when the entry already stands for the step, or while loading, on the error page or a closed branch', () => {
    expect(historyMove(ONE_BRANCH, 'when', 'when')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, 'when', 'loading')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, 'when', 'error')).toEqual({ kind: 'none' });
    expect(historyMove(JOIN, 'confirm', 'closed')).toEqual({ kind: 'none' });
  });

  it('names again an entry for a step this page does not have (a branch step of a one-branch bank)', () => {
    expect(historyMove(ONE_BRANCH, 'branch', 'service')).toEqual({ kind: 'label' });
    expect(historyMove(ONE_BRANCH, 'nonsense', 'service')).toEqual({ kind: 'label' });
    expect(historyMove(ONE_BRANCH, { step: 'when' }, 'service')).toEqual({ kind: 'label' });
  });

  it('names again, never goes back through, an entry from before the page opened (Back from the ticket, a reload)', () => {
    // The entry says "contact" but the page starts again at its first step: going back two
    // entries would leave the page; the entry is named for the step shown instead.
    expect(historyMove(JOIN, 'contact', 'service', false)).toEqual({ kind: 'label' });
    expect(historyMove(JOIN, 'service', 'contact', false)).toEqual({ kind: 'label' });
  });
});

describe('the step an entry stands for', () => {
  it('is one of the page steps, or none', () => {
    expect(entryStep(JOIN, 'confirm')).toBe('confirm');
    expect(entryStep(JOIN, 'when')).toBeNull();
    expect(entryStep(JOIN, undefined)).toBeNull();
    expect(entryStep(JOIN, 42)).toBeNull();
  });
});

describe('a Back or Forward landing on an entry', () => {
  const V = 'this-visit';
  it('follows the entry on this visit\'s steps', () => {
    expect(landing({ depth: 1, visit: V }, V, 2, true)).toEqual({ kind: 'follow' });
    expect(landing({ depth: 3, visit: V }, V, 2, true)).toEqual({ kind: 'follow' });
    // An entry without a place (as left by an older version of the page): as before.
    expect(landing({}, V, 2, true)).toEqual({ kind: 'follow' });
    expect(landing({ depth: 'x', visit: 'old' }, V, 2, true)).toEqual({ kind: 'follow' });
  });

  it('leaves the page from an earlier visit\'s step below (after a reload, Back from the ticket): not a silent press', () => {
    expect(landing({ depth: 2, visit: 'old' }, V, 3, true)).toEqual({ kind: 'leave', by: 3 });
    expect(landing({ depth: 0, visit: 'old' }, V, 1, true)).toEqual({ kind: 'leave', by: 1 });
  });

  it('leaves the page on Back from a screen that is no step (the join\'s "closed" screen, the error page)', () => {
    expect(landing({ depth: 2, visit: V }, V, 3, false)).toEqual({ kind: 'leave', by: 3 });
  });

  it('returns from a Forward onto an earlier visit\'s step', () => {
    expect(landing({ depth: 4, visit: 'old' }, V, 2, true)).toEqual({ kind: 'return', by: 2 });
  });

  it('goes on to the ticket from a Forward onto the entry an earlier visit finished the flow from', () => {
    expect(landing({ depth: 1, visit: 'old', done: true }, V, 0, true)).toEqual({ kind: 'onward' });
    // A Back onto it still leaves, and on this visit's own entry the mark changes nothing.
    expect(landing({ depth: 1, visit: 'old', done: true }, V, 2, true)).toEqual({ kind: 'leave', by: 2 });
    expect(landing({ depth: 1, visit: V, done: true }, V, 0, true)).toEqual({ kind: 'follow' });
  });
});

describe('the language in an entry\'s address', () => {
  it('is rewritten to the language chosen since, and left alone when it agrees or says none', () => {
    expect(urlInLang('https://x.test/book?lang=zh&branch=b1', 'en')?.href).toBe('https://x.test/book?lang=en&branch=b1');
    expect(urlInLang('https://x.test/book?lang=en', 'en')).toBeNull();
    expect(urlInLang('https://x.test/book', 'en')).toBeNull();
  });
});
