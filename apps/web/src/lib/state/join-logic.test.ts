import { describe, expect, it } from 'vitest';
import type { ServiceQueueView, WalkInHours } from '@tellerline/contracts';
import { joinContact, joinErrorKey, joinState, refusalStep, ticketHref, walkInLines } from './join-logic.js';

const MON = '2026-03-02';
const open: WalkInHours = { issuing: true, closed: null, reason: null, next: null, today: MON };
const next = { opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00', date: MON, weekday: 'mon' as const, ticketsFrom: '2026-03-02T08:30:00+08:00', ticketsFromLocal: '08:30' };
const notYet: WalkInHours = { issuing: false, closed: 'not-yet', reason: null, next, today: MON };

const line = (code: string, walkIns: boolean): ServiceQueueView => ({
  serviceId: `svc-${code}`, code, name: { zh: code, en: code }, waiting: 2, longestWaitMin: 5, targetMin: 10, wait: { lowMin: 5, highMin: 12, expectedMin: 8 }, noStaff: false, walkIns,
});

describe('joinState', () => {
  it('a branch with the remote queue on and taking walk-ins now can be joined', () => {
    expect(joinState({ remoteQueue: true }, open)).toEqual({ kind: 'open' });
  });

  it('closed now: says so with the hours, so the page can tell when to come back', () => {
    expect(joinState({ remoteQueue: true }, notYet)).toEqual({ kind: 'closed', hours: notYet });
  });

  it('the remote queue switched off comes first: no "opens at 09:00" for a branch that never takes remote joins', () => {
    expect(joinState({ remoteQueue: false }, notYet)).toEqual({ kind: 'off' });
    expect(joinState({ remoteQueue: false }, open)).toEqual({ kind: 'off' });
  });
});

describe('walkInLines', () => {
  it('offers walk-in services only (appointment-only ones are booked)', () => {
    expect(walkInLines([line('A', true), line('B', false), line('C', true)]).map((l) => l.code)).toEqual(['A', 'C']);
  });
});

describe('joinContact', () => {
  const base = { kind: 'phone' as const, value: '', language: 'zh' as const, consent: false };

  it('an empty field joins without notices, consent or not', () => {
    expect(joinContact(base)).toEqual({ ok: true, contact: undefined });
    expect(joinContact({ ...base, value: '   ', kind: 'email' })).toEqual({ ok: true, contact: undefined });
  });

  it('a number or address needs the consent tick', () => {
    expect(joinContact({ ...base, value: '139 0000 5511' })).toEqual({ ok: false, problem: 'consent' });
    expect(joinContact({ ...base, value: '139 0000 5511', consent: true })).toEqual({ ok: true, contact: { phone: '139 0000 5511', consent: true } });
    expect(joinContact({ ...base, kind: 'email', value: ' li@example.com ', consent: true })).toEqual({ ok: true, contact: { email: 'li@example.com', consent: true } });
  });

  it('a number or address the server would refuse is named before sending', () => {
    expect(joinContact({ ...base, value: '139 0000 551', consent: true })).toEqual({ ok: false, problem: 'mobileDigits' });
    expect(joinContact({ ...base, value: 'abc', consent: true })).toEqual({ ok: false, problem: 'invalid' });
    expect(joinContact({ ...base, kind: 'email', value: 'li@', consent: true })).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('refusalStep', () => {
  it('the branch stopped taking joins: the flow ends with why', () => {
    for (const code of ['BRANCH_CLOSED', 'REMOTE_QUEUE_OFF', 'BRANCH_INACTIVE']) expect(refusalStep(code, false)).toBe('closed');
  });

  it('a service that became appointment-only: back to the services', () => {
    expect(refusalStep('SERVICE_APPOINTMENT_ONLY', false)).toBe('service');
  });

  it('code refusals on the code step, contact ones on the contact step', () => {
    expect(refusalStep('PHONE_CODE_WRONG', true)).toBe('verify');
    expect(refusalStep('EMAIL_CODE_EXPIRED', true)).toBe('verify');
    expect(refusalStep('PHONE_CHECK_UNAVAILABLE', false)).toBe('contact');
  });

  it('anything else (too many joins, no connection) stays where the customer pressed', () => {
    expect(refusalStep('RATE_LIMITED', false)).toBe('confirm');
    expect(refusalStep('NO_CONNECTION', true)).toBe('verify');
  });
});

describe('joinErrorKey', () => {
  it("the page's own words first, then booking's, then the common ones", () => {
    const keys = new Set(['join.error.RATE_LIMITED', 'booking.error.RATE_LIMITED', 'booking.error.PHONE_CODE_WRONG', 'error.INTERNAL']);
    const known = (k: string) => keys.has(k);
    expect(joinErrorKey('RATE_LIMITED', known)).toBe('join.error.RATE_LIMITED');
    expect(joinErrorKey('PHONE_CODE_WRONG', known)).toBe('booking.error.PHONE_CODE_WRONG');
    expect(joinErrorKey('INTERNAL', known)).toBe('error.INTERNAL');
    expect(joinErrorKey('SOMETHING_NEW', known)).toBe('error.generic');
  });
});

describe('ticketHref', () => {
  it('the ticket page, in the language the customer joined in', () => {
    expect(ticketHref('abc_DEF-123', 'en')).toBe('/t/abc_DEF-123?lang=en');
  });
});
