import { describe, expect, it } from 'vitest';
import { AUDIT_ID_MAX, AuditQuery } from '../src/index.js';

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
