import type { NotificationChannel } from '@tellerline/notify';
import { deliverNotice, type DeliverDeps } from '../../notifications/deliver.js';
import type { NoticeJob } from '../job-names.js';

/** An 'email' job: the notice by e-mail, in each recipient's language (zh/en templates). */
export function processEmail(data: NoticeJob, deps: DeliverDeps & { email: NotificationChannel<string> | null }): Promise<string> {
  return deliverNotice('email', data, deps.email, (t) => t.address, deps);
}
