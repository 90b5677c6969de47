import { describe, expect, it } from 'vitest';
import { historyMove } from './booking-history.js';

const ONE_BRANCH = ['service', 'when', 'contact'] as const;
const BRANCHES = ['branch', 'service', 'when', 'contact'] as const;

describe('the booking steps in the browser history', () => {
  it('names the entry the page opened in, then adds one entry per step forward', () => {
    expect(historyMove(ONE_BRANCH, undefined, 'loading')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, undefined, 'service')).toEqual({ kind: 'label' });
    expect(historyMove(ONE_BRANCH, 'service', 'when')).toEqual({ kind: 'push' });
    expect(historyMove(ONE_BRANCH, 'when', 'contact')).toEqual({ kind: 'push' });
    expect(historyMove(BRANCHES, 'branch', 'service')).toEqual({ kind: 'push' });
  });

  it("goes back through the entries when the page goes back by itself (its Back button, a slot gone)", () => {
    expect(historyMove(ONE_BRANCH, 'contact', 'when')).toEqual({ kind: 'back', by: 1 });
    expect(historyMove(BRANCHES, 'contact', 'branch')).toEqual({ kind: 'back', by: 3 });
  });

  it('does nothing when the entry already stands for the step, or while loading or on the error page', () => {
    expect(historyMove(ONE_BRANCH, 'when', 'when')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, 'when', 'loading')).toEqual({ kind: 'none' });
    expect(historyMove(ONE_BRANCH, 'when', 'error')).toEqual({ kind: 'none' });
  });

  it('names again an entry for a step this page does not have (a branch step of a one-branch bank)', () => {
    expect(historyMove(ONE_BRANCH, 'branch', 'service')).toEqual({ kind: 'label' });
    expect(historyMove(ONE_BRANCH, 'nonsense', 'service')).toEqual({ kind: 'label' });
  });
});
