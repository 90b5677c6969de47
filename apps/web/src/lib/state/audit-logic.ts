import { AUDIT_ACTIONS, auditActorOf, entryActorOf, AuditQuery, type AuditAction, type AuditEntryView, type Role } from '@tellerline/contracts';
import { reportTime } from './service-record-logic.js';

/**
 * An entry's summary sentence and "All details" in words: one implementation in contracts, which
 * the server's CSV export uses too, so the file words an entry as this screen does.
 */
export { actionName, auditDetails, auditSummary, BOOKING_SETTING_FIELDS, unnamedRosterStaff } from '@tellerline/contracts';

/** Entries one "load more" adds. */
export const AUDIT_PAGE = 50;

/** Which entries the screen reads: one branch's, or (admins) every entry, or those of no branch. */
export type AuditScope = { branchId: string } | 'all' | 'none';

/** The filter form; '' is "any". Dates are YYYY-MM-DD in branch time. */
export interface AuditFilters {
  action: AuditAction | '';
  userId: string;
  from: string;
  to: string;
  ticketId: string;
  /** A ticket number as typed (A008): entries about the ticket that had it then, or was given it by a transfer. */
  ticketNumber: string;
}

export const NO_FILTERS: Readonly<AuditFilters> = { action: '', userId: '', from: '', to: '', ticketId: '', ticketNumber: '' };

type T = (key: string, params?: Record<string, string | number>) => string;

/** Who may open the audit log (the audit routes allow these roles only). */
export function canReadAudit(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

export const isAuditAction = (v: string): v is AuditAction => Object.hasOwn(AUDIT_ACTIONS, v);

/** The scope an address names (`?branch=`): an admin's 'all' or 'none', else a branch id (null: none named). */
export function scopeFromAddress(branch: string | null): 'all' | 'none' | string | null {
  return branch === 'all' || branch === 'none' || branch ? branch : null;
}

/** The filters an address holds (a reload, a bookmark); anything malformed is left out, not refused. */
export function filtersFromAddress(q: URLSearchParams): AuditFilters {
  const action = q.get('action') ?? '';
  const f: AuditFilters = {
    action: isAuditAction(action) ? action : '',
    userId: q.get('user') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    ticketId: q.get('ticket') ?? '',
    ticketNumber: (q.get('number') ?? '').trim().toUpperCase(),
  };
  // Each part alone, as the server would take it.
  const ok = (part: Partial<AuditQuery>) => AuditQuery.safeParse(part).success;
  return {
    action: f.action,
    userId: f.userId && ok({ userId: f.userId }) ? f.userId : '',
    ticketId: f.ticketId && ok({ ticketId: f.ticketId }) ? f.ticketId : '',
    ticketNumber: f.ticketNumber && ok({ ticketNumber: f.ticketNumber }) ? f.ticketNumber : '',
    from: f.from && ok({ from: f.from }) ? f.from : '',
    to: f.to && ok({ to: f.to }) && (!f.from || f.from <= f.to) ? f.to : '',
  };
}

/** The screen's address for a scope and filters (an admin's scope only: a manager has one branch). */
export function auditAddress(scope: AuditScope | null, f: AuditFilters): string {
  const q = new URLSearchParams();
  if (scope !== null) q.set('branch', typeof scope === 'string' ? scope : scope.branchId);
  if (f.action) q.set('action', f.action);
  if (f.userId) q.set('user', f.userId);
  if (f.ticketId) q.set('ticket', f.ticketId);
  if (f.ticketNumber) q.set('number', f.ticketNumber);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  const s = q.toString();
  return `/staff/audit${s ? `?${s}` : ''}`;
}

/** The filters as the API's query parameters. */
function filterParams(f: AuditFilters): [string, string][] {
  return (
    [
      ['action', f.action],
      ['userId', f.userId],
      ['ticketId', f.ticketId],
      ['ticketNumber', f.ticketNumber.trim()],
      ['from', f.from],
      ['to', f.to],
    ] as [string, string][]
  ).filter(([, v]) => v !== '');
}

const base = (scope: AuditScope) =>
  typeof scope === 'string'
    ? { path: '/api/v1/audit', params: scope === 'none' ? ([['branch', 'none']] as [string, string][]) : [] }
    : { path: `/api/v1/branches/${encodeURIComponent(scope.branchId)}/audit`, params: [] as [string, string][] };

/** One page of entries: `limit` newest ones below `before`. */
export function auditPagePath(scope: AuditScope, f: AuditFilters, limit: number, before: string | null): string {
  const { path, params } = base(scope);
  const q = new URLSearchParams([...params, ...filterParams(f), ['limit', String(limit)], ...(before ? ([['before', before]] as [string, string][]) : [])]);
  return `${path}?${q}`;
}

/** Every matching entry as CSV, in the screen's language (the server records the download). */
export function auditCsvHref(scope: AuditScope, f: AuditFilters, lang: 'zh' | 'en'): string {
  const { path, params } = base(scope);
  return `${path}?${new URLSearchParams([...params, ...filterParams(f), ['format', 'csv'], ['lang', lang]])}`;
}

/** How many people one search of the "who" field suggests. */
export const PEOPLE_SUGGESTED = 8;

/** Whom the "who" field suggests for a scope: those matching `find.q` (at most PEOPLE_SUGGESTED), or one person by `find.id`. */
export function auditPeoplePath(scope: AuditScope, find: { q: string } | { id: string }): string {
  const base = typeof scope === 'string' ? '/api/v1/audit/people' : `/api/v1/branches/${encodeURIComponent(scope.branchId)}/audit/people`;
  const q = new URLSearchParams('q' in find ? { q: find.q, limit: String(PEOPLE_SUGGESTED) } : { id: find.id });
  return `${base}?${q}`;
}

/** The dictionary key of the problem with the days chosen (the server's rules), or null. */
export function rangeProblem(from: string, to: string): string | null {
  const valid = (day: string) => day === '' || AuditQuery.safeParse({ from: day }).success;
  if (!valid(from) || !valid(to)) return 'audit.range.invalid';
  return from && to && from > to ? 'audit.range.order' : null;
}

/** When an entry happened, in its branch's time: "2026-03-02 09:06". */
export const entryTime = (e: Pick<AuditEntryView, 'at' | 'timezone'>): string => reportTime(e.at, e.timezone)!;


/** The role column: the kind of actor (`entryActorOf`), by name; a role this screen does not know as stored. */
export function actorName(e: Pick<AuditEntryView, 'role' | 'deviceName'>, t: T): string {
  const kind = entryActorOf(e);
  return kind ? t(`audit.actor.${kind}`) : (e.role ?? '—');
}

/**
 * The "who" column: a person by name (their username under it), a kiosk or screen by its name,
 * else what acted (customer, system); an account that no longer exists by its id.
 */
export function whoOf(e: AuditEntryView, t: T): { name: string; detail: string | null } {
  if (e.displayName) return { name: e.displayName, detail: e.username };
  if (e.userId) return { name: t('audit.who.gone'), detail: e.userId };
  if (e.deviceName) return { name: e.deviceName, detail: null };
  const kind = auditActorOf(e.role);
  if (kind === 'customer' || kind === 'system' || kind === 'device') return { name: t(`audit.who.${kind}`), detail: null };
  return { name: '—', detail: null };
}
