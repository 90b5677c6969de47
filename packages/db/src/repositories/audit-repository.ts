import type { Db } from '../client.js';
import type { AuditLog as AuditRow } from '../generated/prisma/client.js';
import type { AuditEntry, NewAuditEntry, Page } from '../types.js';
import { groupCommit } from './group-commit.js';

export interface AuditRepository {
  /** Append-only; returns the stored entry. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * A branch's entries, newest first, keyset-paged by id: pass the previous page's
   * `nextCursor` as `before`. `limit` defaults to 50, at most 500.
   */
  listByBranch(branchId: string, page?: { limit?: number; before?: string | null }): Promise<Page<AuditEntry>>;
}

/**
 * Every command appends an audit row, so `append` is on the hot path: plain SQL, and appends made
 * while one is being written are written together in one INSERT (group commit).
 */
export function createAuditRepository(db: Pick<Db, 'prisma' | 'query'>): AuditRepository {
  const { prisma } = db;
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
    }));
    const stored = await db.query<SqlAuditRow>(INSERT_AUDIT, [JSON.stringify(rows)]);
    // Ids are drawn in insertion order (ORDER BY n): the k-th smallest id is the k-th entry.
    return stored.map(fromSql).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  });
  return {
    append,
    async listByBranch(branchId, page = {}) {
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
      const rows = await prisma.auditLog.findMany({
        where: { branchId, ...(page.before ? { id: { lt: BigInt(page.before) } } : {}) },
        orderBy: { id: 'desc' },
        take: limit + 1,
      });
      const items = rows.slice(0, limit).map(toEntry);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}

const INSERT_AUDIT = `INSERT INTO audit_log (at, user_id, role, action, branch_id, ticket_id, ip, user_agent, details)
SELECT coalesce(x.at, now()), x.user_id, x.role, x.action, x.branch_id, x.ticket_id, x.ip, x.user_agent, x.details
FROM jsonb_to_recordset($1::jsonb) AS x(n int, at timestamptz, user_id text, role text, action text, branch_id text, ticket_id text, ip text, user_agent text, details jsonb)
ORDER BY x.n
RETURNING id, at, user_id, role, action, branch_id, ticket_id, ip, user_agent, details`;

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

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id.toString(),
    at: row.at.getTime(),
    userId: row.userId,
    role: row.role,
    action: row.action,
    branchId: row.branchId,
    ticketId: row.ticketId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: (row.details ?? {}) as Record<string, unknown>,
  };
}
