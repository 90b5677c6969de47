/**
 * The audit log as managers and admins read it (GET /branches/:id/audit, GET /audit): who did
 * what, when, about which ticket, from where. Entries are append-only: no route edits or deletes one.
 */
import { z } from 'zod';
import type { CommandType } from '@tellerline/engine';
import { Id, Lang } from './common.js';
import { LocalDate } from './booking.js';

/**
 * Every action the server records, with its name for people in Chinese and English. One table
 * for the staff screen (its dictionary is built from it) and the CSV export the server writes, so
 * the two never name an action differently. Engine commands are recorded under their own type
 * whenever someone (a person, a kiosk, a customer, the system for a person) runs them.
 */
export const AUDIT_ACTIONS = {
  // Commands on a branch's queue.
  'sign-on': { zh: '签到', en: 'Signed on' },
  pause: { zh: '暂停叫号', en: 'Paused' },
  resume: { zh: '恢复叫号', en: 'Resumed' },
  'sign-off': { zh: '签退', en: 'Signed off' },
  'call-next': { zh: '叫下一位', en: 'Called next' },
  'call-ticket': { zh: '指定叫号', en: 'Called a chosen ticket' },
  recall: { zh: '重呼', en: 'Recalled' },
  'no-show': { zh: '过号', en: 'Marked a no-show' },
  start: { zh: '开始办理', en: 'Started serving' },
  complete: { zh: '办理完成', en: 'Completed' },
  transfer: { zh: '转移', en: 'Transferred' },
  cancel: { zh: '取消排队', en: 'Cancelled a ticket' },
  issue: { zh: '取号', en: 'Issued a ticket' },
  'raise-priority': { zh: '提升客户优先级', en: "Raised a ticket's priority" },
  configure: { zh: '更新网点配置', en: 'Updated the branch set-up' },
  'expect-appointment': { zh: '登记今日预约', en: 'Expected an appointment today' },
  'drop-appointment': { zh: '撤销今日预约', en: 'No longer expected an appointment' },
  'close-day': { zh: '开始新营业日', en: 'Opened a business day' },
  // Staff accounts.
  login: { zh: '登录', en: 'Signed in' },
  'login-failed': { zh: '登录失败', en: 'Failed sign-in' },
  'login-throttled': { zh: '登录失败次数过多（某账号或某地址），暂缓登录', en: 'Sign-ins to an account or from an address paused after repeated failures' },
  logout: { zh: '退出登录', en: 'Signed out' },
  'change-password': { zh: '修改本人密码', en: 'Changed their password' },
  'change-password-failed': { zh: '修改密码失败（原密码不对）', en: 'Failed to change their password (wrong current password)' },
  'create-staff': { zh: '新建员工账号', en: 'Created a staff account' },
  'update-staff': { zh: '修改员工信息或技能', en: "Changed a colleague's name, skills or role" },
  'deactivate-staff': { zh: '停用员工账号', en: 'Deactivated a staff account' },
  'reactivate-staff': { zh: '重新启用员工账号', en: 'Reactivated a staff account' },
  'reset-password': { zh: '重置员工密码', en: "Reset a colleague's password" },
  'access-denied': { zh: '越权访问被拒绝', en: 'Was refused access (not their branch or role)' },
  // Looking at and recording customers' visits.
  'view-profile': { zh: '查看客户档案', en: 'Viewed a customer profile' },
  'view-service-report': { zh: '查看服务报告', en: 'Viewed a service report' },
  'service-record-saved': { zh: '保存服务记录', en: 'Saved a service record' },
  'view-appointments': { zh: '查看当日预约名单', en: "Viewed the day's appointments" },
  // Booking: the branch's rules, and customers' own bookings.
  'booking-settings': { zh: '修改预约规则', en: 'Changed the booking rules' },
  'book-appointment': { zh: '客户预约', en: 'Booked an appointment' },
  'reschedule-appointment': { zh: '客户改约', en: 'Moved an appointment' },
  'cancel-appointment': { zh: '客户取消预约', en: 'Cancelled an appointment' },
  'request-history-consent': { zh: '申请保留来访记录（待客户确认）', en: 'Asked to keep the visit history (to be confirmed)' },
  'give-history-consent': { zh: '同意保留来访记录', en: 'Agreed to keep the visit history' },
  'withdraw-history-consent': { zh: '撤回保留来访记录', en: 'Withdrew consent to keep the visit history' },
  'confirm-history-consent': { zh: '确认保留来访记录', en: 'Confirmed keeping the visit history' },
  'request-history-withdrawal': { zh: '申请撤回保留来访记录（待客户确认）', en: 'Asked to withdraw keeping the visit history (to be confirmed)' },
  'confirm-history-withdrawal': { zh: '确认撤回保留来访记录', en: 'Confirmed withdrawing the visit history' },
  // Kiosks and lobby screens.
  'device-paired': { zh: '配对设备', en: 'Paired a device' },
  'device-revoked': { zh: '停用设备', en: 'Unpaired a device' },
  'device-re-paired': { zh: '重新配对设备', en: 'Made a new pairing link' },
  'kiosk-guesses-limited': { zh: '取号机输错签到码次数过多，暂停签到', en: 'Check-ins paused at a kiosk after too many codes it could not find' },
  'remote-arrival': { zh: '远程取号客户在取号机确认到店', en: 'A remote-queue customer confirmed arrival at a kiosk' },
  // Setting branches up (admins: branches; managers and admins: services, counters, hours).
  'create-branch': { zh: '新建网点', en: 'Created a branch' },
  'update-branch': { zh: '修改网点', en: 'Changed a branch' },
  'deactivate-branch': { zh: '停用网点', en: 'Took a branch out of service' },
  'reactivate-branch': { zh: '重新启用网点', en: 'Put a branch back in service' },
  'create-service': { zh: '添加业务', en: 'Added a service' },
  'update-service': { zh: '修改业务', en: 'Changed a service' },
  'cancel-service-bookings': { zh: '停用业务并取消其预约', en: "Cancelled a deactivated service's bookings" },
  'create-counter': { zh: '添加柜台', en: 'Added a counter' },
  'update-counter': { zh: '修改柜台', en: 'Changed a counter' },
  // Data leaving the system.
  'export-kpis': { zh: '导出经营报表', en: 'Exported KPI reports' },
  'export-audit': { zh: '导出审计日志', en: 'Exported the audit log' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** An action's name in `lang`; one this version does not know (written by a newer one) by its code. */
export function auditActionName(action: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction][lang] : action;
}

type Named<Missing extends never> = Missing;
/** Fails to compile when the engine gains a command this table does not name (the server records every command by its type). */
export type EveryCommandNamed = Named<Exclude<CommandType, AuditAction>>;

/**
 * Every key the server writes at the top of an entry's `details`. The staff screen names each in
 * both languages (`audit.detail.<key>`, checked by a test), so "All details" never shows a raw
 * field name. The server's writers only take these keys (`AuditDetails`, and `KnownAuditDetails`
 * where details are built from spreads): a new key fails to compile until it is added here, and
 * then the label test fails until the screen names it.
 */
export const AUDIT_DETAIL_KEYS = [
  // Commands on the queue (engine events, the ticket's numbers, a transfer's services and counter).
  'seq', 'staffId', 'priority', 'kind', 'ticketNumber', 'toNumber', 'fromService', 'toService', 'toCounter', 'reasonGiven', 'issuedBy', 'completedOnRetry', 'completedLater',
  // Entries written before the reason itself was left out (now only `reasonGiven`).
  'reason',
  // Sign-ins, passwords and refusals.
  'username', 'unknownUsername', 'unknownUsernames', 'perAddress', 'attempts', 'waitSec', 'windowSec', 'knownDevice', 'otherSessionsEnded',
  'method', 'route', 'code', 'deviceId', 'deviceKind', 'windowMin', 'what', 'misses',
  // Exports and the filters they used.
  'scope', 'from', 'to', 'action', 'userId', 'number',
  // Customers' visits, bookings and service records.
  'customerId', 'outcome', 'notesLength', 'startsAt', 'day',
  // Booking rules.
  'parts', 'settings', 'closures', 'services', 'rosters',
  // Staff accounts.
  'role', 'displayName', 'skills',
  // Devices, branches, services and counters.
  'name', 'label', 'timezone', 'openingHours', 'address', 'pilot', 'serviceId', 'counterId', 'targetMin', 'defaultDurationMin', 'documents', 'active',
  // Open to customers or in preparation (a new branch's; a switch is an update-branch change of it).
  'customersOpen',
  'changes', 'cancelledBookings', 'count', 'appointmentIds',
  // A branch made from another one's set-up: the source (id, code) and how many services and counters it gave.
  'copiedFrom',
] as const;
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];
/** An entry's details as the server writes them: only known keys, any JSON under them. */
export type AuditDetails = { [K in AuditDetailKey]?: unknown };
/** `D` when each of its keys is a known one, else a type no value has: details built from spreads are checked too. */
export type KnownAuditDetails<D> = D & { [K in Exclude<keyof D, AuditDetailKey>]: never };
/** Details checked key by key at compile time (`KnownAuditDetails`), for a writer that builds them from spreads. */
export const knownAuditDetails = <D extends object>(details: KnownAuditDetails<D>): AuditDetails => details;

/**
 * Who acted, by kind, for people: a signed-in user's role, or what acted without an account (a
 * customer on their phone or the booking page, a kiosk `device:<id>`, the system `system:<why>`).
 */
export const AUDIT_ACTORS = {
  admin: { zh: '管理员', en: 'Administrator' },
  manager: { zh: '网点经理', en: 'Branch manager' },
  staff: { zh: '柜员', en: 'Teller' },
  customer: { zh: '客户', en: 'Customer' },
  device: { zh: '设备', en: 'Device' },
  system: { zh: '系统', en: 'System' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type AuditActor = keyof typeof AUDIT_ACTORS;

/** The kind of actor an entry's `role` names; null when it names none we know. */
export function auditActorOf(role: string | null): AuditActor | null {
  const kind = role?.split(':')[0];
  return kind !== undefined && Object.hasOwn(AUDIT_ACTORS, kind) ? (kind as AuditActor) : null;
}

/** Audit ids are PostgreSQL bigints: a cursor past the largest one is a typo or a probe. */
export const AUDIT_ID_MAX = 9223372036854775807n;
/** The most entries one page holds. */
export const AUDIT_PAGE_MAX = 200;

/**
 * What both audit routes filter by. `from`/`to` are days (both included) in each entry's own time
 * zone: its branch's, or for an entry without a branch the head office's (`AuditEntryView.timezone`).
 */
const filters = {
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  before: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'an audit entry id (digits)')
    // 20 digits reach past 2^63 - 1, which the database cannot compare against (it was a 500).
    // Zod runs this even when the pattern failed: anything but digits is left to the pattern.
    .refine((s) => !/^[0-9]+$/.test(s) || BigInt(s) <= AUDIT_ID_MAX, `at most ${AUDIT_ID_MAX}`)
    .optional()
    .describe(`Paging cursor: the last id of the previous page (at most ${AUDIT_ID_MAX})`),
  action: z.enum(AUDIT_ACTION_NAMES).optional().describe('Only this action'),
  userId: Id.optional().describe('Only what this user did'),
  ticketId: Id.optional().describe('Only entries about this ticket'),
  ticketNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,12}$/, 'a ticket number (A008)')
    .optional()
    .describe('Only entries about a ticket that had this number when the action was taken or was given it by the action (a transfer); numbers start again each day, so narrow by days too'),
  from: LocalDate.optional().describe('First day, in the branch time zone'),
  to: LocalDate.optional().describe('Last day, in the branch time zone (included)'),
  format: z.enum(['json', 'csv']).optional().describe('`csv` downloads every matching entry (limit and before do not apply); audited as export-audit'),
  lang: Lang.optional().describe('Language of the CSV (default zh)'),
};

const orderedDays = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
};

/** GET /branches/:branchId/audit (the branch's manager, admins). */
export const AuditQuery = z.strictObject(filters).superRefine(orderedDays);
export type AuditQuery = z.infer<typeof AuditQuery>;

/** GET /audit (admins): every entry, or one branch's (`branchId`), or those of no branch (`branch=none`). */
export const AllAuditQuery = z
  .strictObject({
    ...filters,
    branchId: Id.optional().describe("Only this branch's entries"),
    branch: z.literal('none').optional().describe('`none`: only entries that belong to no branch (admin sign-ins, exports of every branch)'),
  })
  .superRefine(orderedDays)
  .superRefine((q, ctx) => {
    if (q.branchId !== undefined && q.branch !== undefined) ctx.addIssue({ code: 'custom', path: ['branch'], message: 'give branchId or branch=none, not both' });
  });
export type AllAuditQuery = z.infer<typeof AllAuditQuery>;

/** One audit log entry, newest first; `id` is the paging cursor (`before`). */
export const AuditEntryView = z.object({
  /** A 64-bit integer as decimal digits. */
  id: z.string(),
  at: z.number(),
  userId: z.string().nullable(),
  /**
   * The acting user's name and sign-in name; kept for deactivated accounts, null for no user or an
   * account that no longer exists. An admin's sign-in name is null when a manager reads the entry.
   */
  displayName: z.string().nullable(),
  username: z.string().nullable(),
  /** admin | manager | staff for people; `customer`, `device:<id>`, `system:<why>` otherwise. */
  role: z.string().nullable(),
  /** The kiosk's or lobby screen's name when a device acted. */
  deviceName: z.string().nullable(),
  action: z.string(),
  branchId: z.string().nullable(),
  /** The IANA time zone `at` is read in and `from`/`to` filter by: the branch's, else the head office's. */
  timezone: z.string(),
  ticketId: z.string().nullable(),
  /**
   * The ticket's number (A023) when the action was taken, once the ticket is stored: a transfer
   * renumbers a ticket, and the earlier entries keep the number it had then. Entries written
   * before numbers were kept with them show the ticket's current number.
   */
  ticketNumber: z.string().nullable(),
  /** The number the action gave the ticket (a transfer to another service: A008 → B009), else null. */
  newTicketNumber: z.string().nullable(),
  /** The staff member acted on (`details.staffId`) when it is not the actor: whom the system signed off. */
  staffName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/**
 * The kind of actor of an entry (`auditActorOf` its role); a device named without a role is one:
 * the first refusals of kiosks and lobby screens were recorded so, the device in `details.deviceId`.
 */
export function entryActorOf(e: Pick<AuditEntryView, 'role' | 'deviceName'>): AuditActor | null {
  return auditActorOf(e.role) ?? (e.role === null && e.deviceName ? 'device' : null);
}

/** The most people one search of the "who" filter suggests. */
export const AUDIT_PEOPLE_MAX = 25;

/**
 * GET /branches/:id/audit/people, GET /audit/people: whom the "who" filter suggests for what was
 * typed (`q`: part of a name or username, any case), by name, at most `limit`; or one person by
 * `id` (the filter read back from an address). Neither: the first people by name.
 */
export const AuditPeopleQuery = z
  .strictObject({
    q: z.string().trim().min(1).max(60).optional().describe('Part of a display name or username (any case)'),
    id: Id.optional().describe('Only this person, if the viewer may see them'),
    limit: z.coerce.number().int().min(1).max(AUDIT_PEOPLE_MAX).default(10),
  })
  .refine((x) => x.q === undefined || x.id === undefined, { path: ['id'], message: 'give q or id, not both' });
export type AuditPeopleQuery = z.infer<typeof AuditPeopleQuery>;

/** Someone the "who" filter offers: GET /branches/:id/audit/people, GET /audit/people. No secrets. */
export const AuditPerson = z.object({
  id: z.string(),
  /** Null for an admin shown to a manager: managers know admins by name, not by their sign-in. */
  username: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(['admin', 'manager', 'staff']),
  branchId: z.string().nullable(),
  /** A deactivated account still has its history. */
  active: z.boolean(),
});
export type AuditPerson = z.infer<typeof AuditPerson>;

/**
 * The ticket an entry is about, as the screen and the CSV name it: its number at the time, and a
 * transfer's new number after an arrow (A008 → B009), so either number finds the entry by eye;
 * the id when the ticket was never stored; null for an entry about no ticket.
 */
export function auditTicketLabel(e: Pick<AuditEntryView, 'ticketId' | 'ticketNumber' | 'newTicketNumber'>): string | null {
  const number = e.ticketNumber ?? e.ticketId;
  if (number === null) return null;
  return e.newTicketNumber && e.newTicketNumber !== number ? `${number} → ${e.newTicketNumber}` : number;
}

/**
 * An entry's details as `path: value` lines for people (the screen's full view, the CSV's
 * details column): nested objects by dotted path, lists by index, text as is, at most `max`
 * lines (the rest counted in a last `…` line) so a large change cannot bury the row.
 */
export function auditDetailLines(details: Record<string, unknown>, max = 40): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  let hidden = 0;
  const push = (path: string, value: string) => {
    if (out.length < max) out.push({ path, value });
    else hidden++;
  };
  const plain = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return push(path, v.length ? v.map(plain).join(', ') : '—');
    if (v === null || typeof v !== 'object') return push(path, plain(v));
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return push(path, '—');
    for (const [k, x] of entries) walk(x, path ? `${path}.${k}` : k);
  };
  for (const [k, v] of Object.entries(details)) walk(v, k);
  if (hidden > 0) out.push({ path: '…', value: String(hidden) });
  return out;
}
