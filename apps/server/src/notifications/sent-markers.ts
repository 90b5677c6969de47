import type { RedisClientType } from 'redis';

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

/** Markers outlive any ticket (a business day) with room to spare. */
const TTL_SEC = 2 * 24 * 3600;

export function createSentMarkers(redis: RedisClientType, prefix: string): SentMarkers {
  const key = (jobKey: string, targetKey: string) => `${prefix}notice-sent:${jobKey}:${targetKey}`;
  return {
    async sentAlready(jobKey, targetKeys) {
      if (targetKeys.length === 0) return [];
      const values = await redis.mGet(targetKeys.map((t) => key(jobKey, t)));
      return values.map((v) => v !== null);
    },
    async markSent(jobKey, targetKey) {
      await redis.set(key(jobKey, targetKey), '1', { EX: TTL_SEC });
    },
  };
}
