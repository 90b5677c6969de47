import type { RedisClientType } from 'redis';

/**
 * "The targets of this ticket changed": published by the api role when a customer subscribes or
 * unsubscribes, heard by every worker's notifier so it starts (or stops) watching the ticket at
 * once. Redis pub/sub is fire-and-forget; the notifier also resyncs from PostgreSQL periodically,
 * so a message lost while a worker reconnects only delays a "nearly your turn" notice.
 */
export interface WatchSignal {
  publish(branchId: string, ticketId: string): Promise<void>;
  /** Listens on a dedicated connection; resolves with a function that stops listening. */
  subscribe(onChange: (branchId: string, ticketId: string) => void): Promise<() => Promise<void>>;
}

export function createWatchSignal(redis: RedisClientType, prefix: string): WatchSignal {
  const channel = `${prefix}notice-targets`;
  return {
    async publish(branchId, ticketId) {
      await redis.publish(channel, JSON.stringify({ branchId, ticketId }));
    },
    async subscribe(onChange) {
      // A subscriber hears nothing between messages: no stall detection (see compose.ts).
      const sub = redis.duplicate({ pingInterval: undefined, socket: { socketTimeout: undefined } });
      sub.on('error', () => undefined); // reconnects on its own; the periodic resync covers the gap
      await sub.connect();
      await sub.subscribe(channel, (message: string) => {
        try {
          const { branchId, ticketId } = JSON.parse(message) as { branchId: string; ticketId: string };
          if (typeof branchId === 'string' && typeof ticketId === 'string') onChange(branchId, ticketId);
        } catch {
          // not ours
        }
      });
      return async () => {
        await sub.unsubscribe(channel).catch(() => undefined);
        await sub.close().catch(() => undefined);
      };
    },
  };
}
