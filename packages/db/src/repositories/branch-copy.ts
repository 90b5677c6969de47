import { localDateOf } from '@tellerline/engine';
import type { Prisma } from '../generated/prisma/client.js';
import type { OpeningHours } from '../types.js';
import { json, normalizeHours } from './branch-repository.js';

/** Why a branch could not be copied: no such branch, or one out of service. Nothing was written. */
export class CopySourceError extends Error {
  constructor(readonly reason: 'unknown' | 'inactive') {
    super(`the branch to copy from is ${reason}`);
    this.name = 'CopySourceError';
  }
}

/** What a new branch took from its source (for the audit entry). */
export interface CopiedSetup {
  source: { id: string; code: string };
  services: number;
  counters: number;
}

/** The source's set-up a new branch starts with, read inside the create's transaction. */
export interface SourceSetup {
  source: { id: string; code: string };
  openingHours: OpeningHours;
  /** Booking settings without the closures already over at the new branch's day. */
  booking: Prisma.InputJsonValue;
  routing: Prisma.InputJsonValue;
}

/**
 * Reads the branch to copy from, with its row locked against an edit or a take-out-of-service
 * landing half-way (FOR SHARE: two copies of one source do not wait for each other).
 * Throws `CopySourceError` when there is no such branch, or it is out of service.
 */
export async function readCopySource(tx: Prisma.TransactionClient, sourceId: string, timezone: string, at: number): Promise<SourceSetup> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM branches WHERE id = ${sourceId} FOR SHARE`;
  const row = locked.length === 0 ? null : await tx.branch.findUnique({ where: { id: sourceId } });
  if (!row) throw new CopySourceError('unknown');
  if (!row.active) throw new CopySourceError('inactive');
  const booking = { ...asObject(row.booking) };
  if (Array.isArray(booking.closures)) booking.closures = booking.closures.filter((c) => !closureOver(c, localDateOf(at, timezone), at));
  return { source: { id: row.id, code: row.code }, openingHours: normalizeHours(row.openingHours as Partial<OpeningHours> | null), booking: json(booking), routing: json(row.routing ?? {}) };
}

/**
 * Gives `targetId` (made in the same transaction) copies of the source's active services (with
 * their booking rules) and active counters. Nothing that names people, devices, visits or the
 * source's history is read: staff and their skills and rosters, devices, tickets, bookings.
 */
export async function copyServicesAndCounters(tx: Prisma.TransactionClient, sourceId: string, targetId: string): Promise<Omit<CopiedSetup, 'source'>> {
  const services = await tx.service.findMany({ where: { branchId: sourceId, active: true }, orderBy: { code: 'asc' } });
  const counters = await tx.counter.findMany({ where: { branchId: sourceId, active: true }, orderBy: { label: 'asc' } });
  if (services.length > 0) {
    await tx.service.createMany({
      data: services.map((s) => ({
        branchId: targetId,
        code: s.code,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        targetMin: s.targetMin,
        defaultDurationMin: s.defaultDurationMin,
        documents: json(s.documents),
        booking: json(s.booking),
      })),
    });
  }
  if (counters.length > 0) await tx.counter.createMany({ data: counters.map((c) => ({ branchId: targetId, label: c.label })) });
  return { services: services.length, counters: counters.length };
}

/** A closure that has ended by `today` (whole days, local) or `at` (an interval): the new branch has no use for it. */
function closureOver(closure: unknown, today: string, at: number): boolean {
  const c = asObject(closure);
  if (typeof c.date === 'string') return (typeof c.until === 'string' ? c.until : c.date) < today;
  if (typeof c.to === 'number') return c.to <= at;
  return false;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
