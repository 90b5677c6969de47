import { describe, expect, it } from 'vitest';
import type { CounterState } from './staff-view.js';
import { servicesOnDuty, transferTargets } from './transfer-targets.js';

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
