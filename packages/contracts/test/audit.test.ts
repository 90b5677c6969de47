import { describe, expect, it } from 'vitest';
import { AllAuditQuery, AUDIT_ACTIONS, AUDIT_ID_MAX, auditActionName, auditActorOf, auditDetailLines, AuditQuery } from '../src/index.js';

describe('AuditQuery.before', () => {
  it('takes any id the database can hold', () => {
    for (const before of ['0', '1', '99999999999999', String(Number.MAX_SAFE_INTEGER), String(AUDIT_ID_MAX), '00000000000000000001']) {
      expect(AuditQuery.safeParse({ before }).success, before).toBe(true);
    }
  });

  it('refuses digits past the largest 64-bit id, which the database cannot compare against', () => {
    for (const before of ['9223372036854775808', '99999999999999999999', '1'.repeat(21), '-1', '1e3', '']) {
      expect(AuditQuery.safeParse({ before }).success, before).toBe(false);
    }
  });
});

describe('AuditQuery filters', () => {
  it('takes a known action, a user, a ticket and a period', () => {
    expect(AuditQuery.parse({ action: 'no-show', userId: 'u-1', ticketId: 't_1', from: '2026-03-01', to: '2026-03-02', limit: '20' })).toEqual({
      action: 'no-show',
      userId: 'u-1',
      ticketId: 't_1',
      from: '2026-03-01',
      to: '2026-03-02',
      limit: 20,
    });
    // One day is a period too.
    expect(AuditQuery.safeParse({ from: '2026-03-02', to: '2026-03-02' }).success).toBe(true);
  });

  it('refuses an action nobody records, a period the wrong way round, and anything it does not know', () => {
    for (const q of [{ action: 'drop-table' }, { action: 'toString' }, { from: '2026-03-03', to: '2026-03-02' }, { from: '2026-02-30' }, { userId: 'a b' }, { branch: 'none' }]) {
      expect(AuditQuery.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
    expect(AuditQuery.safeParse({ from: '2026-03-03', to: '2026-03-02' }).error?.issues[0]?.path).toEqual(['from']);
  });

  it('lets admins name one branch or none, not both', () => {
    expect(AllAuditQuery.parse({ branch: 'none' })).toMatchObject({ branch: 'none' });
    expect(AllAuditQuery.parse({ branchId: 'b1' })).toMatchObject({ branchId: 'b1' });
    expect(AllAuditQuery.safeParse({ branchId: 'b1', branch: 'none' }).error?.issues[0]?.path).toEqual(['branch']);
    expect(AllAuditQuery.safeParse({ branch: 'all' }).success).toBe(false);
  });
});

describe('audit action and actor names', () => {
  it('names every action in both languages, and an unknown one by its code', () => {
    for (const [action, name] of Object.entries(AUDIT_ACTIONS)) {
      expect(name.zh, action).not.toBe('');
      expect(name.en, action).not.toBe('');
    }
    expect(auditActionName('export-audit', 'zh')).toBe('导出审计日志');
    expect(auditActionName('no-show', 'en')).toBe('Marked a no-show');
    expect(auditActionName('something-newer', 'en')).toBe('something-newer');
    expect(auditActionName('constructor', 'en')).toBe('constructor');
  });

  it('reads the kind of actor from the stored role', () => {
    expect(['admin', 'manager', 'staff', 'customer', 'device:abc', 'system:session-ended', 'robot', null].map(auditActorOf)).toEqual([
      'admin',
      'manager',
      'staff',
      'customer',
      'device',
      'system',
      null,
      null,
    ]);
  });
});

describe('auditDetailLines', () => {
  it('reads nested details as path: value lines, plain lists on one line', () => {
    expect(auditDetailLines({ seq: [12, 13], staffId: 's1' })).toEqual([
      { path: 'seq', value: '12, 13' },
      { path: 'staffId', value: 's1' },
    ]);
    expect(auditDetailLines({ parts: ['services'], services: [{ code: 'A', changes: { walkIns: { from: true, to: false } } }], closures: { added: [], removed: [] } })).toEqual([
      { path: 'parts', value: 'services' },
      { path: 'services.0.code', value: 'A' },
      { path: 'services.0.changes.walkIns.from', value: 'true' },
      { path: 'services.0.changes.walkIns.to', value: 'false' },
      { path: 'closures.added', value: '—' },
      { path: 'closures.removed', value: '—' },
    ]);
    expect(auditDetailLines({})).toEqual([]);
    expect(auditDetailLines({ note: null })).toEqual([{ path: 'note', value: '—' }]);
  });

  it('keeps a large change from burying the row: at most `max` lines and a count of the rest', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const lines = auditDetailLines(many, 5);
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toEqual({ path: '…', value: '45' });
  });
});
