/**
 * The staff panel learns why a customer it held left from its own record's endpoint. The live
 * queue lets the ticket go first; the stored visit is projected a moment later. In between, the
 * endpoint must say "still at your desk" (visit null) to the teller who held them, so the panel
 * asks again, and still refuse anyone else.
 */
import { describe, expect, it } from 'vitest';
import { createServiceRecords, type ServiceRecordDeps, type StoredVisit } from '../src/usecases/service-records.js';

const TODAY = Date.UTC(2026, 2, 2, 3, 0);
const visit = (status: string, staffId: string | null): StoredVisit => ({
  id: 't1', branchId: 'b1', number: 'A003', serviceId: 'A', kind: 'walk-in', priority: 'normal', status,
  issuedAt: TODAY - 600_000, calledAt: TODAY - 60_000, servedAt: null, doneAt: null, counterId: 'c1', staffId, recalls: 0, transfers: 0, day: '2026-03-02',
});

function records(stored: StoredVisit): ReturnType<typeof createServiceRecords> {
  const deps: ServiceRecordDeps = {
    records: { upsert: async () => { throw new Error('not used'); }, listByTicket: async () => [] },
    visits: { findTicket: async () => stored, ticketEvents: async () => [] },
    directory: { profile: async () => ({ timezone: 'Asia/Shanghai' }) as never, labels: async () => null as never, staffNames: async () => ({}) as never },
    liveTicket: async () => null, // the live queue has already let the ticket go
    now: () => TODAY,
  };
  return createServiceRecords(deps);
}

describe('my service record while the stored visit lags the live queue', () => {
  it('tells the teller who held the customer that the visit has not ended yet, so the panel asks again', async () => {
    expect(await records(visit('called', 's1')).mine('s1', 'b1', 't1')).toEqual({ record: null, visit: null });
    expect(await records(visit('serving', 's1')).mine('s1', 'b1', 't1')).toEqual({ record: null, visit: null });
  });

  it('still refuses a colleague, and says how the visit ended once it is stored', async () => {
    await expect(records(visit('called', 's1')).mine('s2', 'b1', 't1')).rejects.toMatchObject({ code: 'RECORD_NOT_YOURS' });
    await expect(records(visit('waiting', null)).mine('s1', 'b1', 't1')).rejects.toMatchObject({ code: 'RECORD_NOT_YOURS' });
  });
});
