import type { IRedisClient } from 'bullmq';
import type { LiveStateStore } from '@tellerline/live';
import type { NotifyChannels } from '../compose-notify.js';
import { createNoticeWorker } from '../jobs/notice-worker.js';
import type { NoticeQueue } from '../jobs/notice-queue.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BranchDirectory, Clock } from '../usecases/ports.js';
import { createSurvey, type SurveyStore } from '../usecases/survey.js';
import { startNotifier, type Notifier } from './notifier.js';
import type { NearBaselines } from './near-baselines.js';
import type { NoticeStore } from './ports.js';
import type { SentNotices } from '../usecases/booking-ports.js';
import { createSentMarkers, SENT_MARK_KEEP_MS } from './sent-markers.js';
import type { WatchSignal } from './watch-signal.js';
import type { ConsentRequests } from '../usecases/history-consent-requests.js';
import type { RedisOutageLog } from '../redis-outage-log.js';

export interface NoticeWorkDeps {
  /** The notice worker's BullMQ connection (jobs/bull-connection.ts). */
  bullConnection: IRedisClient;
  bullPrefix: string;
  store: LiveStateStore;
  notices: NoticeStore;
  /** Notices that went out, in PostgreSQL (survives a Redis that lost its data). */
  sentNotices: SentNotices;
  queue: NoticeQueue;
  signal: WatchSignal;
  /** Where "near" targets stood at issue or sign-up (Redis: kept across restarts). */
  nearBaselines: NearBaselines;
  channels: NotifyChannels;
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The survey's answers and finished tickets, for the invitation after a visit. */
  surveys: SurveyStore;
  directory: Pick<BranchDirectory, 'profile'>;
  /** How long after a completed visit its survey invitation goes out (SURVEY_INVITE_AFTER_MIN); null: none. */
  surveyInviteAfterMs: number | null;
  /** Sends the consent confirmation links bookings asked for (the 'consent-link' jobs). */
  consentRequests: Pick<ConsentRequests, 'request'>;
  /** Where the worker's Redis connection failing is logged (once per outage). */
  redisOutage?: RedisOutageLog;
}

/**
 * The worker role's notice work: the notifier (decides and enqueues) and the notice worker
 * (sends queue notices and survey invitations). Stopping stops the notifier first, so nothing
 * is enqueued into a closing worker.
 */
export function startNoticeWork(deps: NoticeWorkDeps): { notifier: Notifier; stop(): Promise<void> } {
  const logger = deps.logger.child({ component: 'notices' });
  const notifier = startNotifier({ store: deps.store, notices: deps.notices, queue: deps.queue, signal: deps.signal, baselines: deps.nearBaselines, clock: deps.clock, logger, ...(deps.surveyInviteAfterMs !== null ? { surveyInviteAfterMs: deps.surveyInviteAfterMs } : {}) });
  const worker = createNoticeWorker(deps.bullConnection, deps.bullPrefix, {
    notices: deps.notices,
    markers: createSentMarkers(deps.sentNotices, () => deps.clock.now()),
    clock: deps.clock,
    logger,
    ...(deps.redisOutage ? { redisOutage: deps.redisOutage } : {}),
    metrics: deps.metrics,
    publicUrl: deps.publicUrl,
    push: deps.channels.push,
    email: deps.channels.email,
    sms: deps.channels.sms,
    survey: createSurvey({ store: deps.surveys, clock: deps.clock }),
    branchName: async (branchId) => (await deps.directory.profile(branchId))?.name ?? null,
    consentRequests: deps.consentRequests,
  });
  // Old marks go hourly (every worker node does it; deleting twice is harmless).
  const prune = () =>
    void deps.sentNotices.prune(deps.clock.now() - SENT_MARK_KEEP_MS).catch((err: unknown) => logger.warn({ err }, 'could not prune sent notice marks'));
  const pruning = setInterval(prune, 3_600_000);
  pruning.unref();
  return {
    notifier,
    async stop() {
      clearInterval(pruning);
      await notifier.stop();
      await worker.close();
    },
  };
}
