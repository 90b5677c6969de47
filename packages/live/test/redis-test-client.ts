import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';

export type TestRedisClient = RedisClientType;

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connected client on the shared test Redis. */
export async function connectRedis(): Promise<TestRedisClient> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  return client;
}

/** A key prefix owned by one test file, so files can share one Redis. */
export function randomPrefix(): string {
  return `tl:test:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` (SCAN + DEL; never FLUSHALL on a shared server). */
export async function deletePrefix(client: TestRedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) deleted += await client.del(keys);
  }
  return deleted;
}
