import type { NotificationChannel, PushTarget } from '@tellerline/notify';
import { deliverNotice, type DeliverDeps } from '../../notifications/deliver.js';
import type { NoticeJob } from '../job-names.js';

/** A 'push' job: web push to each subscribed browser of the ticket (404/410 removes the subscription). */
export function processPush(data: NoticeJob, deps: DeliverDeps & { push: NotificationChannel<PushTarget> | null }): Promise<string> {
  return deliverNotice('push', data, deps.push, (t) => t.push, deps);
}
