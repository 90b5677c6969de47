/**
 * An audit entry in words for people, one implementation for the staff screen (/staff/audit) and
 * the server's CSV export: its summary sentence here, its detail lines in `audit-details.ts`. The
 * words are looked up through `t` (the screen's `translate`, or `auditWords(lang)` on the server),
 * both reading the same tables (`audit-words.ts`).
 */
import { AUDIT_ACTIONS, type AuditEntryView } from './audit.js';
import type { AuditT as T } from './audit-words.js';
import { reportTime } from './service-records.js';

/** An action's name; one this version does not know (a newer server's) by its code. */
export const actionName = (action: string, t: T): string => (Object.hasOwn(AUDIT_ACTIONS, action) ? t(`audit.action.${action}`) : action);

/** A detail as text when it is a non-empty string or a number, else null. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

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
export const SETUP_FIELDS = ['name', 'timezone', 'openingHours', 'address', 'pilot', 'code', 'targetMin', 'defaultDurationMin', 'documents', 'label'];

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

/**
 * What a refused request was after, by the last word of its route that is not an id (the most
 * specific one: `/tickets/:ticketId/profile` is a profile), as `audit.refused.area.<area>` names it.
 */
const AREAS: Record<string, string> = {
  kpis: 'kpis', comments: 'comments',
  audit: 'audit', people: 'audit',
  appointments: 'appointments',
  team: 'team', admins: 'admins',
  devices: 'devices', 're-pair': 'devices', revoke: 'devices',
  booking: 'booking', settings: 'booking', punctuality: 'booking',
  tickets: 'tickets', 'remote-tickets': 'tickets',
  commands: 'commands',
  branches: 'setup', setup: 'setup', services: 'setup', counters: 'setup', 'opening-hours': 'setup', address: 'setup', deactivate: 'setup', reactivate: 'setup', deactivation: 'setup',
  profile: 'profile', record: 'record', report: 'record',
  'check-in': 'checkIn', arrive: 'checkIn',
  queue: 'queue', 'staff-queue': 'queue',
};

/** Refusals that say more than "not their branch or role". */
const REASONS = new Set(['TICKET_NOT_YOURS', 'RECORD_NOT_YOURS']);

/** The area a route pattern belongs to, or null for one this version does not know (a newer server's). */
export function refusedArea(route: string): string | null {
  const words = route.split('?')[0]!.split('/').filter((w) => w !== '' && !w.startsWith(':') && w !== 'api' && !/^v\d+$/.test(w));
  const last = words.at(-1)?.replace(/\.csv$/, '');
  return last !== undefined && Object.hasOwn(AREAS, last) ? AREAS[last]! : null;
}

/**
 * An `access-denied` entry in words: what was refused (the KPI reports, the audit log), else the
 * route as asked for; and why, when it is more than the action's "not their branch or role".
 * Its `code` is a refusal's code, never a check-in code.
 */
export function refusalSummary(d: Record<string, unknown>, t: T): string[] {
  const route = typeof d.route === 'string' ? d.route : null;
  const area = route ? refusedArea(route) : null;
  const out: string[] = [];
  if (area) out.push(t('audit.summary.refused', { what: t(`audit.refused.area.${area}`) }));
  else if (route) out.push(t('audit.summary.refused', { what: [typeof d.method === 'string' ? d.method : '', route].filter(Boolean).join(' ') }));
  if (typeof d.code === 'string' && REASONS.has(d.code)) out.push(t(`audit.refused.reason.${d.code}`));
  return out;
}
