import type { NoticeChoices, NotifyChannels, NotifyContactBody, PushSubscribeBody } from '@tellerline/contracts';
import { maskEmail, maskPhone } from '@tellerline/contracts/input-rules';
import { AppError } from '../errors.js';
import type { Clock } from '../usecases/ports.js';
import type { Views } from '../usecases/views.js';
import type { ChannelAvailability, NoticeStore } from './ports.js';
import type { WatchSignal } from './watch-signal.js';

/** At most this many devices, and this many e-mail/SMS contacts, per ticket (a ticket is one visit). */
const MAX_PUSH_PER_TICKET = 5;
const MAX_CONTACTS_PER_TICKET = 2;

export interface NoticeSignupDeps {
  views: Pick<Views, 'ticket'>;
  notices: NoticeStore;
  signal: WatchSignal;
  channels: ChannelAvailability;
  vapidPublicKey: string | null;
  /**
   * Hosts a push endpoint may point at (`*.` = any subdomain). The server POSTs to whatever
   * endpoint a phone page sends, so without this list a ticket token would let anyone make it
   * call internal HTTPS services.
   */
  pushServiceHosts: readonly string[];
  clock: Clock;
}

/**
 * What the phone page can ask for: web push on this device, or e-mail/SMS where push is not
 * available, each with "tell me when N are ahead" and "when I am called". The ticket's token is
 * the only key; only a waiting or called ticket takes new notices.
 */
export function createNoticeSignups(deps: NoticeSignupDeps) {
  const { notices, signal, clock } = deps;

  async function activeTicket(token: string) {
    const found = await deps.views.ticket(token);
    if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
    const status = found.view.status;
    if (status === 'serving') throw new AppError('TICKET_NOT_WAITING', 'You are being served; no more notices are needed');
    if (status !== 'waiting' && status !== 'called') throw new AppError('TICKET_FINISHED', 'This ticket has finished');
    return found;
  }

  function allowedEndpoint(endpoint: string): boolean {
    const host = new URL(endpoint).hostname.toLowerCase();
    return deps.pushServiceHosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h.toLowerCase()));
  }

  const changed = (branchId: string, ticketId: string) => signal.publish(branchId, ticketId).catch(() => undefined);

  return {
    channels(): NotifyChannels {
      return { ...deps.channels };
    },

    vapidPublicKey(): string {
      if (!deps.channels.push || !deps.vapidPublicKey) throw new AppError('CHANNEL_UNAVAILABLE', 'Web push is not set up here');
      return deps.vapidPublicKey;
    },

    async subscribePush(token: string, body: PushSubscribeBody) {
      if (!deps.channels.push) throw new AppError('CHANNEL_UNAVAILABLE', 'Web push is not set up here');
      if (!allowedEndpoint(body.subscription.endpoint)) {
        throw new AppError('VALIDATION_FAILED', 'This push service is not one we deliver to', [{ path: 'subscription.endpoint', message: 'unknown push service' }]);
      }
      const { branchId, ticketId } = await activeTicket(token);
      const existing = await notices.pushFor(ticketId);
      if (existing.length >= MAX_PUSH_PER_TICKET && !existing.some((s) => s.endpoint === body.subscription.endpoint)) {
        throw new AppError('RATE_LIMITED', `At most ${MAX_PUSH_PER_TICKET} devices per ticket`);
      }
      const saved = await notices.savePush({
        ticketId,
        subscription: { endpoint: body.subscription.endpoint, keys: body.subscription.keys },
        lang: body.lang,
        aheadThreshold: body.aheadThreshold,
        onCalled: body.onCalled,
        consentAt: clock.now(),
      });
      await changed(branchId, ticketId);
      return saved;
    },

    async unsubscribePush(token: string, endpoint: string): Promise<{ removed: boolean }> {
      const found = await deps.views.ticket(token);
      if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
      const removed = await notices.removePush(found.ticketId, endpoint);
      if (removed) await changed(found.branchId, found.ticketId);
      return { removed };
    },

    async addContact(token: string, body: NotifyContactBody) {
      if (!deps.channels[body.channel]) {
        throw new AppError('CHANNEL_UNAVAILABLE', body.channel === 'sms' ? 'Text messages are not set up here' : 'E-mail is not set up here');
      }
      const { branchId, ticketId } = await activeTicket(token);
      const address = body.channel === 'email' ? body.address.toLowerCase() : body.address.replace(/[\s-]/g, '');
      const existing = await notices.contactsFor(ticketId);
      if (existing.length >= MAX_CONTACTS_PER_TICKET && !existing.some((c) => c.channel === body.channel && c.address === address)) {
        throw new AppError('RATE_LIMITED', `At most ${MAX_CONTACTS_PER_TICKET} contacts per ticket`);
      }
      const saved = await notices.saveContact({
        ticketId,
        channel: body.channel,
        address,
        lang: body.lang,
        aheadThreshold: body.aheadThreshold,
        onCalled: body.onCalled,
        consentAt: clock.now(),
      });
      await changed(branchId, ticketId);
      return present(saved);
    },

    /** Withdraws every e-mail/SMS notice of the ticket, the contact left at the kiosk included. */
    async removeContacts(token: string): Promise<{ removed: number }> {
      const found = await deps.views.ticket(token);
      if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
      const removed = await notices.removeContacts(found.ticketId, found.customerId, clock.now());
      if (removed > 0) await changed(found.branchId, found.ticketId);
      return { removed };
    },

    async choices(token: string): Promise<NoticeChoices> {
      const found = await deps.views.ticket(token);
      if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
      // The kiosk contact too: the customer must see, and be able to withdraw, what they agreed to there.
      const [push, contacts] = await Promise.all([notices.pushFor(found.ticketId), notices.contactsFor(found.ticketId, found.customerId)]);
      return {
        push: push.map((p) => ({ id: p.id, aheadThreshold: p.aheadThreshold, onCalled: p.onCalled, lang: p.lang })),
        contacts: contacts.map(present),
      };
    },
  };
}

function present(c: { id: string; channel: 'email' | 'sms'; address: string; aheadThreshold: number | null; onCalled: boolean; lang: 'zh' | 'en' }) {
  return { id: c.id, channel: c.channel, addressMasked: c.channel === 'sms' ? maskPhone(c.address) : maskEmail(c.address), aheadThreshold: c.aheadThreshold, onCalled: c.onCalled, lang: c.lang };
}

export type NoticeSignups = ReturnType<typeof createNoticeSignups>;
