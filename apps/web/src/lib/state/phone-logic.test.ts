import { describe, expect, it } from 'vitest';
import type { TicketView } from '@tellerline/contracts';
import { becameCalled, canCancel, cancelPlace, isFinished, isRecalled, mergeTicket, plausibleToken, titleFor } from './phone-logic.js';

const base: TicketView = {
  seq: 10,
  branchId: 'b1',
  number: 'A003',
  service: { id: 's', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' } },
  status: 'waiting',
  ahead: 2,
  wait: { lowMin: 4, highMin: 9, expectedMin: 6 },
  noStaff: false,
  counterLabel: null,
  issuedAt: 1,
  calledAt: null,
  lastCalledAt: null,
  recalls: 0,
  transferredFrom: null,
};
const v = (patch: Partial<TicketView>): TicketView => ({ ...base, ...patch });

describe('mergeTicket', () => {
  it('takes the first view and newer ones', () => {
    expect(mergeTicket(null, base)).toBe(base);
    const newer = v({ seq: 11, ahead: 1 });
    expect(mergeTicket(base, newer)).toBe(newer);
  });
  it('ignores a late, older view', () => {
    expect(mergeTicket(v({ seq: 12, status: 'called', counterLabel: '1' }), v({ seq: 11 })).status).toBe('called');
  });
  it('a finished view wins even with a lower seq, and is never undone', () => {
    const done = v({ seq: 0, status: 'done' });
    expect(mergeTicket(v({ seq: 20 }), done)).toBe(done);
    expect(mergeTicket(done, v({ seq: 30, status: 'waiting' }))).toBe(done);
  });
  it('keeps where a transferred number came from while the number stays, and drops it with a new number', () => {
    const from = { number: 'A003', service: base.service };
    const moved = v({ seq: 11, number: 'D001', transferredFrom: from });
    // A node that has not read the ticket's history yet says null: still "was A003".
    expect(mergeTicket(moved, v({ seq: 12, number: 'D001', ahead: 0 }))).toMatchObject({ seq: 12, ahead: 0, transferredFrom: from });
    expect(mergeTicket(moved, v({ seq: 13, number: 'D001', status: 'done' })).transferredFrom).toEqual(from);
    const onward = v({ seq: 14, number: 'B002', transferredFrom: { number: 'D001', service: base.service } });
    expect(mergeTicket(moved, onward)).toBe(onward);
    expect(mergeTicket(moved, v({ seq: 15, number: 'A009' })).transferredFrom).toBeNull();
  });
  it('takes a remote ticket\'s arrival at the same seq (no event moved it) and never forgets it', () => {
    const remote = v({ remote: true });
    const arrived = v({ remote: true, arrivedAt: 500 });
    expect(mergeTicket(remote, arrived)).toBe(arrived);
    // A node that has not heard of the arrival yet sends the view without it.
    expect(mergeTicket(arrived, v({ seq: 11, remote: true, ahead: 1 }))).toMatchObject({ seq: 11, ahead: 1, arrivedAt: 500 });
    expect(mergeTicket(arrived, v({ seq: 12, remote: true, status: 'called', counterLabel: '2' })).arrivedAt).toBe(500);
  });
});

describe('called moment', () => {
  it('fires on the change to called, not on every update while called', () => {
    const called = v({ seq: 11, status: 'called', counterLabel: '1', calledAt: 100 });
    expect(becameCalled(base, called)).toBe(true);
    expect(becameCalled(null, called)).toBe(true);
    expect(becameCalled(called, v({ ...called, seq: 12 }))).toBe(false);
    expect(becameCalled(called, v({ ...called, seq: 13, counterLabel: '3' }))).toBe(true);
    expect(becameCalled(base, v({ seq: 11, ahead: 1 }))).toBe(false);
  });
  it('fires again on each recall: the first call did not reach the customer', () => {
    const called = v({ seq: 11, status: 'called', counterLabel: '1', calledAt: 100, lastCalledAt: 100 });
    const recalled = v({ ...called, seq: 12, lastCalledAt: 160, recalls: 1 });
    expect(isRecalled(called)).toBe(false);
    expect(becameCalled(called, recalled)).toBe(true);
    expect(isRecalled(recalled)).toBe(true);
    expect(becameCalled(recalled, v({ ...recalled, seq: 13 }))).toBe(false);
    expect(becameCalled(recalled, v({ ...recalled, seq: 14, lastCalledAt: 220, recalls: 2 }))).toBe(true);
  });
});

describe('states', () => {
  it('knows finished and cancellable states', () => {
    expect(isFinished('done')).toBe(true);
    expect(isFinished('no-show')).toBe(true);
    expect(isFinished('cancelled')).toBe(true);
    expect(isFinished('serving')).toBe(false);
    expect(canCancel('waiting')).toBe(true);
    expect(canCancel('called')).toBe(true);
    expect(canCancel('serving')).toBe(false);
    expect(canCancel('done')).toBe(false);
  });
  it('moves "leave the queue" away from the call message once called', () => {
    expect(cancelPlace('waiting')).toBe('under-ticket');
    expect(cancelPlace('called')).toBe('page-foot');
    expect(cancelPlace('serving')).toBeNull();
    expect(cancelPlace('cancelled')).toBeNull();
  });
  it('titles put the call first', () => {
    const t = (k: string, p?: Record<string, string | number>) => `${k}${p ? JSON.stringify(p) : ''}`;
    expect(titleFor(v({ status: 'called', counterLabel: '2' }), t)).toBe('🔔 A003 phone.title.called{"counter":"2"}');
    expect(titleFor(v({ status: 'called', counterLabel: '2', recalls: 1 }), t)).toBe('🔔 A003 phone.title.recalled{"counter":"2"}');
    expect(titleFor(base, t)).toBe('A003 · phone.title.ahead{"n":2}');
    expect(titleFor(v({ status: 'done' }), t)).toBe('A003 · ticket.status.done');
  });
  it('rejects tokens the server would refuse', () => {
    expect(plausibleToken('abcdefghijklmnop')).toBe(true);
    expect(plausibleToken('short')).toBe(false);
    expect(plausibleToken('abcdefghijklmnop/..')).toBe(false);
  });
});
