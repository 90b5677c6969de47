import type { AllBranchesKpiReport, BranchKpiReport, KpiFigures } from '@tellerline/contracts';
import { CSV_BOM, CSV_EOL, csvText } from './csv.js';

type Lang = 'zh' | 'en';

/**
 * KPI reports as CSV for a spreadsheet (`csv.ts`: RFC 4180, UTF-8 with a byte order mark). One
 * row per group, the same columns in both reports; shares as fractions (0.375), minutes with one
 * decimal.
 */

const FIGURE_COLUMNS: { zh: string; en: string; value: (f: KpiFigures) => number | null; staffTime?: true }[] = [
  { zh: '取号', en: 'Issued', value: (f) => f.issued },
  { zh: '已办结', en: 'Served', value: (f) => f.served },
  { zh: '已取消', en: 'Cancelled', value: (f) => f.cancelled },
  { zh: '过号', en: 'No-shows (called)', value: (f) => f.noShows.called },
  { zh: '预约未到', en: 'No-shows (booked)', value: (f) => f.noShows.booked },
  { zh: '已叫号', en: 'Called', value: (f) => f.wait.called },
  { zh: '平均等候(分钟)', en: 'Mean wait (min)', value: (f) => minutes(f.wait.meanMin) },
  { zh: '90%等候(分钟)', en: 'P90 wait (min)', value: (f) => minutes(f.wait.p90Min) },
  { zh: '目标内叫号', en: 'Called within target', value: (f) => f.wait.withinTarget },
  { zh: '目标内叫号比例', en: 'Share within target', value: (f) => fraction(f.wait.withinTargetShare) },
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

const WORDS = {
  zh: { scope: '范围', key: '代码/日期', name: '名称', total: '合计', service: '业务', day: '日期', staff: '员工', branch: '网点', pilotBranch: '试点网点', pilot: '试点网点合计', others: '其他网点合计', range: '期间' },
  en: { scope: 'Scope', key: 'Code / day', name: 'Name', total: 'Total', service: 'Service', day: 'Day', staff: 'Staff', branch: 'Branch', pilotBranch: 'Pilot branch', pilot: 'Pilot branches', others: 'Other branches', range: 'Period' },
} as const;

function minutes(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

function fraction(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

const csvNumber = (v: number | null) => (v === null ? '' : String(v));

/** `perService`: staff time is not split by service, so its columns stay empty (not a misleading 0). */
type CsvRow = { scope: string; key: string; name: string; figures: KpiFigures; perService?: boolean };

function toCsv(lang: Lang, rows: CsvRow[], fromDay: string, toDay: string): string {
  const w = WORDS[lang];
  const header = [w.scope, w.key, w.name, ...FIGURE_COLUMNS.map((c) => c[lang])].map(csvText).join(',');
  const lines = rows.map((r) => [csvText(r.scope), csvText(r.key), csvText(r.name), ...FIGURE_COLUMNS.map((c) => (r.perService && c.staffTime ? '' : csvNumber(c.value(r.figures))))].join(','));
  // The period as the last row, so a file passed on still says what it covers.
  const period = [csvText(w.range), csvText(`${fromDay}..${toDay}`), ''].join(',');
  return CSV_BOM + [header, ...lines, period].join(CSV_EOL) + CSV_EOL;
}

/** One branch: the total, then per service, per day and per staff member (comments stay on screen). */
export function branchKpiCsv(r: BranchKpiReport, lang: Lang): string {
  const w = WORDS[lang];
  return toCsv(
    lang,
    [
      { scope: w.total, key: r.branch.code, name: r.branch.name[lang], figures: r.totals },
      ...r.services.map((s) => ({ scope: w.service, key: s.code, name: s.name[lang], figures: s.figures, perService: true })),
      ...r.days.map((d) => ({ scope: w.day, key: d.day, name: '', figures: d.figures })),
      ...r.staff.map((s) => ({ scope: w.staff, key: '', name: s.displayName, figures: s.figures })),
    ],
    r.fromDay,
    r.toDay,
  );
}

/** Every branch (pilot ones first), then pilot, other and all branches together. */
export function allBranchesKpiCsv(r: AllBranchesKpiReport, lang: Lang): string {
  const w = WORDS[lang];
  return toCsv(
    lang,
    [
      ...r.branches.map((b) => ({ scope: b.pilot ? w.pilotBranch : w.branch, key: b.code, name: b.name[lang], figures: b.figures })),
      { scope: w.pilot, key: '', name: '', figures: r.pilot },
      { scope: w.others, key: '', name: '', figures: r.others },
      { scope: w.total, key: '', name: '', figures: r.totals },
    ],
    r.fromDay,
    r.toDay,
  );
}
