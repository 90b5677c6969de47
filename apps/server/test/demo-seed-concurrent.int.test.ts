/**
 * Two nodes started at once on a new database both migrate (one after the other, under the
 * migration lock) and both seed the demo. Seeding had no lock: both found no demo branch and no
 * users, and the slower one stopped with "username alice is taken". Seeding now runs under the
 * same lock, so both start, with one set of demo rows and the same working device links.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { openDatabase, type DatabasePorts } from '../src/compose-db.js';
import { loadConfig } from '../src/config.js';
import { PG_URL } from './support.js';

const schema = `t_seed2_${randomBytes(4).toString('hex')}`;
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, LOG_LEVEL: 'silent' });
const opened: DatabasePorts[] = [];

afterAll(async () => {
  for (const db of opened) await db.close();
  const sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
  await sql.query(`drop schema if exists "${schema}" cascade`);
  await sql.end();
});

describe('two nodes seeding the demo at once on a new database', () => {
  it('both succeed, without duplicate rows, with the same device links', async () => {
    const [a, b] = await Promise.all([openDatabase(config, ''), openDatabase(config, '')]);
    opened.push(a, b);
    const [seedA, seedB] = await Promise.all([a.seedDemo(hashPassword), b.seedDemo(hashPassword)]);

    expect(seedB.branchId).toBe(seedA.branchId);
    expect(seedB.kioskToken).toBe(seedA.kioskToken);
    expect(seedB.signageToken).toBe(seedA.signageToken);
    expect(seedA.kioskToken).toBeTruthy();
    // The token both banners print is the one the kiosk's device row answers to.
    const kiosk = await a.devices.findByTokenHash((await import('@tellerline/db')).hashDeviceToken(seedA.kioskToken!));
    expect(kiosk?.branchId).toBe(seedA.branchId);

    const sql = new pg.Client({ connectionString: PG_URL });
    await sql.connect();
    try {
      await sql.query(`SET search_path TO "${schema}"`);
      const count = async (q: string) => Number((await sql.query<{ n: string }>(q)).rows[0]!.n);
      expect(await count(`select count(*) as n from branches`)).toBe(1);
      expect(await count(`select count(*) as n from users`)).toBe(6);
      expect(await count(`select count(*) as n from devices`)).toBe(2);
      expect(await count(`select count(*) as n from staff`)).toBe(4);
      expect(await count(`select count(*) as n from counters`)).toBe(4);
    } finally {
      await sql.end();
    }
  });
});
