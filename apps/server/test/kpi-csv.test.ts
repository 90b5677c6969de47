/** The KPI report's pure parts: the range a query stands for, shares, and spreadsheet-safe CSV. */
import { describe, expect, it } from 'vitest';
import { KpiQuery } from '@tellerline/contracts';
import { csvText, CSV_BOM } from '../src/usecases/csv.js';
import { branchKpiCsv, pilotPeriodsText } from '../src/usecases/kpi-csv.js';
import { kpiFigures, kpiHourCell, kpiRange, type KpiCounts } from '../src/usecases/kpis.js';

const counts = (over: Partial<KpiCounts> = {}): KpiCounts => ({
  issued: 0,
  served: 0,
  cancelled: 0,
  noShowsCalled: 0,
  calledVisits: 0,
  noShowsBooked: 0,
  bookingsDue: 0,
  called: 0,
  waitMeanMin: null,
  waitP90Min: null,
  withinTarget: 0,
  serviceTimed: 0,
  serviceMeanMin: null,
  transfers: 0,
  transferWaited: 0,
  transferWaitMeanMin: null,
  responses: 0,
  ratingMean: null,
  ratings: [0, 0, 0, 0, 0],
  servingMin: 0,
  availableMin: 0,
  appointments: 0,
  appointmentsOnTime: 0,
  ...over,
});

/** A one-branch report around `totals` (demo, one day), with `over` changed: what the CSV is written from. */
const reportOf = (totals: ReturnType<typeof kpiFigures>, over: Partial<Parameters<typeof branchKpiCsv>[0]> = {}): Parameters<typeof branchKpiCsv>[0] => ({
  fromDay: '2026-03-02',
  toDay: '2026-03-02',
  branch: { id: 'b1', code: 'demo', name: { zh: '总行营业部', en: 'Main Branch' }, pilot: true, timezone: 'Asia/Shanghai', pilotPeriods: [] },
  pilotComparison: null,
  goals: { punctuality: 0.95, graceMin: 5 },
  totals,
  services: [],
  days: [],
  staff: [],
  hours: [],
  comments: [],
  commentCount: 0,
  ...over,
});

describe('kpiRange', () => {
  it('takes both ends as given, one end plus 28 days, or the last 28 days up to today', () => {
    expect(kpiRange({ from: '2026-03-01', to: '2026-03-02' }, '2026-06-01')).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-02' });
    expect(kpiRange({ from: '2026-02-20' }, '2026-06-01')).toEqual({ fromDay: '2026-02-20', toDay: '2026-03-19' });
    expect(kpiRange({ to: '2026-03-01' }, '2026-06-01')).toEqual({ fromDay: '2026-02-02', toDay: '2026-03-01' });
    expect(kpiRange({}, '2026-03-02')).toEqual({ fromDay: '2026-02-03', toDay: '2026-03-02' });
  });

  it('is validated at the edge: order, at most 92 days (leap years counted), real dates', () => {
    expect(KpiQuery.safeParse({ from: '2024-01-01', to: '2024-04-01' }).success).toBe(true); // 92 days in a leap year
    expect(KpiQuery.safeParse({ from: '2024-01-01', to: '2024-04-02' }).success).toBe(false);
    expect(KpiQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(KpiQuery.safeParse({ from: '2026-02-29' }).success).toBe(false);
  });
});

describe('kpiFigures', () => {
  it('puts shares next to what they divide, and none where nothing was measured', () => {
    const f = kpiFigures(counts({ served: 4, called: 8, withinTarget: 6, responses: 3, servingMin: 30, availableMin: 120, appointments: 2, appointmentsOnTime: 1 }));
    expect(f.wait.withinTargetShare).toBe(0.75);
    expect(f.satisfaction.responseRate).toBe(0.75);
    expect(f.utilisation.share).toBe(0.25);
    expect(f.punctuality.share).toBe(0.5);
    const none = kpiFigures(counts());
    expect([none.wait.withinTargetShare, none.satisfaction.responseRate, none.utilisation.share, none.punctuality.share, none.noShows.calledShare, none.noShows.bookedShare]).toEqual([null, null, null, null, null, null]);
  });

  it('gives no-show rates: called no-shows of the customers called, booked no-shows of the bookings due', () => {
    const f = kpiFigures(counts({ noShowsCalled: 1, calledVisits: 8, noShowsBooked: 2, bookingsDue: 5 }));
    expect(f.noShows).toEqual({ called: 1, calledVisits: 8, calledShare: 0.125, booked: 2, bookingsDue: 5, bookedShare: 0.4 });
  });
});

describe('CSV', () => {
  it('quotes separators and quotes, and defuses what a spreadsheet would run as a formula', () => {
    expect(csvText('Alice')).toBe('Alice');
    expect(csvText('王, 小明')).toBe('"王, 小明"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a byte order mark and a header in the language asked, one row per group, CRLF', () => {
    const f = kpiFigures(counts({ issued: 3, called: 2, waitMeanMin: 12.345, waitP90Min: 18, withinTarget: 1 }));
    const report = reportOf(f, { services: [{ serviceId: 's1', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, figures: f }], days: [{ day: '2026-03-02', figures: f }], staff: [{ staffId: 'x', displayName: '=cmd', figures: f }] });
    const csv = branchKpiCsv(report, 'en');
    expect(csv.startsWith(CSV_BOM + 'Scope,Code / day,Name,Issued,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['Scope,Code / day,Name,Issued', 'Total,demo,Main Branch,3', 'Service,A,Cash,3', 'Day,2026-03-02,,3', "Staff,,'=cmd,3", 'Period,2026-03-02..2026-03-02,', '']);
    // Minutes to one decimal, shares as fractions.
    expect(lines[1]!.split(',').slice(9, 13)).toEqual(['12.3', '18', '1', '0.5']);
    // Staff time is not split by service: empty there, 0 minutes elsewhere.
    const header = lines[0]!.split(',');
    const util = header.indexOf('Utilisation');
    expect(lines[1]!.split(',').slice(util - 2, util + 1)).toEqual(['0', '0', '']);
    expect(lines[2]!.split(',').slice(util - 2, util + 1)).toEqual(['', '', '']);
    expect(branchKpiCsv(report, 'zh').slice(1).split('\r\n')[1]!.startsWith('合计,demo,总行营业部,3')).toBe(true);
  });

  it('ends with the transfers and the waits after them, apart from the wait to the first call', () => {
    const f = kpiFigures(counts({ issued: 2, called: 2, waitMeanMin: 4, transfers: 1, transferWaited: 1, transferWaitMeanMin: 12.25 }));
    expect(f.transfers).toEqual({ made: 1, waited: 1, waitMeanMin: 12.25 });
    const report = reportOf(f);
    const [zhHeader, zhTotal] = branchKpiCsv(report, 'zh').slice(1).split('\r\n');
    // The no-show rates came after them (columns are only ever added at the end).
    expect(zhHeader!.split(',').slice(-7, -4)).toEqual(['转移', '转移后已叫号', '转移后平均等候(分钟)']);
    expect(zhTotal!.split(',').slice(-7, -4)).toEqual(['1', '1', '12.3']);
    expect(branchKpiCsv(report, 'en').slice(1).split('\r\n')[0]!.split(',').slice(-7, -4)).toEqual(['Transfers', 'Called after a transfer', 'Mean wait after a transfer (min)']);
  });

  it('ends with the no-show rates, each beside what it divides, in words that do not mix the two up', () => {
    const f = kpiFigures(counts({ noShowsCalled: 1, calledVisits: 8, noShowsBooked: 2, bookingsDue: 5 }));
    const report = reportOf(f);
    const [zhHeader, zhTotal] = branchKpiCsv(report, 'zh').slice(1).split('\r\n');
    expect(zhHeader!.split(',').slice(3, 8)).toEqual(['取号', '已办结', '已取消', '过号', '预约未到']);
    expect(zhHeader!.split(',').slice(-4)).toEqual(['叫号客户', '过号率', '应到预约', '预约未到率']);
    expect(zhTotal!.split(',').slice(-4)).toEqual(['8', '0.125', '5', '0.4']);
    expect(branchKpiCsv(report, 'en').slice(1).split('\r\n')[0]!.split(',').slice(-4)).toEqual(['Customers called', 'No-show rate (of called)', 'Bookings due', 'No-show rate (of bookings due)']);
  });

  it("adds the week's hours after the staff: weekday and hour on the branch clock, the wait columns, tickets and staff per day last", () => {
    const f = kpiFigures(counts({ issued: 5, served: 4, called: 4, waitMeanMin: 9, waitP90Min: 20, withinTarget: 3 }));
    // Over 3 Sundays: 5 tickets, 4 called; 270 staff minutes in the hour = 1.5 people on average.
    const hour = kpiHourCell({ weekday: 7, hour: 9, days: 3, issued: 5, called: 4, waitMeanMin: 12.25, waitP90Min: 20, withinTarget: 3, staffMin: 270 });
    expect(hour).toEqual({ weekday: 7, hour: 9, days: 3, issued: 5, perDay: 5 / 3, wait: { called: 4, meanMin: 12.25, p90Min: 20, withinTarget: 3, withinTargetShare: 0.75 }, staffOnDuty: 1.5 });
    expect(kpiHourCell({ weekday: 1, hour: 0, days: 0, issued: 0, called: 0, waitMeanMin: null, waitP90Min: null, withinTarget: 0, staffMin: 0 })).toMatchObject({ perDay: null, staffOnDuty: null, wait: { withinTargetShare: null } });
    const report = reportOf(f, { toDay: '2026-03-08', days: [{ day: '2026-03-08', figures: f }], hours: [hour, { ...hour, hour: 23 }] });
    const en = branchKpiCsv(report, 'en').slice(1).split('\r\n');
    const header = en[0]!.split(',');
    expect(header.slice(-2)).toEqual(['Tickets per day', 'Staff on duty (mean)']);
    const row = en.find((l) => l.startsWith('Hour,'))!.split(',');
    expect(row.slice(0, 4)).toEqual(['Hour', 'Sun 09:00-10:00', '', '5']);
    // The wait columns as the totals have them; what an hour does not have stays empty, not 0.
    const col = (name: string) => row[header.indexOf(name)];
    expect([col('Called'), col('Mean wait (min)'), col('P90 wait (min)'), col('Called within target'), col('Share within target')]).toEqual(['4', '12.3', '20', '3', '0.75']);
    expect([col('Served'), col('Utilisation'), col('Transfers'), col('Tickets per day'), col('Staff on duty (mean)')]).toEqual(['', '', '', '1.67', '1.5']);
    // Other rows have neither.
    expect(en[1]!.split(',').slice(-2)).toEqual(['', '']);
    expect(en.find((l) => l.startsWith('Hour,Sun 23:00-24:00'))).toBeDefined();
    expect(branchKpiCsv(report, 'zh').slice(1).split('\r\n').some((l) => l.startsWith('时段,周日 09:00-10:00,,5,'))).toBe(true);
  });

  it('ends with every survey comment under a header of its own, a formula in a comment defused, after the period (zh and en)', () => {
    const f = kpiFigures(counts({ issued: 1 }));
    const comment = (day: string, rating: number, text: string) => ({ day, createdAt: 0, serviceCode: 'A', serviceName: { zh: '现金', en: 'Cash' }, rating, comment: text });
    const report = reportOf(f, { comments: [comment('2026-03-02', 2, '=HYPERLINK("http://x","win")'), comment('2026-03-02', 5, '很好, 谢谢\n下次再来')], commentCount: 2 });
    const en = branchKpiCsv(report, 'en').slice(1).split('\r\n');
    const at = en.indexOf('Scope,Day,Service,Rating,Comment');
    expect(at).toBeGreaterThan(1);
    // The period belongs to the figures: just above the blank line that opens the comments block.
    expect(en.slice(at - 2, at)).toEqual(['Period,2026-03-02..2026-03-02,', '']);
    expect(en.slice(at + 1)).toEqual([`Comment,2026-03-02,A Cash,2,"'=HYPERLINK(""http://x"",""win"")"`, 'Comment,2026-03-02,A Cash,5,"很好, 谢谢\n下次再来"', '']);
    const zh = branchKpiCsv(report, 'zh').slice(1).split('\r\n');
    const zhAt = zh.indexOf('范围,日期,业务,评分,留言');
    expect(zh.slice(zhAt - 2, zhAt)).toEqual(['期间,2026-03-02..2026-03-02,', '']);
    expect(zh.at(-2)).toMatch(/^评价留言,/);
    expect(zh.some((l) => l.startsWith('评价留言,2026-03-02,A 现金,5,'))).toBe(true);
    // No comments: no header for them either.
    expect(branchKpiCsv(reportOf(f), 'en')).not.toContain('Rating,Comment');
  });
});

describe('pilot periods in the all-branches CSV', () => {
  it('names them as the screen does: since the start while open, from and to once ended, in zh and en', () => {
    const periods = [
      { from: '2026-03-01', to: '2026-05-31' },
      { from: '2026-10-01', to: null },
    ];
    expect(pilotPeriodsText(periods, 'zh')).toBe('2026-03-01 至 2026-05-31；2026-10-01 起');
    expect(pilotPeriodsText(periods, 'en')).toBe('2026-03-01 to 2026-05-31; since 2026-10-01');
  });
});
