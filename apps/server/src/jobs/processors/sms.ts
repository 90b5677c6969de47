import type { NotificationChannel } from '@tellerline/notify';
import { deliverNotice, type DeliverDeps } from '../../notifications/deliver.js';
import type { NoticeJob } from '../job-names.js';

/** An 'sms' job: the notice by text message through the configured provider. */
export function processSms(data: NoticeJob, deps: DeliverDeps & { sms: NotificationChannel<string> | null }): Promise<string> {
  return deliverNotice('sms', data, deps.sms, (t) => t.address, deps);
}
