import type { RedisClientType } from 'redis';

/**
 * "This branch's public set-up changed" (a rename, new hours or time zone, walk-in rules): published
 * by the node that stored the change, heard by every realtime node, which drops its cached copy
 * of the branch's profile and hours and tells its kiosks and lobby screens (`lobby:changed`) at
 * once, instead of at their next resync a minute later. Redis pub/sub is fire-and-forget: a
 * message lost while a node reconnects only delays the change to the caches' own expiry (60 s for
 * the profile, 15 s for the hours) and the screens' next resync.
 */
export interface LobbySignal {
  publish(branchId: string): Promise<void>;
  /** Listens on a dedicated connection; resolves with a function that stops listening. */
  subscribe(onChange: (branchId: string) => void): Promise<() => Promise<void>>;
}

export function createLobbySignal(redis: RedisClientType, prefix: string): LobbySignal {
  const channel = `${prefix}lobby-changed`;
  return {
    async publish(branchId) {
      await redis.publish(channel, branchId);
    },
    async subscribe(onChange) {
      const sub = redis.duplicate();
      sub.on('error', () => undefined); // reconnects on its own; the caches' expiry covers the gap
      await sub.connect();
      await sub.subscribe(channel, (message: string) => {
        if (message.length > 0 && message.length <= 100) onChange(message);
      });
      return async () => {
        await sub.unsubscribe(channel).catch(() => undefined);
        await sub.close().catch(() => undefined);
      };
    },
  };
}
