/**
 * A short PostgreSQL outage: commands keep working on Redis, and the events whose append failed
 * must reach PostgreSQL afterwards, even though later commands were stored above them (a hole
 * below PostgreSQL's highest seq, which "copy what is above max(seq)" never sees).
 */
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventLogCatchUp } from '../src/usecases/event-log-catch-up.js';
import { HttpClient, PG_URL, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
let sql: pg.Client;
let schema: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  schema = sys.system.parts.config.databaseSchema!;
  sql = new pg.Client({ connectionString: PG_URL });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await sys?.close();
});

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

async function issue(code = 'C') {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(code) });
  expect(r.status).toBe(201);
  return r.body.data as { ticketId: string; token: string; view: { number: string } };
}

/** Inserts into the schema's event log fail until the returned function is called. */
async function databaseDown(): Promise<() => Promise<void>> {
  await sql.query(`CREATE OR REPLACE FUNCTION "${schema}".outage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated outage'; END $$`);
  await sql.query(`CREATE TRIGGER outage BEFORE INSERT ON "${schema}".ticket_events FOR EACH ROW EXECUTE FUNCTION "${schema}".outage()`);
  return async () => void (await sql.query(`DROP TRIGGER outage ON "${schema}".ticket_events`));
}

/** Removes stored events (and their tickets' rows) as if their append had never succeeded. */
async function forgetInPostgres(seqs: number[]) {
  const ids = await sql.query<{ ticket_id: string | null }>(`DELETE FROM "${schema}".ticket_events WHERE branch_id = $1 AND seq = ANY($2::int[]) RETURNING ticket_id`, [sys.branchId, seqs]);
  const tickets = ids.rows.flatMap((r) => (r.ticket_id ? [r.ticket_id] : []));
  await sql.query(`DELETE FROM "${schema}".tickets WHERE id = ANY($1::text[])`, [tickets]);
}

const phonePage = async (token: string) => (await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${token}`)).status;

describe('event log holes', () => {
  it('copies a command whose append failed once PostgreSQL is back, without a restart', async () => {
    const { store, db } = sys.system.parts;
    const up = await databaseDown();
    let during: Awaited<ReturnType<typeof issue>>;
    try {
      during = await issue(); // committed in Redis; its append fails
    } finally {
      await up();
    }
    const seq = (await store.load(sys.branchId))!.seq;
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(seq - 1);
    const after = await issue(); // stored above the hole
    expect(await db.eventLog.lastSeq(sys.branchId)).toBe(seq + 1);

    const record = await waitFor('the failed append to be retried', () => db.tickets.byToken(during.token), 8_000);
    expect(record).toMatchObject({ ticketId: during.ticketId, number: during.view.number, status: 'waiting' });
    expect(await db.eventLog.missingSeqs(sys.branchId, seq + 1)).toEqual([]);
    expect(await phonePage(during.token)).toBe(200);
    expect(await phonePage(after.token)).toBe(200);
    expect(sys.system.parts.commands.catchUp.pending()).toEqual([]);
  });

  it('at start-up, copies events PostgreSQL lacks below its highest seq', async () => {
    const { store, db, liveBranches } = sys.system.parts;
    const lost = await issue();
    const lostSeq = (await store.load(sys.branchId))!.seq;
    await issue();
    await issue();
    await forgetInPostgres([lostSeq]);
    expect(await db.tickets.byToken(lost.token)).toBeNull();
    expect(await db.eventLog.missingSeqs(sys.branchId, lostSeq + 2)).toEqual([{ from: lostSeq, to: lostSeq }]);

    expect(await liveBranches.ensure(sys.branchId)).toBe('live');
    expect(await db.eventLog.missingSeqs(sys.branchId, lostSeq + 2)).toEqual([]);
    expect(await db.tickets.byToken(lost.token)).toMatchObject({ ticketId: lost.ticketId, status: 'waiting' });

    // And the live state rebuilt from PostgreSQL now has the ticket.
    const before = (await store.load(sys.branchId))!;
    await store.deleteBranch(sys.branchId);
    expect(await liveBranches.ensure(sys.branchId)).toBe('rebuilt');
    expect((await store.load(sys.branchId))!.tickets[lost.ticketId]).toEqual(before.tickets[lost.ticketId]);
  });

  it('names the events it can no longer copy (trimmed from the stream) and carries on', async () => {
    const { store, db, redis, config } = sys.system.parts;
    const gone = await issue();
    const goneSeq = (await store.load(sys.branchId))!.seq;
    const kept = await issue();
    await forgetInPostgres([goneSeq, goneSeq + 1]);
    // The stream lost the older one (trimmed), still has the newer.
    await redis.sendCommand(['XDEL', `${config.redisPrefix}{b:${sys.branchId}}:events`, `${goneSeq}-0`]);

    const lines: { level: number; msg: string; lost?: string; missing?: string }[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const catchUp = createEventLogCatchUp({ store, eventLog: db.eventLog, logger });
    expect(await catchUp.copyMissing(sys.branchId, goneSeq + 1)).toEqual({ copied: 1, lost: [{ from: goneSeq, to: goneSeq }] });

    expect(lines.find((l) => l.msg.startsWith('event log gap found'))).toMatchObject({ level: 40, missing: `${goneSeq}-${goneSeq + 1}` });
    expect(lines.find((l) => l.msg.startsWith('event log gap filled'))).toMatchObject({ level: 30 });
    expect(lines.find((l) => l.msg.startsWith('events lost'))).toMatchObject({ level: 50, lost: `${goneSeq}` });
    expect(await db.tickets.byToken(kept.token)).toMatchObject({ ticketId: kept.ticketId });
    expect(await db.tickets.byToken(gone.token)).toBeNull();
    // Start-up does not fail over it.
    expect(await sys.system.parts.liveBranches.ensure(sys.branchId)).toBe('live');
  });
});
