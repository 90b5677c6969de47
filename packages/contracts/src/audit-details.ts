/**
 * An audit entry's "All details" in words, for the staff screen and the server's CSV export
 * alike (see `audit-summary.ts`).
 */
import { WEEK as WEEKDAYS } from '@tellerline/engine';
import { AUDIT_DETAIL_KEYS, auditDetailLines, type AuditEntryView } from './audit.js';
import { SETUP_FIELDS, text } from './audit-summary.js';
import type { AuditT as T } from './audit-words.js';
import { reportTime } from './service-records.js';

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
    const shown = moment && /^\d+$/.test(value) ? (reportTime(Number(value), e.timezone) ?? value) : valueInWords(head, value, t);
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

/**
 * Stored values of a closed set by the words their key's values have: a priority class, a ticket's
 * or a device's kind, who issued a ticket, a role, an export's scope, a record's outcome, what a
 * kiosk was refused for. The store keeps the codes (stable for a reader of the raw log); people
 * read words, in their language ("yes" was English in a Chinese file). A value outside the set
 * (a newer server's) stays as stored.
 */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  priority: { normal: 'audit.value.priority.normal', priority: 'audit.value.priority.priority', vip: 'audit.value.priority.vip' },
  kind: {
    'walk-in': 'audit.value.kind.walk-in', appointment: 'audit.value.kind.appointment', remote: 'audit.value.kind.remote',
    kiosk: 'devices.kind.kiosk', signage: 'devices.kind.signage',
  },
  deviceKind: { kiosk: 'devices.kind.kiosk', signage: 'devices.kind.signage' },
  reasonGiven: { yes: 'audit.detail.yes' },
  issuedBy: { staff: 'audit.value.issuedBy.staff' },
  role: { admin: 'audit.value.role.admin', manager: 'audit.value.role.manager', staff: 'audit.value.role.staff' },
  scope: { branch: 'audit.summary.scope.branch', all: 'audit.summary.scope.all', none: 'audit.summary.scope.none' },
  outcome: { resolved: 'record.outcome.resolved', 'follow-up': 'record.outcome.follow-up', referred: 'record.outcome.referred', 'not-resolved': 'record.outcome.not-resolved' },
  what: { 'check-in': 'audit.value.what.check-in', arrival: 'audit.value.what.arrival' },
};

function valueInWords(key: string, value: string, t: T): string {
  const word = VALUE_WORDS[key]?.[value];
  return word ? t(word) : value;
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
