/**
 * The audit retries' last resort: an entry that can be neither written nor queued, or that the
 * database still refuses a day later, is logged in full (who, what, where, when, which request)
 * so an operator can put it back, and without what a staff member may have typed about a customer.
 */
import { describe, expect, it } from 'vitest';
import { capturingLogger } from './capturing-logger.js';
import { createAuditRetry, GIVE_UP_AFTER_MS, type PendingAuditEntry } from '../src/usecases/audit-retry.js';

const entry = (at: number): PendingAuditEntry => ({
  userId: 'u-alice',
  role: 'staff',
  action: 'raise-priority',
  branchId: 'b-1',
  ticketId: 't-9',
  ip: '10.0.0.5',
  userAgent: 'panel',
  details: { seq: [41], reason: 'Mrs Wang, 138 0000 1111, is unwell' },
  at,
  requestId: 'req-123',
});

const down = { append: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };

describe('audit entries that cannot be kept', () => {
  it('logs the whole entry, without customer details, when it can be neither written nor queued', async () => {
    const { logger, lines } = capturingLogger();
    const retry = createAuditRetry({
      audit: down,
      pending: { push: () => Promise.reject(new Error('redis away')), take: async () => null, putBack: async () => undefined },
      clock: { now: () => 1_000 },
      logger,
    });
    await retry.append(entry(1_000));
    retry.stop();
    await new Promise((r) => setTimeout(r, 20));
    const lost = lines.find((l) => l.msg === 'audit entry lost: append failed and it could not be queued');
    expect(lost?.audit).toEqual({ action: 'raise-priority', at: new Date(1_000).toISOString(), branchId: 'b-1', ticketId: 't-9', userId: 'u-alice', role: 'staff', requestId: 'req-123', seq: [41] });
    expect(JSON.stringify(lines)).not.toContain('Mrs Wang');
    expect(JSON.stringify(lines)).not.toContain('138 0000 1111');
  });

  it('gives up on an entry still refused a day later, logging it in full, and keeps the next one queued', async () => {
    const { logger, lines } = capturingLogger();
    const queue: PendingAuditEntry[] = [entry(0), { ...entry(GIVE_UP_AFTER_MS), ticketId: 't-10' }];
    const retry = createAuditRetry({
      audit: down,
      pending: { push: async (e) => void queue.push(e), take: async () => queue.shift() ?? null, putBack: async (e) => void queue.unshift(e) },
      clock: { now: () => GIVE_UP_AFTER_MS + 1 },
      logger,
    });
    await retry.drain();
    retry.stop();
    const given = lines.find((l) => l.msg === 'audit entry given up after a day of retries');
    expect(given?.audit).toMatchObject({ action: 'raise-priority', ticketId: 't-9', requestId: 'req-123' });
    expect(queue.map((e) => e.ticketId)).toEqual(['t-10']);
  });
});
