import { AUDIT_DETAIL_KEYS, knownAuditDetails } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/auth/ports.js';

/**
 * The audit screen names every details key the server writes (contracts' AUDIT_DETAIL_KEYS; the web
 * has the test that each has its zh and en label). What keeps the list whole is the compiler: an
 * entry's details, and details built from spreads through `knownAuditDetails`, take only listed
 * keys. The lines marked @ts-expect-error fail the typecheck the day that stops being so.
 */
describe('audit details keys', () => {
  it('refuses, at compile time, a key that is not listed (written directly, or spread in)', () => {
    const entry = (details: AuditEntry['details']): AuditEntry => ({ userId: null, role: null, action: 'login', branchId: null, ticketId: null, ip: null, userAgent: null, details });
    // @ts-expect-error a key the screen has no name for
    entry({ brandNewField: 1 });
    const spread = { brandNewField: 1 };
    // @ts-expect-error spread in: checked all the same
    knownAuditDetails({ code: 'A', ...spread });
    expect(knownAuditDetails({ code: 'A', ...{ count: 2 } })).toEqual({ code: 'A', count: 2 });
  });

  it('lists each key once', () => {
    expect(new Set(AUDIT_DETAIL_KEYS).size).toBe(AUDIT_DETAIL_KEYS.length);
  });
});
