import { describe, expect, it } from 'vitest';
import { coverGaps, type RosteredColleague } from '../src/roster-cover.js';

const hours = { mon: [{ open: '09:00', close: '17:00' }], sat: [{ open: '09:00', close: '12:00' }] };

describe('coverGaps', () => {
  it('counts a colleague without a roster as there whenever the branch is open', () => {
    expect(coverGaps(hours, ['A'], [{ skills: { A: 1 }, roster: null }])).toEqual([]);
  });

  it('names each stretch of the opening hours nobody with the skill works, per service and weekday', () => {
    const colleagues: RosteredColleague[] = [
      { skills: { A: 1 }, roster: { mon: [{ open: '09:00', close: '12:00' }, { open: '15:00', close: '17:00' }] } },
      { skills: { A: 0, B: 1 }, roster: null },
    ];
    expect(coverGaps(hours, ['A', 'B'], colleagues)).toEqual([
      { serviceId: 'A', day: 'mon', open: '12:00', close: '15:00' },
      { serviceId: 'A', day: 'sat', open: '09:00', close: '12:00' },
    ]);
  });

  it('leaves out windows not yet whole (an editor half-way through typing)', () => {
    const roster = { mon: [{ open: '09:00', close: '17:00' }, { open: '1', close: '' }], sat: [{ open: '09:00', close: '12:00' }] };
    expect(coverGaps(hours, ['A'], [{ skills: { A: 1 }, roster }])).toEqual([]);
  });
});
