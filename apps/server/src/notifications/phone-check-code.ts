import { PHONE_CHECK_CODE_DELIVERY, renderPhoneCheckCode, type NotificationChannel } from '@tellerline/notify';
import type { PhoneCodeSender } from '../usecases/phone-checks.js';

/**
 * Texts a phone check code on the installation's SMS channel, in the customer's language, at once
 * (not through the notice queue: the customer waits on the booking page, and the code must never
 * sit in a queue in Redis). What the channel said comes back for the use case to log.
 */
export function createPhoneCodeSender(sms: NotificationChannel<string>): PhoneCodeSender {
  return {
    async send(phone, lang, code) {
      const r = await sms.send({ to: phone, lang, ...renderPhoneCheckCode(lang, code), ...PHONE_CHECK_CODE_DELIVERY });
      return r.status === 'sent' ? { sent: true } : { sent: false, reason: `${r.status}: ${r.reason}` };
    },
  };
}
