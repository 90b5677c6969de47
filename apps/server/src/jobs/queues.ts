import { Queue, type ConnectionOptions } from 'bullmq';
import { QUEUE_NAME, type JobName, type JobPayload } from './job-names.js';

export interface JobQueues {
  add<N extends JobName>(name: N, data: JobPayload<N>, opts: { jobId: string; delay?: number }): Promise<void>;
  scheduleDailyClose(branchId: string, timezone: string): Promise<void>;
  /** A branch taken out of service has no day to open: its midnight close is removed. */
  unscheduleDailyClose(branchId: string): Promise<void>;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * One BullMQ queue for branch timers. Jobs carry deterministic ids, so arming the same timer
 * twice (a retried request, a replayed event) leaves one job.
 */
export function createJobQueues(connection: ConnectionOptions, prefix: string): JobQueues {
  const queue = new Queue(QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
  return {
    queue,
    async add(name, data, opts) {
      await queue.add(name, data, { jobId: opts.jobId, ...(opts.delay ? { delay: opts.delay } : {}) });
    },
    async scheduleDailyClose(branchId, timezone) {
      // Midnight in the branch's own time zone: numbering restarts at A001 each local day.
      await queue.upsertJobScheduler(
        `daily-close:${branchId}`,
        { pattern: '0 0 * * *', tz: timezone },
        { name: 'daily-close', data: { branchId } },
      );
    },
    async unscheduleDailyClose(branchId) {
      await queue.removeJobScheduler(`daily-close:${branchId}`);
    },
    close: () => queue.close(),
  };
}
