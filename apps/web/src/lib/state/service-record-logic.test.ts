import { describe, expect, it } from 'vitest';
import { hasUnsavedChanges, notesCount, recordProblem, reportHref, reportTime, savedTime } from './service-record-logic.js';

describe('service record logic', () => {
  it('refuses what the server would refuse: over 2000 characters, control characters, no outcome', () => {
    expect(recordProblem({ notes: 'x'.repeat(2000), outcome: 'resolved' })).toBeNull();
    expect(recordProblem({ notes: 'x'.repeat(2001), outcome: 'resolved' })).toBe('tooLong');
    expect(recordProblem({ notes: 'line one\nline two\tand a tab\r\n', outcome: 'referred' })).toBeNull();
    expect(recordProblem({ notes: 'bell\u0007', outcome: 'resolved' })).toBe('control');
    expect(recordProblem({ notes: 'nul\u0000', outcome: 'resolved' })).toBe('control');
    expect(recordProblem({ notes: 'notes', outcome: null })).toBe('noOutcome');
    // Chinese and emoji are text, not control characters.
    expect(recordProblem({ notes: '客户咨询房贷 👍', outcome: 'follow-up' })).toBeNull();
  });

  it('counts a fresh record as changed only once something was typed or chosen', () => {
    expect(hasUnsavedChanges({ notes: '', outcome: null }, null)).toBe(false);
    expect(hasUnsavedChanges({ notes: '   ', outcome: null }, null)).toBe(false);
    expect(hasUnsavedChanges({ notes: 'a', outcome: null }, null)).toBe(true);
    expect(hasUnsavedChanges({ notes: '', outcome: 'resolved' }, null)).toBe(true);
    const saved = { notes: 'a', outcome: 'resolved' as const };
    expect(hasUnsavedChanges({ ...saved }, saved)).toBe(false);
    expect(hasUnsavedChanges({ ...saved, notes: 'a ' }, saved)).toBe(true);
    expect(hasUnsavedChanges({ ...saved, outcome: 'referred' }, saved)).toBe(true);
  });

  it('counts characters against the limit', () => {
    expect(notesCount('abc')).toEqual({ used: 3, max: 2000, over: false });
    expect(notesCount('x'.repeat(2001)).over).toBe(true);
    // Code points, as the server counts: 1500 emoji are 1500 characters (3000 UTF-16 units), and saved.
    expect(notesCount('😀'.repeat(1500))).toEqual({ used: 1500, max: 2000, over: false });
    expect(recordProblem({ notes: '𠮷'.repeat(2000), outcome: 'resolved' })).toBeNull();
    expect(recordProblem({ notes: '𠮷'.repeat(2001), outcome: 'resolved' })).toBe('tooLong');
  });

  it('shows times as a 24-hour clock, in the branch time zone for the report', () => {
    const at = Date.parse('2026-03-02T14:32:10+08:00');
    expect(savedTime(at, 'Asia/Shanghai')).toBe('14:32');
    expect(reportTime(at, 'Asia/Shanghai')).toBe('2026-03-02 14:32');
    expect(reportTime(at, 'UTC')).toBe('2026-03-02 06:32');
    expect(reportTime(null, 'UTC')).toBeNull();
  });

  it('links to the report of a visit with its branch', () => {
    expect(reportHref('tkt_1', 'b 1')).toBe('/staff/report/tkt_1?branch=b%201');
  });
});
