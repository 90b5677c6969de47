import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRedisOutageLog, isRedisConnectionError, queueErrorListener } from '../src/redis-outage-log.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { lines, logger };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('the Redis outage log', () => {
  it('says once that Redis is lost, reminds at most every 30 s with a count, and says once that it is back', () => {
    const { lines, logger } = capture();
    let now = 0;
    const log = createRedisOutageLog(logger, { now: () => now });
    // 8 errors a second for 40 seconds, from several connections: what was 322 lines.
    for (; now < 40_000; now += 125) log.error(refused, now % 250 === 0 ? 'main' : 'timers');
    log.back();
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringContaining('redis connection lost'),
      'redis still unreachable; reconnecting',
      'redis connection back',
    ]);
    expect(lines[0]).toMatchObject({ level: 40, connection: 'main', error: 'connect ECONNREFUSED 127.0.0.1:6379', code: 'ECONNREFUSED' });
    expect(lines[0]).not.toHaveProperty('err'); // no stack
    expect(lines[1]).toMatchObject({ downSec: 30, errors: 240 });
    expect(lines[2]).toMatchObject({ level: 30, downSec: 40, errors: 320 });
  });

  it('a second outage is reported again; being ready without an outage says nothing', () => {
    const { lines, logger } = capture();
    const log = createRedisOutageLog(logger);
    log.back();
    log.error(refused, 'main');
    log.back();
    log.error(refused, 'main');
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining('redis connection lost'), 'redis connection back', expect.stringContaining('redis connection lost')]);
  });

  it('a queue error that is not its connection failing keeps a line of its own', () => {
    const { lines, logger } = capture();
    const outage = createRedisOutageLog(logger);
    const listener = queueErrorListener(logger, outage, 'timer queue');
    listener(refused);
    listener(refused);
    listener(new Error('ERR Error running script'));
    expect(isRedisConnectionError(new Error('ERR Error running script'))).toBe(false);
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining('redis connection lost'), 'timer queue error']);
  });
});
