import { describe, expect, it } from 'vitest';
import type { BranchEvent } from '@tellerline/engine';
import { toMinutes, visitTimeline } from '../src/usecases/service-report.js';

const MIN = 60_000;
const at = (m: number) => Date.UTC(2026, 2, 2, 1, 0) + m * MIN;
let seq = 0;
const ev = (m: number, body: Record<string, unknown>) => ({ branchId: 'b', seq: ++seq, at: at(m), ticketId: 't1', ...body }) as unknown as BranchEvent;
const reason = { text: '', waitedMin: 0, targetMin: 10, proficiency: 1, score: 1, rule: 'x' };

describe('visitTimeline', () => {
  it('adds up every wait in the lobby and every stretch at a counter across a transfer', () => {
    const t = visitTimeline([
      ev(0, { type: 'ticket-issued', number: 'A001', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'x' }),
      ev(6, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ev(8, { type: 'ticket-recalled', staffId: 's1', counterId: 'c1', recalls: 1 }),
      ev(9, { type: 'service-started', staffId: 's1' }),
      ev(19, { type: 'ticket-transferred', staffId: 's1', fromServiceId: 'a', toServiceId: 'b', number: 'B001' }),
      ev(22, { type: 'ticket-called', staffId: 's2', counterId: 'c2', reason }),
      ev(23, { type: 'service-started', staffId: 's2' }),
      ev(35, { type: 'ticket-completed', staffId: 's2', serviceSec: 720 }),
    ]);
    expect(t.legs.map((l) => [l.staffId, l.counterId])).toEqual([
      ['s1', 'c1'],
      ['s2', 'c2'],
    ]);
    expect([t.firstCalledAt, t.firstServedAt]).toEqual([at(6), at(9)]);
    // Waited 6 + 3; served 10 + 12. The minutes between a call and the start count as neither.
    expect([toMinutes(t.waitMs), toMinutes(t.serviceMs)]).toEqual([9, 22]);
  });

  it('has no service time for a customer who never came, and no wait for one never called', () => {
    const noShow = visitTimeline([
      ev(0, { type: 'ticket-issued', number: 'A002', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'y' }),
      ev(4, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ev(6, { type: 'ticket-no-show', staffId: 's1', reason: 'staff' }),
    ]);
    expect([toMinutes(noShow.waitMs), noShow.serviceMs, noShow.firstServedAt]).toEqual([4, null, null]);
    const waiting = visitTimeline([ev(0, { type: 'ticket-issued', number: 'A003', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'z' })]);
    expect([waiting.waitMs, waiting.serviceMs, waiting.legs]).toEqual([null, null, []]);
  });
});
