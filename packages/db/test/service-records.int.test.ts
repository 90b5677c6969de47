/** Staff records of visits (notes and outcome) against a real PostgreSQL. */
import { apply, initialState, type BranchEvent, type BranchState, type Command } from '@tellerline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrate, seedDemo, type Repositories } from '../src/index.js';
import { fakeHash, openTestDb, type TestDb } from './support/test-db.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0);

describe('service records on postgres', () => {
  let t: TestDb;
  let repos: Repositories;
  let branchId: string;
  let staff: { id: string; displayName: string }[];
  let customerId: string;

  beforeAll(async () => {
    t = openTestDb('postgres');
    await migrate(t.db);
    repos = createRepositories(t.db);
    branchId = (await seedDemo(t.db, { passwordHash: fakeHash })).branchId;
    const config = (await repos.branches.loadConfig(branchId))!;
    staff = (await repos.branches.details(branchId))!.staff;
    customerId = (await repos.customers.create({ phone: '+86 138 0000 0009', language: 'zh' })).id;
    let state: BranchState = initialState(branchId);
    const events: BranchEvent[] = [];
    const run = (cmd: Command) => {
      const r = apply(state, cmd, T0 + events.length * 60_000);
      state = r.state;
      events.push(...r.events);
    };
    run({ type: 'configure', config });
    // Twelve visits of one customer, and one of nobody's: only the latest ten count as history.
    for (let i = 1; i <= 12; i++) {
      run({ type: 'issue', ticketId: `v${i}`, token: `tok-v${i}-aaaaaaaaaaaaaa`, serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal', customerId });
    }
    run({ type: 'issue', ticketId: 'other', token: 'tok-other-aaaaaaaaaaaa', serviceId: config.services[0]!.id, kind: 'walk-in', priority: 'normal' });
    await repos.events.appendEvents(events);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('keeps one record per ticket and staff member: saving again amends it', async () => {
    const [a, b] = staff;
    const first = await repos.serviceRecords.upsert({ ticketId: 'v12', branchId, staffId: a!.id, notes: 'Asked about a loan.\nBring payslips.', outcome: 'follow-up' });
    expect(first).toMatchObject({ ticketId: 'v12', branchId, staffId: a!.id, staffName: a!.displayName, notes: 'Asked about a loan.\nBring payslips.', outcome: 'follow-up' });
    const amended = await repos.serviceRecords.upsert({ ticketId: 'v12', branchId, staffId: a!.id, notes: 'Loan application taken.', outcome: 'resolved' });
    expect(amended.id).toBe(first.id);
    expect(amended).toMatchObject({ notes: 'Loan application taken.', outcome: 'resolved' });
    expect(amended.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
    // A colleague who served the same visit after a transfer has a record of their own.
    await repos.serviceRecords.upsert({ ticketId: 'v12', branchId, staffId: b!.id, notes: '', outcome: 'referred' });
    const records = await repos.serviceRecords.listByTicket('v12');
    expect(records.map((r) => [r.staffId, r.outcome, r.notes])).toEqual([
      [a!.id, 'resolved', 'Loan application taken.'],
      [b!.id, 'referred', ''],
    ]);
    expect(await repos.serviceRecords.listByTicket('other')).toEqual([]);
  });

  it('refuses a record for a ticket that does not exist', async () => {
    await expect(repos.serviceRecords.upsert({ ticketId: 'nope', branchId, staffId: staff[0]!.id, notes: '', outcome: 'resolved' })).rejects.toThrow();
  });

  it("lists the records of the customer's latest ten visits only", async () => {
    await repos.serviceRecords.upsert({ ticketId: 'v1', branchId, staffId: staff[0]!.id, notes: 'oldest visit', outcome: 'resolved' });
    await repos.serviceRecords.upsert({ ticketId: 'v3', branchId, staffId: staff[0]!.id, notes: 'tenth latest', outcome: 'not-resolved' });
    await repos.serviceRecords.upsert({ ticketId: 'other', branchId, staffId: staff[0]!.id, notes: 'someone else', outcome: 'resolved' });
    const latest = await repos.serviceRecords.listLatestByCustomer(customerId);
    expect(latest.map((r) => r.ticketId).sort()).toEqual(['v12', 'v12', 'v3']);
    expect(await repos.serviceRecords.listLatestByCustomer(customerId, 12)).toHaveLength(4);
    expect(await repos.serviceRecords.listLatestByCustomer('no-such-customer')).toEqual([]);
  });

  it("lists one ticket's events, oldest first", async () => {
    const events = await repos.events.ticketEvents('v2');
    expect(events.map((e) => e.type)).toEqual(['ticket-issued']);
    expect(events[0]).toMatchObject({ ticketId: 'v2', branchId });
  });
});
