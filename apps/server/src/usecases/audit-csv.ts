import { AUDIT_ACTORS, auditActionName, auditDetails, auditSummary, auditTicketLabel, auditWords, entryActorOf, type AuditEntryView } from '@tellerline/contracts';
import { formatHm, localTimeOf } from '@tellerline/engine';
import { CSV_EOL, csvText } from './csv.js';

type Lang = 'zh' | 'en';

/**
 * The audit log as CSV (`csv.ts`: RFC 4180, UTF-8 with a byte order mark, formula-looking text
 * defused): one row per entry, newest first, in the words of the staff screen (the action and
 * actor names come from the same contracts table; the summary and details are the screen's summary
 * sentence and its "All details" lines, from the same contracts functions and words, in columns of
 * their own: the summary restates some details in a sentence, and one cell holding both read as
 * everything said twice), and the filters as the last row, so a file passed on still says what it covers.
 */
const COLUMNS = {
  zh: ['时间（当地）', '时区', 'UTC 时间', '网点', '姓名', '用户名', '角色', '操作', '操作代码', '票号', '摘要', '详情', 'IP', '浏览器'],
  en: ['Local time', 'Time zone', 'UTC time', 'Branch', 'Name', 'Username', 'Role', 'Action', 'Action code', 'Ticket', 'Summary', 'Details', 'IP', 'User agent'],
} as const;

const WORDS = {
  zh: { scope: '导出范围', all: '全部网点', none: '无网点', period: '期间', action: '操作', user: '用户', ticket: '票号', line: (label: string, value: string) => `${label}：${value}` },
  en: { scope: 'Exported', all: 'All branches', none: 'No branch', period: 'Period', action: 'Action', user: 'User', ticket: 'Ticket', line: (label: string, value: string) => `${label}: ${value}` },
} as const;

/** The entry words of each language, looked up as the staff screen's `translate` does. */
const ENTRY_WORDS = { zh: auditWords('zh'), en: auditWords('en') };

/** The header row. */
export function auditCsvHeader(lang: Lang): string {
  return COLUMNS[lang].map(csvText).join(',') + CSV_EOL;
}

/** Seconds are the same in every zone (offsets are whole minutes): the local date, minute and second. */
export function localStamp(at: number, timeZone: string): string {
  const { date, minutes } = localTimeOf(at, timeZone);
  return `${date} ${formatHm(minutes)}:${String(Math.floor(at / 1000) % 60).padStart(2, '0')}`;
}

/**
 * One entry; `branchName` names a branch id (empty for an entry of no branch). The summary cell is
 * the screen's summary sentence, the details cell its "All details" lines (`label: value`), in `lang`: a staff member
 * acted on by name where the entry knows it (`staffName`, or the actor themself), else left out as
 * on the screen; a roster's colleague by `names` (id to name), else by id as the screen shows one
 * it could not name; other ids (customers, counters, devices) left out, never printed bare.
 */
export function auditCsvRow(e: AuditEntryView, lang: Lang, branchName: (id: string) => string, names: Readonly<Record<string, string>> = {}): string {
  const actor = entryActorOf(e);
  const t = ENTRY_WORDS[lang];
  const details = auditDetails(e, t, names).map((l) => WORDS[lang].line(l.label, l.value)).join(t('audit.summary.sep'));
  return (
    [
      localStamp(e.at, e.timezone),
      e.timezone,
      new Date(e.at).toISOString(),
      e.branchId ? branchName(e.branchId) : '',
      e.displayName ?? e.deviceName ?? '',
      e.username ?? '',
      actor ? AUDIT_ACTORS[actor][lang] : (e.role ?? ''),
      auditActionName(e.action, lang),
      e.action,
      auditTicketLabel(e) ?? '',
      auditSummary(e, t),
      details,
      e.ip ?? '',
      e.userAgent ?? '',
    ]
      .map(csvText)
      .join(',') + CSV_EOL
  );
}

/** What the file covers, as its last row: the branch (or all, or none) and each filter given. */
export function auditCsvScope(
  lang: Lang,
  scope: { branch: string | 'all' | 'none'; action?: string | undefined; user?: string | undefined; ticketId?: string | undefined; from?: string | undefined; to?: string | undefined },
): string {
  const w = WORDS[lang];
  const parts = [
    scope.branch === 'all' ? w.all : scope.branch === 'none' ? w.none : scope.branch,
    ...(scope.from || scope.to ? [`${w.period}: ${scope.from ?? ''}..${scope.to ?? ''}`] : []),
    ...(scope.action ? [`${w.action}: ${auditActionName(scope.action, lang)}`] : []),
    ...(scope.user ? [`${w.user}: ${scope.user}`] : []),
    ...(scope.ticketId ? [`${w.ticket}: ${scope.ticketId}`] : []),
  ];
  return [csvText(w.scope), csvText(parts.join('; '))].join(',') + CSV_EOL;
}
