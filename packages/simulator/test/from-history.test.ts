import { describe, expect, it } from 'vitest';
import type { TicketTimes } from '@tellerline/engine';
import { compare, HistoryError, scenarioFromHistory, type BranchHistory } from '../src/index.js';

/** Shanghai is UTC+8 all year: 09:10 local on Monday 16 November 2026 is 01:10 UTC. */
const at = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const walkIn = (date: string, hm: string, serviceId = 'sA'): TicketTimes => ({ serviceId, kind: 'walk-in', joinedAt: at(date, hm) });

function history(tickets: TicketTimes[]): BranchHistory {
  return {
    name: 'pilot-1',
    timeZone: 'Asia/Shanghai',
    weekday: 'mon',
    hours: { mon: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }] },
    services: [
      { id: 'sA', code: 'A', name: 'accounts', targetMin: 10, defaultDurationMin: 5 },
      { id: 'sB', code: 'B', name: 'loans', targetMin: 20, defaultDurationMin: 30 },
    ],
    staff: [
      { id: 'ann', skills: { sA: 1 }, roster: null },
      { id: 'bo', skills: { sA: 0.8, sB: 1 }, roster: { mon: [{ open: '13:00', close: '17:00' }, { open: '08:00', close: '11:00' }] } },
      { id: 'cy', skills: { sA: 1 }, roster: { tue: [{ open: '09:00', close: '17:00' }] } },
    ],
    tickets,
    appointments: { kept: 2, noShows: 1 },
  };
}

const tickets: TicketTimes[] = [
  walkIn('2026-11-16', '09:10'),
  walkIn('2026-11-23', '09:40'),
  walkIn('2026-11-16', '10:05'),
  walkIn('2026-11-16', '10:30'),
  walkIn('2026-11-23', '10:59'),
  walkIn('2026-11-17', '10:00'), // a Tuesday: not part of Monday's scenario
  { serviceId: 'sA', kind: 'remote', joinedAt: at('2026-11-23', '16:10') },
  // Joined the remote queue before opening: a customer of the first hour.
  { serviceId: 'sA', kind: 'remote', joinedAt: at('2026-11-16', '08:40') },
  // Booked for 11:00 (came 2 min early) and 14:00 (came 4 min late): counted at their slot's hour.
  { serviceId: 'sA', kind: 'appointment', joinedAt: at('2026-11-16', '10:58'), appointmentAt: at('2026-11-16', '11:00') },
  { serviceId: 'sB', kind: 'appointment', joinedAt: at('2026-11-23', '14:04'), appointmentAt: at('2026-11-23', '14:00') },
  // Serving times of A: 4, 6 and 8 minutes; B has one (too few to replace its configured 30).
  { serviceId: 'sA', kind: 'walk-in', joinedAt: at('2026-11-17', '09:00'), servedAt: at('2026-11-17', '09:01'), doneAt: at('2026-11-17', '09:05') },
  { serviceId: 'sA', kind: 'walk-in', joinedAt: at('2026-11-17', '09:00'), servedAt: at('2026-11-17', '09:10'), doneAt: at('2026-11-17', '09:16') },
  { serviceId: 'sA', kind: 'walk-in', joinedAt: at('2026-11-17', '09:00'), servedAt: at('2026-11-17', '09:20'), doneAt: at('2026-11-17', '09:28') },
  { serviceId: 'sB', kind: 'walk-in', joinedAt: at('2026-11-17', '09:00'), servedAt: at('2026-11-17', '09:20'), doneAt: at('2026-11-17', '10:20') },
];

describe('a scenario built from a branch\'s recorded tickets', () => {
  const { scenario, days } = scenarioFromHistory(history(tickets));
  const A = scenario.services.find((s) => s.code === 'A')!;
  const B = scenario.services.find((s) => s.code === 'B')!;

  it('spans the weekday\'s opening hours and averages arrivals over its dates, per local hour', () => {
    expect(days).toBe(2);
    expect([scenario.open, scenario.close]).toEqual(['09:00', '17:00']);
    // 09:00 one each Monday and a remote join at 08:40; 10:00 three over two Mondays; remote tickets count as walk-ins.
    expect(A.arrivalsPerHour).toEqual([1.5, 1.5, 0, 0, 0, 0, 0, 0.5]);
    expect(A.appointmentsPerHour).toEqual([0, 0, 0.5, 0, 0, 0, 0, 0]);
    expect(B.appointmentsPerHour).toEqual([0, 0, 0, 0, 0, 0.5, 0, 0]);
  });

  it('measures service times once there are enough of them, else keeps the configured one', () => {
    expect([A.meanServiceMin, A.sdServiceMin]).toEqual([6, 2]);
    expect([B.meanServiceMin, B.sdServiceMin]).toEqual([30, 15]);
  });

  it('puts each colleague on their roster for that weekday (within opening hours), with skills by service code', () => {
    expect(scenario.staff).toEqual([
      { id: 'ann', skills: { A: 1 }, shifts: [['09:00', '12:00'], ['13:00', '17:00']] },
      { id: 'bo', skills: { A: 0.8, B: 1 }, shifts: [['09:00', '11:00'], ['13:00', '17:00']] },
    ]);
  });

  it('takes the no-show rate and the lateness of those who came', () => {
    expect(scenario.appointments).toEqual({ noShowRate: 0.33, latenessMeanMin: 1, latenessSdMin: 4.24 });
  });

  it('leaves out a service nobody on shift that day can serve', () => {
    const noB = history(tickets);
    noB.staff = noB.staff.filter((s) => s.id !== 'bo');
    expect(scenarioFromHistory(noB).scenario.services.map((s) => s.code)).toEqual(['A']);
  });

  it('runs through the simulator like any scenario file', () => {
    const { report } = compare(scenario, { days: 2 });
    expect(report.policies.tellerline!.customers).toBeGreaterThan(0);
    expect(Object.keys(report.policies.fifo!.perService)).toEqual(['A', 'B']);
  });

  it('says why when the weekday is closed or has no tickets', () => {
    const closed = { ...history(tickets), weekday: 'sun' as const };
    expect(() => scenarioFromHistory(closed)).toThrow(expect.objectContaining({ code: 'CLOSED_THAT_DAY' }));
    const empty = { ...history([]), weekday: 'tue' as const };
    expect(() => scenarioFromHistory(empty)).toThrow(HistoryError);
    expect(() => scenarioFromHistory(empty)).toThrow(/No tickets on tue/);
  });
});
