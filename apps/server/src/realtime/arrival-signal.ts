import type { RedisClientType } from 'redis';
import { z } from 'zod';

/** One arrival as published: small, and checked on the way in like any other edge. */
export const RemoteArrivalMessage = z.strictObject({ branchId: z.string().min(1).max(100), ticketId: z.string().min(1).max(100), at: z.number().int().nonnegative() });
export type RemoteArrivalMessage = z.infer<typeof RemoteArrivalMessage>;

/**
 * "A remote ticket's holder checked in at the kiosk": published by the node that recorded it,
 * heard by every realtime node, which shows it on that ticket's phone page and the branch's staff
 * panels at once. Arrivals are stored in PostgreSQL, not in the branch's event stream, so the
 * fan-out would not see them otherwise. Redis pub/sub is fire-and-forget: a message lost while a
 * node reconnects leaves its screens a minute behind at most (`remote-arrivals.ts`) and the
 * phone's next resync.
 */
export interface ArrivalSignal {
  publish(arrival: RemoteArrivalMessage): Promise<void>;
  /** Listens on a dedicated connection; resolves with a function that stops listening. */
  subscribe(onArrival: (arrival: RemoteArrivalMessage) => void): Promise<() => Promise<void>>;
}

export function createArrivalSignal(redis: RedisClientType, prefix: string): ArrivalSignal {
  const channel = `${prefix}remote-arrival`;
  return {
    async publish(arrival) {
      await redis.publish(channel, JSON.stringify(arrival));
    },
    async subscribe(onArrival) {
      const sub = redis.duplicate();
      sub.on('error', () => undefined); // reconnects on its own; the views' expiry covers the gap
      await sub.connect();
      await sub.subscribe(channel, (message: string) => {
        if (message.length > 500) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(message);
        } catch {
          return;
        }
        const arrival = RemoteArrivalMessage.safeParse(parsed);
        if (arrival.success) onArrival(arrival.data);
      });
      return async () => {
        await sub.unsubscribe(channel).catch(() => undefined);
        await sub.close().catch(() => undefined);
      };
    },
  };
}
