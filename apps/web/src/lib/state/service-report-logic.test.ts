import type { ServiceReportLeg, ServiceReportRecord, ServiceReportView } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { legEnd, legRecord, unplacedRecords, visitNumbers } from './service-report-logic.js';

const A = { id: 'sa', code: 'A', name: { zh: '个人现金', en: 'Personal cash' } };
const B = { id: 'sb', code: 'B', name: { zh: '对公业务', en: 'Business' } };
const T = Date.parse('2026-11-30T07:53:00+08:00');

const rec = (staffId: string | null, staffName: string | null, notes: string): ServiceReportRecord => ({
  ticketId: 't1',
  staffId,
  staffName,
  outcome: 'referred',
  notes,
  updatedAt: T,
  counterLabel: null,
});

const leg = (over: Partial<ServiceReportLeg>): ServiceReportLeg => ({
  number: 'A004',
  service: A,
  staffId: null,
  staffName: null,
  counterLabel: null,
  waitingFrom: T,
  calledAt: null,
  startedAt: null,
  endedAt: null,
  end: null,
  waitMin: null,
  serviceMin: null,
  record: null,
  ...over,
});

const report = (legs: ServiceReportLeg[], records: ServiceReportRecord[] = [], over: Partial<ServiceReportView> = {}): ServiceReportView => ({
  ticketId: 't1',
  branchId: 'b1',
  branchName: { zh: '总行营业部', en: 'Main Branch' },
  timezone: 'Asia/Shanghai',
  issuedNumber: 'A004',
  number: 'A004',
  service: A,
  kind: 'walk-in',
  priority: 'normal',
  status: 'done',
  day: '2026-11-30',
  issuedAt: T,
  calledAt: null,
  servedAt: null,
  doneAt: null,
  waitMin: null,
  transferWaitMin: null,
  serviceMin: null,
  counterLabel: null,
  staffName: null,
  recalls: 0,
  transfers: 0,
  legs,
  records,
  ...over,
});

describe('service report of a transferred visit', () => {
  const alices = rec('alice', 'Alice', 'To business banking.');
  const bobs = rec('bob', 'Bob', 'Account opened.');
  const transferred = report(
    [
      leg({ staffId: 'alice', staffName: 'Alice', end: 'transferred', record: alices }),
      leg({ number: 'B010', service: B, staffId: 'bob', staffName: 'Bob', end: 'done', record: bobs }),
    ],
    [alices, bobs],
    { number: 'B010', service: B, transfers: 1 },
  );

  it('leads with the number on the customer’s ticket, then the one the transfer gave it, and the service chosen before the last', () => {
    expect(visitNumbers(transferred)).toEqual({ printed: 'A004', now: 'B010', chosen: A, final: B });
    // Not transferred (or to another counter of the same service): one number, one service.
    expect(visitNumbers(report([leg({ staffId: 'alice', end: 'done' })]))).toEqual({ printed: 'A004', now: null, chosen: A, final: null });
  });

  it('says where each leg went: the service and number it was transferred to, or how the visit ended', () => {
    expect(legEnd(transferred, 0)).toEqual({ key: 'transferred', to: { service: B, number: 'B010' } });
    expect(legEnd(transferred, 1)).toEqual({ key: 'done' });
    expect(legEnd(report([leg({ staffId: 'alice', calledAt: T })]), 0)).toEqual({ key: 'open' });
    expect(legEnd(report([leg({ end: 'cancelled' })]), 0)).toEqual({ key: 'cancelled' });
  });

  it('puts each staff member’s record beside their leg, points to it from an earlier leg of theirs, and says when there is none', () => {
    expect(legRecord(transferred, 0)).toEqual({ kind: 'record', record: alices });
    expect(legRecord(transferred, 1)).toEqual({ kind: 'record', record: bobs });
    // Sent to Bob and back to Alice: her one record is beside her last leg (step 3).
    const back = report([
      leg({ staffId: 'alice', staffName: 'Alice', end: 'transferred' }),
      leg({ service: B, staffId: 'bob', staffName: 'Bob', end: 'transferred' }),
      leg({ staffId: 'alice', staffName: 'Alice', end: 'done', record: alices }),
      leg({}),
    ]);
    expect([0, 1, 2, 3].map((i) => legRecord(back, i))).toEqual([{ kind: 'elsewhere', step: 3 }, { kind: 'none' }, { kind: 'record', record: alices }, null]);
  });

  it('lists after the legs only the records whose writer has no leg (a removed staff member)', () => {
    const gone = rec(null, null, 'Written by someone since removed.');
    expect(unplacedRecords(transferred)).toEqual([]);
    expect(unplacedRecords({ ...transferred, records: [alices, bobs, gone] })).toEqual([gone]);
  });
});
