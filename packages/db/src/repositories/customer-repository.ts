import { normalizePhone } from '@tellerline/contracts/input-rules';
import type { Lang } from '@tellerline/engine';
import type { Customer as CustomerRow, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CustomerRecord, NewCustomer, TicketRecord } from '../types.js';
import { toTicketRecord } from './ticket-mapping.js';

export interface CustomerRepository {
  create(customer: NewCustomer): Promise<CustomerRecord>;
  findById(id: string): Promise<CustomerRecord | null>;
  /** Several customers may share a phone or e-mail (family members): oldest first. */
  findByPhone(phone: string): Promise<CustomerRecord[]>;
  findByEmail(email: string): Promise<CustomerRecord[]>;
  update(id: string, patch: NewCustomer): Promise<CustomerRecord>;
  /** The customer's tickets, newest first (default 50). */
  visitHistory(customerId: string, limit?: number): Promise<TicketRecord[]>;
}

export function createCustomerRepository(prisma: PrismaClient): CustomerRepository {
  return {
    async create(customer) {
      return toCustomer(await prisma.customer.create({ data: customerData(customer) }));
    },
    async findById(id) {
      const row = await prisma.customer.findUnique({ where: { id } });
      return row ? toCustomer(row) : null;
    },
    findByPhone: (phone) => customersWith(prisma, { phone }),
    findByEmail: (email) => customersWith(prisma, { email }),
    async update(id, patch) {
      return toCustomer(await prisma.customer.update({ where: { id }, data: customerData(patch) }));
    },
    async visitHistory(customerId, limit = 50) {
      const rows = await prisma.ticket.findMany({
        where: { customerId },
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toTicketRecord);
    },
  };
}

/** A customer's columns from `NewCustomer` (only the fields given). */
export function customerData(c: NewCustomer) {
  const data: Prisma.CustomerUncheckedUpdateInput & Prisma.CustomerUncheckedCreateInput = {};
  if (c.name !== undefined) data.name = c.name;
  // One stored form per number (the routes' schemas give it already; the seed and tools may not).
  if (c.phone !== undefined) data.phone = c.phone === null ? null : normalizePhone(c.phone);
  if (c.email !== undefined) data.email = c.email;
  if (c.language !== undefined) data.language = c.language;
  if (c.consents?.notices !== undefined) data.consentNotices = c.consents.notices;
  if (c.consents?.marketing !== undefined) data.consentMarketing = c.consents.marketing;
  if (c.consents?.history !== undefined) data.consentHistory = c.consents.history;
  if (c.preferences !== undefined) data.preferences = c.preferences as Prisma.InputJsonValue;
  return data;
}

/** Profiles with this phone or e-mail, oldest first; `db` may be a transaction. */
export async function customersWith(db: Pick<PrismaClient, 'customer'>, where: { phone: string } | { email: string }): Promise<CustomerRecord[]> {
  // Numbers are stored normalised: "138 0013 8000" finds the profile saved as "13800138000".
  const by = 'phone' in where ? { phone: normalizePhone(where.phone) } : where;
  const rows = await db.customer.findMany({ where: by, orderBy: { createdAt: 'asc' } });
  return rows.map(toCustomer);
}

function toCustomer(row: CustomerRow): CustomerRecord {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    language: row.language as Lang,
    consents: { notices: row.consentNotices, marketing: row.consentMarketing, history: row.consentHistory },
    preferences: (row.preferences ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.getTime(),
  };
}
