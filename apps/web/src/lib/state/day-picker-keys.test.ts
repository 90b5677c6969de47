import { describe, expect, it } from 'vitest';
import type { SlotDay } from './booking-logic.js';
import { dayForKey, dayTabStop } from './day-picker-keys.js';

const slot = { startsAt: 1, endsAt: 2, time: '09:00', remaining: 1 };
const day = (date: string, free: boolean, closed = false): SlotDay => ({ date, closed, slots: free ? [slot] : [] });
/** Mon and Tue free, Wed full, Thu free, Sat closed, Sun free. */
const week = [day('2026-03-02', true), day('2026-03-03', true), day('2026-03-04', false), day('2026-03-05', true), day('2026-03-07', false, true), day('2026-03-08', true)];

describe('the days as one keyboard widget', () => {
  it('has one Tab stop: the day last focused, else the chosen one, else the first that can be chosen', () => {
    expect(dayTabStop(week, '2026-03-05', '2026-03-03')).toBe('2026-03-05');
    expect(dayTabStop(week, null, '2026-03-03')).toBe('2026-03-03');
    // A focused or chosen day that filled up meanwhile is no stop: it cannot take focus.
    expect(dayTabStop(week, '2026-03-04', '2026-03-07')).toBe('2026-03-02');
    expect(dayTabStop([day('2026-03-04', false)], null, null)).toBeNull();
  });

  it('moves a day with Left/Right over full and closed days, without wrapping', () => {
    expect(dayForKey(week, '2026-03-02', 'ArrowRight')).toBe('2026-03-03');
    expect(dayForKey(week, '2026-03-03', 'ArrowRight')).toBe('2026-03-05');
    expect(dayForKey(week, '2026-03-05', 'ArrowRight')).toBe('2026-03-08');
    expect(dayForKey(week, '2026-03-08', 'ArrowLeft')).toBe('2026-03-05');
    expect(dayForKey(week, '2026-03-08', 'ArrowRight')).toBeNull();
    expect(dayForKey(week, '2026-03-02', 'ArrowLeft')).toBeNull();
  });

  it('goes to the first and last day that can be chosen with Home/End', () => {
    const edgesFull = [day('2026-03-01', false), ...week, day('2026-03-09', false)];
    expect(dayForKey(edgesFull, '2026-03-05', 'Home')).toBe('2026-03-02');
    expect(dayForKey(edgesFull, '2026-03-03', 'End')).toBe('2026-03-08');
  });

  it('leaves every other key alone (Tab, Enter, Space, Up/Down scroll the page as usual)', () => {
    for (const key of ['Tab', 'Enter', ' ', 'ArrowUp', 'ArrowDown', 'a']) expect(dayForKey(week, '2026-03-03', key)).toBeNull();
    expect(dayForKey([day('2026-03-04', false)], null, 'Home')).toBeNull();
  });
});
