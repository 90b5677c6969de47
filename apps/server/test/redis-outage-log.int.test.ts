/**
 * Redis down for a while must not flood the log. Every Redis connection (the main client, BullMQ's
 * queues, workers and their duplicates) logged each failed reconnect with its stack: ~8 lines a
 * second, 322 for a 40-second outage. Now: one line when it is lost, one when it is back (and a
 * reminder every 30 s between), with the real server on a redis-server of its own stopped for 6 s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';
import { freePort } from './free-port.js';
import { startTestSystem, waitFor, type TestSystem } from './support.js';

let redis: LocalRedis | undefined;
let sys: TestSystem | undefined;

afterAll(async () => {
  await sys?.close();
  await redis?.stop();
});

describe('the log while Redis is down', () => {
  it('says it is lost once and back once, without a line per reconnect', async () => {
    const lines: { level: number; msg: string; time: number; err?: { stack?: string } }[] = [];
    const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as (typeof lines)[number]) });
    const dir = mkdtempSync(join(tmpdir(), 'tl-redis-outage-log-'));
    const port = await freePort();
    redis = await startLocalRedis(dir, port);
    sys = await startTestSystem({ REDIS_URL: redis.url, LOG_LEVEL: 'info' }, {}, logger);

    const from = lines.length;
    await redis.stop();
    redis = undefined;
    await new Promise((r) => setTimeout(r, 6000));
    const duringOutage = lines.slice(from).filter((l) => l.level >= 40);
    const msgs = duringOutage.map((l) => l.msg);
    expect(msgs.filter((m) => m.startsWith('redis connection lost'))).toHaveLength(1);
    // Beside that line: at most one each from the loops that notice on their own (live epoch, fan-out, notifier).
    expect(duringOutage.length, msgs.join('\n')).toBeLessThanOrEqual(5);
    expect(duringOutage.filter((l) => l.err?.stack?.includes('ECONNREFUSED'))).toHaveLength(0);

    redis = await startLocalRedis(dir, port);
    await waitFor('redis connection back in the log', async () => lines.some((l) => l.msg === 'redis connection back'), 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(lines.slice(from).filter((l) => l.msg === 'redis connection back')).toHaveLength(1);
  }, 60_000);
});
