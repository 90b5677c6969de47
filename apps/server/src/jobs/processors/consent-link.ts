import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ConsentRequests } from '../../usecases/history-consent-requests.js';
import type { ConsentLinkJob } from '../job-names.js';

export interface ConsentLinkDeps {
  requests: Pick<ConsentRequests, 'request'>;
  logger: Logger;
}

/**
 * A 'consent-link' job: sends the confirmation link a booking asked for. Nobody waits on it, so
 * what the asker was once told (no address, a link on its way, too many from this IP) is only
 * logged here; a send that failed (a gateway down) throws, and BullMQ tries again with the
 * queue's backoff (each try is a fresh link: a failed one is discarded).
 */
export async function processConsentLink(data: ConsentLinkJob, deps: ConsentLinkDeps): Promise<string> {
  const log = { appointmentId: data.appointmentId, branchId: data.branchId };
  let outcome: Awaited<ReturnType<ConsentLinkDeps['requests']['request']>>;
  try {
    outcome = await deps.requests.request({ id: data.appointmentId, branchId: data.branchId, customerId: data.customerId }, { keep: data.keep, preferences: data.preferences }, data.ip);
  } catch (err) {
    if (err instanceof AppError && err.code === 'RATE_LIMITED') {
      deps.logger.warn(log, 'consent link not sent: too many asked for from this IP today');
      return 'rate-limited';
    }
    throw err;
  }
  if (outcome === 'failed') throw new Error('the consent confirmation link could not be sent');
  if (outcome !== 'sent') deps.logger.info({ ...log, outcome }, 'consent link not sent');
  return outcome;
}
