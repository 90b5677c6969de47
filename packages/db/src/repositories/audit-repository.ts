import type { Db } from '../client.js';
import type { AuditEntry, AuditFilter, AuditRecord, NewAuditEntry, Page } from '../types.js';
import { groupCommit } from './group-commit.js';

export interface AuditRepository {
  /**
   * Append-only; returns the stored entry. Nothing updates or deletes an entry. An entry with an
   * `idempotencyKey` its branch already has an entry for is not stored again: the stored one is
   * returned (so a writer may retry, or two nodes finish one press, without a second entry).
   */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * Entries matching `filter`, newest first, with who acted by name (users, devices), the ticket's
   * number and the branch's time zone. Keyset-paged by id: pass the previous page's `nextCursor` as
   * `before`, and an entry appended meanwhile never shifts a page (it is above every cursor).
   * `limit` defaults to 50, at most 500.
   */
  list(filter?: AuditFilter, page?: { limit?: number; before?: string | null }): Promise<Page<AuditRecord>>;
  /** userId -> the time (epoch ms) of their last `login` entry; users who never signed in are absent. */
  lastSignIns(userIds: readonly string[]): Promise<Record<string, number>>;
}

/**
 * Every command appends an audit row, so `append` is on the hot path: plain SQL, and appends made
 * while one is being written are written together in one INSERT (group commit).
 */
export function createAuditRepository(db: Pick<Db, 'query'>): AuditRepository {
  const append = groupCommit(async (entries: NewAuditEntry[]) => {
    const rows = entries.map((e, n) => ({
      n,
      at: e.at !== undefined ? new Date(e.at).toISOString() : null,
      user_id: e.userId ?? null,
      role: e.role ?? null,
      action: e.action,
      branch_id: e.branchId ?? null,
      ticket_id: e.ticketId ?? null,
      ip: e.ip ?? null,
      user_agent: e.userAgent ?? null,
      details: e.details ?? {},
      idempotency_key: e.idempotencyKey ?? null,
    }));
    const stored = (await db.query<SqlAuditRow>(INSERT_AUDIT, [JSON.stringify(rows)])).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    // Ids are drawn in insertion order (ORDER BY n): the k-th smallest id is the k-th entry stored.
    // An entry is left out only when its key was taken, before or by an earlier entry of the group.
    const inserted = new Set(stored.flatMap((r) => (r.idempotency_key != null && r.branch_id !== null ? [keyOf(r.branch_id, r.idempotency_key)] : [])));
    const out: (AuditEntry | null)[] = [];
    let next = 0;
    for (const e of entries) {
      const key = e.idempotencyKey != null && e.branchId != null ? keyOf(e.branchId, e.idempotencyKey) : null;
      if (key === null || inserted.delete(key)) out.push(fromSql(stored[next++]!));
      else out.push(null);
    }
    const taken = entries.filter((e, i) => out[i] === null);
    if (taken.length === 0) return out as AuditEntry[];
    const existing = await db.query<SqlAuditRow>(
      `SELECT id, at, user_id, role, action, branch_id, ticket_id, ip, user_agent, details, idempotency_key FROM audit_log
       WHERE (branch_id, idempotency_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [taken.map((e) => e.branchId), taken.map((e) => e.idempotencyKey)],
    );
    const byKey = new Map(existing.map((r) => [keyOf(r.branch_id!, r.idempotency_key!), fromSql(r)]));
    return entries.map((e, i) => out[i] ?? byKey.get(keyOf(e.branchId!, e.idempotencyKey!))!);
  });
  return {
    append,
    async list(filter = {}, page = {}) {
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
      const { where, params } = auditWhere(filter, page.before ?? null);
      params.push(limit + 1);
      const rows = await db.query<SqlAuditRow & SqlNames>(`${SELECT_AUDIT} WHERE ${where} ORDER BY a.id DESC LIMIT $${params.length}`, params);
      const items = rows.slice(0, limit).map((r) => withNames(fromSql(r), r));
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
    async lastSignIns(userIds) {
      if (userIds.length === 0) return {};
      // Newest login per user through the (user_id, id) index: ids grow with time.
      const rows = await db.query<{ user_id: string; at: Date }>(
        `SELECT DISTINCT ON (user_id) user_id, at FROM audit_log WHERE user_id = ANY($1::text[]) AND action = 'login' ORDER BY user_id, id DESC`,
        [[...userIds]],
      );
      return Object.fromEntries(rows.map((r) => [r.user_id, new Date(r.at).getTime()]));
    },
  };
}

const INSERT_AUDIT = `INSERT INTO audit_log (at, user_id, role, action, branch_id, ticket_id, ip, user_agent, details, idempotency_key)
SELECT coalesce(x.at, now()), x.user_id, x.role, x.action, x.branch_id, x.ticket_id, x.ip, x.user_agent, x.details, x.idempotency_key
FROM jsonb_to_recordset($1::jsonb) AS x(n int, at timestamptz, user_id text, role text, action text, branch_id text, ticket_id text, ip text, user_agent text, details jsonb, idempotency_key text)
ORDER BY x.n
ON CONFLICT (branch_id, idempotency_key) DO NOTHING
RETURNING id, at, user_id, role, action, branch_id, ticket_id, ip, user_agent, details, idempotency_key`;

const keyOf = (branchId: string, key: string) => `${branchId}\u0000${key}`;

interface SqlAuditRow extends Record<string, unknown> {
  id: string | number | bigint;
  at: Date;
  user_id: string | null;
  role: string | null;
  action: string;
  branch_id: string | null;
  ticket_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: unknown;
  idempotency_key?: string | null;
}

function fromSql(row: SqlAuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: new Date(row.at).getTime(),
    userId: row.user_id,
    role: row.role,
    action: row.action,
    branchId: row.branch_id,
    ticketId: row.ticket_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}

/**
 * Names beside the ids, joined rather than copied into the entry: an account deactivated since
 * still has its name. The staff member acted on is named only when it is not the actor (the
 * system signing someone off); a device acts under role `device:<id>` (its first refusals were
 * recorded without a role, the device in `details.deviceId`). The ticket's number is the
 * exception: a transfer renumbers a ticket, so a command's entry keeps the number of its moment
 * (`details.ticketNumber`, and a transfer's new one in `details.toNumber`); entries written
 * before that fall back to the ticket's current number.
 */
const SELECT_AUDIT = `SELECT a.id, a.at, a.user_id, a.role, a.action, a.branch_id, a.ticket_id, a.ip, a.user_agent, a.details,
  u.display_name, u.username, dv.name AS device_name, coalesce(a.details->>'ticketNumber', t.number) AS ticket_number,
  a.details->>'toNumber' AS new_ticket_number, b.timezone,
  CASE WHEN s.user_id IS DISTINCT FROM a.user_id THEN s.display_name END AS staff_name
FROM audit_log a
LEFT JOIN users u ON u.id = a.user_id
LEFT JOIN devices dv ON dv.id = CASE WHEN a.role LIKE 'device:%' THEN substr(a.role, 8) WHEN a.role IS NULL AND a.action = 'access-denied' THEN a.details->>'deviceId' END
LEFT JOIN tickets t ON t.id = a.ticket_id
LEFT JOIN staff s ON s.id = a.details->>'staffId'
LEFT JOIN branches b ON b.id = a.branch_id`;

const DAY_MS = 86_400_000;

/** The WHERE clause of `filter` and its parameters ($1...). */
function auditWhere(filter: AuditFilter, before: string | null): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const and: string[] = [];
  if (filter.branchId === null) and.push('a.branch_id IS NULL');
  else if (filter.branchId !== undefined) and.push(`a.branch_id = ${p(filter.branchId)}`);
  if (filter.action !== undefined) and.push(`a.action = ${p(filter.action)}`);
  if (filter.userId !== undefined) and.push(`a.user_id = ${p(filter.userId)}`);
  if (filter.ticketId !== undefined) and.push(`a.ticket_id = ${p(filter.ticketId)}`);
  if (filter.ticketNumber !== undefined) {
    // By the number of the entry's moment (the ticket's current one for entries written before it was kept).
    const n = p(filter.ticketNumber);
    and.push(`a.ticket_id IS NOT NULL AND (coalesce(a.details->>'ticketNumber', t.number) = ${n} OR a.details->>'toNumber' = ${n})`);
  }
  if (before !== null) and.push(`a.id < ${p(before)}::bigint`);
  if (filter.fromDay !== undefined || filter.toDay !== undefined) {
    const zone = `coalesce(b.timezone, ${p(filter.zoneWithoutBranch ?? 'UTC')})`;
    // Each entry's day is in its own branch's zone; the bounds a day wider than any zone's offset
    // let the index on `at` narrow the rows first.
    if (filter.fromDay !== undefined) {
      and.push(`a.at >= ${p(new Date(Date.parse(`${filter.fromDay}T00:00:00Z`) - DAY_MS).toISOString())}::timestamptz`);
      and.push(`a.at >= (${p(filter.fromDay)}::text::date::timestamp AT TIME ZONE ${zone})`);
    }
    if (filter.toDay !== undefined) {
      and.push(`a.at < ${p(new Date(Date.parse(`${filter.toDay}T00:00:00Z`) + 2 * DAY_MS).toISOString())}::timestamptz`);
      and.push(`a.at < ((${p(filter.toDay)}::text::date + 1)::timestamp AT TIME ZONE ${zone})`);
    }
  }
  return { where: and.length ? and.join(' AND ') : 'TRUE', params };
}

interface SqlNames {
  display_name: string | null;
  username: string | null;
  device_name: string | null;
  ticket_number: string | null;
  new_ticket_number: string | null;
  staff_name: string | null;
  timezone: string | null;
}

/** The entry with its names; the numbers stored in `details` are read out into their own fields, not said twice. */
function withNames(entry: AuditEntry, row: SqlNames): AuditRecord {
  const { ticketNumber: _then, toNumber: _after, ...details } = entry.details;
  return {
    ...entry,
    details,
    displayName: row.display_name,
    username: row.username,
    deviceName: row.device_name,
    ticketNumber: row.ticket_number,
    newTicketNumber: row.new_ticket_number,
    staffName: row.staff_name,
    branchTimezone: row.timezone,
  };
}
