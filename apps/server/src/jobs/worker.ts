import { Worker, type ConnectionOptions } from 'bullmq';
import type { LiveStateStore } from '@tellerline/live';
import type { Logger } from '../logger.js';
import { queueErrorListener, type RedisOutageLog } from '../redis-outage-log.js';
import type { Metrics } from '../metrics.js';
import type { BranchCommands } from '../usecases/branch-commands.js';
import type { Booking } from '../usecases/booking.js';
import type { BranchDirectory, Clock } from '../usecases/ports.js';
import { JobPayloads, QUEUE_NAME } from './job-names.js';
import { processDailyClose } from './processors/daily-close.js';
import { processNoShow } from './processors/no-show.js';
import { processAppointmentNoShow } from './processors/appointment-no-show.js';
import { processReminder } from './processors/reminder.js';

export function createJobWorker(
  connection: ConnectionOptions,
  prefix: string,
  deps: { store: LiveStateStore; commands: BranchCommands; directory: BranchDirectory; clock: Clock; logger: Logger; metrics: Metrics; booking: Booking; redisOutage?: RedisOutageLog },
): Worker {
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      let outcome: string;
      switch (job.name) {
        case 'no-show':
          outcome = await processNoShow(JobPayloads['no-show'].parse(job.data), deps);
          break;
        case 'daily-close':
          outcome = await processDailyClose(JobPayloads['daily-close'].parse(job.data), deps.clock.now(), deps);
          break;
        case 'appointment-reminder':
          outcome = await processReminder(JobPayloads['appointment-reminder'].parse(job.data), deps);
          break;
        case 'appointment-no-show':
          outcome = await processAppointmentNoShow(JobPayloads['appointment-no-show'].parse(job.data), deps);
          break;
        default:
          throw new Error(`unknown job ${job.name}`);
      }
      deps.metrics.jobs.inc({ name: job.name, outcome });
      return outcome;
    },
    { connection, prefix, concurrency: 8 },
  );
  worker.on('failed', (job, err) => deps.logger.error({ err, job: job?.name, id: job?.id }, 'job failed'));
  // Without a listener an 'error' event (Redis gone for a moment) would end the process.
  worker.on('error', queueErrorListener(deps.logger, deps.redisOutage, 'timer worker'));
  return worker;
}
