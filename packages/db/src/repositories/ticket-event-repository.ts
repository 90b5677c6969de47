import { evolve, initialState, type BranchEvent, type BranchState } from '@tellerline/engine';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { TicketRecord } from '../types.js';
import { toTicketRecord } from './ticket-mapping.js';

type Tx = Prisma.TransactionClient;

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
   */
  appendEvents(events: readonly BranchEvent[]): Promise<{ inserted: number }>;
  /** Events with seq > afterSeq, oldest first (at most `limit`, default all). */
  eventsSince(branchId: string, afterSeq: number, limit?: number): Promise<BranchEvent[]>;
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
}

// Day-close checkpoints fold a whole day of events: allow more than the 5 s default.
const TX_OPTIONS = { timeout: 60_000, maxWait: 10_000 };

export function createTicketEventRepository(prisma: PrismaClient): TicketEventRepository {
  async function eventsSince(db: Tx | PrismaClient, branchId: string, afterSeq: number, limit?: number) {
    const rows = await db.ticketEvent.findMany({
      where: { branchId, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      ...(limit !== undefined && { take: limit }),
    });
    return rows.map(toEvent);
  }

  async function eventsForRebuild(db: Tx | PrismaClient, branchId: string): Promise<RebuildInput> {
    const cp = await db.branchCheckpoint.findUnique({ where: { branchId } });
    const checkpoint = cp ? (cp.state as unknown as BranchState) : null;
    return { checkpoint, events: await eventsSince(db, branchId, cp?.seq ?? 0) };
  }

  return {
    async appendEvents(events) {
      if (events.length === 0) return { inserted: 0 };
      const sorted = [...events].sort((a, b) => (a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : a.seq - b.seq));
      return prisma.$transaction(async (tx) => {
        const stored = await tx.ticketEvent.createManyAndReturn({
          data: sorted.map(toRow),
          skipDuplicates: true,
          select: { branchId: true, seq: true },
        });
        if (stored.length === 0) return { inserted: 0 };
        const isNew = new Set(stored.map((r) => `${r.branchId}:${r.seq}`));
        const fresh = sorted.filter((e) => isNew.has(`${e.branchId}:${e.seq}`));

        const branchIds = [...new Set(fresh.map((e) => e.branchId))];
        const branches = await tx.branch.findMany({ where: { id: { in: branchIds } }, select: { id: true, timezone: true } });
        const timezones = new Map(branches.map((b) => [b.id, b.timezone]));
        for (const e of fresh) {
          await project(tx, e, timezones.get(e.branchId) ?? 'UTC');
          if (e.type === 'day-closed') await writeCheckpoint(tx, e.branchId, e.seq);
        }
        return { inserted: fresh.length };
      }, TX_OPTIONS);
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

    async findTicket(ticketId) {
      const row = await prisma.ticket.findUnique({ where: { id: ticketId } });
      return row ? toTicketRecord(row) : null;
    },

    async ticketsForDay(branchId, day) {
      const rows = await prisma.ticket.findMany({ where: { branchId, day }, orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toTicketRecord);
    },
  };

  /** Folds the day's events into the previous checkpoint; skipped if the log has a gap. */
  async function writeCheckpoint(tx: Tx, branchId: string, seq: number): Promise<void> {
    const { checkpoint, events } = await eventsForRebuild(tx, branchId);
    const upTo = events.filter((e) => e.seq <= seq);
    const from = checkpoint?.seq ?? 0;
    if (seq <= from || upTo.length !== seq - from) return;
    const state = upTo.reduce(evolve, checkpoint ?? initialState(branchId));
    const data = { seq, state: state as unknown as Prisma.InputJsonValue, at: new Date() };
    await tx.branchCheckpoint.upsert({ where: { branchId }, create: { branchId, ...data }, update: data });
  }
}

const ENVELOPE = new Set(['type', 'seq', 'branchId', 'at']);

function toRow(e: BranchEvent) {
  const payload = Object.fromEntries(Object.entries(e).filter(([k]) => !ENVELOPE.has(k)));
  return {
    branchId: e.branchId,
    seq: e.seq,
    type: e.type,
    ticketId: 'ticketId' in e ? e.ticketId : null,
    at: new Date(e.at),
    payload: payload as Prisma.InputJsonValue,
  };
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

/** Keeps the `tickets` row in step with one newly stored event (mirrors the engine's evolve). */
async function project(tx: Tx, e: BranchEvent, timezone: string): Promise<void> {
  const at = new Date(e.at);
  const update = (data: Prisma.TicketUncheckedUpdateManyInput) =>
    'ticketId' in e ? tx.ticket.updateMany({ where: { id: e.ticketId }, data }) : undefined;
  switch (e.type) {
    case 'ticket-issued': {
      const row = {
        branchId: e.branchId,
        token: e.token,
        number: e.number,
        serviceId: e.serviceId,
        kind: e.kind,
        priority: e.priority,
        status: 'waiting',
        joinedAt: at,
        issuedAt: at,
        appointmentAt: e.appointmentAt !== undefined ? new Date(e.appointmentAt) : null,
        customerId: e.customerId ?? null,
        day: businessDay(e.at, timezone),
      };
      await tx.ticket.upsert({ where: { id: e.ticketId }, create: { id: e.ticketId, ...row }, update: row });
      return;
    }
    case 'ticket-called':
      await update({ status: 'called', calledAt: at, staffId: e.staffId, counterId: e.counterId });
      return;
    case 'ticket-recalled':
      await update({ recalls: e.recalls, staffId: e.staffId, counterId: e.counterId });
      return;
    case 'service-started':
      await update({ status: 'serving', servedAt: at });
      return;
    case 'ticket-completed':
      await update({ status: 'done', doneAt: at, staffId: e.staffId });
      return;
    case 'ticket-no-show':
      await update({ status: 'no-show', doneAt: at });
      return;
    case 'ticket-cancelled':
      await update({ status: 'cancelled', doneAt: at });
      return;
    case 'ticket-transferred':
      await update({
        status: 'waiting',
        serviceId: e.toServiceId,
        number: e.number,
        recalls: 0,
        transfers: { increment: 1 },
        calledAt: null,
        servedAt: null,
        staffId: null,
        counterId: null,
      });
      return;
    default:
      return;
  }
}
