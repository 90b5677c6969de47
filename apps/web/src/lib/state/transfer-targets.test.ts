import { describe, expect, it } from 'vitest';
import type { CounterState } from './staff-view.js';
import { translate } from '$lib/i18n/translate.js';
import { lostCounterChoice, servicesOnDuty, transferTargets } from './transfer-targets.js';

const counter = (label: string, over: Partial<CounterState>): CounterState => ({
  id: `c${label}`,
  label,
  status: 'available',
  staffId: `s${label}`,
  displayName: `Teller ${label}`,
  mine: false,
  ticket: null,
  pauseReason: null,
  skills: { A: 1 },
  ...over,
});

describe('transfer targets', () => {
  // The reviewer's case: Alice (1) holds an A ticket; Bob (2) serves A and B, Chen (3) C and D only.
  const board = [
    counter('1', { mine: true, status: 'serving' }),
    counter('2', { skills: { A: 0.6, B: 1 }, status: 'serving' }),
    counter('3', { skills: { C: 1, D: 0.8 } }),
    counter('4', { status: 'paused', skills: { A: 0.4, D: 1 } }),
    counter('5', { status: 'free', staffId: null, displayName: null, skills: null }),
  ];

  it('offers only colleagues who will call the ticket, and says why the others cannot take it', () => {
    expect(transferTargets(board, 'c1', 'A').map((t) => [t.counter.label, t.blocked])).toEqual([
      ['2', null],
      ['3', 'not-skilled'],
      ['4', 'paused'],
    ]);
  });

  it('follows the service the ticket goes to: moved to C, only Chen can take it', () => {
    expect(transferTargets(board, 'c1', 'C').map((t) => [t.counter.label, t.blocked])).toEqual([
      ['2', 'not-skilled'],
      ['3', null],
      ['4', 'paused'],
    ]);
  });

  it('leaves out my own counter and empty ones', () => {
    expect(transferTargets(board, 'c2', 'A').map((t) => t.counter.label)).toEqual(['1', '3', '4']);
    expect(transferTargets([board[4]!], 'c1', 'A')).toEqual([]);
  });

  it('knows the services a colleague on duty serves (a paused one included, not mine nor a free counter)', () => {
    expect([...servicesOnDuty(board, 'c1')].sort()).toEqual(['A', 'B', 'C', 'D']);
    expect([...servicesOnDuty(board.filter((c) => c.label !== '3'), 'c1')].sort()).toEqual(['A', 'B', 'D']);
    expect([...servicesOnDuty([board[0]!, board[4]!], 'c1')]).toEqual([]);
  });
});

describe('a chosen counter that stops being a choice', () => {
  const before = [counter('1', { mine: true, status: 'serving' }), counter('2', { displayName: 'Bob' })];

  it('still holds while its colleague can take the ticket, and nothing chosen is nothing lost', () => {
    expect(lostCounterChoice(transferTargets(before, 'c1', 'A'), before, 'c2')).toBeNull();
    expect(lostCounterChoice(transferTargets(before, 'c1', 'A'), before, '')).toBeNull();
  });

  it('is cleared with the reason when the colleague pauses, cannot serve the service now chosen, or leaves', () => {
    const paused = [before[0]!, counter('2', { displayName: 'Bob', status: 'paused' })];
    const lost = lostCounterChoice(transferTargets(paused, 'c1', 'A'), paused, 'c2');
    expect(lost).toEqual({ label: '2', name: 'Bob', why: 'paused' });
    expect(lostCounterChoice(transferTargets(before, 'c1', 'B'), before, 'c2')).toEqual({ label: '2', name: 'Bob', why: 'not-skilled' });
    const left = [before[0]!, counter('2', { status: 'free', staffId: null, displayName: null, skills: null })];
    expect(lostCounterChoice(transferTargets(left, 'c1', 'A'), left, 'c2')).toEqual({ label: '2', name: null, why: 'left' });
    // The dialog says who paused, not only "choose another service or a counter".
    expect(translate('zh', `staff.transfer.counterLost.${lost!.why}`, { label: '2', name: 'Bob' })).toBe('2 号柜台的Bob刚刚暂停，已取消所选柜台。请另选柜台或其他业务，也可以不指定柜台。');
    expect(translate('en', 'staff.transfer.counterLost.paused', { label: '一号窗', name: 'Bob' })).toBe(
      'Bob at 一号窗 has just paused, so that counter is no longer chosen. Choose another counter or service, or any counter.',
    );
  });
});
