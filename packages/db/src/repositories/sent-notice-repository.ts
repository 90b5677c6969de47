import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * Which customer notices have gone out, by a key naming the job and target (an appointment
 * reminder's job id, a queue notice's job and contact). Kept in PostgreSQL so that a Redis that
 * lost its data, with its BullMQ jobs, cannot make a re-armed or replayed job send twice.
 */
export interface SentNoticeRepository {
  /** For each key, whether it was marked sent. */
  sentAlready(keys: readonly string[]): Promise<boolean[]>;
  /** Marks `key` sent (a second mark is a no-op). */
  markSent(key: string, at: number): Promise<void>;
  /** Forgets marks older than `before` (their jobs are long gone); returns how many. */
  prune(before: number): Promise<number>;
}

export function createSentNoticeRepository(prisma: PrismaClient): SentNoticeRepository {
  return {
    async sentAlready(keys) {
      if (keys.length === 0) return [];
      const rows = await prisma.sentNotice.findMany({ where: { key: { in: [...keys] } }, select: { key: true } });
      const sent = new Set(rows.map((r) => r.key));
      return keys.map((k) => sent.has(k));
    },
    async markSent(key, at) {
      await prisma.sentNotice.createMany({ data: [{ key, sentAt: new Date(at) }], skipDuplicates: true });
    },
    async prune(before) {
      return (await prisma.sentNotice.deleteMany({ where: { sentAt: { lt: new Date(before) } } })).count;
    },
  };
}
