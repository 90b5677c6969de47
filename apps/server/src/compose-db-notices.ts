import type { Repositories } from '@tellerline/db';
import type { Lang } from '@tellerline/engine';
import { KIOSK_CONTACT_CHOICES, type NoticeStore, type NoticeTarget, type SavedContact } from './notifications/ports.js';

type Choices = { aheadThreshold: number | null; onCalled: boolean };
type Address = { channel: 'email' | 'sms'; address: string };

/**
 * A phone-page contact that asks for nothing is the customer switching off the contact they
 * left at the kiosk (same address): it keeps that address quiet for the ticket, and sends nothing.
 */
const asksSomething = (c: Choices) => c.aheadThreshold !== null || c.onCalled;
const addressKey = (c: Address) => `${c.channel}:${c.address}`;

/** A stored phone-page contact as the notice port gives it back. */
function savedOf(c: SavedContact): SavedContact {
  return { id: c.id, channel: c.channel, address: c.address, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, lang: c.lang };
}

/** The contacts a consenting customer left at the kiosk, normalised as the phone page stores them. */
function kioskContacts(cu: { phone: string | null; email: string | null; language: Lang }): (Address & { lang: Lang })[] {
  const out: (Address & { lang: Lang })[] = [];
  const phone = cu.phone?.replace(/[\s-]/g, '');
  if (phone) out.push({ channel: 'sms', address: phone, lang: cu.language });
  const email = cu.email?.toLowerCase();
  if (email) out.push({ channel: 'email', address: email, lang: cu.language });
  return out;
}

/** The NoticeStore over PostgreSQL/PGlite repositories. Part of the composition root. */
export function createNoticeStore(repos: Pick<Repositories, 'pushSubscriptions' | 'noticeContacts'>): NoticeStore {
  const { pushSubscriptions, noticeContacts } = repos;
  return {
    async targets(tickets, channel) {
      const ids = tickets.map((t) => t.ticketId);
      const customerOf = new Map(tickets.filter((t) => t.customerId).map((t) => [t.customerId!, t.ticketId]));
      // A push job needs the subscriptions only: one query on the hot path.
      const [subs, contacts, customers] = await Promise.all([
        !channel || channel === 'push' ? pushSubscriptions.forTickets(ids) : [],
        !channel || channel !== 'push' ? noticeContacts.forTickets(ids) : [],
        !channel || channel !== 'push' ? noticeContacts.consentingCustomers([...customerOf.keys()]) : [],
      ]);
      const out = new Map<string, NoticeTarget[]>();
      const add = (ticketId: string, t: NoticeTarget) => {
        const list = out.get(ticketId);
        if (list) list.push(t);
        else out.set(ticketId, [t]);
      };
      for (const s of subs) {
        add(s.ticketId, { key: `push:${s.id}`, channel: 'push', lang: s.lang, aheadThreshold: s.aheadThreshold, onCalled: s.onCalled, push: { endpoint: s.endpoint, keys: s.keys } });
      }
      for (const c of contacts) {
        if (!asksSomething(c)) continue;
        add(c.ticketId, { key: `contact:${c.id}`, channel: c.channel, lang: c.lang, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, address: c.address });
      }
      // A contact left at the kiosk with consent: the same notices, unless the customer gave that
      // very address again on the phone page (then their choices there win, "nothing" included).
      for (const cu of customers) {
        const ticketId = customerOf.get(cu.id)!;
        const given = new Set(contacts.filter((c) => c.ticketId === ticketId).map(addressKey));
        for (const k of kioskContacts(cu)) {
          if (!given.has(addressKey(k))) add(ticketId, { key: `customer:${cu.id}:${k.channel}`, channel: k.channel, lang: k.lang, ...KIOSK_CONTACT_CHOICES, address: k.address });
        }
      }
      return out;
    },
    async remove(target) {
      const [kind, id] = target.key.split(':');
      if (kind === 'push') await pushSubscriptions.remove(id!);
      else if (kind === 'contact') await noticeContacts.remove(id!);
      // A kiosk customer's stored contact is their profile: left alone (the job logs the bounce).
    },
    async savePush(input) {
      const s = await pushSubscriptions.save({ ticketId: input.ticketId, endpoint: input.subscription.endpoint, keys: input.subscription.keys, lang: input.lang, aheadThreshold: input.aheadThreshold, onCalled: input.onCalled, consentAt: input.consentAt });
      return { id: s.id, aheadThreshold: s.aheadThreshold, onCalled: s.onCalled, lang: s.lang };
    },
    removePush: (ticketId, endpoint) => pushSubscriptions.removeByEndpoint(ticketId, endpoint),
    async pushFor(ticketId) {
      return (await pushSubscriptions.forTickets([ticketId])).map((s) => ({ id: s.id, endpoint: s.endpoint, aheadThreshold: s.aheadThreshold, onCalled: s.onCalled, lang: s.lang }));
    },
    async saveContact(input) {
      const c = await noticeContacts.save(input);
      return savedOf(c);
    },
    async removeContacts(ticketId, customerId, at) {
      const [rows, customers] = await Promise.all([noticeContacts.forTickets([ticketId]), customerId ? noticeContacts.consentingCustomers([customerId]) : []]);
      const kiosk = customers.flatMap(kioskContacts);
      const given = new Set(rows.map(addressKey));
      const atKiosk = new Set(kiosk.map(addressKey));
      const on = rows.filter(asksSomething).length + kiosk.filter((k) => !given.has(addressKey(k))).length;
      // Mute the kiosk addresses first (an upsert: a phone-page row for one becomes the mute), so
      // no notice slips out between the two steps; the consent on the profile is not this ticket's to undo.
      await Promise.all(kiosk.map((k) => noticeContacts.save({ ticketId, channel: k.channel, address: k.address, lang: k.lang, aheadThreshold: null, onCalled: false, consentAt: at })));
      await Promise.all(rows.filter((r) => !atKiosk.has(addressKey(r))).map((r) => noticeContacts.remove(r.id)));
      return on;
    },
    async contactsFor(ticketId, customerId) {
      const [rows, customers] = await Promise.all([noticeContacts.forTickets([ticketId]), customerId ? noticeContacts.consentingCustomers([customerId]) : []]);
      const given = new Set(rows.map(addressKey));
      const phonePage: SavedContact[] = rows
        .filter(asksSomething)
        .map(savedOf);
      const atKiosk: SavedContact[] = customers
        .flatMap(kioskContacts)
        .filter((k) => !given.has(addressKey(k)))
        .map((k) => ({ id: `kiosk-${k.channel}`, ...k, ...KIOSK_CONTACT_CHOICES }));
      return [...phonePage, ...atKiosk];
    },
    async purgeBefore(before) {
      const [a, b] = await Promise.all([pushSubscriptions.purgeCreatedBefore(before), noticeContacts.purgeCreatedBefore(before)]);
      return a + b;
    },
  };
}
