import type { AuditLog as AuditRow, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { AuditEntry, NewAuditEntry, Page } from '../types.js';

export interface AuditRepository {
  /** Append-only; returns the stored entry. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * A branch's entries, newest first, keyset-paged by id: pass the previous page's
   * `nextCursor` as `before`. `limit` defaults to 50, at most 500.
   */
  listByBranch(branchId: string, page?: { limit?: number; before?: string | null }): Promise<Page<AuditEntry>>;
}

export function createAuditRepository(prisma: PrismaClient): AuditRepository {
  return {
    async append(entry) {
      const row = await prisma.auditLog.create({
        data: {
          action: entry.action,
          ...(entry.at !== undefined && { at: new Date(entry.at) }),
          userId: entry.userId ?? null,
          role: entry.role ?? null,
          branchId: entry.branchId ?? null,
          ticketId: entry.ticketId ?? null,
          ip: entry.ip ?? null,
          userAgent: entry.userAgent ?? null,
          details: (entry.details ?? {}) as Prisma.InputJsonValue,
        },
      });
      return toEntry(row);
    },
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
