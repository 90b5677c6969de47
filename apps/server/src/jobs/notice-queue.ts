import { Queue, type ConnectionOptions } from 'bullmq';
import { CONSENT_LINK_JOB, NOTICE_QUEUE_NAME, noticeJobId, SURVEY_INVITE_JOB, type ConsentLinkJob, surveyInviteJobId, type NoticeChannelName, type NoticeJob, type SurveyInviteJob } from './job-names.js';

export interface NoticeQueue {
  /** Adds notice jobs; ids are deterministic, so adding the same notice again is a no-op. */
  add(jobs: readonly { channel: NoticeChannelName; data: NoticeJob }[]): Promise<void>;
  /** Adds survey invitations, each due `delayMs` after now; one per ticket (deterministic ids). */
  addSurveyInvites(jobs: readonly { data: SurveyInviteJob; delayMs: number }[]): Promise<void>;
  /** Adds a consent confirmation link to send (one job per request; the link limits apply when it runs). */
  addConsentLink(data: ConsentLinkJob): Promise<void>;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * The customer-notice queue, separate from the branch timers so a slow mail server or a push
 * service outage never delays a no-show timer. Five attempts with exponential backoff from 1 s
 * (1, 2, 4, 8 s): well inside a call notice's two-minute TTL. Finished jobs are kept a day so a
 * replayed event finds its id taken (the processors' sent markers cover what is older).
 */
export function createNoticeQueue(connection: ConnectionOptions, prefix: string): NoticeQueue {
  const queue = new Queue(NOTICE_QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
    },
  });
  return {
    queue,
    async add(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(jobs.map((j) => ({ name: j.channel, data: j.data, opts: { jobId: noticeJobId(j.channel, j.data) } })));
    },
    async addSurveyInvites(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map((j) => ({
          name: SURVEY_INVITE_JOB,
          data: j.data,
          // Nothing about it is urgent: when a mail server or the database is down, wait minutes
          // rather than seconds between attempts (30 s doubling: about an hour in all).
          opts: { jobId: surveyInviteJobId(j.data.ticketId), delay: Math.max(0, Math.round(j.delayMs)), attempts: 8, backoff: { type: 'exponential', delay: 30_000 } },
        })),
      );
    },
    async addConsentLink(data) {
      // The job holds the needs asked for and the asker's IP: gone once done, and within an hour
      // when it failed (the failure is logged).
      await queue.add(CONSENT_LINK_JOB, data, { removeOnComplete: true, removeOnFail: { age: 3600 } });
    },
    close: () => queue.close(),
  };
}
