import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrivingEarlier, drawCustomers, parseScenario, parseScenarioText, ScenarioError } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

function issues(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).issues;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario validation', () => {
  it('accepts the shipped scenarios', () => {
    for (const name of ['small-branch', 'busy-city', 'appointments-heavy']) {
      const file = join(import.meta.dirname, '../../../scenarios', `${name}.json`);
      expect(parseScenarioText(readFileSync(file, 'utf8')).name).toBe(name);
    }
  });

  it('names the field and says what is wrong', () => {
    const s = tinyScenario();
    expect(issues({ ...s, close: '08:00' })).toContain('close: close (08:00) must be after open (09:00)');
    expect(issues({ ...s, open: '9am' })[0]).toMatch(/^open: a time of day "HH:MM"/);
    expect(issues({ ...s, services: [{ ...s.services[0]!, arrivalsPerHour: [1] }, s.services[1]!] })).toContain(
      'services[0].arrivalsPerHour: expected 2 values (one per opening hour 09:00-11:00), got 1',
    );
    expect(issues({ ...s, services: [{ ...s.services[0]!, code: 'a1' }, s.services[1]!] })[0]).toMatch(/^services\[0\]\.code: 1-3 capital letters/);
    expect(issues({ ...s, staff: [{ id: 'x', skills: { A: 1, Z: 1 }, shifts: [['09:00', '11:00']] }] })).toEqual([
      'staff[0].skills.Z: unknown service code Z',
      'services[1].code: nobody on the staff can serve B',
    ]);
    expect(issues({ ...s, staff: [{ ...s.staff[0]!, skills: { A: 1.5 } }, ...s.staff.slice(1)] })[0]).toMatch(/^staff\[0\]\.skills\.A: /);
    expect(issues({ ...s, staff: [{ ...s.staff[0]!, shifts: [['10:00', '09:30']] }, ...s.staff.slice(1)] })).toContain(
      'staff[0].shifts[0]: shift ends (09:30) before it starts (10:00)',
    );
    expect(issues({ ...s, surprise: true })[0]).toMatch(/surprise/);
    expect(issues({ ...s, appointments: { noShowRate: 2, latenessSdMin: 1 } })[0]).toMatch(/^appointments\.noShowRate: /);
  });

  it('lists every problem at once', () => {
    expect(issues({ name: 'x' }).length).toBeGreaterThanOrEqual(5);
  });

  it('reports JSON syntax errors the same way', () => {
    expect(() => parseScenarioText('{ "name": ', 'broken.json')).toThrow(/Invalid broken\.json:\n {2}- not valid JSON/);
  });
});

describe('arrivingEarlier (the --arrive-early what-if)', () => {
  it('lowers the mean lateness of booked customers and keeps its spread; leaves a branch without appointments alone', () => {
    const s = parseScenario(tinyScenario({ appointments: { noShowRate: 0.1, latenessSdMin: 4, latenessMeanMin: 1 } }));
    expect(arrivingEarlier(s, 3).appointments).toEqual({ noShowRate: 0.1, latenessSdMin: 4, latenessMeanMin: -2 });
    expect(arrivingEarlier(parseScenario(tinyScenario()), 5).appointments?.latenessMeanMin).toBe(-5);
    const { appointments: _, ...none } = tinyScenario();
    const walkInsOnly = parseScenario(none);
    expect(arrivingEarlier(walkInsOnly, 3)).toBe(walkInsOnly);
  });

  it("moves each booked customer's check-in earlier by that much on the same draws (unless the door was not open yet)", () => {
    const s = parseScenario(tinyScenario());
    const before = drawCustomers(s, 0).filter((c) => c.kind === 'appointment');
    const after = drawCustomers(arrivingEarlier(s, 3), 0).filter((c) => c.kind === 'appointment');
    const byBooking = new Map(after.map((c) => [`${c.service}@${c.appointmentMin}@${c.baseServiceMin}`, c.arriveMin]));
    let compared = 0;
    for (const c of before) {
      const moved = byBooking.get(`${c.service}@${c.appointmentMin}@${c.baseServiceMin}`);
      if (moved === undefined || c.arriveMin - 3 < 9 * 60) continue;
      expect(moved).toBeCloseTo(c.arriveMin - 3, 6);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});
