/**
 * When the kiosk issues walk-in tickets, as a pure function of the hours, closures and the time:
 * the same days the help assistant tells customers, from the early window before each opening.
 */
import { describe, expect, it } from 'vitest';
import type { HoursInput } from '../src/usecases/assistant/branch-hours.js';
import { walkInHoursAt } from '../src/usecases/walk-in-window.js';

/** A local wall-clock time in Shanghai (UTC+8, no daylight saving). */
const local = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const DAY = [{ open: '09:00', close: '17:00' }];
// Monday 2 March 2026.
const MON = '2026-03-02';
const bank = (closures: HoursInput['closures'] = []): HoursInput => ({
  timezone: 'Asia/Shanghai',
  hours: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }], sat: [] },
  closures,
});
const at = (input: HoursInput, date: string, hm: string, early = 30) => walkInHoursAt(input, early, local(date, hm));

describe('walk-in hours', () => {
  it('issues from the early window before opening until closing', () => {
    expect(at(bank(), MON, '08:30')).toEqual({ issuing: true, closed: null, reason: null, next: null, today: MON });
    expect(at(bank(), MON, '16:59').issuing).toBe(true);
    expect(at(bank(), MON, '08:45', 0)).toMatchObject({ issuing: false, closed: 'not-yet' });
  });

  it('before the early window: not yet, with the opening and when tickets start', () => {
    expect(at(bank(), MON, '03:00')).toEqual({
      issuing: false,
      closed: 'not-yet',
      reason: null,
      next: { opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00', date: MON, weekday: 'mon', ticketsFrom: '2026-03-02T08:30:00+08:00', ticketsFromLocal: '08:30' },
      today: MON,
    });
  });

  it('after closing: ended, next opening tomorrow; a lunch break is "not yet" until the afternoon', () => {
    expect(at(bank(), MON, '17:00')).toMatchObject({ issuing: false, closed: 'ended', next: { date: '2026-03-03', opensAtLocal: '09:00', ticketsFromLocal: '08:30' } });
    expect(at(bank(), '2026-03-06', '12:30')).toMatchObject({ issuing: false, closed: 'not-yet', next: { date: '2026-03-06', opensAtLocal: '14:00' } });
    expect(at(bank(), '2026-03-06', '13:30').issuing).toBe(true);
  });

  it('a day off, weekly or a holiday the manager entered, with its reason; Sunday names Monday', () => {
    expect(at(bank(), '2026-03-08', '10:00')).toMatchObject({ issuing: false, closed: 'day-off', reason: null, next: { date: '2026-03-09', weekday: 'mon' } });
    const holiday = bank([{ date: MON, until: '2026-03-03', reason: '员工培训' }]);
    expect(at(holiday, MON, '10:00')).toMatchObject({ issuing: false, closed: 'day-off', reason: '员工培训', next: { date: '2026-03-04', opensAtLocal: '09:00' } });
    // Its eve, after closing: the day after the holiday is next.
    expect(at(holiday, '2026-03-01', '20:00')).toMatchObject({ closed: 'day-off', next: { date: '2026-03-04' } });
  });

  it('a closure interval in the hours is why, with its reason; tickets from the early window before it ends', () => {
    const upgrade = bank([{ from: local(MON, '10:00'), to: local(MON, '12:00'), reason: '系统升级' }]);
    expect(at(upgrade, MON, '10:30')).toMatchObject({ issuing: false, closed: 'closure', reason: '系统升级', next: { date: MON, opensAtLocal: '12:00', ticketsFromLocal: '11:30' } });
    expect(at(upgrade, MON, '11:30').issuing).toBe(true);
    // A night's maintenance outside the hours is no reason to mention.
    const night = bank([{ from: local(MON, '01:00'), to: local(MON, '05:00'), reason: 'backup' }]);
    expect(at(night, MON, '02:00')).toMatchObject({ closed: 'not-yet', reason: null });
  });

  it("open 00:00-23:59 every day issues all day, not in the last minute: tomorrow's tickets start at midnight", () => {
    const allDay = [{ open: '00:00', close: '23:59' }];
    const always: HoursInput = { timezone: 'Asia/Shanghai', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closures: [] };
    for (const hm of ['00:00', '03:00', '12:00', '22:00']) expect(at(always, '2026-03-08', hm).issuing, hm).toBe(true);
    expect(at(always, '2026-03-08', '23:59')).toMatchObject({ issuing: false, closed: 'ended', next: { date: '2026-03-09', opensAtLocal: '00:00', ticketsFromLocal: '00:00' } });
    expect(walkInHoursAt(always, 30, local('2026-03-09', '00:00')).issuing).toBe(true);
    // A holiday still closes it.
    expect(at({ ...always, closures: [{ date: '2026-03-08', reason: '国庆节' }] }, '2026-03-08', '03:00')).toMatchObject({ issuing: false, closed: 'day-off', reason: '国庆节' });
  });

  it('never issues before the local midnight of the opening: the daily close at midnight would cancel the ticket', () => {
    // Opens at 00:30 with an hour's early window, in Shanghai (UTC+8): tickets from 00:00, not 23:30 the evening before.
    const late: HoursInput = { timezone: 'Asia/Shanghai', hours: { mon: [{ open: '00:30', close: '08:00' }], tue: [{ open: '00:30', close: '08:00' }] }, closures: [] };
    const eve = walkInHoursAt(late, 60, local('2026-03-01', '23:45'));
    expect(eve).toMatchObject({ issuing: false, closed: 'day-off', next: { date: MON, opensAtLocal: '00:30', ticketsFromLocal: '00:00', ticketsFrom: '2026-03-02T00:00:00+08:00' } });
    expect(walkInHoursAt(late, 60, local(MON, '00:00') - 1).issuing).toBe(false);
    expect(walkInHoursAt(late, 60, local(MON, '00:00')).issuing).toBe(true);
    // After Monday's closing, Tuesday's tickets also wait for Tuesday's midnight.
    expect(walkInHoursAt(late, 60, local(MON, '23:45'))).toMatchObject({ issuing: false, closed: 'ended', next: { date: '2026-03-03', ticketsFromLocal: '00:00' } });
    // An opening later in the morning keeps its whole early window.
    expect(walkInHoursAt(late, 20, local(MON, '00:10')).issuing).toBe(true);
    expect(walkInHoursAt(late, 20, local(MON, '00:09')).issuing).toBe(false);
    // West of UTC the same: New York (UTC-5), open 00:15 with 45 minutes early.
    const ny: HoursInput = { timezone: 'America/New_York', hours: { mon: [{ open: '00:15', close: '06:00' }] }, closures: [] };
    expect(walkInHoursAt(ny, 45, Date.parse('2026-03-02T04:59:00Z')).issuing).toBe(false);
    expect(walkInHoursAt(ny, 45, Date.parse('2026-03-02T05:00:00Z')).issuing).toBe(true);
  });

  it('no opening in the coming week: closed, nothing to name', () => {
    expect(at(bank([{ date: MON, until: '2026-03-31' }]), MON, '10:00')).toEqual({ issuing: false, closed: 'day-off', reason: null, next: null, today: MON });
  });

  it('keeps to the branch clock across a daylight-saving change', () => {
    // New York springs forward on Sunday 8 March 2026: 09:00 EDT is 13:00 UTC.
    const ny: HoursInput = { timezone: 'America/New_York', hours: { sun: [{ open: '09:00', close: '17:00' }] }, closures: [] };
    expect(walkInHoursAt(ny, 30, Date.parse('2026-03-08T12:29:00Z'))).toMatchObject({ issuing: false, next: { opensAt: '2026-03-08T09:00:00-04:00', ticketsFromLocal: '08:30' } });
    expect(walkInHoursAt(ny, 30, Date.parse('2026-03-08T12:30:00Z')).issuing).toBe(true);
  });
});
