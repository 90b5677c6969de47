import type { SentNotices } from '../usecases/booking-ports.js';

/**
 * Which targets a notice job has already reached. A job covers every target of one ticket on one
 * channel, so a retry after a partial failure must skip the targets that succeeded, and an event
 * replayed after the job itself was removed from BullMQ must not notify anyone twice. A marker
 * is written right after the provider accepted the message (a crash between the two can still
 * repeat one message: at-least-once, never a duplicate on retry or replay).
 */
export interface SentMarkers {
  sentAlready(jobKey: string, targetKeys: readonly string[]): Promise<boolean[]>;
  markSent(jobKey: string, targetKey: string): Promise<void>;
}

/** Marks outlive any ticket (a business day) and any reminder (sent at most a day before its visit) with room to spare. */
export const SENT_MARK_KEEP_MS = 2 * 24 * 3_600_000;

/**
 * The marks in PostgreSQL (`sent_notices`), not Redis: they used to live in Redis, and a Redis
 * that lost its data (with BullMQ's finished jobs) let the notifier enqueue the same "almost your
 * turn" notice again and the worker send it a second time.
 */
export function createSentMarkers(sent: Pick<SentNotices, 'sentAlready' | 'markSent'>, now: () => number): SentMarkers {
  const key = (jobKey: string, targetKey: string) => `notice/${jobKey}/${targetKey}`;
  return {
    sentAlready: (jobKey, targetKeys) => sent.sentAlready(targetKeys.map((t) => key(jobKey, t))),
    markSent: (jobKey, targetKey) => sent.markSent(key(jobKey, targetKey), now()),
  };
}
