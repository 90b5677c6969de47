import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import type { KpiFigures } from '@tellerline/contracts';
import { zoneName } from './booking-logic.js';
import { canReadReports, cellText, columnAttr, countKey, csvHref, formatMinutes, formatRating, formatShare, axisScale, polylinePoints, rangeProblem, ratingShares, shortDay, tableColumns, waitChart } from './reports-logic.js';

const day = (d: string, meanMin: number | null, p90Min: number | null) => ({ day: d, figures: { wait: { called: meanMin === null ? 0 : 1, meanMin, p90Min, withinTarget: 0, withinTargetShare: null } } });

describe('who sees the reports', () => {
  it('is managers and admins, not tellers', () => {
    expect([canReadReports('manager'), canReadReports('admin'), canReadReports('staff'), canReadReports(undefined)]).toEqual([true, true, false, false]);
  });
});

describe('formatting', () => {
  it('gives minutes with one decimal, whole ones without, and a dash for nothing measured', () => {
    expect(formatMinutes(14.375)).toBe('14.4');
    expect(formatMinutes(12)).toBe('12');
    expect(formatMinutes(6.96)).toBe('7');
    expect(formatMinutes(0)).toBe('0');
    expect(formatMinutes(null)).toBe('—');
  });

  it('gives shares in whole percent, with a decimal near 0% and 100% where it matters', () => {
    expect(formatShare(0.375)).toBe('38%');
    expect(formatShare(14 / 30)).toBe('47%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0.005)).toBe('0.5%');
    expect(formatShare(0.994)).toBe('99.4%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });

  it('gives a rating with one decimal, and the distribution as shares of the answers', () => {
    expect(formatRating(4)).toBe('4.0');
    expect(formatRating(3.666)).toBe('3.7');
    expect(formatRating(null)).toBe('—');
    expect(ratingShares([0, 1, 0, 1, 2])).toEqual([0, 0.25, 0, 0.25, 0.5]);
    expect(ratingShares([0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
  });

  it('shortens a day to month-day for the axis', () => {
    expect(shortDay('2026-03-02')).toBe('03-02');
  });
});

describe('the waits chart', () => {
  it('steps its axis by round numbers, at most five steps, up to the highest wait (never below 5 minutes)', () => {
    const scale = (v: number) => { const s = axisScale(v); return [s.max, s.step]; };
    expect([scale(0), scale(3), scale(5), scale(6), scale(9), scale(12), scale(18), scale(22), scale(26), scale(51), scale(101)]).toEqual([
      [5, 1],
      [5, 1],
      [5, 1],
      [6, 2],
      [10, 2],
      [12.5, 2.5],
      [20, 5],
      [25, 5],
      [30, 10],
      [60, 20],
      [125, 25],
    ]);
  });

  it('spreads the days evenly across the plot and puts minutes from 0 (bottom) to the maximum (top)', () => {
    const c = waitChart([day('2026-03-01', 10, 20), day('2026-03-02', 5, 15), day('2026-03-03', 0, 0)], { width: 640, height: 220 });
    expect(c.max).toBe(20);
    expect(c.plot).toEqual({ left: 40, right: 628, top: 12, bottom: 192 });
    const [mean] = c.mean;
    expect(mean!.map((p) => p.x)).toEqual([40, 334, 628]);
    // 10 of 20 minutes: half way up; 0 on the baseline.
    expect(mean!.map((p) => p.y)).toEqual([102, 147, 192]);
    expect(c.p90[0]![0]!.y).toBe(12);
    expect(c.ticks.map((t) => [t.value, t.y])).toEqual([
      [0, 192],
      [5, 147],
      [10, 102],
      [15, 57],
      [20, 12],
    ]);
    expect(polylinePoints(mean!)).toBe('40,102 334,147 628,192');
  });

  it('centres a single day, and breaks the line over days nobody was called', () => {
    expect(waitChart([day('2026-03-02', 12, 18)]).mean[0]![0]!.x).toBe((40 + 628) / 2);
    const gap = waitChart([day('2026-03-01', 4, 8), day('2026-03-02', null, null), day('2026-03-03', 6, 9), day('2026-03-04', 7, 9)]);
    expect(gap.mean.map((run) => run.map((p) => p.day))).toEqual([['2026-03-01'], ['2026-03-03', '2026-03-04']]);
    expect(gap.max).toBe(10);
  });

  it('labels at most the given number of days, the first and the last always', () => {
    const days = Array.from({ length: 28 }, (_, i) => day(`2026-02-${String(i + 1).padStart(2, '0')}`, i, i + 1));
    const labels = waitChart(days, { maxLabels: 7 }).labels.map((l) => l.day);
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(labels[0]).toBe('2026-02-01');
    expect(labels.at(-1)).toBe('2026-02-28');
  });
});

describe('the period form', () => {
  it('names what is wrong in words the dictionaries have, as the server would refuse it', () => {
    expect(rangeProblem('2026-02-03', '2026-03-02')).toBeNull();
    expect(rangeProblem('2026-01-01', '2026-04-02')).toBeNull(); // 92 days
    expect(rangeProblem('2026-01-01', '2026-04-03')).toBe('reports.range.tooLong');
    expect(rangeProblem('2026-03-02', '2026-03-01')).toBe('reports.range.order');
    expect(rangeProblem('', '2026-03-01')).toBe('reports.range.required');
    expect(rangeProblem('2026-02-30', '2026-03-01')).toBe('reports.range.invalid');
    for (const key of ['reports.range.tooLong', 'reports.range.order', 'reports.range.required', 'reports.range.invalid']) {
      expect(dictionaries.zh[key]).toBeTruthy();
      expect(dictionaries.en[key]).toBeTruthy();
    }
  });

  it('downloads the CSV of the period shown, in the screen language', () => {
    expect(csvHref('b 1', { fromDay: '2026-02-03', toDay: '2026-03-02' }, 'zh')).toBe('/api/v1/branches/b%201/kpis.csv?from=2026-02-03&to=2026-03-02&lang=zh');
    expect(csvHref(null, { fromDay: '2026-02-03', toDay: '2026-03-02' }, 'en')).toBe('/api/v1/kpis.csv?from=2026-02-03&to=2026-03-02&lang=en');
  });
});

describe('counted words', () => {
  it('says "1 answer" but "0 answers" and "2 answers" in English; Chinese words them alike', () => {
    const answers = (lang: 'zh' | 'en', n: number) => translate(lang, countKey('reports.satisfaction.count', n), { n });
    expect([answers('en', 0), answers('en', 1), answers('en', 2)]).toEqual(['0 answers', '1 answer', '2 answers']);
    expect([answers('zh', 1), answers('zh', 2)]).toEqual(['1 份', '2 份']);
    expect(translate('en', countKey('reports.card.ratingDetail', 1), { n: 1, rate: '50%' })).toBe('1 answer, 50% of served');
  });
});

describe('tables', () => {
  const figures = {
    issued: 9,
    served: 6,
    cancelled: 1,
    noShows: { called: 1, calledVisits: 8, calledShare: 0.125, booked: 2, bookingsDue: 3, bookedShare: 2 / 3 },
    wait: { called: 8, meanMin: 12.5, p90Min: 22, withinTarget: 4, withinTargetShare: 0.5 },
    serviceTime: { timed: 6, meanMin: 8.667, },
    transfers: { made: 0, waited: 0, waitMeanMin: null },
    satisfaction: { responses: 4, meanRating: 4, byRating: [0, 1, 0, 1, 2], responseRate: 4 / 6 },
    utilisation: { servingMin: 56, availableMin: 285, share: 56 / 285 },
    punctuality: { appointments: 2, onTime: 1, share: 0.5 },
  } satisfies KpiFigures;

  it('shows no-show rates, not a sum of two different counts; no utilisation per service, no bookings per staff member', () => {
    expect(tableColumns('day')).toEqual(['issued', 'served', 'cancelled', 'noShowsCalled', 'noShowsBooked', 'meanWait', 'p90Wait', 'withinTarget', 'serviceTime', 'transfers', 'rating', 'utilisation', 'punctuality']);
    expect(tableColumns('branch')).toEqual(tableColumns('day'));
    expect(tableColumns('service')).not.toContain('utilisation');
    expect(tableColumns('service')).toContain('noShowsBooked');
    expect(tableColumns('staff')).not.toContain('noShowsBooked');
    expect(tableColumns('staff')).toContain('noShowsCalled');
    expect(tableColumns('day').map((c) => cellText(c, figures))).toEqual(['9', '6', '1', '13%', '67%', '12.5', '22', '50%', '8.7', '0', '4.0', '20%', '50%']);
    expect(cellText('noShowsBooked', { ...figures, noShows: { ...figures.noShows, bookingsDue: 0, bookedShare: null } })).toBe('—');
    expect(['meanWait', 'p90Wait', 'serviceTime', 'noShowsCalled'].map((c) => columnAttr(c as never))).toEqual(['mean-wait', 'p90-wait', 'service-time', 'no-shows-called']);
  });

  it('has a header in both languages for every column, and says 过号 / 预约未到, never the panel\'s 未到 (not arrived yet)', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const c of tableColumns('day')) expect(dictionaries[lang], `${lang} ${c}`).toHaveProperty([`reports.col.${c}`]);
    }
    expect(['noShowsCalled', 'noShowsBooked'].map((c) => translate('zh', `reports.col.${c}`))).toEqual(['过号率', '预约未到率']);
    const zhReports = Object.entries(dictionaries.zh).filter(([k]) => k.startsWith('reports.'));
    expect(zhReports.filter(([, v]) => /(^|[^约])未到/.test(v)).map(([k]) => k)).toEqual([]);
  });
});

describe('the period hint', () => {
  it("names the branch's own time zone: London is not Beijing time", () => {
    const hint = (tz: string, lang: 'zh' | 'en') => translate(lang, 'reports.range.hint', { zone: zoneName(tz, lang) });
    expect(hint('Asia/Shanghai', 'zh')).toBe('按网点营业日（北京时间）统计，含首尾两天，最长 92 天。');
    expect(hint('Europe/London', 'zh')).not.toContain('北京');
    expect(hint('Europe/London', 'zh')).toContain(zoneName('Europe/London', 'zh'));
    expect(hint('Europe/London', 'en')).toMatch(/^Business days in the branch time zone \(.*(British|Greenwich|UK|United Kingdom).*\)/);
  });
});
