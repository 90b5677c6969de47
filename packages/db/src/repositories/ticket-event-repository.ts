import { evolve, HOLD_GRACE_MIN, initialState, type BranchEvent, type BranchState, type TicketKind, type TicketTimes } from '@tellerline/engine';
import type { Db, SqlSession } from '../client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ServicePunctuality, TicketRecord } from '../types.js';
import { MISSING_SEQS, type SeqRange } from './event-log-gaps.js';
import { APPOINTMENT_PUNCTUALITY } from './punctuality-sql.js';
import { CONFLICTING_EVENTS, EventSeqConflictError } from './event-seq-conflict.js';
import { toTicketRecord } from './ticket-mapping.js';
import { applyTicketChanges, foldTicketChanges, oneEventPerTicket, oneStatementAppend } from './ticket-projection.js';

/** Input for rebuilding a branch's live state: fold `events` into `checkpoint` (or a fresh state). */
export interface RebuildInput {
  /** The state right after the latest stored day close, or null: then `replay(branchId, events)`. */
  checkpoint: BranchState | null;
  /** Every event after the checkpoint (all events when there is none), oldest first. */
  events: BranchEvent[];
}

export interface TicketEventRepository {
  /**
   * Stores events, idempotently: (branchId, seq) is the key and a repeat is skipped, so the same
   * batch may be delivered twice (retries, two consumers). In the same transaction it updates
   * the `tickets` projection for the newly stored events only, and, when a `day-closed` event is
   * stored, writes the branch checkpoint. Events must be gapless per branch for the checkpoint
   * (a gap only skips the checkpoint; the log itself is still stored). Returns how many were new.
   *
   * Events may fill a hole below events already stored (an append that failed, copied later):
   * the tickets they touch are then projected again from their whole history, in seq order, and
   * a checkpoint the hole held back is written.
   *
   * A repeat must be the same event: an event whose (branchId, seq) is stored with other content
   * throws {@link EventSeqConflictError} and nothing of the call is stored.
   */
  appendEvents(events: readonly BranchEvent[]): Promise<{ inserted: number }>;
  /**
   * The branch's seqs up to `toSeq` that are not stored, as ranges, oldest first. Only seqs after
   * the branch checkpoint are examined: everything below it is stored (see writeCheckpoint).
   */
  missingSeqs(branchId: string, toSeq: number): Promise<SeqRange[]>;
  /** Events with seq > afterSeq, oldest first (at most `limit`, default all). */
  eventsSince(branchId: string, afterSeq: number, limit?: number): Promise<BranchEvent[]>;
  /** One ticket's events (its own history: issue, calls, transfers, completion), oldest first. */
  ticketEvents(ticketId: string): Promise<BranchEvent[]>;
  /** Highest stored seq of the branch, 0 when none. */
  lastSeq(branchId: string): Promise<number>;
  /**
   * What a rebuild needs: the latest day-close checkpoint and the events after it. Replaying
   * only "events since the last day-closed" would not do: a day close keeps staff signed on and
   * the service-time statistics, which older events produced.
   */
  eventsForRebuild(branchId: string): Promise<RebuildInput>;
  /** The branch's current state, exactly as `replay(branchId, allEvents)` would give it. */
  rebuildState(branchId: string): Promise<BranchState>;
  findTicketByToken(token: string): Promise<TicketRecord | null>;
  findTicket(ticketId: string): Promise<TicketRecord | null>;
  /** Tickets of one business day (YYYY-MM-DD, branch timezone), by issue time. */
  ticketsForDay(branchId: string, day: string): Promise<TicketRecord[]>;
  /**
   * Appointment punctuality per service over business days `fromDay`..`toDay` (inclusive,
   * YYYY-MM-DD): of the appointment tickets that were called (a booked customer who kept the
   * slot; late arrivals are issued as walk-ins and never-called ones are left out), how many were
   * first called by max(booked time, check-in) + HOLD_GRACE_MIN. serviceId (the service booked,
   * not one a transfer moved the ticket to: as the KPI reports count it) -> counts; services with
   * none are omitted.
   */
  appointmentPunctuality(branchId: string, fromDay: string, toDay: string): Promise<Record<string, ServicePunctuality>>;
  /**
   * What the branch recorded over business days `range.fromDay`..`range.toDay` (inclusive), for a
   * simulation scenario: every ticket's service, kind and times (epoch ms; no customer data), and
   * how many appointments starting in [range.from, range.to) were kept (checked in) or missed.
   */
  branchHistory(branchId: string, range: { fromDay: string; toDay: string; from: number; to: number }): Promise<BranchHistoryRecord>;
}

export type { TicketTimes, SeqRange };
export { EventSeqConflictError };

export interface BranchHistoryRecord {
  tickets: TicketTimes[];
  appointments: { kept: number; noShows: number };
}

export function createTicketEventRepository(db: Pick<Db, 'prisma' | 'transaction' | 'query'>): TicketEventRepository {
  const { prisma } = db;
  async function eventsSince(client: PrismaClient, branchId: string, afterSeq: number, limit?: number) {
    const rows = await client.ticketEvent.findMany({
      where: { branchId, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      ...(limit !== undefined && { take: limit }),
    });
    return rows.map(toEvent);
  }

  async function eventsForRebuild(client: PrismaClient, branchId: string): Promise<RebuildInput> {
    const cp = await client.branchCheckpoint.findUnique({ where: { branchId } });
    const checkpoint = cp ? (cp.state as unknown as BranchState) : null;
    return { checkpoint, events: await eventsSince(client, branchId, cp?.seq ?? 0) };
  }

  /** Branch timezones, for the tickets' business day; re-read after a minute (a branch may move zone). */
  const timezones = new Map<string, { timezone: string; until: number }>();

  async function timezonesOf(sql: Pick<SqlSession, 'query'>, branchIds: string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const out = new Map<string, string>();
    const missing: string[] = [];
    for (const id of branchIds) {
      const hit = timezones.get(id);
      if (hit && hit.until > now) out.set(id, hit.timezone);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await sql.query<{ id: string; timezone: string }>(
        'SELECT id, timezone FROM branches WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
        [JSON.stringify(missing)],
      );
      if (timezones.size > 10_000) timezones.clear();
      for (const r of rows) {
        timezones.set(r.id, { timezone: r.timezone, until: now + TIMEZONE_TTL_MS });
        out.set(r.id, r.timezone);
      }
    }
    return out;
  }

  /** The business day of each ticket-issued event of `events`, in its branch's timezone. */
  async function dayFunction(sql: Pick<SqlSession, 'query'>, events: readonly BranchEvent[]): Promise<(e: BranchEvent) => string> {
    const issuing = [...new Set(events.filter((e) => e.type === 'ticket-issued').map((e) => e.branchId))];
    const zones = issuing.length > 0 ? await timezonesOf(sql, issuing) : new Map<string, string>();
    return (e) => businessDay(e.at, zones.get(e.branchId) ?? 'UTC');
  }

  /** The tickets projection of newly stored events (oldest first per branch). */
  async function projectAll(sql: SqlSession, fresh: BranchEvent[]): Promise<void> {
    const dayOf = await dayFunction(sql, fresh);
    const changes = foldTicketChanges(fresh, dayOf);
    if (changes) return applyTicketChanges(sql, changes);
    // A batch that does not fold (see foldTicketChanges): event by event, exactly in order.
    for (const e of fresh) await applyTicketChanges(sql, foldTicketChanges([e], dayOf)!);
  }

  return {
    async appendEvents(events) {
      if (events.length === 0) return { inserted: 0 };
      const sorted = [...events].sort((a, b) => (a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : a.seq - b.seq));
      const rows = JSON.stringify(sorted.map(toSqlRow));
      // The common case in one round trip: see oneEventPerTicket. The statement stores nothing
      // unless every event is above what its branch has stored (a plain tail of the log).
      const single = oneEventPerTicket(sorted, await dayFunction(db, sorted));
      if (single) {
        const stored = (await db.query(ONE_STATEMENT_APPEND, [rows, ...single])).length;
        if (stored === sorted.length) return { inserted: stored };
        // A repeat, a hole being filled, a clash, or a race with another copy of these events.
        // What the statement did store, the careful path sees as a repeat of the same event.
        return { inserted: stored + (await appendCarefully(sorted, rows)) };
      }
      return { inserted: await appendCarefully(sorted, rows) };
    },

    async missingSeqs(branchId, toSeq) {
      if (toSeq <= 0) return [];
      const rows = await db.query<{ from_seq: number; to_seq: number }>(MISSING_SEQS, [branchId, toSeq]);
      return rows.map((r) => ({ from: Number(r.from_seq), to: Number(r.to_seq) }));
    },

    eventsSince: (branchId, afterSeq, limit) => eventsSince(prisma, branchId, afterSeq, limit),

    async lastSeq(branchId) {
      const agg = await prisma.ticketEvent.aggregate({ where: { branchId }, _max: { seq: true } });
      return agg._max.seq ?? 0;
    },

    eventsForRebuild: (branchId) => eventsForRebuild(prisma, branchId),

    async rebuildState(branchId) {
      const { checkpoint, events } = await eventsForRebuild(prisma, branchId);
      return events.reduce(evolve, checkpoint ?? initialState(branchId));
    },

    async findTicketByToken(token) {
      const row = await prisma.ticket.findUnique({ where: { token } });
      return row ? toTicketRecord(row) : null;
    },

    async ticketEvents(ticketId) {
      const rows = await prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { seq: 'asc' } });
      return rows.map(toEvent);
    },

    async findTicket(ticketId) {
      const row = await prisma.ticket.findUnique({ where: { id: ticketId } });
      return row ? toTicketRecord(row) : null;
    },

    async ticketsForDay(branchId, day) {
      const rows = await prisma.ticket.findMany({ where: { branchId, day }, orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toTicketRecord);
    },

    async appointmentPunctuality(branchId, fromDay, toDay) {
      const rows = await db.query<{ service_id: string; appointments: number; on_time: number }>(APPOINTMENT_PUNCTUALITY, [branchId, fromDay, toDay, HOLD_GRACE_MIN]);
      return Object.fromEntries(rows.map((r) => [r.service_id, { appointments: Number(r.appointments), onTime: Number(r.on_time) }]));
    },

    async branchHistory(branchId, { fromDay, toDay, from, to }) {
      type Row = { service_id: string; kind: TicketKind; joined_at: number; appointment_at: number | null; served_at: number | null; done_at: number | null };
      const rows = await db.query<Row>(BRANCH_HISTORY_TICKETS, [branchId, fromDay, toDay]);
      const [counts] = await db.query<{ kept: number; no_shows: number }>(BRANCH_HISTORY_APPOINTMENTS, [branchId, new Date(from).toISOString(), new Date(to).toISOString()]);
      const ms = (x: number | null) => (x === null ? undefined : Number(x));
      return {
        tickets: rows.map((r) => {
          const t: TicketTimes = { serviceId: r.service_id, kind: r.kind, joinedAt: Number(r.joined_at) };
          const [appointmentAt, servedAt, doneAt] = [ms(r.appointment_at), ms(r.served_at), ms(r.done_at)];
          if (appointmentAt !== undefined) t.appointmentAt = appointmentAt;
          if (servedAt !== undefined) t.servedAt = servedAt;
          if (doneAt !== undefined) t.doneAt = doneAt;
          return t;
        }),
        appointments: { kept: Number(counts?.kept ?? 0), noShows: Number(counts?.no_shows ?? 0) },
      };
    },
  };

  /**
   * Any append that is not a plain tail of the log, in one transaction. Returns how many were new.
   *
   * A stored event with other content under the same (branch, seq) refuses the whole call: skipping
   * it (what ON CONFLICT DO NOTHING alone would do) would drop a command that Redis committed and
   * answered without anyone noticing, and overwriting would change history others already read.
   * Refusing keeps both copies (PostgreSQL's row, the live stream's event) and makes the caller
   * fail loudly. Checked before the insert: a different event racing in between would still be
   * skipped, which needs two live stores writing one branch at the same instant.
   */
  async function appendCarefully(sorted: BranchEvent[], rows: string): Promise<number> {
    return db.transaction(async (sql) => {
      const clashes = await sql.query<{ branch_id: string; seq: number }>(CONFLICTING_EVENTS, [rows]);
      if (clashes.length > 0) throw new EventSeqConflictError(clashes.map((c) => ({ branchId: c.branch_id, seq: Number(c.seq) })));
      const branchIds = [...new Set(sorted.map((e) => e.branchId))];
      const tops = await sql.query<{ branch_id: string; seq: number | null }>(TOP_SEQS, [JSON.stringify(branchIds)]);
      const topOf = new Map(tops.map((r) => [r.branch_id, Number(r.seq ?? 0)]));
      // One statement for the whole batch; a repeat of a stored (branch, seq) is skipped.
      const stored = await sql.query<{ branch_id: string; seq: number }>(INSERT_EVENTS, [rows]);
      if (stored.length === 0) return 0;
      const isNew = new Set(stored.map((r) => `${r.branch_id}:${r.seq}`));
      // Only the newly stored events, each once (a batch may carry one event twice).
      const fresh = sorted.filter((e) => isNew.delete(`${e.branchId}:${e.seq}`));
      // A new event below its branch's latest stored one fills a hole: the later events were
      // projected without it (an update of a ticket whose issue was missing changed nothing), so
      // folding only the new events on top would leave their tickets wrong.
      const filled = new Set(fresh.filter((e) => e.seq < (topOf.get(e.branchId) ?? 0)).map((e) => e.branchId));
      const inOrder = fresh.filter((e) => !filled.has(e.branchId));
      if (inOrder.length > 0) await projectAll(sql, inOrder);
      const refold = fresh.flatMap((e) => (filled.has(e.branchId) && 'ticketId' in e ? [e.ticketId] : []));
      if (refold.length > 0) await reprojectTickets(sql, [...new Set(refold)]);
      // Day closes are rare (once a day per branch): the checkpoint may take its time.
      for (const e of fresh) if (e.type === 'day-closed') await writeCheckpoint(sql, e.branchId, e.seq);
      for (const branchId of filled) await writeHeldBackCheckpoint(sql, branchId);
      return fresh.length;
    });
  }

  /** Projects tickets again from their whole stored history (oldest first), as if never projected. */
  async function reprojectTickets(sql: SqlSession, ticketIds: string[]): Promise<void> {
    const ids = JSON.stringify(ticketIds);
    const rows = await sql.query<EventRow>(
      'SELECT branch_id, seq, type, at, payload FROM ticket_events WHERE ticket_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY branch_id, seq',
      [ids],
    );
    // `transfers` is a counter the fold adds to; every other column is set from the events.
    await sql.query('UPDATE tickets SET transfers = 0 WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))', [ids]);
    await projectAll(sql, rows.map(toEventFromSql));
  }

  /** After a hole is filled: the checkpoint of the latest day close it held back, if any. */
  async function writeHeldBackCheckpoint(sql: SqlSession, branchId: string): Promise<void> {
    const [row] = await sql.query<{ seq: number | null }>(
      `SELECT max(seq) AS seq FROM ticket_events
       WHERE branch_id = $1 AND type = 'day-closed' AND seq > COALESCE((SELECT seq FROM branch_checkpoints WHERE branch_id = $1), 0)`,
      [branchId],
    );
    if (row?.seq != null) await writeCheckpoint(sql, branchId, Number(row.seq));
  }

  /** Folds the day's events into the previous checkpoint; skipped if the log has a gap. */
  async function writeCheckpoint(sql: SqlSession, branchId: string, seq: number): Promise<void> {
    const [cp] = await sql.query<{ seq: number; state: unknown }>('SELECT seq, state FROM branch_checkpoints WHERE branch_id = $1', [branchId]);
    const from = cp?.seq ?? 0;
    if (seq <= from) return;
    const rows = await sql.query<EventRow>(
      'SELECT branch_id, seq, type, at, payload FROM ticket_events WHERE branch_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
      [branchId, from, seq],
    );
    if (rows.length !== seq - from) return;
    const checkpoint = cp ? (cp.state as BranchState) : null;
    const state = rows.map(toEventFromSql).reduce(evolve, checkpoint ?? initialState(branchId));
    await sql.query(
      `INSERT INTO branch_checkpoints (branch_id, seq, state, at) VALUES ($1, $2, $3::jsonb, $4::timestamptz)
       ON CONFLICT (branch_id) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at`,
      [branchId, seq, JSON.stringify(state), new Date().toISOString()],
    );
  }
}

const TIMEZONE_TTL_MS = 60_000;

// Epoch ms straight from SQL: both drivers return float8 as a number, whatever they do with timestamptz.
const epochMs = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8 AS ${col}`;
const BRANCH_HISTORY_TICKETS = `SELECT service_id, kind, ${epochMs('joined_at')}, ${epochMs('appointment_at')}, ${epochMs('served_at')}, ${epochMs('done_at')}
FROM tickets
WHERE branch_id = $1 AND day >= $2 AND day <= $3`;

const BRANCH_HISTORY_APPOINTMENTS = `SELECT count(*) FILTER (WHERE state IN ('checked-in', 'done'))::int AS kept,
  count(*) FILTER (WHERE state = 'no-show')::int AS no_shows
FROM appointments
WHERE branch_id = $1 AND starts_at >= $2::timestamptz AND starts_at < $3::timestamptz`;

const INSERT_EVENTS = `INSERT INTO ticket_events (branch_id, seq, type, ticket_id, at, payload)
SELECT branch_id, seq, type, ticket_id, at, payload
FROM jsonb_to_recordset($1::jsonb) AS x(branch_id text, seq int, type text, ticket_id text, at timestamptz, payload jsonb)
ON CONFLICT (branch_id, seq) DO NOTHING
RETURNING branch_id, seq`;
// The one-statement append stores nothing unless every event is above all its branch has stored
// (one uncorrelated check, an index probe per event): anything else takes the careful path.
const INSERT_TAIL_EVENTS = `INSERT INTO ticket_events (branch_id, seq, type, ticket_id, at, payload)
SELECT branch_id, seq, type, ticket_id, at, payload
FROM jsonb_to_recordset($1::jsonb) AS x(branch_id text, seq int, type text, ticket_id text, at timestamptz, payload jsonb)
WHERE NOT EXISTS (
  SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS y(branch_id text, seq int)
  JOIN ticket_events t ON t.branch_id = y.branch_id AND t.seq >= y.seq
)
ON CONFLICT (branch_id, seq) DO NOTHING
RETURNING branch_id, seq`;
const ONE_STATEMENT_APPEND = oneStatementAppend(INSERT_TAIL_EVENTS);
// Latest stored seq per branch: one backward index probe each.
const TOP_SEQS = `SELECT b.id AS branch_id, (SELECT max(seq) FROM ticket_events WHERE branch_id = b.id) AS seq
FROM jsonb_array_elements_text($1::jsonb) AS b(id)`;

interface EventRow extends Record<string, unknown> {
  branch_id: string;
  seq: number;
  type: string;
  at: Date;
  payload: unknown;
}

function toEventFromSql(row: EventRow): BranchEvent {
  return toEvent({ branchId: row.branch_id, seq: row.seq, type: row.type, at: new Date(row.at), payload: row.payload });
}

const ENVELOPE = new Set(['type', 'seq', 'branchId', 'at']);

function toSqlRow(e: BranchEvent) {
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!ENVELOPE.has(k)) payload[k] = v;
  return { branch_id: e.branchId, seq: e.seq, type: e.type, ticket_id: 'ticketId' in e ? e.ticketId : null, at: new Date(e.at).toISOString(), payload };
}

function toEvent(row: { branchId: string; seq: number; type: string; at: Date; payload: unknown }): BranchEvent {
  return {
    ...(row.payload as object),
    type: row.type,
    seq: row.seq,
    branchId: row.branchId,
    at: row.at.getTime(),
  } as BranchEvent;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Calendar day (YYYY-MM-DD) of `at` in `timezone`. */
export function businessDay(at: number, timezone: string): string {
  let f = dayFormats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timezone, f);
  }
  return f.format(at);
}
