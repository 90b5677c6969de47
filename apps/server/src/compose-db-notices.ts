import type { Repositories } from '@tellerline/db';
import { KIOSK_CONTACT_CHOICES, type NoticeStore, type NoticeTarget } from './notifications/ports.js';

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
        add(c.ticketId, { key: `contact:${c.id}`, channel: c.channel, lang: c.lang, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, address: c.address });
      }
      // A contact left at the kiosk with consent: the same notices, unless the customer gave that
      // very address again on the phone page (then their choices there win).
      for (const cu of customers) {
        const ticketId = customerOf.get(cu.id)!;
        const given = new Set(contacts.filter((c) => c.ticketId === ticketId).map((c) => `${c.channel}:${c.address}`));
        const phone = cu.phone?.replace(/[\s-]/g, '');
        if (phone && !given.has(`sms:${phone}`)) add(ticketId, { key: `customer:${cu.id}:sms`, channel: 'sms', lang: cu.language, ...KIOSK_CONTACT_CHOICES, address: phone });
        const email = cu.email?.toLowerCase();
        if (email && !given.has(`email:${email}`)) add(ticketId, { key: `customer:${cu.id}:email`, channel: 'email', lang: cu.language, ...KIOSK_CONTACT_CHOICES, address: email });
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
      return { id: c.id, channel: c.channel, address: c.address, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, lang: c.lang };
    },
    removeContacts: (ticketId) => noticeContacts.removeForTicket(ticketId),
    async contactsFor(ticketId) {
      return (await noticeContacts.forTickets([ticketId])).map((c) => ({ id: c.id, channel: c.channel, address: c.address, aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, lang: c.lang }));
    },
    async purgeBefore(before) {
      const [a, b] = await Promise.all([pushSubscriptions.purgeCreatedBefore(before), noticeContacts.purgeCreatedBefore(before)]);
      return a + b;
    },
  };
}
