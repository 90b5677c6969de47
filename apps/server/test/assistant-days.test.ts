/**
 * The day a customer's question names, read and turned into the branch's date: weekdays of a
 * given week (下周三, "next Wednesday"), dates in the ways people write them in both languages,
 * and holidays, fixed (元旦, Christmas) or moving (春节: no date can be given). Each row is a
 * question, the branch's today, and the date it means or why there is none.
 */
import { describe, expect, it } from 'vitest';
import { readAskedDay, resolveAskedDay, type ResolvedDay } from '../src/usecases/assistant/asked-day.js';
import { readQuestion } from '../src/usecases/assistant/question-text.js';

/** Wednesday 2 December 2026; Sunday 6 December 2026. */
const WED = '2026-12-02';
const SUN = '2026-12-06';

type Expected = string | Extract<ResolvedDay, { unresolved: string }>;

const DAYS: [question: string, today: string, expected: Expected][] = [
  // a weekday of a given week (weeks start on Monday)
  ['下周一几点开门', WED, '2026-12-07'],
  ['下周三开门吗', WED, '2026-12-09'],
  ['下个星期三营业吗', WED, '2026-12-09'],
  ['下个礼拜天开门吗', WED, '2026-12-13'],
  ['这周五开门吗', WED, '2026-12-04'],
  ['本周六营业吗', WED, '2026-12-05'],
  ['这周一开门吗', WED, '2026-11-30'],
  ['下下周一开门吗', WED, '2026-12-14'],
  ['下周一开门吗', SUN, '2026-12-07'],
  ['Are you open next Monday?', WED, '2026-12-07'],
  ['Are you open next Wednesday?', WED, '2026-12-09'],
  ['Is the branch open on Wednesday next week?', WED, '2026-12-09'],
  ['next week on friday?', WED, '2026-12-11'],
  ['Are you open next Monday?', SUN, '2026-12-07'],
  // a weekday alone, or "this": the next such day, today included
  ['周三开门吗', WED, WED],
  ['周五一般几点关门', WED, '2026-12-04'],
  ['open this friday?', WED, '2026-12-04'],
  ['Are you open on Wednesday?', WED, WED],
  ['大后天开门吗', WED, '2026-12-05'],
  // dates: this year's, or next year's once passed
  ['1月1日营业吗', WED, '2027-01-01'],
  ['12月25日开门吗', WED, '2026-12-25'],
  ['12月2日营业吗', WED, WED],
  ['1月1号上班吗', WED, '2027-01-01'],
  ['十二月二十五日开门吗', WED, '2026-12-25'],
  ['2027年2月1日营业吗', WED, '2027-02-01'],
  ['Are you open on 25 December?', WED, '2026-12-25'],
  ['Open on Jan 1?', WED, '2027-01-01'],
  ['open Dec 25th?', WED, '2026-12-25'],
  ['December 25, 2027', WED, '2027-12-25'],
  ['25th of December', WED, '2026-12-25'],
  ['Are you open on 2 December?', WED, WED],
  ['open 2027-01-04?', WED, '2027-01-04'],
  ['29 Feb', WED, '2028-02-29'],
  // day and month in figures: only when they cannot be read the other way round
  ['open on 12/25?', WED, '2026-12-25'],
  ['is 25/12 a holiday', WED, '2026-12-25'],
  ['1/1开门吗', WED, '2027-01-01'],
  ['open on 3/4?', WED, { unresolved: 'ambiguous-date', said: '3/4', readings: [{ month: 3, day: 4 }, { month: 4, day: 3 }] }],
  ['2月30日开门吗', WED, { unresolved: 'no-such-date', said: '2月30日' }],
  // holidays on a fixed date
  ['元旦放假吗', WED, '2027-01-01'],
  ['国庆节上班吗', WED, '2027-10-01'],
  ['五一放假吗', WED, '2027-05-01'],
  ['圣诞节开门吗', WED, '2026-12-25'],
  ['Are you open on Christmas Day?', WED, '2026-12-25'],
  ["Are you open on New Year's Day?", WED, '2027-01-01'],
  ["new year's eve?", WED, '2026-12-31'],
  // holidays that move every year: no date to answer for
  ['春节期间营业吗', WED, { unresolved: 'moving-holiday', said: '春节' }],
  ['中秋节营业吗', WED, { unresolved: 'moving-holiday', said: '中秋' }],
  ['Are you open for Chinese New Year?', WED, { unresolved: 'moving-holiday', said: 'Chinese New Year' }],
  ['are you open at Easter', WED, { unresolved: 'moving-holiday', said: 'Easter' }],
];

describe('the day a question names', () => {
  it('has a table of real phrasings in both languages', () => {
    const chinese = DAYS.filter(([q]) => /\p{Script=Han}/u.test(q)).length;
    expect(chinese).toBeGreaterThanOrEqual(20);
    expect(DAYS.length - chinese).toBeGreaterThanOrEqual(20);
  });

  it.each(DAYS)('%s (today %s) -> %j', (question, today, expected) => {
    const asked = readAskedDay(readQuestion(question));
    expect(asked, question).not.toBeNull();
    const resolved = resolveAskedDay(asked!, today);
    if (typeof expected === 'string') expect(resolved).toMatchObject({ date: expected });
    else expect(resolved).toEqual(expected);
  });

  it('counts days from today, negative for a day gone by, and marks a holiday named', () => {
    expect(resolveAskedDay(readAskedDay(readQuestion('这周一开门吗'))!, WED)).toEqual({ date: '2026-11-30', offset: -2, holiday: false });
    expect(resolveAskedDay(readAskedDay(readQuestion('Christmas?'))!, WED)).toEqual({ date: '2026-12-25', offset: 23, holiday: true });
    expect(resolveAskedDay(readAskedDay(readQuestion('12月25日'))!, WED)).toEqual({ date: '2026-12-25', offset: 23, holiday: false });
  });

  it('tells a weekend from its Saturday: this one, today included, or of the week named', () => {
    expect(resolveAskedDay(readAskedDay(readQuestion('周末营业吗'))!, WED)).toEqual({ date: '2026-12-05', offset: 3, holiday: false });
    expect(resolveAskedDay(readAskedDay(readQuestion('open next weekend?'))!, WED)).toEqual({ date: '2026-12-12', offset: 10, holiday: false });
    expect(resolveAskedDay(readAskedDay(readQuestion('Are you open at the weekend?'))!, '2026-12-05')).toMatchObject({ date: '2026-12-05', offset: 0 });
    // Asked on a Sunday: this weekend, its Saturday gone by (the answer tells today, Sunday).
    expect(resolveAskedDay(readAskedDay(readQuestion('周末营业吗'))!, '2026-12-06')).toMatchObject({ date: '2026-12-05', offset: -1 });
  });

  it('names no day where there is none', () => {
    for (const question of ['营业时间', 'opening hours', 'I booked but I am going to be 10 minutes late', "I'm 75 years old", 'A012号过号了', 'open on the 1st?']) {
      expect(readAskedDay(readQuestion(question)), question).toBeNull();
    }
  });
});
