import { describe, expect, it } from 'vitest';
import { statusForCode, StaffCommand } from '../src/index.js';

const ok = (v: unknown) => StaffCommand.safeParse(v).success;

describe('StaffCommand: lobby work', () => {
  it('issues a ticket of any class; a class above normal needs a reason', () => {
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'normal' })).toBe(true);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'priority', reason: 'elderly' })).toBe(true);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'vip', reason: 'Private banking client' })).toBe(true);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'priority' })).toBe(false);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'priority', reason: '   ' })).toBe(false);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'urgent', reason: 'x' })).toBe(false);
    // The kind, ids and token are the server's to mint; a staff id is the session's.
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'normal', kind: 'appointment' })).toBe(false);
    expect(ok({ type: 'issue-ticket', serviceId: 'svc-a', priority: 'normal', staffId: 's1' })).toBe(false);
  });

  it('raises a waiting ticket to priority or vip, always with a reason', () => {
    expect(ok({ type: 'raise-priority', ticketId: 't1', priority: 'priority', reason: 'pregnant' })).toBe(true);
    expect(ok({ type: 'raise-priority', ticketId: 't1', priority: 'vip', reason: 'x' })).toBe(true);
    expect(ok({ type: 'raise-priority', ticketId: 't1', priority: 'priority' })).toBe(false);
    expect(ok({ type: 'raise-priority', ticketId: 't1', priority: 'normal', reason: 'x' })).toBe(false);
    expect(ok({ type: 'raise-priority', ticketId: 'constructor', priority: 'vip', reason: 'x' })).toBe(false);
  });
});

describe('statusForCode', () => {
  it('answers a store that is away for a moment with 503, refused transfers and priority changes with 409', () => {
    expect(statusForCode('TEMPORARILY_UNAVAILABLE')).toBe(503);
    expect(statusForCode('COUNTER_NOT_SKILLED')).toBe(409);
    expect(statusForCode('COUNTER_PAUSED')).toBe(409);
    expect(statusForCode('PRIORITY_NOT_RAISED')).toBe(409);
  });
});
