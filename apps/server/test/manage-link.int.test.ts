/**
 * Manage links whose tokens the database does not hold (security L5): a booking's row keeps only
 * the SHA-256 of its token, and the links its confirmation and reminders carry (derived again
 * under the link secret) open, move and cancel it as before; a wrong token is still 404. Nor does
 * the booking request ledger in Redis hold the token: a replay derives it again. Real API,
 * PostgreSQL, Redis and the notice jobs.
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderJobId } from '../src/jobs/processors/reminder.js';
import { bookingHelpers, branchClock, local, MON, TUE } from './booking-support.js';
import { PG_URL, startTestSystem, waitFor, type TestSystem } from './support.js';

const { clock, setTime } = branchClock();
const sms = createLoggingSmsProvider(() => undefined);
const texts = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
let sys: TestSystem;
const { anyone, book, contact, runNow } = bookingHelpers(() => sys);

beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock, notify: { smsProvider: sms } });
  setTime(MON, '08:00');
});
afterAll(async () => {
  await sys?.close();
});

/** The appointment's row as stored, every column as text. */
async function rowOf(code: string): Promise<Record<string, unknown>> {
  const sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
  try {
    await sql.query(`SET search_path TO "${sys.system.parts.config.databaseSchema}"`);
    return (await sql.query(`SELECT a.*, row_to_json(a)::text AS whole FROM appointments a WHERE code = $1`, [code])).rows[0] as Record<string, unknown>;
  } finally {
    await sql.end();
  }
}

/** The manage token in a text's link (…/a/<token>). */
const linkIn = (text: string) => /\/a\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('manage links stored as hashes', () => {
  it('keeps no token in the row; the confirmation and the reminder carry a link that opens, moves and cancels the booking', async () => {
    const me = contact();
    const r = await book('A', local(TUE, '10:00'), { contact: me });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { manageToken, code } = r.body.data as { manageToken: string; code: string };

    const row = await rowOf(code);
    expect(row.manage_token).toBeNull();
    expect(row.manage_token_hash).toBe(createHash('sha256').update(manageToken).digest('hex'));
    expect(row.whole).not.toContain(manageToken);

    const confirmation = await waitFor('the confirmation', async () => texts(me.phone).find((t) => t.startsWith('Booked:')), 30_000);
    expect(linkIn(confirmation)).toBe(manageToken);
    const id = row.id as string;
    expect(await runNow(reminderJobId(id, 0, '24h'))).toEqual({ state: 'completed', value: 'sent' });
    const reminder = texts(me.phone).find((t) => t.startsWith('Reminder:'))!;
    expect(linkIn(reminder)).toBe(manageToken);

    const view = await anyone().req('GET', `/api/v1/appointments/${linkIn(reminder)}`);
    expect([view.status, view.body.data?.code]).toEqual([200, code]);
    const moved = await anyone().req('POST', `/api/v1/appointments/${manageToken}/reschedule`, { startsAt: local(TUE, '11:00') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The answer's link is the same one, and still the key.
    expect(moved.body.data.manageToken).toBe(manageToken);
    const cancelled = await anyone().req('POST', `/api/v1/appointments/${manageToken}/cancel`);
    expect([cancelled.status, cancelled.body.data?.state]).toEqual([200, 'cancelled']);
  });

  it('answers a wrong token 404, as before', async () => {
    const r = await book('A', local(TUE, '13:00'), { contact: contact() });
    const token = r.body.data.manageToken as string;
    const wrong = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const path of ['', '/slots', '/ics']) {
      const answer = await anyone().req('GET', `/api/v1/appointments/${wrong}${path}`);
      expect([answer.status, answer.body.error?.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    }
    expect((await anyone().req('POST', `/api/v1/appointments/${wrong}/cancel`)).status).toBe(404);
    expect((await anyone().req('GET', `/api/v1/appointments/${token}`)).status).toBe(200);
  });
});

describe('the booking request ledger (Redis) keeps no manage token', () => {
  const ledgerKey = (requestId: string) => `${sys.system.parts.config.redisPrefix}booking-request:${requestId}`;
  const ledgerValue = async (requestId: string) => (await sys.system.parts.redis.get(ledgerKey(requestId))) as string;
  const post = (body: Record<string, unknown>) => anyone().req('POST', '/api/v1/appointments', body, { 'x-forwarded-for': '198.51.200.7' });
  const bodyAt = (hm: string, requestId: string) => ({ branchId: sys.branchId, serviceId: sys.service('A'), startsAt: local(TUE, hm), contact: contact(), requestId });
  const activeAt = async (hm: string) => (await sys.system.parts.db.booking.listStartingBetween(sys.branchId, local(TUE, hm), local(TUE, hm) + 1)).filter((a) => a.state !== 'cancelled');

  it('a replay answers the same working link, derived again; the stored entry holds the id and nonce, never the token', async () => {
    const body = bodyAt('14:00', 'ledger-0001-aaaa');
    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const { manageToken, code } = first.body.data as { manageToken: string; code: string };

    const stored = await ledgerValue(body.requestId);
    expect(stored).not.toContain(manageToken);
    expect(JSON.parse(stored)).toMatchObject({ a: (await rowOf(code)).id, n: 0 });

    const again = await post(body);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body.data).toEqual(first.body.data);
    const view = await anyone().req('GET', `/api/v1/appointments/${again.body.data.manageToken}`);
    expect([view.status, view.body.data?.code]).toEqual([200, code]);
  });

  it('an entry written before the upgrade (the token itself) still replays to its booking', async () => {
    const body = bodyAt('14:30', 'ledger-0002-bbbb');
    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // As the previous version wrote it: the request's fingerprint and the manage token.
    const { f } = JSON.parse(await ledgerValue(body.requestId)) as { f: string };
    await sys.system.parts.redis.set(ledgerKey(body.requestId), JSON.stringify({ f, t: first.body.data.manageToken }), { EX: 3600 });

    const again = await post(body);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body.data).toEqual(first.body.data);
    expect(await activeAt('14:30')).toHaveLength(1);
  });

  it('does not replay a link that is no longer the booking\'s (another nonce)', async () => {
    const body = bodyAt('15:00', 'ledger-0003-cccc');
    expect((await post(body)).status).toBe(201);
    const entry = JSON.parse(await ledgerValue(body.requestId)) as { f: string; a: string };
    await sys.system.parts.redis.set(ledgerKey(body.requestId), JSON.stringify({ ...entry, n: 1 }), { EX: 3600 });
    const again = await post(body);
    expect([again.status, again.body.error?.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
  });
});
