import type { Lang } from '@tellerline/engine';
import type { Db } from '../client.js';
import type { PushSubscription as PushSubscriptionRow } from '../generated/prisma/client.js';

/** A browser's Web Push subscription for one ticket, with what the customer asked to be told. */
export interface PushSubscriptionRecord {
  id: string;
  ticketId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  lang: Lang;
  /** Notify when this many or fewer are ahead; null = no "nearly your turn" notice. */
  aheadThreshold: number | null;
  onCalled: boolean;
  /** When the customer agreed (tapped "notify me" and allowed notifications), epoch ms. */
  consentAt: number;
  createdAt: number;
}

export type NewPushSubscription = Omit<PushSubscriptionRecord, 'id' | 'createdAt'>;

export interface PushSubscriptionRepository {
  /**
   * Stores a subscription; the same ticket and endpoint again (the browser re-subscribed, the
   * customer changed the threshold) replaces keys and choices instead of adding a row.
   */
  save(subscription: NewPushSubscription): Promise<PushSubscriptionRecord>;
  /** Every subscription of these tickets, oldest first. */
  forTickets(ticketIds: readonly string[]): Promise<PushSubscriptionRecord[]>;
  countForTicket(ticketId: string): Promise<number>;
  /** Removes one subscription (the push service answered 404/410); false if already gone. */
  remove(id: string): Promise<boolean>;
  /** The customer turned notices off on this device. */
  removeByEndpoint(ticketId: string, endpoint: string): Promise<boolean>;
  /** Deletes subscriptions created before `before` (epoch ms): a ticket lasts one day. */
  purgeCreatedBefore(before: number): Promise<number>;
}

export function createPushSubscriptionRepository(db: Pick<Db, 'prisma' | 'query'>): PushSubscriptionRepository {
  const { prisma } = db;
  return {
    async save(s) {
      const data = {
        p256dh: s.keys.p256dh,
        auth: s.keys.auth,
        lang: s.lang,
        aheadThreshold: s.aheadThreshold,
        onCalled: s.onCalled,
        consentAt: new Date(s.consentAt),
      };
      const row = await prisma.pushSubscription.upsert({
        where: { ticketId_endpoint: { ticketId: s.ticketId, endpoint: s.endpoint } },
        create: { ticketId: s.ticketId, endpoint: s.endpoint, ...data },
        update: data,
      });
      return toRecord(row);
    },
    // Plain SQL: the notifier asks for every waiting ticket of every branch every 30 s, and Prisma
    // compiles each of those long IN lists anew (the largest Prisma cost left while kiosks issue).
    async forTickets(ticketIds) {
      if (ticketIds.length === 0) return [];
      const rows = await db.query<SqlRow>(
        `SELECT id, ticket_id, endpoint, p256dh, auth, lang, ahead_threshold, on_called, consent_at, created_at
         FROM push_subscriptions WHERE ticket_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY created_at, id`,
        [JSON.stringify(ticketIds)],
      );
      return rows.map((r) =>
        toRecord({
          id: r.id,
          ticketId: r.ticket_id,
          endpoint: r.endpoint,
          p256dh: r.p256dh,
          auth: r.auth,
          lang: r.lang,
          aheadThreshold: r.ahead_threshold,
          onCalled: r.on_called,
          consentAt: new Date(r.consent_at),
          createdAt: new Date(r.created_at),
        }),
      );
    },
    countForTicket: (ticketId) => prisma.pushSubscription.count({ where: { ticketId } }),
    async remove(id) {
      return (await prisma.pushSubscription.deleteMany({ where: { id } })).count > 0;
    },
    async removeByEndpoint(ticketId, endpoint) {
      return (await prisma.pushSubscription.deleteMany({ where: { ticketId, endpoint } })).count > 0;
    },
    async purgeCreatedBefore(before) {
      return (await prisma.pushSubscription.deleteMany({ where: { createdAt: { lt: new Date(before) } } })).count;
    },
  };
}

interface SqlRow extends Record<string, unknown> {
  id: string;
  ticket_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  lang: string;
  ahead_threshold: number | null;
  on_called: boolean;
  consent_at: Date;
  created_at: Date;
}

function toRecord(row: PushSubscriptionRow): PushSubscriptionRecord {
  return {
    id: row.id,
    ticketId: row.ticketId,
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    lang: row.lang as Lang,
    aheadThreshold: row.aheadThreshold,
    onCalled: row.onCalled,
    consentAt: row.consentAt.getTime(),
    createdAt: row.createdAt.getTime(),
  };
}
