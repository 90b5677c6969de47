import { describe, expect, it } from 'vitest';
import type { BranchEvent } from '@tellerline/engine';
import { legServiceMs, legWaitMs, toMinutes, visitTimeline } from '../src/usecases/service-report.js';

const MIN = 60_000;
const at = (m: number) => Date.UTC(2026, 2, 2, 1, 0) + m * MIN;
let seq = 0;
const ev = (m: number, body: Record<string, unknown>) => ({ branchId: 'b', seq: ++seq, at: at(m), ticketId: 't1', ...body }) as unknown as BranchEvent;
const reason = { text: '', waitedMin: 0, targetMin: 10, proficiency: 1, score: 1, rule: 'x' };

describe('visitTimeline', () => {
  it('cuts a transferred visit into legs: its wait is the first one, the wait after the transfer is apart, and the stretches add up', () => {
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
    expect(t.legs).toEqual([
      { number: 'A001', serviceId: 'a', waitingFrom: at(0), staffId: 's1', counterId: 'c1', calledAt: at(6), startedAt: at(9), endedAt: at(19), end: 'transferred' },
      { number: 'B001', serviceId: 'b', waitingFrom: at(19), staffId: 's2', counterId: 'c2', calledAt: at(22), startedAt: at(23), endedAt: at(35), end: 'done' },
    ]);
    expect(t.issuedNumber).toBe('A001');
    expect([t.firstCalledAt, t.firstServedAt]).toEqual([at(6), at(9)]);
    // Waited 6 to the first call (the KPI reports' wait) and 3 more after the transfer; served
    // 10 + 12. The minutes between a call and the start count as neither.
    expect([toMinutes(t.waitMs), toMinutes(t.transferWaitMs), toMinutes(t.serviceMs)]).toEqual([6, 3, 22]);
    expect(t.legs.map((l) => [toMinutes(legWaitMs(l)), toMinutes(legServiceMs(l))])).toEqual([
      [6, 10],
      [3, 12],
    ]);
  });

  it("starts a booked customer's wait at the slot when they came early, at check-in when late, never below 0", () => {
    const booked = (joined: number, slot: number, called: number, kind = 'appointment') =>
      visitTimeline([
        ev(joined, { type: 'ticket-issued', number: 'A005', serviceId: 'a', kind, priority: 'normal', token: 'b', appointmentAt: at(slot) }),
        ev(called, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ]);
    // 9 min early, called at the slot: no wait (not 9).
    expect(booked(-9, 0, 0)).toMatchObject({ waitMs: 0, legs: [{ waitingFrom: at(0) }] });
    // 19 min early, called 6 min after the slot: waited 6 (not 25).
    expect(toMinutes(booked(-19, 0, 6).waitMs)).toBe(6);
    // 4 min late (kept the slot): waited from check-in, 3 (not 7).
    expect(toMinutes(booked(4, 0, 7).waitMs)).toBe(3);
    // Called before the slot, already there: no wait, never a negative one.
    expect(booked(-20, 0, -10).waitMs).toBe(0);
  });

  it('keeps a leg begun by a transfer while nobody has called it, and the counter a recall came from', () => {
    const t = visitTimeline([
      ev(0, { type: 'ticket-issued', number: 'C001', serviceId: 'c', kind: 'walk-in', priority: 'normal', token: 'w' }),
      ev(2, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ev(3, { type: 'ticket-recalled', staffId: 's1', counterId: 'c3', recalls: 1 }),
      // Sent to another counter of the same service before being served: the number stays.
      ev(4, { type: 'ticket-transferred', staffId: 's1', fromServiceId: 'c', toServiceId: 'c', toCounterId: 'c2', number: 'C001' }),
    ]);
    expect(t.legs.map((l) => [l.number, l.staffId, l.counterId, l.end, legWaitMs(l), legServiceMs(l)])).toEqual([
      ['C001', 's1', 'c3', 'transferred', 2 * MIN, null],
      ['C001', null, null, null, null, null],
    ]);
    expect([t.transferWaitMs, t.serviceMs, t.firstServedAt]).toEqual([null, null, null]);
  });

  it("does not count a stretch cut off by the day's close as service, as the KPI reports do not", () => {
    const t = visitTimeline([
      ev(0, { type: 'ticket-issued', number: 'A009', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'v' }),
      ev(1, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ev(2, { type: 'service-started', staffId: 's1' }),
      ev(600, { type: 'ticket-cancelled', by: 'system' }),
    ]);
    expect(t.legs.map((l) => [l.end, l.startedAt, l.endedAt])).toEqual([['cancelled', at(2), at(600)]]);
    expect([t.serviceMs, t.firstServedAt]).toEqual([null, at(2)]);
  });

  it('has no service time for a customer who never came, and no wait for one never called', () => {
    const noShow = visitTimeline([
      ev(0, { type: 'ticket-issued', number: 'A002', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'y' }),
      ev(4, { type: 'ticket-called', staffId: 's1', counterId: 'c1', reason }),
      ev(6, { type: 'ticket-no-show', staffId: 's1', reason: 'staff' }),
    ]);
    expect([toMinutes(noShow.waitMs), noShow.serviceMs, noShow.firstServedAt]).toEqual([4, null, null]);
    const waiting = visitTimeline([ev(0, { type: 'ticket-issued', number: 'A003', serviceId: 'a', kind: 'walk-in', priority: 'normal', token: 'z' })]);
    expect([waiting.waitMs, waiting.serviceMs, waiting.legs.map((l) => [l.number, l.end])]).toEqual([null, null, [['A003', null]]]);
  });
});
