import type { AllBranchesKpiReport, BranchKpiReport, KpiComment, KpiFigures, KpiHourCell, PilotPeriod } from '@tellerline/contracts';
import { CSV_BOM, CSV_EOL, csvText } from './csv.js';

type Lang = 'zh' | 'en';

/**
 * KPI reports as CSV for a spreadsheet (`csv.ts`: RFC 4180, UTF-8 with a byte order mark). One
 * row per group, the same columns in both reports; shares as fractions (0.375), minutes with one
 * decimal. A branch's hours of the week are rows too, with only the columns an hour has (`perHour`)
 * and the tickets and staff on duty per day, columns of their own at the end.
 */

type Column = { zh: string; en: string; value: (f: KpiFigures, r: CsvRow) => number | null; staffTime?: true; perHour?: true };

const FIGURE_COLUMNS: Column[] = [
  { zh: '取号', en: 'Issued', value: (f) => f.issued, perHour: true },
  { zh: '已办结', en: 'Served', value: (f) => f.served },
  { zh: '已取消', en: 'Cancelled', value: (f) => f.cancelled },
  { zh: '过号', en: 'No-shows (called)', value: (f) => f.noShows.called },
  { zh: '预约未到', en: 'No-shows (booked)', value: (f) => f.noShows.booked },
  { zh: '已叫号', en: 'Called', value: (f) => f.wait.called, perHour: true },
  { zh: '平均等候(分钟)', en: 'Mean wait (min)', value: (f) => minutes(f.wait.meanMin), perHour: true },
  { zh: '90%等候(分钟)', en: 'P90 wait (min)', value: (f) => minutes(f.wait.p90Min), perHour: true },
  { zh: '目标内叫号', en: 'Called within target', value: (f) => f.wait.withinTarget, perHour: true },
  { zh: '目标内叫号比例', en: 'Share within target', value: (f) => fraction(f.wait.withinTargetShare), perHour: true },
  { zh: '平均办理(分钟)', en: 'Mean service time (min)', value: (f) => minutes(f.serviceTime.meanMin) },
  { zh: '评价数', en: 'Survey responses', value: (f) => f.satisfaction.responses },
  { zh: '平均评分', en: 'Mean rating', value: (f) => (f.satisfaction.meanRating === null ? null : Math.round(f.satisfaction.meanRating * 100) / 100) },
  ...[1, 2, 3, 4, 5].map((n) => ({ zh: `${n}分`, en: `Rated ${n}`, value: (f: KpiFigures) => f.satisfaction.byRating[n - 1] ?? 0 })),
  { zh: '评价率', en: 'Response rate', value: (f) => fraction(f.satisfaction.responseRate) },
  { zh: '办理时长(分钟)', en: 'Serving (min)', value: (f) => minutes(f.utilisation.servingMin), staffTime: true },
  { zh: '在岗时长(分钟)', en: 'Signed on and not paused (min)', value: (f) => minutes(f.utilisation.availableMin), staffTime: true },
  { zh: '利用率', en: 'Utilisation', value: (f) => fraction(f.utilisation.share), staffTime: true },
  { zh: '守约预约', en: 'Appointments kept', value: (f) => f.punctuality.appointments },
  { zh: '准时叫号预约', en: 'Appointments called on time', value: (f) => f.punctuality.onTime },
  { zh: '预约准时率', en: 'Appointment punctuality', value: (f) => fraction(f.punctuality.share) },
  // Last, so the columns a spreadsheet already refers to by letter keep their place.
  { zh: '转移', en: 'Transfers', value: (f) => f.transfers.made },
  { zh: '转移后已叫号', en: 'Called after a transfer', value: (f) => f.transfers.waited },
  { zh: '转移后平均等候(分钟)', en: 'Mean wait after a transfer (min)', value: (f) => minutes(f.transfers.waitMeanMin) },
  { zh: '叫号客户', en: 'Customers called', value: (f) => f.noShows.calledVisits },
  { zh: '过号率', en: 'No-show rate (of called)', value: (f) => fraction(f.noShows.calledShare) },
  { zh: '应到预约', en: 'Bookings due', value: (f) => f.noShows.bookingsDue },
  { zh: '预约未到率', en: 'No-show rate (of bookings due)', value: (f) => fraction(f.noShows.bookedShare) },
];

const hundredths = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);

/** After every figure column: only hour rows have them. */
const HOUR_COLUMNS: Column[] = [
  { zh: '日均取号', en: 'Tickets per day', value: (_f, r) => hundredths(r.hour?.perDay), perHour: true },
  { zh: '平均在岗人数', en: 'Staff on duty (mean)', value: (_f, r) => hundredths(r.hour?.staffOnDuty), perHour: true },
];

const WORDS = {
  zh: { scope: '范围', key: '代码/日期', name: '名称', total: '合计', service: '业务', day: '日期', staff: '员工', branch: '网点', pilotBranch: '试点网点', pilot: '试点网点合计', others: '其他网点合计', range: '期间' },
  en: { scope: 'Scope', key: 'Code / day', name: 'Name', total: 'Total', service: 'Service', day: 'Day', staff: 'Staff', branch: 'Branch', pilotBranch: 'Pilot branch', pilot: 'Pilot branches', others: 'Other branches', range: 'Period' },
} as const;

const HOUR_WORDS = {
  zh: { scope: '时段', weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] },
  en: { scope: 'Hour', weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] },
} as const;

/** An hour row's key: its weekday and hour on the branch's clock ("周一 09:00-10:00"). */
export function hourKey(h: Pick<KpiHourCell, 'weekday' | 'hour'>, lang: Lang): string {
  const hh = (n: number) => String(n).padStart(2, '0');
  return `${HOUR_WORDS[lang].weekdays[h.weekday - 1]} ${hh(h.hour)}:00-${hh(h.hour + 1)}:00`;
}

/** An hour's figures where the figure columns read them; the columns an hour has not stay empty. */
function hourFigures(h: KpiHourCell): KpiFigures {
  return {
    issued: h.issued,
    wait: h.wait,
    served: 0,
    cancelled: 0,
    noShows: { called: 0, calledVisits: 0, calledShare: null, booked: 0, bookingsDue: 0, bookedShare: null },
    serviceTime: { timed: 0, meanMin: null },
    transfers: { made: 0, waited: 0, waitMeanMin: null },
    satisfaction: { responses: 0, meanRating: null, byRating: [0, 0, 0, 0, 0], responseRate: null },
    utilisation: { servingMin: 0, availableMin: 0, share: null },
    punctuality: { appointments: 0, onTime: 0, share: null },
  };
}

function minutes(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

function fraction(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

const csvNumber = (v: number | null) => (v === null ? '' : String(v));

/**
 * `perService`: staff time is not split by service, so its columns stay empty (not a misleading 0).
 * `hour`: an hour of the week; only the `perHour` columns are filled.
 */
type CsvRow = { scope: string; key: string; name: string; figures: KpiFigures; perService?: boolean; hour?: KpiHourCell };

function toCsv(lang: Lang, rows: CsvRow[], fromDay: string, toDay: string, after: string[] = []): string {
  const w = WORDS[lang];
  // The tickets-per-day column only when there are hour rows: the all-branches file stays as it was.
  const columns = rows.some((r) => r.hour) ? [...FIGURE_COLUMNS, ...HOUR_COLUMNS] : FIGURE_COLUMNS;
  const shown = (r: CsvRow, c: Column) => !(r.perService && c.staffTime) && !(r.hour && !c.perHour);
  const header = [w.scope, w.key, w.name, ...columns.map((c) => c[lang])].map(csvText).join(',');
  const lines = rows.map((r) => [csvText(r.scope), csvText(r.key), csvText(r.name), ...columns.map((c) => (shown(r, c) ? csvNumber(c.value(r.figures, r)) : ''))].join(','));
  // The period right after the figures (a file passed on still says what it covers), before any
  // block with a header of its own (the comments), where it would read as one of that block's rows.
  const period = [csvText(w.range), csvText(`${fromDay}..${toDay}`), ''].join(',');
  return CSV_BOM + [header, ...lines, period, ...after].join(CSV_EOL) + CSV_EOL;
}

const COMMENT_WORDS = {
  zh: { scope: '评价留言', head: ['范围', '日期', '业务', '评分', '留言'] },
  en: { scope: 'Comment', head: ['Scope', 'Day', 'Service', 'Rating', 'Comment'] },
} as const;

/**
 * The survey comments after the figures, under a header of their own (their columns are not the
 * figures'): scope, visit day, service, rating, the customer's words. Customers' text is what a
 * spreadsheet might take for a formula, so it goes through `csvText` like every other field.
 */
function commentLines(comments: readonly KpiComment[], lang: Lang): string[] {
  if (comments.length === 0) return [];
  const w = COMMENT_WORDS[lang];
  const service = (c: KpiComment) => [c.serviceCode, c.serviceName[lang]].filter(Boolean).join(' ');
  return ['', w.head.map(csvText).join(','), ...comments.map((c) => [w.scope, c.day, service(c)].map(csvText).concat(String(c.rating), csvText(c.comment)).join(','))];
}

/** One branch: the total, then per service, per day, per staff member and per hour of the week, the period, then the comments. */
export function branchKpiCsv(r: BranchKpiReport, lang: Lang): string {
  const w = WORDS[lang];
  return toCsv(
    lang,
    [
      { scope: w.total, key: r.branch.code, name: r.branch.name[lang], figures: r.totals },
      ...r.services.map((s) => ({ scope: w.service, key: s.code, name: s.name[lang], figures: s.figures, perService: true })),
      ...r.days.map((d) => ({ scope: w.day, key: d.day, name: '', figures: d.figures })),
      ...r.staff.map((s) => ({ scope: w.staff, key: '', name: s.displayName, figures: s.figures })),
      ...r.hours.map((h) => ({ scope: HOUR_WORDS[lang].scope, key: hourKey(h, lang), name: '', figures: hourFigures(h), hour: h })),
    ],
    r.fromDay,
    r.toDay,
    commentLines(r.comments, lang),
  );
}

const PERIOD_WORDS = {
  zh: { since: (from: string) => `${from} 起`, between: (from: string, to: string) => `${from} 至 ${to}`, join: '；' },
  en: { since: (from: string) => `since ${from}`, between: (from: string, to: string) => `${from} to ${to}`, join: '; ' },
} as const;

/** A pilot branch's periods of the report as the screen says them: "2026-10-01 起" / "since 2026-10-01". */
export function pilotPeriodsText(periods: readonly PilotPeriod[], lang: Lang): string {
  const w = PERIOD_WORDS[lang];
  return periods.map((p) => (p.to === null ? w.since(p.from) : w.between(p.from, p.to))).join(w.join);
}

/** Every branch (pilot ones first, with their periods), then pilot, other and all branches together. */
export function allBranchesKpiCsv(r: AllBranchesKpiReport, lang: Lang): string {
  const w = WORDS[lang];
  return toCsv(
    lang,
    [
      ...r.branches.map((b) => ({ scope: b.pilot ? `${w.pilotBranch} ${pilotPeriodsText(b.pilotPeriods, lang)}` : w.branch, key: b.code, name: b.name[lang], figures: b.figures })),
      { scope: w.pilot, key: '', name: '', figures: r.pilot },
      { scope: w.others, key: '', name: '', figures: r.others },
      { scope: w.total, key: '', name: '', figures: r.totals },
    ],
    r.fromDay,
    r.toDay,
  );
}
