import { createNodeRedisClient, type IRedisClient } from 'bullmq';
import type { RedisClientType } from 'redis';
import type { RedisOutageLog } from '../redis-outage-log.js';

/**
 * A BullMQ connection over one of our node-redis clients that never takes the process down.
 *
 * Why: BullMQ wraps a node-redis client in an adapter that re-emits the client's errors. It
 * listens to that adapter only while a queue or worker has it open, and the duplicates it makes
 * for a worker's blocking reads start without a listener. So when Redis restarted (or the local
 * redis-server stopped at shutdown), "Socket closed unexpectedly" was emitted on an adapter nobody
 * listened to, an unhandled 'error' event, and the whole server exited. Here every adapter, and
 * every duplicate made from it, reports its errors to the outage log (once per outage, not once
 * per failed reconnect); node-redis reconnects by itself.
 *
 * `close()` closes the client (BullMQ leaves a connection it was given open), so shutdown does not
 * leave sockets behind that fail once the local redis-server is gone.
 */
export function bullConnection(raw: RedisClientType, outage: RedisOutageLog, name: string): { connection: IRedisClient; close(): Promise<void> } {
  const adapt = (client: IRedisClient): IRedisClient => {
    client.on('error', (err: Error) => outage.error(err, name));
    const duplicate = client.duplicate.bind(client);
    client.duplicate = ((...args: Parameters<IRedisClient['duplicate']>) => adapt(duplicate(...args))) as IRedisClient['duplicate'];
    return client;
  };
  return {
    connection: adapt(createNodeRedisClient(raw)),
    async close() {
      if (raw.isOpen) await raw.close().catch(() => undefined);
    },
  };
}
