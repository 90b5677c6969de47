import { describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditPerson } from '@tellerline/contracts';
import { auditCsvHeader, auditCsvRow, auditCsvScope, localStamp } from '../src/usecases/audit-csv.js';
import { createAuditReview, headOfficeZone } from '../src/usecases/audit-review.js';

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

/** One CSV row's cells (RFC 4180 quoting), so a test reads a column, not a comma count. */
function cells(row: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  for (let m = re.exec(row); m && m[0] !== ''; m = re.exec(row)) {
    out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] !== ',') break;
  }
  return out;
}

describe('audit CSV', () => {
  it('writes an entry in branch time with the action and role named in the language asked for', () => {
    expect(auditCsvHeader('en')).toBe('Local time,Time zone,UTC time,Branch,Name,Username,Role,Action,Action code,Ticket,Summary,Details,IP,User agent\r\n');
    expect(auditCsvRow(entry(), 'zh', branch)).toBe('2026-03-02 09:04:05,Asia/Shanghai,2026-03-02T01:04:05.678Z,demo 总行营业部,Alice,alice,柜员,过号,no-show,A003,,事件序号：4,10.0.0.7,Chromium\r\n');
    expect(auditCsvRow(entry(), 'en', branch)).toContain(',Teller,Marked a no-show,no-show,A003,');
  });

  it('names a kiosk, the staff member the system acted on, and falls back to codes it does not know', () => {
    const kiosk = auditCsvRow(entry({ userId: null, displayName: null, username: null, role: 'device:d1', deviceName: 'Lobby kiosk', action: 'issue' }), 'en', branch);
    expect(kiosk.split(',').slice(4, 8)).toEqual(['Lobby kiosk', '', 'Device', 'Issued a ticket']);
    // A lobby screen's refusal recorded before refusals were under the device's role.
    const refused = auditCsvRow(entry({ userId: null, displayName: null, username: null, role: null, deviceName: 'Lobby screen', action: 'access-denied', details: { deviceId: 'd2' } }), 'zh', branch);
    expect(refused.split(',').slice(4, 7)).toEqual(['Lobby screen', '', '设备']);
    const signOff = auditCsvRow(entry({ userId: null, displayName: null, role: 'system:session-ended', action: 'sign-off', staffName: 'Bob', details: { seq: [9, 10], staffId: 's2' } }), 'en', branch);
    expect(cells(signOff).slice(6, 12)).toEqual(['System', 'Signed off', 'sign-off', 'A003', 'For Bob', 'Event no.: 9, 10; Staff member: Bob']);
    expect(auditCsvRow(entry({ role: 'robot', action: 'future-thing', ticketNumber: null }), 'en', branch).split(',').slice(6, 10)).toEqual(['robot', 'future-thing', 'future-thing', 't1']);
  });

  // The details cell is the audit screen's summary sentence and "All details" lines, in the file's
  // language, never the stored keys and ids (a reviewer found `seq: 49; staffId: <uuid>; toService: D`).
  describe('details in the words of the audit screen', () => {
    const alice = '53b38bea-327c-44c4-894a-24f0b387e472';
    const summary = (row: string) => cells(row)[10];
    const details = (row: string) => cells(row)[11];
    const both = (row: string) => `${summary(row)} | ${details(row)}`;
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

    it('says a transfer from which service to which, and to which counter', () => {
      const transfer = entry({ action: 'transfer', userId: alice, details: { seq: [49], staffId: alice, toService: 'D', fromService: 'A' } });
      const zh = both(auditCsvRow(transfer, 'zh', branch));
      expect(zh).toBe('从 A 业务转到 D 业务 | 事件序号：49；相关员工：Alice；原业务：A；新业务：D');
      expect(zh).not.toMatch(uuid);
      expect(zh).not.toMatch(/staffId|toService|seq/);
      expect(both(auditCsvRow(transfer, 'en', branch))).toBe('transferred from A to D | Event no.: 49; Staff member: Alice; From service: A; To service: D');
      const toCounter = entry({ action: 'transfer', details: { seq: [50], fromService: 'A', toService: 'A', toCounter: '一号窗' } });
      expect(both(auditCsvRow(toCounter, 'zh', branch))).toBe('转给 一号窗 | 事件序号：50；原业务：A；新业务：A；转给柜台：一号窗');
      expect(both(auditCsvRow({ ...toCounter, details: { ...toCounter.details, toCounter: '2' } }, 'en', branch))).toContain('sent to counter 2 | Event no.: 50');
    });

    it('leaves out a staff member it cannot name, and a customer, rather than print their ids', () => {
      const noShow = entry({ action: 'no-show', userId: null, displayName: null, role: 'system:no-show-timer', details: { seq: [7], staffId: alice, customerId: 'aa2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b' } });
      expect(details(auditCsvRow(noShow, 'zh', branch))).toBe('事件序号：7');
      expect(details(auditCsvRow(noShow, 'en', branch))).toBe('Event no.: 7');
    });

    it('words a failed sign-in and a press recorded afterwards as the screen does', () => {
      const failed = entry({ action: 'login-failed', userId: null, displayName: null, username: null, role: null, ticketId: null, ticketNumber: null, details: { username: 'spray0', unknownUsername: true } });
      expect(both(auditCsvRow(failed, 'en', branch))).toBe('Username: spray0; no such username (recorded once an hour per address) | Username: spray0; No such username: Yes');
      expect(both(auditCsvRow(failed, 'zh', branch))).toBe('用户名：spray0；此用户名不存在（同一地址每小时只记录第一次） | 用户名：spray0；用户名不存在：是');
      const later = entry({ action: 'complete', details: { seq: [8], completedLater: Date.parse('2026-03-03T02:30:40Z') } });
      expect(details(auditCsvRow(later, 'zh', branch))).toBe('事件序号：8；事后补记于：2026-03-03 10:30');
      expect(details(auditCsvRow(later, 'en', branch))).toBe('Event no.: 8; Recorded afterwards at: 2026-03-03 10:30');
    });

    // A reviewer found codes in the file: "Priority: vip", "Issued by: staff", "Reason given: yes" in a Chinese file.
    it('words stored codes of a closed set in the file language, and keeps codes it does not know', () => {
      const issued = entry({ action: 'issue', details: { seq: [3], priority: 'vip', reasonGiven: 'yes', issuedBy: 'staff', kind: 'walk-in' } });
      expect(details(auditCsvRow(issued, 'zh', branch))).toBe('事件序号：3；类型：现场取号；优先级：VIP；已填写原因：是；取号方：员工工作台');
      expect(details(auditCsvRow(issued, 'en', branch))).toBe('Event no.: 3; Kind: Walk-in; Priority: VIP; Reason given: Yes; Issued by: Staff panel');
      const promoted = entry({ action: 'update-staff', details: { username: 'bob', role: { from: 'staff', to: 'manager' } } });
      expect(details(auditCsvRow(promoted, 'zh', branch))).toBe('用户名：bob；角色 › 原值：柜员；角色 › 新值：网点经理');
      const paired = entry({ action: 'device-paired', details: { kind: 'kiosk', name: 'Front' } });
      expect(both(auditCsvRow(paired, 'en', branch))).toBe('Kiosk “Front” | Name: Front; Kind: Kiosk');
      const saved = entry({ action: 'service-record-saved', details: { outcome: 'follow-up', notesLength: 12 } });
      expect(details(auditCsvRow(saved, 'zh', branch))).toContain('办理结果：需跟进');
      const guesses = entry({ action: 'kiosk-guesses-limited', details: { what: 'check-in', misses: 10, windowSec: 600 } });
      expect(details(auditCsvRow(guesses, 'en', branch))).toContain('What was typed: Check-in code');
      const exported = entry({ action: 'export-audit', details: { scope: 'all' } });
      expect(details(auditCsvRow(exported, 'en', branch))).toBe('Scope: Every branch');
      // A newer server's value, and one of an open set, are shown as stored.
      expect(details(auditCsvRow(entry({ action: 'issue', details: { priority: 'platinum' } }), 'en', branch))).toBe('Priority: platinum');
    });

    it("names a roster's colleague by the name the export looked up, as the screen does", () => {
      const saved = entry({ action: 'booking-settings', details: { parts: ['rosters'], rosters: [{ staffId: alice, from: null, to: { mon: [{ open: '09:00', close: '12:00' }] } }] } });
      const row = details(auditCsvRow(saved, 'en', branch, { [alice]: 'Alice' }));
      expect(row).toContain('Rosters › Alice › before: the opening hours');
      expect(row).not.toMatch(uuid);
    });
  });

  it("names a roster's colleague in the downloaded file by the \"who\" search, scoped as the log, as the screen asks for it", async () => {
    const alice = '53b38bea-327c-44c4-894a-24f0b387e472';
    const { timezone: _zone, ...saved } = entry({ action: 'booking-settings', details: { parts: ['rosters'], rosters: [{ staffId: alice, from: null, to: null }] } });
    const asked: [string | null, string | undefined][] = [];
    const review = createAuditReview({
      reader: {
        list: async () => [],
        search: async () => ({ items: [{ ...saved, branchTimezone: 'Asia/Shanghai' }], nextCursor: null }),
        people: async (branchId, find): Promise<AuditPerson[]> => {
          asked.push([branchId, find.id]);
          return find.id === alice ? [{ id: alice, username: 'alice', displayName: 'Alice', role: 'staff', branchId: 'b1', active: true }] : [];
        },
      },
      directory: { list: async () => [{ id: 'b1', code: 'demo', name: { zh: '总行营业部', en: 'Main' }, timezone: 'Asia/Shanghai', active: true, customersOpen: true }] },
      users: { findById: async () => null },
    });
    const { lines } = await review.csv({ branchId: 'b1' }, { limit: 50 }, 'en', { role: 'manager' });
    let file = '';
    for await (const l of lines) file += l;
    expect(file).toContain('Rosters › Alice › before: the opening hours');
    expect(file).not.toContain(alice);
    expect(asked).toEqual([['b1', alice]]);
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
