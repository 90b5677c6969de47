import type { PrismaClient } from '../generated/prisma/client.js';
import type { ServiceOutcome, ServiceRecordEntry, ServiceRecordInput } from '../types.js';

/**
 * Staff records of visits: one per ticket and staff member (a transferred customer gets one from
 * each counter that served them). Saving again overwrites that staff member's own record only.
 */
export interface ServiceRecordRepository {
  /** Creates or replaces the staff member's record of the ticket. The ticket must exist. */
  upsert(record: ServiceRecordInput): Promise<ServiceRecordEntry>;
  /** Every record of one visit, oldest first. */
  listByTicket(ticketId: string): Promise<ServiceRecordEntry[]>;
  /**
   * The records of the customer's latest `visits` visits (by issue time, like
   * `CustomerRepository.visitHistory`), oldest record first.
   */
  listLatestByCustomer(customerId: string, visits?: number): Promise<ServiceRecordEntry[]>;
}

const withStaff = { staff: { select: { displayName: true } } } as const;

export function createServiceRecordRepository(prisma: PrismaClient): ServiceRecordRepository {
  const list = async (ticketIds: string[]) => {
    if (ticketIds.length === 0) return [];
    const rows = await prisma.serviceRecord.findMany({ where: { ticketId: { in: ticketIds } }, include: withStaff, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toEntry);
  };
  return {
    async upsert({ ticketId, branchId, staffId, notes, outcome }) {
      const row = await prisma.serviceRecord.upsert({
        where: { ticketId_staffId: { ticketId, staffId } },
        create: { ticketId, branchId, staffId, notes, outcome },
        update: { notes, outcome },
        include: withStaff,
      });
      return toEntry(row);
    },
    listByTicket: (ticketId) => list([ticketId]),
    async listLatestByCustomer(customerId, visits = 10) {
      const tickets = await prisma.ticket.findMany({ where: { customerId }, orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], take: visits, select: { id: true } });
      return list(tickets.map((t) => t.id));
    },
  };
}

interface Row {
  id: string;
  ticketId: string;
  branchId: string;
  staffId: string | null;
  notes: string;
  outcome: string;
  createdAt: Date;
  updatedAt: Date;
  staff: { displayName: string } | null;
}

function toEntry(row: Row): ServiceRecordEntry {
  return {
    id: row.id,
    ticketId: row.ticketId,
    branchId: row.branchId,
    staffId: row.staffId,
    staffName: row.staff?.displayName ?? null,
    notes: row.notes,
    outcome: row.outcome as ServiceOutcome,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}
