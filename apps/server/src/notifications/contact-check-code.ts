import { CONTACT_CHECK_CODE_DELIVERY, renderContactCheckCode, type NotificationChannel } from '@tellerline/notify';
import type { ContactCodeSender } from '../usecases/contact-checks.js';

/**
 * Sends a contact check code on the installation's SMS or e-mail channel, in the customer's
 * language, at once (not through the notice queue: the customer waits on the booking page, and the
 * code must never sit in a queue in Redis). What the channel said comes back for the use case to log.
 */
export function createContactCodeSender(channel: NotificationChannel<string>, kind: 'sms' | 'email'): ContactCodeSender {
  return {
    async send(to, lang, code) {
      const r = await channel.send({ to, lang, ...renderContactCheckCode(kind, lang, code), ...CONTACT_CHECK_CODE_DELIVERY, about: 'contact-check' });
      return r.status === 'sent' ? { sent: true } : { sent: false, reason: `${r.status}: ${r.reason}` };
    },
  };
}
