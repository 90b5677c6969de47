import { AUDIT_ACTIONS, AUDIT_DETAIL_KEYS, auditActorOf, auditDetailLines, entryActorOf, AuditQuery, type AuditAction, type AuditEntryView, type Role } from '@tellerline/contracts';
import { refusalSummary } from './audit-refusal.js';
import { reportTime } from './service-record-logic.js';
import { WEEKDAYS } from './setup-logic.js';

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

/** An action's name; one this screen does not know (a newer server's) by its code. */
export const actionName = (action: string, t: T): string => (isAuditAction(action) ? t(`audit.action.${action}`) : action);

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

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/**
 * A line about what an entry holds, in words (never the raw JSON: that is under "All details"):
 * whom the system acted for, what was exported, which device, which booking, what changed.
 */
export function auditSummary(e: AuditEntryView, t: T): string {
  const d = e.details;
  const parts: string[] = [];
  if (e.staffName) parts.push(t('audit.summary.for', { name: e.staffName }));
  const code = text(d.code);
  switch (e.action) {
    case 'login-failed':
    case 'login-throttled':
      if (text(d.username)) parts.push(t('audit.summary.username', { username: text(d.username)! }));
      // Made-up usernames are recorded once an hour per address; an address's trip, with its counts.
      if (d.unknownUsername === true) parts.push(t('audit.summary.unknownUsername'));
      if (d.perAddress === true && typeof d.attempts === 'number') parts.push(t('audit.summary.perAddress', { attempts: d.attempts, unknown: typeof d.unknownUsernames === 'number' ? d.unknownUsernames : 0 }));
      break;
    // Team actions name the account they were about (the routes and the admin CLI record its username).
    case 'create-staff':
    case 'update-staff':
    case 'deactivate-staff':
    case 'reactivate-staff':
    case 'reset-password':
      if (text(d.username)) parts.push(t('audit.summary.account', { username: text(d.username)! }));
      break;
    case 'export-kpis':
    case 'export-audit': {
      const scope = text(d.scope);
      if (scope === 'branch' || scope === 'all' || scope === 'none') parts.push(t(`audit.summary.scope.${scope}`));
      if (text(d.from) || text(d.to)) parts.push(t('audit.summary.period', { from: text(d.from) ?? '…', to: text(d.to) ?? '…' }));
      if (text(d.action)) parts.push(t('audit.summary.filterAction', { action: actionName(text(d.action)!, t) }));
      if (text(d.userId)) parts.push(t('audit.summary.filterUser'));
      if (e.action === 'export-audit' && e.ticketId) parts.push(t('audit.summary.filterTicket'));
      break;
    }
    case 'device-paired':
    case 'device-revoked':
    case 'device-re-paired':
      if (text(d.name)) parts.push(t('audit.summary.device', { kind: d.kind === 'signage' || d.kind === 'kiosk' ? t(`devices.kind.${d.kind}`) : '', name: text(d.name)! }));
      break;
    case 'create-branch':
    case 'update-branch':
    case 'deactivate-branch':
    case 'reactivate-branch':
    case 'create-service':
    case 'update-service':
    case 'create-counter':
    case 'update-counter':
      parts.push(...setupSummary(e.action, d, t));
      break;
    // Not a check-in code: the service's code, and how many bookings went with it.
    case 'cancel-service-bookings': {
      const n = typeof d.count === 'number' && Number.isInteger(d.count) && d.count >= 0 ? d.count : null;
      if (code && n !== null) parts.push(t(`audit.summary.cancelledBookings${n === 1 ? '.one' : ''}`, { code, n }));
      else if (code) parts.push(t('setup.audit.service', { name: code }));
      break;
    }
    case 'view-appointments':
      if (text(d.day)) parts.push(t('audit.summary.day', { day: text(d.day)! }));
      break;
    case 'service-record-saved':
      if (text(d.outcome)) parts.push(t('audit.summary.outcome', { outcome: t(`record.outcome.${text(d.outcome)!}`) }));
      if (typeof d.notesLength === 'number') parts.push(t('audit.summary.notes', { n: d.notesLength }));
      break;
    case 'booking-settings': {
      const changed = (Array.isArray(d.parts) ? d.parts : []).flatMap((p): string[] => {
        if (p === 'services') {
          const codes = (Array.isArray(d.services) ? d.services : []).map((s) => text((s as { code?: unknown }).code)).filter((c): c is string => c !== null);
          return [t('audit.summary.part.services', { codes: codes.join(t('audit.summary.list')) })];
        }
        return p === 'settings' || p === 'closures' || p === 'rosters' ? [t(`audit.summary.part.${p}`)] : [];
      });
      if (changed.length) parts.push(t('audit.summary.changed', { parts: changed.join(t('audit.summary.list')) }));
      break;
    }
    case 'transfer': {
      // Recorded since the audit named the services and counter (older entries hold only ids).
      const from = text(d.fromService);
      const to = text(d.toService);
      if (from && to && from !== to) parts.push(t('audit.summary.transfer', { from, to }));
      if (text(d.toCounter)) parts.push(t('audit.summary.toCounter', { counter: text(d.toCounter)! }));
      break;
    }
    case 'access-denied':
      parts.push(...refusalSummary(d, t));
      break;
    default:
      if (code) parts.push(t('audit.summary.code', { code }));
      if (typeof d.startsAt === 'number') parts.push(t('audit.summary.slot', { time: reportTime(d.startsAt, e.timezone)! }));
  }
  return parts.join(t('audit.summary.sep'));
}

/** Fields a set-up edit may change, as `setup.audit.field.<name>` words them. */
const SETUP_FIELDS = ['name', 'timezone', 'openingHours', 'address', 'pilot', 'code', 'targetMin', 'defaultDurationMin', 'documents', 'label'];

/**
 * A set-up entry in words: which branch (by code), service (by code) or counter (by label), then
 * deactivated / reactivated, or the fields an edit changed (their values are under "All details").
 */
function setupSummary(action: string, d: Record<string, unknown>, t: T): string[] {
  const out: string[] = [];
  const subject = action.endsWith('-branch') ? 'branch' : action.endsWith('-service') ? 'service' : 'counter';
  const name = text(subject === 'counter' ? d.label : d.code);
  if (name) out.push(t(`setup.audit.${subject}`, { name }));
  if (action === 'deactivate-branch') out.push(t('setup.audit.deactivated'));
  if (action === 'reactivate-branch') out.push(t('setup.audit.reactivated'));
  // A branch made like another: which one it was copied from (its code; the id is in the details).
  const copied = d.copiedFrom && typeof d.copiedFrom === 'object' ? text((d.copiedFrom as { code?: unknown }).code) : null;
  if (action === 'create-branch' && copied) out.push(t('setup.audit.copiedFrom', { code: copied }));
  const cancelled = d.cancelledBookings;
  if (typeof cancelled === 'number' && Number.isInteger(cancelled) && cancelled > 0) out.push(t('audit.summary.branchCancelledBookings', { n: cancelled }));
  const changes = d.changes && typeof d.changes === 'object' && !Array.isArray(d.changes) ? (d.changes as Record<string, { to?: unknown }>) : {};
  if (typeof changes.active?.to === 'boolean') out.push(t(changes.active.to ? 'setup.audit.reactivated' : 'setup.audit.deactivated'));
  if (typeof changes.customersOpen?.to === 'boolean') out.push(t(changes.customersOpen.to ? 'setup.audit.customersOpened' : 'setup.audit.customersClosed'));
  const fields = Object.keys(changes).filter((f) => SETUP_FIELDS.includes(f));
  if (fields.length) out.push(t('audit.summary.changed', { parts: fields.map((f) => t(`setup.audit.field.${f}`)).join(t('audit.summary.list')) }));
  return out;
}

/** An id as the server mints them: meaningless to a reader, so never shown bare. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The details keys in the order a reader expects them (from before to); the other keys the server
 * writes (contracts' AUDIT_DETAIL_KEYS, each named `audit.detail.<key>`) come after, in that list's order.
 */
const DETAIL_ORDER = [
  'seq', 'staffId', 'code', 'startsAt', 'day', 'fromService', 'toService', 'toCounter', 'username', 'scope', 'from', 'to', 'action', 'number',
  'name', 'kind', 'label', 'outcome', 'notesLength', 'otherSessionsEnded', 'reason', 'priority', 'parts', 'changes', 'services', 'cancelledBookings',
  'completedOnRetry', 'completedLater',
] as const;
const isDetailKey = (k: string): boolean => (AUDIT_DETAIL_KEYS as readonly string[]).includes(k);

/**
 * "All details" of an entry for people: each line's key in words (事件序号 / Event no., a set-up
 * change's field by its name), a moment (`startsAt`, `completedOnRetry` / `completedLater`: when a
 * staff press's retry, or the server's sweep when nobody retried, wrote the entry its first run
 * could not) as a date and time in the entry's time zone,
 * the staff member acted on by name; an id no reader could use (a bare UUID: the staff member when
 * no name is known, a customer, a counter) is left out, never shown.
 */
export function auditDetails(e: AuditEntryView, t: T, names: Readonly<Record<string, string>> = {}): { label: string; value: string }[] {
  const staffName = e.staffName ?? (e.details.staffId === e.userId ? e.displayName : null);
  const out: { key: string; label: string; value: string }[] = [];
  const items = listedItems(e.details, names);
  for (const { path, value } of auditDetailLines(readableDetails(e.details, t))) {
    const [head = path, ...rest] = path.split('.');
    if (head === 'staffId') {
      if (staffName) out.push({ key: head, label: t('audit.detail.staffId'), value: staffName });
      continue;
    }
    if (UUID.test(value) || value.split(', ').every((v) => UUID.test(v))) continue;
    const moment = head === 'startsAt' || head === 'completedOnRetry' || head === 'completedLater';
    const shown = moment && /^\d+$/.test(value) ? (reportTime(Number(value), e.timezone) ?? value) : value;
    // `code` is a booking's check-in code, but a service's or branch's own code in a set-up entry.
    const word =
      head === 'code' && /-(service|branch)$/.test(e.action)
        ? t('setup.audit.field.code')
        : head === 'code' && e.action === 'access-denied'
          ? t('audit.detail.refusalCode')
          : isDetailKey(head)
            ? t(`audit.detail.${head}`)
            : null;
    const name = word ? word.charAt(0).toUpperCase() + word.slice(1) : head;
    // A roster or service rule change by whose or which it is, not by its place in the list.
    const parts = rest.map((p, i) => (i === 0 && items[head]?.[Number(p)] !== undefined ? items[head][Number(p)]! : partName(p, t)));
    out.push({ key: head, label: [name, ...parts].join(' › '), value: shown });
  }
  // The server's store may keep the keys in any order (PostgreSQL's jsonb sorts them by length).
  return out.map((l, i) => ({ l, i, at: order(l.key) })).sort((a, b) => a.at - b.at || a.i - b.i).map(({ l }) => ({ label: l.label, value: l.value }));
}

/** Known keys in the order a reader expects them (from before to), unknown ones (a newer server's) after. */
function order(key: string): number {
  const at = (DETAIL_ORDER as readonly string[]).indexOf(key);
  if (at >= 0) return at;
  const listed = (AUDIT_DETAIL_KEYS as readonly string[]).indexOf(key);
  return DETAIL_ORDER.length + (listed >= 0 ? listed : AUDIT_DETAIL_KEYS.length);
}

/**
 * Every field of a branch's booking settings (contracts' BookingSettings but closures, which are a
 * part of their own) and of a service's booking rules, each named `audit.detail.setting.<name>`.
 */
export const BOOKING_SETTING_FIELDS = [
  'enabled', 'slotStepMin', 'minNoticeMin', 'maxDaysAhead', 'maxActivePerCustomer', 'checkInEarlyMin', 'checkInLateMin', 'remoteQueue', 'verifyPhone', 'verifyEmail',
  'walkInEarlyMin', 'videoRoomUrl', 'bookable', 'durationMin', 'bufferBeforeMin', 'bufferAfterMin', 'walkIns', 'walkInShare', 'channels', 'added', 'removed',
];

/** Lists whose items are named rather than numbered: a roster change by the colleague's name (else their id), a service's by its code. */
const NAMED_ITEMS: Record<string, string> = { rosters: 'staffId', services: 'code' };

/** For each named list of `details`, its items' names by position. */
function listedItems(details: Record<string, unknown>, names: Readonly<Record<string, string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [list, key] of Object.entries(NAMED_ITEMS)) {
    const v = details[list];
    if (!Array.isArray(v)) continue;
    out[list] = v.map((item) => {
      const id = item && typeof item === 'object' ? text((item as Record<string, unknown>)[key]) : null;
      return id === null ? '' : key === 'staffId' ? (names[id] ?? id) : id;
    });
  }
  return out;
}

/** The colleagues whose rosters the entries changed and `known` does not name yet (their names are asked for by id). */
export function unnamedRosterStaff(entries: readonly AuditEntryView[], known: Readonly<Record<string, string>>): string[] {
  const ids = entries.flatMap((e) => (e.action === 'booking-settings' ? (listedItems(e.details, {}).rosters ?? []) : []));
  return [...new Set(ids)].filter((id) => id !== '' && !Object.hasOwn(known, id));
}

/** Weekly hours (a branch's opening hours, a roster): `{ mon: [{ open, close }], … }`. */
function isWeekly(v: unknown): v is Record<string, unknown[]> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, x]) => (WEEKDAYS as readonly string[]).includes(k) && Array.isArray(x));
}

/** One day's opening windows: "09:00–12:00, 13:00–17:00"; none: closed ('—'). */
const windowsText = (day: unknown[]): string[] =>
  day.map((w) => {
    const { open, close } = (w ?? {}) as { open?: unknown; close?: unknown };
    return `${text(open) ?? '?'}–${text(close) ?? '?'}`;
  });

/**
 * Details as a reader takes them, before they are flattened into lines: weekly hours by weekday in
 * the screen's language, in week order, each day's windows as "09:00–17:00"; yes / no for true and
 * false; a change's before ahead of its after (the store sorts `to` first); the parts a save
 * changed by name; a named list's items (`NAMED_ITEMS`) without the name they are labelled by;
 * a roster of none as "the opening hours".
 */
function readableDetails(details: Record<string, unknown>, t: T): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'boolean') return t(v ? 'audit.detail.yes' : 'audit.detail.no');
    if (isWeekly(v)) return Object.fromEntries(WEEKDAYS.filter((d) => Object.hasOwn(v, d)).map((d) => [t(`audit.detail.weekday.${d}`), windowsText(v[d]!)]));
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    const change = keys.length === 2 && 'from' in o && 'to' in o;
    return Object.fromEntries((change ? ['from', 'to'] : keys).map((k) => [k, walk(o[k])]));
  };
  const out = walk(details) as Record<string, unknown>;
  // The parts a booking rules save changed, by the names their own lines have.
  if (Array.isArray(out.parts)) out.parts = out.parts.map((p) => (typeof p === 'string' && isDetailKey(p) ? t(`audit.detail.${p}`) : p));
  for (const [list, key] of Object.entries(NAMED_ITEMS)) {
    if (!Array.isArray(out[list])) continue;
    out[list] = (out[list] as unknown[]).map((item) => {
      if (!item || typeof item !== 'object') return item;
      const { [key]: _named, from, to, ...rest } = item as Record<string, unknown>;
      if (from === undefined && to === undefined) return rest;
      // A roster of null: the colleague works the branch's opening hours.
      const side = (x: unknown) => (list === 'rosters' && x === null ? t('audit.detail.roster.openingHours') : x);
      return { ...rest, from: side(from), to: side(to) };
    });
  }
  return out;
}

/** A part of a nested path: a set-up or booking field by its name, a change's before/after in words, else as is. */
function partName(p: string, t: T): string {
  if (SETUP_FIELDS.includes(p)) return t(`setup.audit.field.${p}`);
  if (BOOKING_SETTING_FIELDS.includes(p)) return t(`audit.detail.setting.${p}`);
  if (p === 'changes') return t('audit.detail.changes');
  if (p === 'customersOpen') return t('audit.detail.customersOpen');
  if (p === 'from' || p === 'to' || p === 'active') return t(`audit.detail.change.${p}`);
  // A name or a list of documents in both languages.
  if (p === 'zh' || p === 'en') return t(`audit.detail.lang.${p}`);
  return p;
}
