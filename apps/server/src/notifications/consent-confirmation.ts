import { CONSENT_CONFIRMATION_DELIVERY, renderConsentConfirmation, type NotificationChannel } from '@tellerline/notify';
import type { ConsentConfirmationSender } from '../usecases/history-consent-requests.js';

/**
 * Sends a consent confirmation link on the installation's SMS and e-mail channels, to every
 * address the profile has, in its language. The SMS carries the link inside its text (before "if
 * this was not you"); the e-mail links it below the text. Called by the notice queue's
 * 'consent-link' job, which makes the token as it runs: the link itself is never queued (it is the
 * key to the consent, and a queue would keep it in Redis for days).
 */
export function createConsentConfirmationSender(deps: { email: NotificationChannel<string> | null; sms: NotificationChannel<string> | null }): ConsentConfirmationSender {
  return {
    async send(to, facts) {
      const lang = to.language;
      const common = { lang, about: facts.keep ? ('consent' as const) : ('consent-withdrawal' as const), ...CONSENT_CONFIRMATION_DELIVERY };
      const sends: Promise<{ status: string }>[] = [];
      if (deps.sms && to.phone) sends.push(deps.sms.send({ ...common, ...renderConsentConfirmation(lang, facts), to: to.phone }));
      if (deps.email && to.email) sends.push(deps.email.send({ ...common, ...renderConsentConfirmation(lang, { branch: facts.branch, keep: facts.keep }), url: facts.url, to: to.email }));
      if (sends.length === 0) return 'no-contact';
      const results = (await Promise.all(sends)).map((r) => r.status);
      return results.includes('sent') ? 'sent' : 'failed';
    },
  };
}
