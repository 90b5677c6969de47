import type { RedisClientType } from 'redis';

/**
 * Where each "nearly your turn" target stood when the customer signed up or the ticket was issued
 * (places ahead, per `<channel>/<threshold>` of a ticket): the notice waits until the place is
 * lower. Kept outside the notifier's memory: a restarted worker that forgot it told a customer
 * still standing at the kiosk "please come back to the waiting area" at once, before the queue
 * had moved at all.
 */
export interface NearBaselines {
  /** The baselines stored for these tickets (`<ticketId>` -> `<channel>/<threshold>` -> ahead). */
  read(ticketIds: readonly string[]): Promise<Map<string, Map<string, number>>>;
  /** Records first baselines; one already stored for a key is kept. */
  keep(ticketId: string, entries: ReadonlyMap<string, number>): Promise<void>;
  /** The ticket left the queue. */
  forget(ticketId: string): Promise<void>;
}

/** Longer than any ticket lives (one business day) with room to spare; a ticket left behind goes by itself. */
export const NEAR_BASELINE_TTL_SEC = 36 * 3600;

/** One hash per ticket, `<prefix>near-baseline:<ticketId>`, field `<channel>/<threshold>`. */
export function createRedisNearBaselines(redis: RedisClientType, prefix: string): NearBaselines {
  const key = (ticketId: string) => `${prefix}near-baseline:${ticketId}`;
  return {
    async read(ticketIds) {
      if (ticketIds.length === 0) return new Map();
      const multi = redis.multi();
      for (const id of ticketIds) multi.hGetAll(key(id));
      const replies = (await multi.exec()) as unknown as Record<string, string>[];
      const out = new Map<string, Map<string, number>>();
      ticketIds.forEach((id, i) => {
        const fields = Object.entries(replies[i] ?? {}).filter(([, v]) => Number.isFinite(Number(v)));
        if (fields.length > 0) out.set(id, new Map(fields.map(([k, v]) => [k, Number(v)])));
      });
      return out;
    },
    async keep(ticketId, entries) {
      if (entries.size === 0) return;
      const multi = redis.multi();
      for (const [field, ahead] of entries) multi.hSetNX(key(ticketId), field, String(ahead));
      await multi.expire(key(ticketId), NEAR_BASELINE_TTL_SEC).exec();
    },
    async forget(ticketId) {
      await redis.del(key(ticketId));
    },
  };
}

/** In this process only (unit tests; a store shared by two notifiers stands in for Redis across a restart). */
export function createMemoryNearBaselines(): NearBaselines {
  const stored = new Map<string, Map<string, number>>();
  return {
    async read(ticketIds) {
      return new Map(ticketIds.filter((id) => stored.has(id)).map((id) => [id, new Map(stored.get(id))]));
    },
    async keep(ticketId, entries) {
      const mine = stored.get(ticketId) ?? new Map<string, number>();
      for (const [field, ahead] of entries) if (!mine.has(field)) mine.set(field, ahead);
      stored.set(ticketId, mine);
    },
    async forget(ticketId) {
      stored.delete(ticketId);
    },
  };
}
