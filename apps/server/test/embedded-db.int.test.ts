/**
 * The system as `npm start` runs it by default: on embedded PGlite (one connection), not the
 * PostgreSQL pool the other integration tests use. A read made beside an open transaction waits
 * for it there, so a booking that looked its customer up outside its own transaction hung for the
 * transaction's 20 s and answered 500, and froze every other database request meanwhile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { compose } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { HttpClient } from './support.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tl:test:${randomBytes(5).toString('hex')}:`;
let dataDir: string;
let system: Awaited<ReturnType<typeof compose>>;
let url: string;
let branchId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tellerline-pglite-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REDIS_URL, REDIS_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  system = await compose(config, createLogger(config.logLevel));
  await system.start();
  url = system.url();
  branchId = system.parts.demo!.branchId;
}, 120_000);

afterAll(async () => {
  await system?.stop();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
  await redis.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('on the embedded database (PGlite)', () => {
  it('books an appointment, and the same person cannot take a second place at that time', async () => {
    const info = await system.parts.views.branchInfo(branchId);
    const serviceId = info!.services.find((s) => s.code === 'A')!.id;
    const anyone = new HttpClient(url);
    const slots = await anyone.req('GET', `/api/v1/branches/${branchId}/services/${serviceId}/slots?days=14`);
    expect(slots.status).toBe(200);
    const slot = (slots.body.data.days as { slots: { startsAt: number }[] }[]).flatMap((d) => d.slots)[0]!;
    const body = { branchId, serviceId, startsAt: slot.startsAt, contact: { name: 'Embedded Test', phone: '+86 139 5555 0202', language: 'en', consent: true } };
    const booked = await anyone.req('POST', '/api/v1/appointments', body);
    expect(booked.status).toBe(201);
    // The same person again, under another request id: their profile is found in the booking's transaction.
    const again = await anyone.req('POST', '/api/v1/appointments', body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OVERLAPPING_BOOKING');
    // And staff sign in meanwhile as usual.
    const manager = new HttpClient(url);
    await manager.login('manager');
    expect((await manager.req('GET', '/api/v1/auth/me')).status).toBe(200);
  });
});
