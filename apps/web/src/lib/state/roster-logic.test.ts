import { describe, expect, it } from 'vitest';
import { changedRosters, copyTargets, coverGaps, dayText, outsideOpening, rebaseRosters, rosterBody, rosterFormOf, rosterIssues, sameRoster } from './roster-logic.js';
import { copyDay, hoursFormOf } from './setup-logic.js';
import { countKey } from './reports-logic.js';
import { translate } from '$lib/i18n/translate.js';

const w = (open: string, close: string) => ({ open, close });
/** Mon-Fri 09:00-17:00, closed at the weekend. */
const OPENING = hoursFormOf({ mon: [w('09:00', '17:00')], tue: [w('09:00', '17:00')], wed: [w('09:00', '17:00')], thu: [w('09:00', '17:00')], fri: [w('09:00', '17:00')] });

describe('roster forms', () => {
  it('keeps "no roster" apart from a roster with every day off', () => {
    expect(rosterFormOf(null)).toBeNull();
    expect(rosterFormOf({})).toEqual(hoursFormOf({}));
    expect(sameRoster(null, rosterFormOf({}))).toBe(false);
    expect(rosterBody(null)).toBeNull();
  });

  it('compares shifts whatever their order in a day, and sends them in time order', () => {
    const typed = hoursFormOf({ mon: [w('13:00', '17:00'), w('09:00', '12:00')] });
    expect(sameRoster(typed, rosterFormOf({ mon: [w('09:00', '12:00'), w('13:00', '17:00')] }))).toBe(true);
    expect(rosterBody(typed)!.mon).toEqual([w('09:00', '12:00'), w('13:00', '17:00')]);
  });

  it('sends only the rosters changed from what was loaded', () => {
    const saved = { s1: null, s2: { mon: [w('09:00', '12:00')] } };
    expect(changedRosters(saved, { s1: null, s2: rosterFormOf(saved.s2) })).toEqual({});
    expect(changedRosters(saved, { s1: hoursFormOf({ tue: [w('10:00', '11:00')] }), s2: null })).toEqual({
      s1: { ...hoursFormOf({}), tue: [w('10:00', '11:00')] },
      s2: null,
    });
  });

  it('copies a day onto others, replacing what they had, and leaves the rest', () => {
    const week = hoursFormOf({ mon: [w('09:00', '12:00'), w('13:00', '17:00')], tue: [w('08:00', '10:00')], sat: [w('09:00', '11:00')] });
    const copied = copyDay(week, 'mon', ['tue', 'wed', 'mon']);
    expect(copied.tue).toEqual(week.mon);
    expect(copied.wed).toEqual(week.mon);
    expect(copied.sat).toEqual([w('09:00', '11:00')]);
    // A copy, not the same objects: editing Tuesday later leaves Monday alone.
    expect(copied.tue[0]).not.toBe(week.mon[0]);
    expect(week.tue).toEqual([w('08:00', '10:00')]);
  });

  it('copies to the days ticked, never onto the day copied from (ticked before it became the source)', () => {
    // Saturday ticked, then chosen as "Copy from": nothing is left to copy to.
    expect(copyTargets('sat', ['sat'])).toEqual([]);
    expect(copyTargets('sat', ['mon', 'sat', 'sun'])).toEqual(['mon', 'sun']);
    expect(copyTargets('mon', ['sat'])).toEqual(['sat']);
  });

  it('says how many days were copied to: one day, several days (zh has no plural)', () => {
    const said = (lang: 'zh' | 'en', n: number) => translate(lang, countKey('roster.copied', n), { day: lang === 'en' ? 'Saturday' : '周六', n });
    expect(said('en', 1)).toBe("Saturday's shifts copied to 1 day.");
    expect(said('en', 2)).toBe("Saturday's shifts copied to 2 days.");
    expect(said('zh', 1)).toBe('已把周六的班次复制到 1 天。');
    expect(said('zh', 3)).toBe('已把周六的班次复制到 3 天。');
  });

  it('writes a day as a line, or null for a day off', () => {
    expect(dayText([w('13:00', '17:00'), w('09:00', '12:00')])).toBe('09:00–12:00, 13:00–17:00');
    expect(dayText([])).toBeNull();
  });
});

describe('services without cover', () => {
  const skilled = { sa: 1, sc: 0.8 };

  it('a colleague without a roster covers the opening hours; nobody with the skill leaves the whole day', () => {
    expect(coverGaps(OPENING, ['sa'], [{ skills: skilled, roster: null }])).toEqual([]);
    const gaps = coverGaps(OPENING, ['sb'], [{ skills: skilled, roster: null }]);
    expect(gaps.map((g) => g.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(gaps[0]).toEqual({ serviceId: 'sb', day: 'mon', open: '09:00', close: '17:00' });
  });

  it('names the stretches of the opening hours nobody skilled is rostered, per service', () => {
    const morning = hoursFormOf({ mon: [w('08:00', '12:00')], tue: [w('09:00', '17:00')] });
    const lateMonday = hoursFormOf({ mon: [w('14:00', '16:00')] });
    const gaps = coverGaps(OPENING, ['sa', 'sc'], [
      { skills: { sa: 1 }, roster: morning },
      { skills: { sa: 0.5, sc: 1 }, roster: lateMonday },
    ]);
    expect(gaps.filter((g) => g.serviceId === 'sa' && g.day === 'mon')).toEqual([
      { serviceId: 'sa', day: 'mon', open: '12:00', close: '14:00' },
      { serviceId: 'sa', day: 'mon', open: '16:00', close: '17:00' },
    ]);
    expect(gaps.filter((g) => g.serviceId === 'sa').map((g) => g.day)).toEqual(['mon', 'mon', 'wed', 'thu', 'fri']);
    expect(gaps.filter((g) => g.serviceId === 'sc' && g.day === 'mon')).toEqual([
      { serviceId: 'sc', day: 'mon', open: '09:00', close: '14:00' },
      { serviceId: 'sc', day: 'mon', open: '16:00', close: '17:00' },
    ]);
  });

  it('no gaps on a closed day, and a half-typed shift counts for nothing until it is whole', () => {
    const week = hoursFormOf({ mon: [w('09:00', '17:00')], sat: [w('09:00', '12:00')], tue: [w('09:00', '')] });
    const gaps = coverGaps(OPENING, ['sa'], [{ skills: { sa: 1 }, roster: copyDay(week, 'mon', ['wed', 'thu', 'fri']) }]);
    expect(gaps).toEqual([{ serviceId: 'sa', day: 'tue', open: '09:00', close: '17:00' }]);
  });
});

describe('after another save came first', () => {
  const mon = (open: string, close: string) => ({ mon: [w(open, close)] });

  it('keeps the rosters typed, takes the others as stored now, and names the ones the other save changed', () => {
    const loaded = { s1: null, s2: mon('09:00', '12:00'), s3: null };
    const typed = { s1: rosterFormOf(mon('10:00', '11:00')), s2: rosterFormOf(loaded.s2), s3: rosterFormOf(mon('09:00', '12:00')) };
    const current = { s1: mon('13:00', '14:00'), s2: mon('08:00', '09:00'), s3: mon('09:00', '12:00') };
    const { forms, differs } = rebaseRosters(loaded, typed, current);
    expect(forms).toEqual({ s1: typed.s1, s2: rosterFormOf(current.s2), s3: typed.s3 });
    // s2: not typed, but the colleague changed it; s3: typed what the colleague saved too, nothing to warn of.
    expect(differs).toEqual([
      { staffId: 's1', stored: rosterFormOf(current.s1) },
      { staffId: 's2', stored: rosterFormOf(current.s2) },
    ]);
  });

  it('names nobody whose roster the other save left as loaded, even when the manager changed it', () => {
    const loaded = { s1: null, s2: mon('09:00', '12:00') };
    const { differs } = rebaseRosters(loaded, { s1: rosterFormOf(mon('10:00', '11:00')), s2: rosterFormOf(loaded.s2) }, loaded);
    expect(differs).toEqual([]);
  });

  it('maps the days the server named to their colleague', () => {
    expect(rosterIssues([{ path: 'rosters.s1.mon' }, { path: 'rosters.s1.tue.0.close' }, { path: 'rosters.s2' }, { path: 'services.sa.walkIns' }])).toEqual({ s1: ['mon', 'tue'] });
  });
});

describe('shifts outside the opening hours (a warning only)', () => {
  it('names a day the branch is closed, and the stretches before and after the hours, merged per day', () => {
    const roster = hoursFormOf({
      mon: [w('09:00', '17:00')],
      tue: [w('08:00', '10:00'), w('16:00', '18:30')],
      sat: [w('07:00', '20:00')],
      sun: [w('10:00', '14:00')],
    });
    const opening = { ...OPENING, sat: [w('09:00', '12:00'), w('13:00', '16:00')] };
    expect(outsideOpening(roster, opening)).toEqual([
      { day: 'tue', closed: false, times: [w('08:00', '09:00'), w('17:00', '18:30')] },
      { day: 'sat', closed: false, times: [w('07:00', '09:00'), w('12:00', '13:00'), w('16:00', '20:00')] },
      { day: 'sun', closed: true },
    ]);
  });

  it('leaves shifts within the hours, and shifts not yet valid (their day has its own error), unnamed', () => {
    expect(outsideOpening(hoursFormOf({ mon: [w('09:00', '12:00'), w('13:00', '17:00')] }), OPENING)).toEqual([]);
    expect(outsideOpening(hoursFormOf({ mon: [w('18:00', '10:00')], sun: [w('1', '')] }), OPENING)).toEqual([]);
  });

  it('words the warning in both languages', () => {
    expect(translate('en', 'roster.outside.closed', { day: 'Sunday' })).toBe('Sunday: the branch is closed');
    expect(translate('zh', 'roster.outside.closed', { day: '周日' })).toBe('周日网点不营业');
    expect(translate('en', countKey('roster.outside.times', 1), { day: 'Saturday', times: '07:00–09:00' })).toBe('Saturday 07:00–09:00 is outside opening hours');
    expect(translate('zh', countKey('roster.outside.times', 1), { day: '周六', times: '07:00–09:00' })).toBe('周六 07:00–09:00 在营业时间之外');
  });
});
