import { Worker, type ConnectionOptions } from 'bullmq';
import type { NotificationChannel, PushTarget } from '@tellerline/notify';
import type { DeliverDeps } from '../notifications/deliver.js';
import type { SurveyInvitationDeps } from '../notifications/survey-invitation.js';
import { CONSENT_LINK_JOB, ConsentLinkJob, NOTICE_QUEUE_NAME, NoticeJob, SURVEY_INVITE_JOB, SurveyInviteJob } from './job-names.js';
import { processConsentLink, type ConsentLinkDeps } from './processors/consent-link.js';
import { processEmail } from './processors/email.js';
import { processPush } from './processors/push.js';
import { processSms } from './processors/sms.js';
import { processSurveyInvite } from './processors/survey-invite.js';
import { queueErrorListener, type RedisOutageLog } from '../redis-outage-log.js';

export interface NoticeWorkerDeps extends DeliverDeps, Pick<SurveyInvitationDeps, 'survey' | 'branchName'> {
  push: NotificationChannel<PushTarget> | null;
  email: NotificationChannel<string> | null;
  sms: NotificationChannel<string> | null;
  /** Sends the consent confirmation links bookings asked for. */
  consentRequests: ConsentLinkDeps['requests'];
  concurrency?: number;
  /** Where its Redis connection failing is logged (once per outage); unset: a line per error. */
  redisOutage?: RedisOutageLog;
}

/**
 * Delivers customer notices. Sends are I/O-bound (a push service, an SMTP server), so the worker
 * runs many at once. A job that throws (RetryLater, a database hiccup) is retried by BullMQ with
 * the queue's backoff; the processors are idempotent per target.
 */
export function createNoticeWorker(connection: ConnectionOptions, prefix: string, deps: NoticeWorkerDeps): Worker {
  const worker = new Worker(
    NOTICE_QUEUE_NAME,
    async (job) => {
      if (job.name === SURVEY_INVITE_JOB) return processSurveyInvite(SurveyInviteJob.parse(job.data), deps);
      if (job.name === CONSENT_LINK_JOB) return processConsentLink(ConsentLinkJob.parse(job.data), { requests: deps.consentRequests, logger: deps.logger });
      const data = NoticeJob.parse(job.data);
      switch (job.name) {
        case 'push':
          return processPush(data, deps);
        case 'email':
          return processEmail(data, deps);
        case 'sms':
          return processSms(data, deps);
        default:
          throw new Error(`unknown notice job ${job.name}`);
      }
    },
    { connection, prefix, concurrency: deps.concurrency ?? 32 },
  );
  worker.on('failed', (job, err) => {
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
    deps.logger[final ? 'error' : 'info']({ err: err.message, job: job?.id, attempt: job?.attemptsMade }, final ? 'notice job gave up' : 'notice job will retry');
  });
  // Without a listener an 'error' event (Redis gone for a moment) would end the process.
  worker.on('error', queueErrorListener(deps.logger, deps.redisOutage, 'notice worker'));
  return worker;
}
