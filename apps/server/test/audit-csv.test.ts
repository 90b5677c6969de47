import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '@tellerline/contracts';
import { auditCsvHeader, auditCsvRow, auditCsvScope, localStamp } from '../src/usecases/audit-csv.js';
import { headOfficeZone } from '../src/usecases/audit-review.js';

const entry = (over: Partial<AuditEntryView> = {}): AuditEntryView => ({
  id: '7',
  at: Date.parse('2026-03-02T01:04:05.678Z'),
  userId: 'u1',
  displayName: 'Alice',
  username: 'alice',
  role: 'staff',
  deviceName: null,
  action: 'no-show',
  branchId: 'b1',
  timezone: 'Asia/Shanghai',
  ticketId: 't1',
  ticketNumber: 'A003',
  newTicketNumber: null,
  staffName: null,
  ip: '10.0.0.7',
  userAgent: 'Chromium',
  details: { seq: [4] },
  ...over,
});
const branch = (id: string) => (id === 'b1' ? 'demo 总行营业部' : id);

describe('audit CSV', () => {
  it('writes an entry in branch time with the action and role named in the language asked for', () => {
    expect(auditCsvHeader('en')).toBe('Local time,Time zone,UTC time,Branch,Name,Username,Role,Action,Action code,Ticket,Details,IP,User agent\r\n');
    expect(auditCsvRow(entry(), 'zh', branch)).toBe('2026-03-02 09:04:05,Asia/Shanghai,2026-03-02T01:04:05.678Z,demo 总行营业部,Alice,alice,柜员,过号,no-show,A003,seq: 4,10.0.0.7,Chromium\r\n');
    expect(auditCsvRow(entry(), 'en', branch)).toContain(',Teller,Marked a no-show,no-show,A003,');
  });

  it('names a kiosk, the staff member the system acted on, and falls back to codes it does not know', () => {
    const kiosk = auditCsvRow(entry({ userId: null, displayName: null, username: null, role: 'device:d1', deviceName: 'Lobby kiosk', action: 'issue' }), 'en', branch);
    expect(kiosk.split(',').slice(4, 8)).toEqual(['Lobby kiosk', '', 'Device', 'Issued a ticket']);
    // A lobby screen's refusal recorded before refusals were under the device's role.
    const refused = auditCsvRow(entry({ userId: null, displayName: null, username: null, role: null, deviceName: 'Lobby screen', action: 'access-denied', details: { deviceId: 'd2' } }), 'zh', branch);
    expect(refused.split(',').slice(4, 7)).toEqual(['Lobby screen', '', '设备']);
    const signOff = auditCsvRow(entry({ userId: null, displayName: null, role: 'system:session-ended', action: 'sign-off', staffName: 'Bob', details: { seq: [9, 10], staffId: 's2' } }), 'en', branch);
    expect(signOff).toContain(',System,Signed off,sign-off,A003,"Staff: Bob; seq: 9, 10; staffId: s2",');
    expect(auditCsvRow(entry({ role: 'robot', action: 'future-thing', ticketNumber: null }), 'en', branch).split(',').slice(6, 10)).toEqual(['robot', 'future-thing', 'future-thing', 't1']);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const row = auditCsvRow(entry({ displayName: '=HYPERLINK("http://x")', userAgent: '@SUM(A1)', details: { username: '+1' } }), 'en', branch);
    expect(row).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(row.trimEnd().endsWith(",'@SUM(A1)")).toBe(true);
  });

  it('ends with what the file covers', () => {
    expect(auditCsvScope('zh', { branch: 'all' })).toBe('导出范围,全部网点\r\n');
    expect(auditCsvScope('en', { branch: 'demo Main Branch', action: 'export-kpis', user: 'admin', from: '2026-03-01', to: '2026-03-02' })).toBe(
      'Exported,demo Main Branch; Period: 2026-03-01..2026-03-02; Action: Exported KPI reports; User: admin\r\n',
    );
  });

  it('reads local time across a daylight-saving change, seconds included', () => {
    // London moves to BST at 01:00 UTC on 29 March 2026.
    expect(localStamp(Date.parse('2026-03-29T00:59:59Z'), 'Europe/London')).toBe('2026-03-29 00:59:59');
    expect(localStamp(Date.parse('2026-03-29T01:00:00Z'), 'Europe/London')).toBe('2026-03-29 02:00:00');
  });
});

describe('headOfficeZone', () => {
  it("is the branches' zone when they share one, else UTC", () => {
    expect(headOfficeZone([{ timezone: 'Asia/Shanghai' }, { timezone: 'Asia/Shanghai' }])).toBe('Asia/Shanghai');
    expect(headOfficeZone([{ timezone: 'Asia/Shanghai' }, { timezone: 'Asia/Hong_Kong' }])).toBe('UTC');
    expect(headOfficeZone([])).toBe('UTC');
  });
});
