import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export interface NewConsentConfirmation {
  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  tokenHash: string;
  customerId: string;
  appointmentId: string;
  /** true: gives the consent with `preferences`; false: withdraws it and clears the stored needs. */
  keep: boolean;
  /** The needs asked for (VisitPreferences, only the ticked ones; empty when withdrawing). */
  preferences: Record<string, boolean>;
  expiresAt: number;
}

/** A confirmation as the page shows it, and what confirming it applied. */
export interface ConsentConfirmationRecord {
  customerId: string;
  appointmentId: string;
  branchId: string;
  /** The asking booking's code (for the audit entry). */
  code: string;
  /** Gives (true) or withdraws (false) the consent. */
  keep: boolean;
  preferences: Record<string, unknown>;
  expiresAt: number;
}

/**
 * `open` until confirmed (`used`) or past its time (`expired`); `unknown` when no confirmation has
 * this token. A used one stays `used` after its time, so a second tap says what happened.
 */
export type ConsentConfirmationLookup =
  | { status: 'open'; confirmation: ConsentConfirmationRecord }
  | { status: 'used' | 'expired' | 'unknown' };

export interface ConsentConfirmationRepository {
  create(c: NewConsentConfirmation): Promise<void>;
  find(tokenHash: string, now: number): Promise<ConsentConfirmationLookup>;
  /** Deletes one (a link that could not be sent); nothing when there is none. */
  discard(tokenHash: string): Promise<void>;
  /** Whether a link this appointment asked for was confirmed (the profile's own contact opened it). */
  confirmedFor(appointmentId: string): Promise<boolean>;
  /** Deletes the profile's unused confirmations other than `keep` (a newer link replaces them). */
  discardOpen(customerId: string, keep: string): Promise<void>;
  /** Deletes the unused confirmations this appointment asked for (it withdrew what it asked). */
  discardAskedBy(appointmentId: string): Promise<void>;
  /**
   * Marks the confirmation used and gives the profile the consent with exactly the needs asked
   * for (or withdraws it, clearing the needs), in one transaction; the mark is a compare-and-set, so of two taps only one applies.
   */
  redeem(tokenHash: string, now: number): Promise<ConsentConfirmationLookup>;
}

const WITH_APPOINTMENT = { appointment: { select: { branchId: true, code: true } } } as const;
type Row = Prisma.HistoryConsentConfirmationGetPayload<{ include: typeof WITH_APPOINTMENT }>;

function lookup(row: Row | null, now: number): ConsentConfirmationLookup {
  if (!row) return { status: 'unknown' };
  if (row.usedAt) return { status: 'used' };
  if (row.expiresAt.getTime() <= now) return { status: 'expired' };
  return {
    status: 'open',
    confirmation: {
      customerId: row.customerId,
      appointmentId: row.appointmentId,
      branchId: row.appointment.branchId,
      code: row.appointment.code,
      keep: row.keep,
      preferences: (row.preferences ?? {}) as Record<string, unknown>,
      expiresAt: row.expiresAt.getTime(),
    },
  };
}

export function createConsentConfirmationRepository(prisma: PrismaClient): ConsentConfirmationRepository {
  return {
    async create(c) {
      await prisma.historyConsentConfirmation.create({
        data: { tokenHash: c.tokenHash, customerId: c.customerId, appointmentId: c.appointmentId, keep: c.keep, preferences: c.preferences as Prisma.InputJsonValue, expiresAt: new Date(c.expiresAt) },
      });
    },
    async find(tokenHash, now) {
      return lookup(await prisma.historyConsentConfirmation.findUnique({ where: { tokenHash }, include: WITH_APPOINTMENT }), now);
    },
    async discard(tokenHash) {
      await prisma.historyConsentConfirmation.deleteMany({ where: { tokenHash } });
    },
    async confirmedFor(appointmentId) {
      return (await prisma.historyConsentConfirmation.count({ where: { appointmentId, usedAt: { not: null } } })) > 0;
    },
    async discardOpen(customerId, keep) {
      await prisma.historyConsentConfirmation.deleteMany({ where: { customerId, usedAt: null, tokenHash: { not: keep } } });
    },
    async discardAskedBy(appointmentId) {
      await prisma.historyConsentConfirmation.deleteMany({ where: { appointmentId, usedAt: null } });
    },
    async redeem(tokenHash, now) {
      return prisma.$transaction(async (tx) => {
        const found = lookup(await tx.historyConsentConfirmation.findUnique({ where: { tokenHash }, include: WITH_APPOINTMENT }), now);
        if (found.status !== 'open') return found;
        const taken = await tx.historyConsentConfirmation.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: new Date(now) } }, data: { usedAt: new Date(now) } });
        if (taken.count !== 1) return { status: 'used' as const };
        const c = found.confirmation;
        const preferences = (c.keep ? c.preferences : {}) as Prisma.InputJsonValue;
        await tx.customer.update({ where: { id: c.customerId }, data: { consentHistory: c.keep, preferences } });
        return found;
      });
    },
  };
}
