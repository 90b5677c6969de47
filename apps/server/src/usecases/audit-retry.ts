import type { AuditEntry, AuditLog } from '../auth/ports.js';
import type { Logger } from '../logger.js';
import type { Clock } from './ports.js';

/** An audit entry waiting for the database, with the time it happened and the request it came from. */
export interface PendingAuditEntry extends AuditEntry {
  at: number;
  requestId?: string | null;
}

/**
 * Where audit entries wait while the database is away: a list shared by every node (Redis), so
 * a restart meanwhile does not lose them. `take` removes the oldest; `putBack` returns it to the
 * front when it could not be written yet.
 */
export interface PendingAudits {
  push(entry: PendingAuditEntry): Promise<void>;
  take(): Promise<PendingAuditEntry | null>;
  putBack(entry: PendingAuditEntry): Promise<void>;
}

/** Backoff between rounds of retries while the database stays away. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;
/** An entry still not written after this is given up (logged in full, then dropped). */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * What the log line of an entry says: enough to put it in the audit trail by hand (who, what,
 * which branch and ticket, when, which request), never customer data (details can carry a
 * staff-typed reason: only the seqs and the staff member acted on are logged).
 */
export function auditLogFields(e: PendingAuditEntry): Record<string, unknown> {
  const d = e.details ?? {};
  return {
    audit: {
      action: e.action,
      at: new Date(e.at).toISOString(),
      branchId: e.branchId,
      ticketId: e.ticketId,
      userId: e.userId,
      role: e.role,
      requestId: e.requestId ?? null,
      ...('seq' in d ? { seq: d.seq } : {}),
      ...('staffId' in d ? { staffId: d.staffId } : {}),
    },
  };
}

/**
 * Audit appends of the command flow that survive the database being briefly down. A command
 * committed in Redis has happened; its audit entry used to be dropped with a log line naming only
 * the database error. Now a failed append is queued (`PendingAudits`) with its original time and
 * retried with backoff (1 s doubling to 1 min) until the database takes it, like the event log's
 * catch-up. Never throws. If the entry cannot even be queued (Redis away too), or is still not
 * written after a day, it is logged in full (`auditLogFields`) so an operator can restore it.
 */
export function createAuditRetry(deps: { audit: AuditLog; pending: PendingAudits; clock: Clock; logger: Logger; firstDelayMs?: number }) {
  const { audit, pending, clock, logger } = deps;
  const firstDelay = deps.firstDelayMs ?? FIRST_DELAY_MS;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | null = null;
  let stopped = false;

  const store = ({ requestId: _requestId, ...entry }: AuditEntry & { requestId?: string | null }) => audit.append(entry);

  function schedule(): void {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delay);
    timer.unref();
  }

  /** Writes queued entries, oldest first, until the queue is empty or the database fails again. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      for (;;) {
        let entry: PendingAuditEntry | null;
        try {
          entry = await pending.take();
        } catch (err) {
          logger.warn({ err }, 'pending audit entries unreadable; will retry');
          return void schedule();
        }
        if (!entry) {
          delay = firstDelay;
          return;
        }
        try {
          await store(entry);
          logger.info(auditLogFields(entry), 'queued audit entry written');
        } catch (err) {
          if (clock.now() - entry.at > GIVE_UP_AFTER_MS) {
            logger.error({ err, ...auditLogFields(entry) }, 'audit entry given up after a day of retries');
            continue;
          }
          await pending.putBack(entry).catch((e: unknown) => logger.error({ err: e, ...auditLogFields(entry) }, 'audit entry lost: could not queue it again'));
          delay = Math.min(delay * 2, MAX_DELAY_MS);
          return void schedule();
        }
      }
    })().finally(() => (draining = null));
    return draining;
  }

  return {
    /**
     * Appends `entry` now (stamped by the database), or queues it for the retries stamped with
     * the time it was made, so a late write still says when it happened.
     */
    async append(entry: AuditEntry & { requestId?: string | null }): Promise<void> {
      const at = entry.at ?? clock.now();
      try {
        await store(entry);
        return;
      } catch (err) {
        const queued = { ...entry, at };
        try {
          await pending.push(queued);
          logger.warn({ err, ...auditLogFields(queued) }, 'audit append failed; queued, will retry');
        } catch (queueErr) {
          logger.error({ err, queueErr, ...auditLogFields(queued) }, 'audit entry lost: append failed and it could not be queued');
          return;
        }
      }
      schedule();
    },
    /** Writes what an earlier run (or another node) left queued; start-up calls it. */
    drain,
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export type AuditRetry = ReturnType<typeof createAuditRetry>;
