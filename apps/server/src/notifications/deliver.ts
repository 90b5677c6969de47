import { NOTICE_DELIVERY, renderNotice, type NotificationChannel, type SendResult } from '@tellerline/notify';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from '../usecases/ports.js';
import { noticeJobId, type NoticeChannelName, type NoticeJob } from '../jobs/job-names.js';
import type { NoticeStore, NoticeTarget } from './ports.js';
import type { SentMarkers } from './sent-markers.js';

export interface DeliverDeps {
  notices: NoticeStore;
  markers: SentMarkers;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Base URL of the phone page (`<publicUrl>/t/<token>`). */
  publicUrl: string;
}

/** Thrown to make BullMQ try the job again later (with its backoff); targets already reached are skipped then. */
export class RetryLater extends Error {
  constructor(readonly results: string) {
    super(`some targets should be retried (${results})`);
    this.name = 'RetryLater';
  }
}

/**
 * Sends one notice job to every matching target of the ticket on one channel, in each target's
 * language. Idempotent: targets reached by an earlier attempt (or an earlier job with the same
 * id) are skipped; `gone` targets are removed; `retry` makes the whole job retry (after the
 * others were sent and marked); `failed` is logged and dropped. A notice older than its TTL is
 * not sent at all (a two-minute-old "go to counter 3" would only confuse).
 */
export async function deliverNotice<To>(
  channelName: NoticeChannelName,
  job: NoticeJob,
  channel: NotificationChannel<To> | null,
  toOf: (t: NoticeTarget) => To | undefined,
  deps: DeliverDeps,
): Promise<string> {
  const { ttlSec, urgency } = NOTICE_DELIVERY[job.notice];
  const ageSec = (deps.clock.now() - job.at) / 1000;
  if (ageSec >= ttlSec) return 'expired';
  if (!channel) return 'channel-unavailable';

  const all = (await deps.notices.targets([{ ticketId: job.ticketId, customerId: job.customerId }], channelName)).get(job.ticketId) ?? [];
  const targets = all.filter((t) => t.channel === channelName && (job.notice === 'near' ? t.aheadThreshold === job.threshold : t.onCalled));
  if (targets.length === 0) return 'no-target';

  const facts = { number: job.number, service: job.service, ...(job.ahead !== null ? { ahead: job.ahead } : {}), ...(job.counter !== null ? { counter: job.counter } : {}) };
  return sendOnce(noticeJobId(channelName, job), `notice-${channelName}`, targets, (target) => {
    const to = toOf(target);
    if (to === undefined) return Promise.resolve({ status: 'failed', reason: 'target has no address for this channel' });
    const text = renderNotice(job.notice, target.lang, facts);
    return channel.send({
      to,
      lang: target.lang,
      ...text,
      url: `${deps.publicUrl}/t/${job.token}`,
      urgency: urgency(facts),
      // What is left of the notice's life: a retried call notice must not outlive the call.
      ttlSec: Math.max(1, Math.floor(ttlSec - ageSec)),
      tag: `tl-${job.ticketId}`,
    });
  }, deps);
}

/**
 * Sends one job's message to each target at most once: targets an earlier attempt (or an earlier
 * job under the same key) reached are skipped, a target is marked right after its provider
 * accepted, `gone` targets are removed, and any `retry` makes the whole job retry (after the
 * others were sent and marked). Returns a summary such as `sent:2,skipped:1`.
 */
export async function sendOnce(
  jobKey: string,
  metricName: string,
  targets: readonly NoticeTarget[],
  send: (target: NoticeTarget) => Promise<SendResult>,
  deps: Pick<DeliverDeps, 'notices' | 'markers' | 'logger' | 'metrics'>,
): Promise<string> {
  const done = await deps.markers.sentAlready(jobKey, targets.map((t) => t.key));
  const results = await Promise.all(
    targets.map(async (target, i): Promise<SendResult | { status: 'skipped' }> => {
      if (done[i]) return { status: 'skipped' };
      const result = await send(target);
      if (result.status === 'sent') await deps.markers.markSent(jobKey, target.key);
      else if (result.status === 'gone') await deps.notices.remove(target);
      if (result.status !== 'sent') deps.logger.warn({ job: jobKey, target: target.key, result }, 'notice not delivered');
      return result;
    }),
  );

  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  for (const [status, n] of counts) deps.metrics.jobs.inc({ name: metricName, outcome: status }, n);
  const summary = [...counts].map(([s, n]) => `${s}:${n}`).join(',');
  if (counts.has('retry')) throw new RetryLater(summary);
  return summary;
}
