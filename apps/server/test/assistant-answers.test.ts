/**
 * The help assistant's answers from a branch's facts: opening hours around holidays and partial
 * closures in the branch's time zone, documents per service, waits from the kiosk's estimates,
 * and suggestions that lead to answers.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceQueueView } from '@tellerline/contracts';
import { buildAnswer, type BranchFacts } from '../src/usecases/assistant/answer-builder.js';
import { ANSWER_TEXTS } from '../src/usecases/assistant/answer-texts.js';
import { branchDay } from '../src/usecases/assistant/branch-hours.js';
import { matchIntent } from '../src/usecases/assistant/intent-matcher.js';
import { walkInHoursAt } from '../src/usecases/walk-in-window.js';

/** A local wall-clock time in Shanghai (UTC+8). */
const local = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const WEEKDAY = [{ open: '09:00', close: '17:00' }];

const queue = (serviceId: string, waiting: number, lowMin: number, highMin: number, walkIns = true): ServiceQueueView => ({
  serviceId,
  code: serviceId.slice(-1).toUpperCase(),
  name: { zh: '', en: '' },
  waiting,
  longestWaitMin: 0,
  targetMin: 10,
  wait: { lowMin, highMin, expectedMin: (lowMin + highMin) / 2 },
  noStaff: false,
  walkIns,
});

function facts(over: Partial<BranchFacts> = {}): BranchFacts {
  return {
    name: { zh: '总行营业部', en: 'Main Branch' },
    timezone: 'Asia/Shanghai',
    hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [{ open: '09:00', close: '12:00' }] },
    closures: [],
    services: [
      { id: 'svc-a', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' }, documents: { zh: ['身份证', '银行卡或存折'], en: ['National ID card', 'Bank card or passbook'] }, walkIns: true, bookable: true, durationMin: 10 },
      { id: 'svc-c', code: 'C', name: { zh: '贷款咨询', en: 'Loans' }, documents: { zh: ['身份证', '收入证明'], en: ['National ID card', 'Proof of income'] }, walkIns: true, bookable: true, durationMin: 45 },
      { id: 'svc-d', code: 'D', name: { zh: '理财', en: 'Wealth' }, documents: { zh: [], en: [] }, walkIns: false, bookable: true, durationMin: 30 },
    ],
    queue: [queue('svc-a', 3, 8, 20), queue('svc-c', 0, 0, 0), queue('svc-d', 0, 0, 0, false)],
    booking: { enabled: true, remoteQueue: false, checkInEarlyMin: 30, checkInLateMin: 15 },
    walkInEarlyMin: 30,
    noShowAfterMin: 5,
    ...over,
  };
}

const ask = (question: string, lang: 'zh' | 'en', now: number, f = facts()) => buildAnswer(matchIntent(question, f.services), f, lang, now);

describe('opening hours', () => {
  // Wednesday 30 September 2026; the National Day holiday closes 1-7 October.
  const WED = '2026-09-30';
  const holiday = facts({ closures: [{ date: '2026-10-01', until: '2026-10-07', reason: '国庆节' }, { date: '2026-11-20', reason: 'Staff training' }, { date: '2027-01-01', reason: 'New Year' }] });

  it('today open now, and the coming holiday in the week, in Chinese', () => {
    const a = ask('营业时间', 'zh', local(WED, '10:30'), holiday);
    expect(a.intent).toBe('hours');
    expect(a.answer).toContain('总行营业部今天（9月30日 周三）的营业时间：09:00–17:00。现在正在营业。');
    expect(a.answer).toContain('请注意：10月1日 周四、10月2日 周五、10月3日 周六、10月5日 周一、10月6日 周二 休息（国庆节）。');
    const hours = a.facts?.find((f) => f.kind === 'hours');
    expect(hours).toMatchObject({ kind: 'hours', openNow: true, timezone: 'Asia/Shanghai' });
    if (hours?.kind !== 'hours') throw new Error('no hours');
    expect(hours.days.map((d) => [d.date, d.windows.length, d.closure])).toEqual([
      ['2026-09-30', 1, false],
      ['2026-10-01', 0, true],
      ['2026-10-02', 0, true],
      ['2026-10-03', 0, true],
      ['2026-10-04', 0, false],
      ['2026-10-05', 0, true],
      ['2026-10-06', 0, true],
    ]);
    // Beyond the week shown and within the weeks ahead; New Year is too far ahead to mention yet.
    expect(hours.upcomingClosures).toEqual([{ date: '2026-11-20', until: null, reason: 'Staff training' }]);
    expect(a.answer).toContain('之后的休息日：11月20日 周五（Staff training）。');
  });

  it('closed today for a holiday: says why and when it opens next, in English', () => {
    const a = ask('are you open today?', 'en', local('2026-10-06', '11:00'), holiday);
    expect(a.answer).toContain('Main Branch is closed today, Tue 6 Oct (国庆节).');
    expect(a.answer).toContain('Next opening: Thu 8 Oct, 09:00–17:00.');
  });

  it('after closing time: next opening is tomorrow; before opening: today', () => {
    expect(ask('opening hours', 'en', local('2026-09-28', '18:00')).answer).toContain('It is not open at the moment.\n\nNext opening: Tue 29 Sep, 09:00–17:00.');
    const early = ask('opening hours', 'en', local('2026-09-28', '08:00')).answer;
    expect(early).toContain('open today, Mon 28 Sep: 09:00–17:00. It is not open at the moment.');
    expect(early).not.toContain('Next opening');
  });

  it('never says closed while the kiosk issues tickets, nor that tickets are issued when it refuses (zh, en)', () => {
    // Mon 28 Sep 2026 to Thu 1 Oct, every 5 minutes: a bank's week with a lunch break on Friday,
    // an opening just after midnight with an hour's early window, a closure in the hours.
    const NIGHT = [{ open: '00:30', close: '06:00' }];
    const cases = [
      facts(),
      facts({ hours: { mon: NIGHT, tue: [], wed: NIGHT, thu: NIGHT }, walkInEarlyMin: 60 }),
      facts({ hours: { mon: [{ open: '09:00', close: '12:00' }, { open: '14:00', close: '17:00' }], tue: WEEKDAY, wed: WEEKDAY }, walkInEarlyMin: 45 }),
      facts({ closures: [{ from: local('2026-09-29', '11:00'), to: local('2026-09-29', '13:00') }], walkInEarlyMin: 20 }),
    ];
    for (const f of cases) {
      for (let now = local('2026-09-27', '22:00'); now < local('2026-10-01', '02:00'); now += 5 * 60_000) {
        const kiosk = walkInHoursAt(f, f.walkInEarlyMin, now).issuing;
        const doors = walkInHoursAt(f, 0, now).issuing;
        const zh = ask('营业时间', 'zh', now, f).answer;
        const en = ask('opening hours', 'en', now, f).answer;
        const when = new Date(now).toISOString();
        if (kiosk && !doors) {
          expect(zh, when).toContain('取号机已经开始');
          expect(en, when).toContain('kiosk is already issuing');
          expect(zh, when).not.toContain('不营业');
          expect(en, when).not.toMatch(/closed today|not open at the moment/);
        } else {
          expect(zh, when).not.toContain('取号机已经开始');
          expect(en, when).not.toContain('kiosk is already issuing');
        }
      }
    }
    // About 18,000 answers: 15-35 s on two loaded cores, more than the default limit.
  }, 120_000);

  it('in the early window before opening (walkInEarlyMin): opens at HH:MM and the kiosk already issues tickets', () => {
    const zh = ask('营业时间', 'zh', local('2026-09-28', '08:45')).answer;
    expect(zh).toContain('总行营业部今天（9月28日 周一）的营业时间：09:00–17:00。现在还没开门，09:00 开门；取号机已经开始取号，现在就可以取号。');
    const en = ask('opening hours', 'en', local('2026-09-28', '08:45')).answer;
    expect(en).toContain('open today, Mon 28 Sep: 09:00–17:00. It opens at 09:00, and the kiosk is already issuing tickets.');
    expect(en).not.toContain('not open at the moment');
    // Before the early window, and with no early window at all: not open.
    expect(ask('opening hours', 'en', local('2026-09-28', '08:29')).answer).toContain('It is not open at the moment.');
    expect(ask('opening hours', 'en', local('2026-09-28', '08:45'), facts({ walkInEarlyMin: 0 })).answer).toContain('It is not open at the moment.');
  });

  it('a closure for part of a day (instants) cuts the opening window', () => {
    const f = facts({ closures: [{ from: local('2026-09-29', '12:00'), to: local('2026-09-29', '14:00'), reason: 'Fire drill' }] });
    expect(branchDay(f, '2026-09-29')).toEqual({
      date: '2026-09-29',
      weekday: 'tue',
      windows: [
        { open: '09:00', close: '12:00' },
        { open: '14:00', close: '17:00' },
      ],
      closure: true,
      reason: 'Fire drill',
    });
    expect(ask('what time do you close', 'en', local('2026-09-28', '10:00'), f).answer).toContain('Please note: on Tue 29 Sep open only 09:00–12:00, 14:00–17:00 (Fire drill).');
    // At night, outside the opening hours: changes nothing for customers.
    const night = facts({ closures: [{ from: local('2026-09-29', '20:00'), to: local('2026-09-29', '23:00') }] });
    expect(branchDay(night, '2026-09-29')).toMatchObject({ closure: false, windows: WEEKDAY });
  });
});

describe('opening hours on the day the question names', () => {
  // Monday 28 September 2026, 10:00; Saturday 3 October is a holiday here.
  const MON = local('2026-09-28', '10:00');
  const withHoliday = facts({ closures: [{ date: '2026-10-03', reason: '国庆节' }] });

  it('a weekday named: yes or no first, then that day, closed with the reason and the next opening', () => {
    const sun = ask('你们周日开门吗', 'zh', MON);
    expect(sun.intent).toBe('hours');
    expect(sun.answer).toMatch(/^不营业。总行营业部10月4日 周日不营业。\n\n下次营业：10月5日 周一 09:00–17:00。/);
    expect(sun.answer).not.toContain('今天');
    expect(ask('Are you open on Sunday?', 'en', MON).answer).toMatch(/^No\. Main Branch is closed on Sun 4 Oct\.\n\nNext opening: Mon 5 Oct, 09:00–17:00\./);
    const sat = ask('are you open on saturday', 'en', MON, withHoliday);
    expect(sat.answer).toMatch(/^No\. Main Branch is closed on Sat 3 Oct \(国庆节\)\.\n\nNext opening: Mon 5 Oct, 09:00–17:00\./);
    // Said once, not again among the closures ahead.
    expect(sat.answer).not.toContain('Please note');
    expect(ask('星期六营业吗', 'zh', MON).answer).toMatch(/^营业。总行营业部10月3日 周六的营业时间：09:00–12:00。/);
    // The day's table is still there, from today.
    expect(sat.facts?.[0]).toMatchObject({ kind: 'hours', days: [{ date: '2026-09-28' }, {}, {}, {}, {}, { date: '2026-10-03', closure: true }, {}] });
  });

  it('tomorrow and the day after, in both languages; today named is today', () => {
    expect(ask('明天几点开门', 'zh', MON).answer).toMatch(/^总行营业部明天（9月29日 周二）的营业时间：09:00–17:00。/);
    expect(ask('tomorrow', 'en', MON).answer).toMatch(/^Main Branch is open tomorrow, Tue 29 Sep: 09:00–17:00\./);
    expect(ask('tomorrow?', 'en', local('2026-10-02', '10:00'), withHoliday).answer).toMatch(/^Main Branch is closed tomorrow, Sat 3 Oct \(国庆节\)\./);
    expect(ask('后天上班吗', 'zh', local('2026-10-03', '10:00')).answer).toMatch(/^营业。总行营业部后天（10月5日 周一）的营业时间：09:00–17:00。/);
    expect(ask('today?', 'en', MON).answer).toMatch(/^Main Branch is open today, Mon 28 Sep: 09:00–17:00\. It is open now\./);
    // Monday asked on a Monday: today.
    expect(ask('周一营业吗', 'zh', MON).answer).toMatch(/^营业。总行营业部今天（9月28日 周一）的营业时间/);
  });

  it('a yes/no question about a day answers it first: yes with the hours, no with the next opening (zh, en)', () => {
    // Wednesday 30 September 2026.
    const WED = (hm: string) => local('2026-09-30', hm);
    expect(ask('周六营业吗？', 'zh', WED('10:30')).answer).toMatch(/^营业。总行营业部10月3日 周六的营业时间：09:00–12:00。/);
    expect(ask('周日营业吗？', 'zh', WED('10:30')).answer).toMatch(/^不营业。总行营业部10月4日 周日不营业。\n\n下次营业：10月5日 周一 09:00–17:00。/);
    expect(ask('周日开不开门', 'zh', WED('10:30')).answer).toMatch(/^不营业。/);
    expect(ask('Is the branch open on Sunday?', 'en', WED('10:30')).answer).toMatch(/^No\. Main Branch is closed on Sun 4 Oct\.\n\nNext opening: Mon 5 Oct, 09:00–17:00\./);
    expect(ask('Is the branch open on Saturday?', 'en', WED('10:30')).answer).toMatch(/^Yes\. Main Branch is open on Sat 3 Oct: 09:00–12:00\./);
    // Today: yes before and during its hours; after its last window, not any more, and when next.
    expect(ask('Is the branch open today?', 'en', WED('08:00')).answer).toMatch(/^Yes\. Main Branch is open today/);
    expect(ask('今天营业吗', 'zh', WED('10:30')).answer).toMatch(/^营业。总行营业部今天（9月30日 周三）的营业时间：09:00–17:00。现在正在营业。/);
    const evening = ask('Is the branch open today?', 'en', WED('20:00')).answer;
    expect(evening).toMatch(/^No, not any more today\. Main Branch is open today, Wed 30 Sep: 09:00–17:00\./);
    expect(evening).toContain('Next opening: Thu 1 Oct, 09:00–17:00.');
    expect(ask('今天还营业吗', 'zh', WED('20:00')).answer).toMatch(/^今天已结束营业。/);
    // Asked the other way round, the yes and no follow the question.
    expect(ask('Are you closed on Sunday?', 'en', WED('10:30')).answer).toMatch(/^Yes, it is closed\. Main Branch is closed on Sun 4 Oct\./);
    expect(ask('Are you closed on Saturday?', 'en', WED('10:30')).answer).toMatch(/^No, it is open\. Main Branch is open on Sat 3 Oct/);
    // Not a yes/no question: the hours without a yes or no.
    expect(ask('周六几点开门', 'zh', WED('10:30')).answer).toMatch(/^总行营业部10月3日 周六的营业时间/);
    expect(ask('What time do you open on Saturday?', 'en', WED('10:30')).answer).toMatch(/^Main Branch is open on Sat 3 Oct/);
  });
});

describe('opening hours at the weekend', () => {
  // Tuesday 1 December 2026, 16:30 (open now); the branch closes on Saturdays and Sundays.
  const TUE = local('2026-12-01', '16:30');
  const weekdaysOnly = facts({ name: { zh: '西城支行', en: 'West Branch' }, hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY } });

  it('closed both days: no, closed at the weekend, and the next opening; never today instead (zh, en)', () => {
    for (const q of ['周末营业吗', '周六周日营业吗']) {
      const a = ask(q, 'zh', TUE, weekdaysOnly);
      expect(a.intent, q).toBe('hours');
      expect(a.answer, q).toMatch(/^不营业。西城支行周末（12月5日 周六、12月6日 周日）不营业。\n\n下次营业：12月7日 周一 09:00–17:00。/);
      expect(a.answer, q).not.toContain('今天');
    }
    const en = ask('Are you open at the weekend?', 'en', TUE, weekdaysOnly).answer;
    expect(en).toMatch(/^No\. West Branch is closed at the weekend \(Sat 5 Dec, Sun 6 Dec\)\.\n\nNext opening: Mon 7 Dec, 09:00–17:00\./);
    expect(en).not.toContain('today');
    expect(ask('Are you closed on Saturday and Sunday?', 'en', TUE, weekdaysOnly).answer).toMatch(/^Yes, it is closed\. West Branch is closed at the weekend/);
    // Not a yes/no question: the same without the no.
    expect(ask('周末几点开门', 'zh', TUE, weekdaysOnly).answer).toMatch(/^西城支行周末（12月5日 周六、12月6日 周日）不营业。/);
  });

  it('open on a weekend day: the hours of each day (zh, en)', () => {
    // Saturday 09:00–12:00, Sunday closed (the default facts); next weekend asked.
    expect(ask('下周末营业吗', 'zh', TUE).answer).toMatch(/^营业。总行营业部12月12日 周六的营业时间：09:00–12:00。\n\n总行营业部12月13日 周日不营业。/);
    const both = facts({ hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: WEEKDAY, sun: [{ open: '10:00', close: '16:00' }] } });
    expect(ask('open at the weekend?', 'en', TUE, both).answer).toMatch(/^Yes\. Main Branch is open on Sat 5 Dec: 09:00–17:00\.\n\nMain Branch is open on Sun 6 Dec: 10:00–16:00\./);
  });

  it('asked on a Sunday: today, the Saturday gone by; the last weekend: gone by, then today', () => {
    const SUN = local('2026-12-06', '10:00');
    expect(ask('周末营业吗', 'zh', SUN, weekdaysOnly).answer).toMatch(/^不营业。西城支行周末（12月6日 周日）不营业。\n\n下次营业：12月7日 周一 09:00–17:00。/);
    expect(ask('上周末营业吗', 'zh', TUE, weekdaysOnly).answer).toMatch(/^11月28日 周六已经过去了。/);
  });

  it('"open sunday" and "Open on saturdays?" are answered yes or no first (en)', () => {
    expect(ask('open sunday', 'en', TUE, weekdaysOnly).answer).toMatch(/^No\. West Branch is closed on Sun 6 Dec\./);
    expect(ask('Open on saturdays?', 'en', TUE, weekdaysOnly).answer).toMatch(/^No\. West Branch is closed on Sat 5 Dec\./);
    expect(ask('open saturday?', 'en', TUE).answer).toMatch(/^Yes\. Main Branch is open on Sat 5 Dec: 09:00–12:00\./);
  });
});

describe('opening hours on a day of another week, a date or a holiday', () => {
  // Wednesday 2 December 2026, 10:00. Closed next Wednesday for training and over New Year.
  const WED = local('2026-12-02', '10:00');
  const f = facts({ closures: [{ date: '2026-12-09', reason: '员工培训' }, { date: '2027-01-01', until: '2027-01-03', reason: 'New Year' }] });

  it('下周X / "next X": that day of next week, not today or this week', () => {
    const mon = ask('下周一几点开门', 'zh', WED, f);
    expect(mon.answer).toMatch(/^总行营业部12月7日 周一的营业时间：09:00–17:00。/);
    expect(mon.answer).not.toContain('今天');
    expect(ask('Are you open next Monday?', 'en', WED, f).answer).toMatch(/^Yes\. Main Branch is open on Mon 7 Dec: 09:00–17:00\./);
    // This week's Wednesday is today and open; next week's is the closure.
    const wed = ask('下周三开门吗', 'zh', WED, f);
    expect(wed.answer).toMatch(/^不营业。总行营业部12月9日 周三不营业（员工培训）。\n\n下次营业：12月10日 周四 09:00–17:00。/);
    expect(ask('Are you open next Wednesday?', 'en', WED, f).answer).toMatch(/^No\. Main Branch is closed on Wed 9 Dec \(员工培训\)\.\n\nNext opening: Thu 10 Dec, 09:00–17:00\./);
    expect(ask('下个星期三营业吗', 'zh', WED, f).answer).toMatch(/^不营业。总行营业部12月9日 周三不营业/);
    // Told once: not again among the closures ahead.
    expect(ask('Are you open next Wednesday?', 'en', WED, f).answer).not.toContain('Please note');
  });

  it('a date or a fixed holiday, beyond the week and into next year: that day, closed with the reason', () => {
    for (const question of ['1月1日营业吗', '元旦放假吗', '1月1号上班吗']) {
      const a = ask(question, 'zh', WED, f);
      expect(a.intent, question).toBe('hours');
      expect(a.answer, question).toMatch(/^不营业。总行营业部2027年1月1日 周五不营业（New Year）。\n\n下次营业：2027年1月4日 周一 09:00–17:00。/);
      expect(a.answer, question).not.toContain('今天');
    }
    for (const question of ["Are you open on New Year's Day?", 'Open on Jan 1?', 'open 1/1?']) {
      // The one asking yes or no hears its "no" first.
      expect(ask(question, 'en', WED, f).answer, question).toMatch(/^(?:No\. )?Main Branch is closed on Fri 1 Jan 2027 \(New Year\)\.\n\nNext opening: Mon 4 Jan 2027, 09:00–17:00\./);
    }
    // The closure told is not listed again among the later ones.
    const once = ask('元旦放假吗', 'zh', WED, f).answer;
    expect(once).toContain('之后的休息日：12月9日 周三（员工培训）。');
    expect(once.split('New Year')).toHaveLength(2);
  });

  it('a holiday the branch entered no closure for: its usual hours, saying so; entered, closed', () => {
    const christmas = ask('Are you open on Christmas Day?', 'en', WED, f);
    expect(christmas.answer).toMatch(/^Yes\. Main Branch is open on Fri 25 Dec: 09:00–17:00\.\n\nThese are the usual hours: the branch has entered no holiday closure for that day\./);
    expect(christmas.answer).not.toContain('open today');
    expect(ask('圣诞节开门吗', 'zh', WED, f).answer).toMatch(/^营业。总行营业部12月25日 周五的营业时间：09:00–17:00。\n\n这是平常的营业时间/);
    // A date asked (not a holiday): the hours, without the holiday note.
    expect(ask('Are you open on 25 December?', 'en', WED, f).answer).not.toContain('usual hours');
    const entered = facts({ closures: [{ date: '2026-12-25', reason: 'Christmas' }] });
    expect(ask('Are you open on Christmas Day?', 'en', WED, entered).answer).toMatch(/^No\. Main Branch is closed on Fri 25 Dec \(Christmas\)\.\n\nNext opening: Sat 26 Dec, 09:00–12:00\./);
    expect(ask('12月25日开门吗', 'zh', WED, entered).answer).toMatch(/^不营业。总行营业部12月25日 周五不营业（Christmas）。/);
    // National Day asked a few days before, with the week's holiday entered.
    const national = facts({ closures: [{ date: '2026-10-01', until: '2026-10-07', reason: '国庆节' }] });
    expect(ask('国庆节上班吗', 'zh', local('2026-09-28', '10:00'), national).answer).toMatch(/^不营业。总行营业部10月1日 周四不营业（国庆节）。\n\n下次营业：10月8日 周四 09:00–17:00。/);
  });

  it('a day that cannot be told (春节, "3/4"): says so and lists the closures entered, never answers for today', () => {
    const spring = facts({ closures: [...f.closures, { date: '2027-02-06', until: '2027-02-12', reason: '春节' }] });
    const zh = ask('春节期间营业吗', 'zh', WED, spring);
    expect(zh.intent).toBe('hours');
    expect(zh.answer).toBe(
      '春节每年的日期都不一样，我没办法确定您问的是哪一天，所以不能回答那天是否营业。\n\n' +
        '网点登记的休息日：12月9日 周三（员工培训）、2027年1月1日 周五–1月3日 周日（New Year）、2027年2月6日 周六–2月12日 周五（春节）。\n\n' +
        '请告诉我具体日期（例如"2月17日营业吗"），我就可以回答那天的营业时间。',
    );
    const en = ask('Are you open for Chinese New Year?', 'en', WED, spring);
    expect(en.answer).toMatch(/^Chinese New Year falls on a different date every year, so I cannot tell which day you mean/);
    expect(en.answer).toContain('Closures the branch has entered: Wed 9 Dec (员工培训), Fri 1 Jan–Sun 3 Jan 2027 (New Year), Sat 6 Feb–Fri 12 Feb 2027 (春节).');
    expect(en.answer).not.toContain('open today');
    expect(ask('春节营业吗', 'zh', WED, facts()).answer).toContain('网点没有登记接下来的休息日。');
    const ambiguous = ask('open on 3/4?', 'en', WED, f);
    expect(ambiguous.answer).toMatch(/^"3\/4" could be 4 Mar or 3 Apr, so I cannot tell which day you mean\./);
    expect(ask('2月30日开门吗', 'zh', WED, f).answer).toMatch(/^没有"2月30日"这一天，请检查日期。/);
  });

  it('a day more than a year ahead: its hours are not told, whatever the year typed', () => {
    expect(ask('2030年1月1日营业吗', 'zh', WED, f).answer).toMatch(/^2030年1月1日 周二离现在太远了，我只能回答一年之内的营业时间。\n\n网点登记的休息日：/);
    expect(ask('open on 9999-12-31?', 'en', WED, f).answer).toMatch(/^Fri 31 Dec 9999 is too far ahead: I can tell the hours for the coming year only\./);
  });

  it('a day of this week gone by: says so, then today', () => {
    expect(ask('这周一开门吗', 'zh', WED, f).answer).toMatch(/^11月30日 周一已经过去了。下面是今天的营业时间。\n\n总行营业部今天（12月2日 周三）的营业时间/);
  });

  it('closures ahead as dates people read, ranges with the year when it is not this one', () => {
    const zh = ask('营业时间', 'zh', WED, f).answer;
    expect(zh).toContain('之后的休息日：12月9日 周三（员工培训）、2027年1月1日 周五–1月3日 周日（New Year）。');
    expect(zh).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(ask('opening hours', 'en', WED, f).answer).toContain('Later closures: Wed 9 Dec (员工培训), Fri 1 Jan–Sun 3 Jan 2027 (New Year).');
    // A range across the new year: the first day's year is this one.
    const across = facts({ closures: [{ date: '2026-12-31', until: '2027-01-02' }] });
    expect(ask('营业时间', 'zh', local('2026-12-01', '10:00'), across).answer).toContain('之后的休息日：12月31日 周四–2027年1月2日 周六。');
    expect(ask('opening hours', 'en', local('2026-12-01', '10:00'), across).answer).toContain('Later closures: Thu 31 Dec–Sat 2 Jan 2027.');
    // Within this year, no year at all.
    expect(ask('opening hours', 'en', local('2026-09-01', '10:00'), facts({ closures: [{ date: '2026-10-01', until: '2026-10-07', reason: 'National Day' }] })).answer).toContain(
      'Later closures: Thu 1 Oct–Wed 7 Oct (National Day).',
    );
  });
});

describe('documents', () => {
  it('for the service named, in the language asked', () => {
    const a = ask('What documents do I need for a loan?', 'en', local('2026-09-28', '10:00'));
    expect(a.intent).toBe('documents');
    expect(a.answer).toContain('For Loans (C), please bring: National ID card, Proof of income.');
    expect(a.answer).not.toContain('Personal cash');
    expect(a.facts).toEqual([{ kind: 'documents', services: [{ code: 'C', name: { zh: '贷款咨询', en: 'Loans' }, documents: ['National ID card', 'Proof of income'] }] }]);
  });

  it('for every service when none is named; a service without a list says so', () => {
    const a = ask('要带什么材料', 'zh', local('2026-09-28', '10:00'));
    expect(a.answer).toContain('办理个人现金业务（A）请携带：身份证、银行卡或存折。');
    expect(a.answer).toContain('办理贷款咨询（C）请携带：身份证、收入证明。');
    expect(a.answer).toContain('办理理财（D）没有列出需要特别准备的材料');
  });
});

describe('documents: a yes/no question about one document is answered yes or no first, then the list', () => {
  const MON = local('2026-09-28', '10:00');
  const first = (answer: string) => answer.split('\n')[0];

  it('"Do I need my passport for a loan?" where the list names only the ID card: not on the list, the counter for foreigners', () => {
    const a = ask('Do I need my passport for a loan?', 'en', MON);
    expect(a.intent).toBe('documents');
    expect(first(a.answer)).toBe(
      'It is not on the list, which asks for National ID card as proof of identity. Without that (foreign customers, for example), please ask at the counter which ID will do.',
    );
    expect(a.answer).toContain('For Loans (C), please bring: National ID card, Proof of income.');
    expect(a.answer).not.toMatch(/another valid ID|Not necessarily/);
  });

  it('"外国人可以用护照办理吗" / "我需要带护照吗": 清单上没有, the ID the lists name, the counter; then every service\'s list', () => {
    for (const question of ['我需要带护照吗', '外国人可以用护照办理吗']) {
      const a = ask(question, 'zh', MON);
      expect(a.intent, question).toBe('documents');
      expect(a.answer, question).not.toContain('其他有效身份证件也可以');
      expect(a.answer, question).toContain('的话（例如外籍客户），请到柜台咨询可以用什么证件办理。');
      expect(a.answer, question).toContain('办理个人现金业务（A）请携带：身份证、银行卡或存折。');
    }
    const a = ask('我需要带护照吗', 'zh', MON);
    expect(a.answer.split('\n').filter(Boolean).slice(0, 5)).toEqual([
      '要看办理什么业务：',
      '清单上没有：办理个人现金业务（A）请携带：身份证、银行卡或存折。',
      '清单上没有：办理贷款咨询（C）请携带：身份证、收入证明。',
      '不一定：办理理财（D）没有列出需要特别准备的材料，请携带本人有效身份证件。',
      '清单上没有您问的证件、也没有列出的身份证明的话（例如外籍客户），请到柜台咨询可以用什么证件办理。',
    ]);
  });

  it('a list asking for any valid ID still says another ID will do', () => {
    const anyId = facts({ services: [{ id: 'svc-a', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' }, documents: { zh: ['有效身份证件'], en: ['Valid ID'] }, walkIns: true, bookable: true, durationMin: 10 }] });
    expect(first(ask('Do I need my passport?', 'en', MON, anyId).answer)).toBe('Not necessarily: Valid ID will do.');
    expect(first(ask('要带护照吗', 'zh', MON, anyId).answer)).toBe('不一定：带有效身份证件就可以。');
  });

  it('a document the list names alone is a yes: "Do I need my passport?" where the list asks for a passport', () => {
    const abroad = facts({ services: [{ id: 'svc-f', code: 'F', name: { zh: '外汇', en: 'Foreign exchange' }, documents: { zh: ['护照', '签证'], en: ['Passport', 'Visa'] }, walkIns: true, bookable: true, durationMin: 10 }] });
    const en = ask('Do I need my passport?', 'en', MON, abroad);
    expect(first(en.answer)).toBe('Yes.');
    expect(en.answer).toContain('For Foreign exchange (F), please bring: Passport, Visa.');
    expect(first(ask('我需要带护照吗', 'zh', MON, abroad).answer)).toBe('需要。');
    expect(first(ask('办贷款需要带身份证吗', 'zh', MON).answer)).toBe('需要。');
  });

  it('a line offering a choice is "not necessarily", naming the line', () => {
    const choice = facts({ services: [{ id: 'svc-a', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' }, documents: { zh: ['护照或身份证'], en: ['Passport or ID card'] }, walkIns: true, bookable: true, durationMin: 10 }] });
    expect(first(ask('Do I need my passport?', 'en', MON, choice).answer)).toBe('Not necessarily: Passport or ID card will do.');
    expect(first(ask('要带护照吗', 'zh', MON, choice).answer)).toBe('不一定：带护照或身份证就可以。');
    expect(first(ask('A业务要带银行卡吗', 'zh', MON).answer)).toBe('不一定：带银行卡或存折就可以。');
  });

  it('a document not on the list is a no', () => {
    expect(first(ask('Do I need proof of income to withdraw cash?', 'en', MON).answer)).toBe('No, it is not on the list.');
    const zh = ask('取钱需要收入证明吗', 'zh', MON);
    expect(first(zh.answer)).toBe('不需要：清单上没有这一项。');
    expect(zh.answer).toContain('办理个人现金业务（A）请携带：身份证、银行卡或存折。');
  });

  it('services that answer differently: it depends, each list after its own answer', () => {
    const a = ask('Do I need my bank card?', 'en', MON);
    expect(a.intent).toBe('documents');
    expect(a.answer.split('\n').filter(Boolean).slice(0, 4)).toEqual([
      'It depends on the service:',
      'Not necessarily: For Personal cash (A), please bring: National ID card, Bank card or passbook.',
      'No: For Loans (C), please bring: National ID card, Proof of income.',
      'No: Nothing special is listed for Wealth (D); please bring a valid ID.',
    ]);
    expect(first(ask('需要带身份证吗', 'zh', MON).answer)).toBe('要看办理什么业务：');
  });

  it('no yes or no for a question that is not one, or names no document or several', () => {
    expect(first(ask('What documents do I need for a loan?', 'en', MON).answer)).toBe('For Loans (C), please bring: National ID card, Proof of income.');
    expect(first(ask('Do I need anything for a loan?', 'en', MON).answer)).toBe('For Loans (C), please bring: National ID card, Proof of income.');
    expect(first(ask('Do I need my passport or my ID card for a loan?', 'en', MON).answer)).toBe('For Loans (C), please bring: National ID card, Proof of income.');
    expect(first(ask('护照', 'zh', MON).answer)).toBe('各项业务需要携带的材料：');
  });
});

describe('waits', () => {
  it('per service from the kiosk estimates; appointment-only services say so', () => {
    const a = ask('How long is the wait?', 'en', local('2026-09-28', '10:00'));
    expect(a.intent).toBe('waits');
    expect(a.answer).toContain('Personal cash (A): 3 waiting; a new ticket now waits about 8–20 min.');
    expect(a.answer).toContain('Loans (C): nobody waiting; you would be served soon.');
    expect(a.answer).toContain('Wealth (D): by appointment only; please book first.');
    expect(a.facts?.[0]).toMatchObject({ kind: 'waits', live: true, services: [{ code: 'A', waiting: 3, lowMin: 8, highMin: 20, walkIns: true }, { code: 'C' }, { code: 'D', walkIns: false }] });
  });

  it('a wait from 0 by its upper end, one whose ends agree as that minute, never "0–N" (as the phone page words it)', () => {
    const f = facts({ queue: [queue('svc-a', 2, 0, 6), queue('svc-c', 1, 5, 5), queue('svc-d', 0, 0, 0, false)] });
    const en = ask('How long is the wait?', 'en', local('2026-09-28', '10:00'), f).answer;
    expect(en).toContain('Personal cash (A): 2 waiting; a new ticket would now be called within 6 min.');
    expect(en).toContain('Loans (C): 1 waiting; a new ticket now waits about 5 min.');
    const zh = ask('要等多久', 'zh', local('2026-09-28', '10:00'), f).answer;
    expect(zh).toContain('个人现金业务（A）：2 人等候，现在取号预计 6 分钟内叫号。');
    expect(zh).toContain('贷款咨询（C）：1 人等候，现在取号预计等约 5 分钟。');
    expect(`${en}\n${zh}`).not.toMatch(/\b0–/);
  });

  it('promises no wait for a service nobody on duty can serve, in either language', () => {
    const unstaffed = { ...queue('svc-c', 2, 0, 0), wait: null, noStaff: true };
    const f = facts({ queue: [queue('svc-a', 3, 8, 20), unstaffed, queue('svc-d', 0, 0, 0, false)] });
    const en = ask('How long is the wait for loans?', 'en', local('2026-09-28', '10:00'), f);
    expect(en.answer).toContain('Loans (C): 2 waiting; no staff who can serve it are on duty right now, so no wait can be estimated (you can still take a ticket).');
    expect(en.answer).not.toMatch(/waits about|served soon/);
    expect(en.facts?.[0]).toMatchObject({ kind: 'waits', live: true, services: [{ code: 'C', waiting: 2, lowMin: null, highMin: null, noStaff: true }] });
    expect(ask('贷款要等多久', 'zh', local('2026-09-28', '10:00'), f).answer).toMatch(/^贷款咨询（C）：2 人等候，现在暂无可办理的工作人员，无法估计等候时间；仍可取号。/);
  });

  it('for one service named in Chinese; none to tell while the queue is not open', () => {
    expect(ask('A窗口要等多久', 'zh', local('2026-09-28', '10:00')).answer).toMatch(/^个人现金业务（A）：3 人等候，现在取号预计等 8–20 分钟。/);
    const closed = ask('要等多久', 'zh', local('2026-09-28', '10:00'), facts({ queue: null }));
    expect(closed.answer).toContain('网点排队现在没有开放');
    expect(closed.facts).toEqual([{ kind: 'waits', live: false, services: [] }]);
  });

  it('while the branch is closed today: says so, why, and when it opens; no short wait promised, no live table', () => {
    // The queue still open (a session left running) on a holiday Monday.
    const holiday = facts({ closures: [{ date: '2026-09-28', reason: '员工培训' }] });
    const zh = ask('要等多久', 'zh', local('2026-09-28', '10:00'), holiday);
    expect(zh.intent).toBe('waits');
    expect(zh.answer).toMatch(/^总行营业部今天（9月28日 周一）不营业（员工培训），现在不能取号排队。\n\n下次营业：9月29日 周二 09:00–17:00。/);
    expect(zh.answer).not.toContain('很快就能办理');
    expect(zh.answer).not.toContain('人等候');
    expect(zh.facts?.[0]).toEqual({ kind: 'waits', live: false, services: [] });
    expect(zh.facts?.[1]).toMatchObject({ kind: 'hours', openNow: false });
    const en = ask('how long is the wait', 'en', local('2026-09-28', '10:00'), holiday);
    expect(en.answer).toMatch(/^Main Branch is closed today, Mon 28 Sep \(员工培训\), so there is no queue to join now\.\n\nNext opening: Tue 29 Sep, 09:00–17:00\./);
    expect(en.answer).not.toContain('served soon');
    // A Sunday (no hours), asked about a service: the same, for the service's question.
    const sunday = ask('how long is the wait for loans', 'en', local('2026-09-27', '11:00'));
    expect(sunday.answer).toMatch(/^Main Branch is closed today, Sun 27 Sep, so there is no queue/);
    expect(sunday.facts?.[0]).toEqual({ kind: 'waits', live: false, services: [] });
  });

  it('in the early window before opening: the kiosk already issues tickets, with the live waits (zh, en)', () => {
    const en = ask('How long is the wait?', 'en', local('2026-09-28', '08:40'));
    expect(en.intent).toBe('waits');
    expect(en.answer).toMatch(/^Main Branch opens at 09:00, and the kiosk is already issuing tickets: you can take one now\.\n\nPersonal cash \(A\): 3 waiting/);
    expect(en.answer).not.toMatch(/not open|no queue to join/);
    expect(en.facts?.[0]).toMatchObject({ kind: 'waits', live: true });
    const zh = ask('现在要等多久', 'zh', local('2026-09-28', '08:40'));
    expect(zh.answer).toMatch(/^总行营业部将于 09:00 开门，取号机已经开始取号，现在就可以取号排队。\n\n个人现金业务（A）：3 人等候/);
    expect(zh.answer).not.toContain('不能取号');
    // The afternoon window after a closure has its own early window: 13:40 before 14:00.
    const drill = facts({ closures: [{ from: local('2026-09-28', '12:00'), to: local('2026-09-28', '14:00'), reason: 'Fire drill' }], walkInEarlyMin: 30 });
    expect(ask('how long is the wait', 'en', local('2026-09-28', '13:40'), drill).answer).toMatch(/^Main Branch opens at 14:00, and the kiosk is already issuing tickets/);
    // A holiday has no early window.
    const holiday = facts({ closures: [{ date: '2026-09-28', reason: '员工培训' }] });
    expect(ask('how long is the wait', 'en', local('2026-09-28', '08:45'), holiday).answer).toMatch(/^Main Branch is closed today/);
  });

  it('outside the opening hours or in a closure for part of the day: not open now, and when it opens', () => {
    expect(ask('How long is the wait?', 'en', local('2026-09-28', '18:00')).answer).toMatch(
      /^Main Branch is not open at the moment, so there is no queue to join now\.\n\nNext opening: Tue 29 Sep, 09:00–17:00\.\n\nAsk again once it is open/,
    );
    expect(ask('现在要等多久', 'zh', local('2026-09-28', '08:00')).answer).toMatch(/^总行营业部现在不在营业时间内，现在不能取号排队。\n\n下次营业：9月28日 周一 09:00–17:00。/);
    const drill = facts({ closures: [{ from: local('2026-09-28', '12:00'), to: local('2026-09-28', '14:00'), reason: 'Fire drill' }] });
    const during = ask('how long is the wait', 'en', local('2026-09-28', '13:00'), drill);
    expect(during.answer).toMatch(/^Main Branch is not open at the moment \(Fire drill\), so there is no queue to join now\.\n\nNext opening: Mon 28 Sep, 14:00–17:00\./);
    expect(during.facts?.[0]).toEqual({ kind: 'waits', live: false, services: [] });
    // The closure is over: the reason is not the cause after closing time.
    expect(ask('how long is the wait', 'en', local('2026-09-28', '17:30'), drill).answer).toMatch(/^Main Branch is not open at the moment, so/);
    // Open again: the live estimates.
    expect(ask('how long is the wait', 'en', local('2026-09-28', '14:30'), drill).answer).toContain('Personal cash (A): 3 waiting');
  });

  it('a service named alone: what to bring and the wait now', () => {
    const a = ask('贷款', 'zh', local('2026-09-28', '10:00'));
    expect(a.intent).toBe('service');
    expect(a.answer).toContain('办理贷款咨询（C）请携带：身份证、收入证明。');
    expect(a.answer).toContain('贷款咨询（C）：现在没有人等候');
  });
});

describe('where the branch is', () => {
  const WED = '2026-09-30';
  const withAddress = (zh: string | null, en: string | null) => facts({ address: { zh, en } });

  it('asked where the branch is: its address in the language asked, else the other one (zh, en)', () => {
    const f = withAddress('北京市西城区金融大街 1 号', '1 Financial Street, Xicheng District, Beijing');
    const zh = ask('网点地址在哪里？', 'zh', local(WED, '10:30'), f);
    expect(zh.intent).toBe('address');
    expect(zh.answer).toBe('总行营业部的地址：北京市西城区金融大街 1 号。');
    expect(ask('where is the branch', 'en', local(WED, '10:30'), f).answer).toBe('Main Branch is at 1 Financial Street, Xicheng District, Beijing.');
    expect(ask('how do I get there', 'en', local(WED, '10:30'), withAddress('北京市西城区金融大街 1 号', null)).answer).toContain('北京市西城区金融大街 1 号');
  });

  it('a bare "where?" (在哪里？, 在哪, Where?) is answered with the address, not "not understood"', () => {
    const f = withAddress('北京市西城区金融大街 1 号', '1 Financial Street, Xicheng District, Beijing');
    expect(ask('在哪里？', 'zh', local(WED, '10:30'), f).answer).toBe('总行营业部的地址：北京市西城区金融大街 1 号。');
    expect(ask('在哪', 'zh', local(WED, '10:30'), f).answer).toBe('总行营业部的地址：北京市西城区金融大街 1 号。');
    expect(ask('Where?', 'en', local(WED, '10:30'), f).answer).toBe('Main Branch is at 1 Financial Street, Xicheng District, Beijing.');
  });

  it('asked when one\'s own booking is: where to see it (the confirmation and its link), not the opening hours (zh, en)', () => {
    for (const [question, lang] of [['我的预约是几点', 'zh'], ['what time is my appointment', 'en']] as const) {
      const a = ask(question, lang, local(WED, '10:30'));
      expect(a.intent, question).toBe('my-booking');
      expect(a.answer, question).toBe(ANSWER_TEXTS[lang].myBooking);
      expect(a.facts, question).toBeUndefined();
      expect(a.suggestions.every((s) => typeof s === 'string' && s.length > 0), question).toBe(true);
    }
    expect(ANSWER_TEXTS.zh.myBooking).toContain('预约确认短信或邮件');
    expect(ANSWER_TEXTS.en.myBooking).toContain('the link in it opens your booking page');
  });

  it('without an address: says it is not entered and where to ask, never an empty address', () => {
    const a = ask('怎么去', 'zh', local(WED, '10:30'));
    expect(a.intent).toBe('address');
    expect(a.answer).toContain('还没有登记总行营业部的地址');
    expect(ask('what is your address', 'en', local(WED, '10:30')).answer).toContain('the address of Main Branch has not been entered');
  });

  it('the hours answer ends with the address when there is one, and has none when there is not', () => {
    const f = withAddress('北京市西城区金融大街 1 号', '1 Financial Street, Xicheng District, Beijing');
    expect(ask('营业时间', 'zh', local(WED, '10:30'), f).answer).toMatch(/总行营业部的地址：北京市西城区金融大街 1 号。$/);
    expect(ask('opening hours', 'en', local(WED, '10:30')).answer).not.toMatch(/ is at |地址/);
  });
});

describe('a ticket number', () => {
  it('is not a service: how to follow one\'s own ticket on its page, and what to do if it was called', () => {
    const now = local('2026-09-28', '10:00');
    const zh = ask('A001叫到了吗', 'zh', now);
    expect(zh.intent).toBe('ticket');
    expect(zh.facts).toBeUndefined();
    expect(zh.answer).toContain('我查不到某个号码（A001）的情况');
    expect(zh.answer).toContain('用手机扫描号票上的二维码');
    expect(zh.answer).toContain('叫号 5 分钟后仍未到柜台，号码会作废');
    expect(zh.answer).not.toContain('个人现金业务');
    for (const question of ['who served customer A001', 'is B012 called yet']) {
      const en = ask(question, 'en', now);
      expect(en.intent).toBe('ticket');
      expect(en.answer).toContain('scan the QR code on the ticket with your phone');
      expect(en.answer).not.toContain('Personal cash');
      expect(en.suggestions[0]).toBe(ANSWER_TEXTS.en.suggestions['missed-call']);
    }
    expect(ask('A023 was called, I missed it', 'en', now).answer).toContain('If nobody comes within 5 minutes of the call');
  });
});

describe('the other topics and suggestions', () => {
  it('check-in, missed call and booking use the branch settings', () => {
    const now = local('2026-09-28', '10:00');
    expect(ask('where do I type my check-in code', 'en', now).answer).toContain('Check-in opens 30 minutes before your time and closes 15 minutes after it.');
    expect(ask('我过号了怎么办', 'zh', now).answer).toContain('叫号 5 分钟后仍未到柜台');
    expect(ask('I was late for my appointment', 'en', now).answer).toContain('up to 15 minutes after your time');
    expect(ask('how do I book', 'en', now, facts({ booking: { enabled: false, remoteQueue: true, checkInEarlyMin: 30, checkInLateMin: 15 } })).answer).toBe(
      'This branch does not take bookings online; please take a ticket at the kiosk when you arrive. You can also join the queue from your phone before you arrive.',
    );
    expect(ask('不预约可以吗', 'zh', now).answer).toContain('不预约也可以：到网点后在取号机上取号排队即可（理财仅限预约）。');
  });

  it('late for a booking: check-in stays open the minutes the branch set, then the booking is missed', () => {
    const now = local('2026-09-28', '10:00');
    const en = ask("I booked but I'm going to be 10 minutes late", 'en', now);
    expect(en.intent).toBe('late-booking');
    expect(en.answer).toMatch(/^You can still check in up to 15 minutes after your booked time: tap "I have an appointment"/);
    expect(en.answer).toContain('After 15 minutes the booking counts as missed');
    expect(en.answer).not.toContain('You can book online');
    const zh = ask('预约了但是来晚了怎么办', 'zh', now, facts({ booking: { enabled: true, remoteQueue: false, checkInEarlyMin: 30, checkInLateMin: 20 } }));
    expect(zh.intent).toBe('late-booking');
    expect(zh.answer).toMatch(/^预约时间过后 20 分钟内，仍然可以在取号机上点"我有预约"/);
    expect(zh.answer).toContain('超过 20 分钟，这次预约就算未到');
    const none = ask('预约迟到了还能签到吗', 'zh', now, facts({ booking: { enabled: true, remoteQueue: false, checkInEarlyMin: 30, checkInLateMin: 0 } }));
    expect(none.answer).toMatch(/^预约时间一到，签到就截止了/);
  });

  it("how long a service takes: its appointments' length, not the wait", () => {
    const now = local('2026-09-28', '10:00');
    const loan = ask('How long does a loan appointment take?', 'en', now);
    expect(loan.intent).toBe('duration');
    expect(loan.answer).toContain('Loans (C): about 45 minutes.');
    expect(loan.answer).not.toContain('Personal cash');
    expect(loan.answer).not.toContain('waiting');
    const all = ask('办理业务一次要多久', 'zh', now);
    expect(all.intent).toBe('duration');
    expect(all.answer).toContain('个人现金业务（A）：大约 10 分钟。\n贷款咨询（C）：大约 45 分钟。\n理财（D）：大约 30 分钟。');
    expect(all.answer).toContain('不包括排队等候的时间');
  });

  it('priority at any age given, and the way to it stays a member of staff in the lobby', () => {
    const now = local('2026-09-28', '10:00');
    const en = ask("I'm 75 years old, can I skip the queue?", 'en', now);
    expect(en.intent).toBe('priority');
    expect(en.answer).toContain('please ask a member of staff in the lobby, who will give you a priority ticket');
    expect(ask('我75岁了，可以先办吗', 'zh', now).answer).toContain('请直接咨询大堂工作人员，由他们为您取优先号');
  });

  it('changing the time of a booking: the manage link in the confirmation', () => {
    const now = local('2026-09-28', '10:00');
    for (const question of ['能改预约时间吗', '我想改一下预约的时间']) {
      const a = ask(question, 'zh', now);
      expect(a.intent, question).toBe('change-booking');
      expect(a.answer, question).toMatch(/^打开预约确认短信或邮件里的链接（管理预约页面），就可以改到其他空闲时间，或者取消预约。/);
    }
  });

  it('the fallback lists every topic; each suggestion, asked, is answered as its topic', () => {
    for (const lang of ['zh', 'en'] as const) {
      const fallback = ask('asdf qwerty', lang, local('2026-09-28', '10:00'));
      expect(fallback.intent).toBe('fallback');
      expect(fallback.suggestions).toEqual(Object.values(ANSWER_TEXTS[lang].suggestions));
      for (const [topic, question] of Object.entries(ANSWER_TEXTS[lang].suggestions)) {
        expect(matchIntent(question, facts().services).intent, question).toBe(topic);
      }
    }
  });

  it('suggestions after an answer never repeat its topic', () => {
    const a = ask('营业时间', 'zh', local('2026-09-28', '10:00'));
    expect(a.suggestions).toHaveLength(4);
    expect(a.suggestions).not.toContain(ANSWER_TEXTS.zh.suggestions.hours);
  });
});

describe('questions the branch set-up cannot answer', () => {
  const now = local('2026-09-28', '10:00');

  it('rates, amounts: says so and where to ask, in the language asked, and offers what it can', () => {
    const cases: [string, 'zh' | 'en'][] = [
      ['你们的存款利率是多少？', 'zh'],
      ['What is the interest rate on deposits?', 'en'],
      ['Can I withdraw 50000 cash today?', 'en'],
      ['一天最多能取多少现金', 'zh'],
    ];
    for (const [question, lang] of cases) {
      const a = ask(question, lang, now);
      expect(a.intent, question).toBe('out-of-scope');
      expect(a.answer, question).toBe(ANSWER_TEXTS[lang].outOfScope);
      // Not the cash service's documents and waits the words 存款 / withdraw point at.
      expect(a.facts, question).toBeUndefined();
      expect(a.answer, question).not.toContain(lang === 'zh' ? '身份证' : 'National ID card');
      const t = ANSWER_TEXTS[lang].suggestions;
      expect(a.suggestions.slice(0, 3), question).toEqual([t.hours, t.documents, t.waits]);
    }
    expect(ask('你们的存款利率是多少？', 'zh', now).answer).toContain('请到网点柜台咨询工作人员');
    expect(ask('What is the interest rate on deposits?', 'en', now).answer).toContain('Please ask at a counter in the branch.');
  });

  it('a typo in a service name lists that service only', () => {
    const f = facts({
      services: [
        ...facts().services,
        { id: 'svc-b', code: 'B', name: { zh: '对公业务', en: 'Business banking' }, documents: { zh: ['营业执照'], en: ['Business licence'] }, walkIns: true, bookable: true, durationMin: 20 },
      ],
    });
    const a = ask('documnets for busines banking', 'en', now, f);
    expect(a.intent).toBe('documents');
    expect(a.facts).toEqual([{ kind: 'documents', services: [{ code: 'B', name: { zh: '对公业务', en: 'Business banking' }, documents: ['Business licence'] }] }]);
  });
});
