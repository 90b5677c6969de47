import type { Lang } from '@tellerline/engine';
import type { Db } from '../client.js';
import type { NoticeContact as NoticeContactRow } from '../generated/prisma/client.js';

/** An e-mail address or phone number given, with consent, for one ticket's notices. */
export interface NoticeContactRecord {
  id: string;
  ticketId: string;
  channel: 'email' | 'sms';
  address: string;
  lang: Lang;
  aheadThreshold: number | null;
  onCalled: boolean;
  consentAt: number;
  createdAt: number;
}

export type NewNoticeContact = Omit<NoticeContactRecord, 'id' | 'createdAt'>;

/** A customer's stored contact details, for customers who consented to service notices. */
export interface ConsentingCustomer {
  id: string;
  phone: string | null;
  email: string | null;
  language: Lang;
}

export interface NoticeContactRepository {
  /** Stores a contact; the same ticket, channel and address again updates the choices. */
  save(contact: NewNoticeContact): Promise<NoticeContactRecord>;
  forTickets(ticketIds: readonly string[]): Promise<NoticeContactRecord[]>;
  countForTicket(ticketId: string): Promise<number>;
  remove(id: string): Promise<boolean>;
  /** The customer withdrew: every e-mail/SMS contact of the ticket goes. Returns how many. */
  removeForTicket(ticketId: string): Promise<number>;
  purgeCreatedBefore(before: number): Promise<number>;
  /** Of these customers, those who agreed to service notices (consent_notices), with their contacts. */
  consentingCustomers(customerIds: readonly string[]): Promise<ConsentingCustomer[]>;
}

export function createNoticeContactRepository(db: Pick<Db, 'prisma' | 'query'>): NoticeContactRepository {
  const { prisma } = db;
  return {
    async save(c) {
      const data = { lang: c.lang, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, consentAt: new Date(c.consentAt) };
      const row = await prisma.noticeContact.upsert({
        where: { ticketId_channel_address: { ticketId: c.ticketId, channel: c.channel, address: c.address } },
        create: { ticketId: c.ticketId, channel: c.channel, address: c.address, ...data },
        update: data,
      });
      return toRecord(row);
    },
    // Plain SQL, like the push subscriptions: the notifier's periodic resync asks for every
    // waiting ticket of every branch.
    async forTickets(ticketIds) {
      if (ticketIds.length === 0) return [];
      const rows = await db.query<SqlRow>(
        `SELECT id, ticket_id, channel, address, lang, ahead_threshold, on_called, consent_at, created_at
         FROM notice_contacts WHERE ticket_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY created_at, id`,
        [JSON.stringify(ticketIds)],
      );
      return rows.map((r) =>
        toRecord({
          id: r.id,
          ticketId: r.ticket_id,
          channel: r.channel,
          address: r.address,
          lang: r.lang,
          aheadThreshold: r.ahead_threshold,
          onCalled: r.on_called,
          consentAt: new Date(r.consent_at),
          createdAt: new Date(r.created_at),
        }),
      );
    },
    countForTicket: (ticketId) => prisma.noticeContact.count({ where: { ticketId } }),
    async remove(id) {
      return (await prisma.noticeContact.deleteMany({ where: { id } })).count > 0;
    },
    async removeForTicket(ticketId) {
      return (await prisma.noticeContact.deleteMany({ where: { ticketId } })).count;
    },
    async purgeCreatedBefore(before) {
      return (await prisma.noticeContact.deleteMany({ where: { createdAt: { lt: new Date(before) } } })).count;
    },
    async consentingCustomers(customerIds) {
      if (customerIds.length === 0) return [];
      const rows = await db.query<{ id: string; phone: string | null; email: string | null; language: string }>(
        `SELECT id, phone, email, language FROM customers
         WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND consent_notices`,
        [JSON.stringify(customerIds)],
      );
      return rows.map((r) => ({ id: r.id, phone: r.phone, email: r.email, language: r.language as Lang }));
    },
  };
}

interface SqlRow extends Record<string, unknown> {
  id: string;
  ticket_id: string;
  channel: string;
  address: string;
  lang: string;
  ahead_threshold: number | null;
  on_called: boolean;
  consent_at: Date;
  created_at: Date;
}

function toRecord(row: NoticeContactRow): NoticeContactRecord {
  return {
    id: row.id,
    ticketId: row.ticketId,
    channel: row.channel as 'email' | 'sms',
    address: row.address,
    lang: row.lang as Lang,
    aheadThreshold: row.aheadThreshold,
    onCalled: row.onCalled,
    consentAt: row.consentAt.getTime(),
    createdAt: row.createdAt.getTime(),
  };
}
