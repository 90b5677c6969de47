import { apply, DEFAULT_ROUTING, initialState, type BranchState, type Command } from '@tellerline/engine';
import { describe, expect, it } from 'vitest';
import { eventAuditDetails } from '../src/usecases/audit-event-details.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0);

/** A branch with accounts (A) and loans (D); Alice (s1) serves ticket t1 at counter 1, Bob (s2, loans) is at counter 2. */
function branch(): BranchState {
  let state = initialState('b1');
  const run = (cmd: Command) => (state = apply(state, cmd, T0).state);
  run({
    type: 'configure',
    config: {
      branchId: 'b1',
      services: [
        { id: 'acct', code: 'A', name: { zh: '开户', en: 'Accounts' }, targetMin: 10, defaultDurationMin: 5 },
        { id: 'loans', code: 'D', name: { zh: '贷款', en: 'Loans' }, targetMin: 20, defaultDurationMin: 15 },
      ],
      counters: [
        { id: 'c1', label: '1' },
        { id: 'c2', label: '2' },
      ],
      staff: [
        { id: 's1', skills: { acct: 1, loans: 1 } },
        { id: 's2', skills: { loans: 1 } },
      ],
      routing: DEFAULT_ROUTING,
    },
  });
  run({ type: 'issue', ticketId: 't1', token: 'tok1', serviceId: 'acct', kind: 'walk-in', priority: 'normal' });
  run({ type: 'sign-on', staffId: 's1', counterId: 'c1' });
  run({ type: 'sign-on', staffId: 's2', counterId: 'c2' });
  run({ type: 'call-next', staffId: 's1' });
  run({ type: 'start', staffId: 's1', ticketId: 't1' });
  return state;
}

describe('eventAuditDetails', () => {
  it('names a transfer’s services by code and the counter it was sent to by label, for the audit log', () => {
    const before = branch();
    const { state, events } = apply(before, { type: 'transfer', staffId: 's1', ticketId: 't1', toServiceId: 'loans', toCounterId: 'c2' }, T0 + 60_000);
    expect(eventAuditDetails(events, state, before, 't1')).toEqual({ ticketNumber: 'A001', toNumber: 'D001', fromService: 'A', toService: 'D', toCounter: '2' });
  });

  it('keeps the number a ticket had when the command was taken, also once it has left the live state', () => {
    const before = branch();
    const { state, events } = apply(before, { type: 'complete', staffId: 's1', ticketId: 't1' }, T0 + 60_000);
    expect(eventAuditDetails(events, state, before, 't1')).toEqual({ ticketNumber: 'A001' });
    const issued = apply(before, { type: 'issue', ticketId: 't2', token: 'tok2', serviceId: 'loans', kind: 'walk-in', priority: 'normal' }, T0 + 60_000);
    expect(eventAuditDetails(issued.events, issued.state, before, 't2')).toEqual({ ticketNumber: 'D001' });
  });

  it('adds nothing to a command about no ticket', () => {
    const before = branch();
    const { state, events } = apply(before, { type: 'pause', staffId: 's2', reason: 'break' }, T0 + 60_000);
    expect(eventAuditDetails(events, state, before, null)).toEqual({});
  });
});
