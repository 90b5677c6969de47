import { describe, expect, it } from 'vitest';
import { breakStarts, checkGoal, compare, parseScenario, randomScenario, rosterBreakMin, staffingWhatIf, type ScenarioInput } from '../src/index.js';
import { parseClock } from '../src/clock.js';
import { tinyScenario } from './fixtures.js';

describe('staffing what-if', () => {
  it('finds a mix by Erlang C, confirms it by simulation, and reports the current roster', () => {
    const r = staffingWhatIf(parseScenario(tinyScenario()), 2);
    expect(r.erlang.map((e) => e.code)).toEqual(['A', 'B']);
    // A in the first hour: 14 walk-ins + 0.9 appointments an hour x 5 min = 1.24 Erlangs
    expect(r.erlang[0]!.hours[0]!.erlangs).toBeCloseTo(((14 + 0.9) * 5) / 60, 2);
    expect(r.erlang[0]!.hours[0]!.servers).toBeGreaterThanOrEqual(2);
    expect(r.specialists.meetsTarget).toBe(true);
    expect(r.specialists.total).toBe(Object.values(r.specialists.mix).reduce((a, b) => a + b, 0));
    for (const m of Object.values(r.specialists.perService)) expect(m.servedWithinTarget).toBeGreaterThanOrEqual(0.8);
    expect(r.generalists.total).toBeLessThanOrEqual(r.specialists.total);
    expect(r.specialists.trials[0]!.mix).toEqual(r.erlangMix);
  });
});

describe('staffing what-if with breaks', () => {
  it("takes the roster's own break length: the median gap between shifts, to 15 minutes; none without breaks", () => {
    // bob breaks 09:45-10:15 in the tiny branch.
    expect(rosterBreakMin(parseScenario(tinyScenario()))).toBe(30);
    const staff: ScenarioInput['staff'] = [
      { id: 'a', skills: { A: 1 }, shifts: [['09:00', '12:00'], ['13:00', '17:00']] },
      { id: 'b', skills: { A: 1 }, shifts: [['09:00', '12:30'], ['13:20', '17:00']] },
      { id: 'c', skills: { B: 1 }, shifts: [['09:00', '11:00'], ['11:40', '17:00']] },
      { id: 'd', skills: { B: 1 }, shifts: [['09:00', '17:00']] },
    ];
    // Gaps 60, 50, 40: median 50, to the nearest 15 minutes.
    expect(rosterBreakMin(parseScenario(tinyScenario({ close: '17:00', staff, services: dayServices() })))).toBe(45);
    expect(rosterBreakMin(parseScenario(tinyScenario({ staff: [{ id: 'a', skills: { A: 1, B: 1 }, shifts: [['09:00', '11:00']] }] })))).toBe(0);
  });

  it('staggers the breaks back to back from 2.5 hours after opening; one in the middle of a short day', () => {
    expect(breakStarts(parseClock('09:00'), parseClock('17:00'), 60)).toEqual(['11:30', '12:30', '13:30'].map(parseClock));
    expect(breakStarts(parseClock('09:00'), parseClock('11:00'), 30)).toEqual([parseClock('09:45')]);
    expect(breakStarts(parseClock('09:00'), parseClock('17:00'), 0)).toEqual([]);
  });

  it('recommends lunch relief: a lone specialist on a break leaves their queue unserved for that hour', () => {
    // One loans officer is enough on full-day shifts; with an hour's break nobody serves loans
    // for that hour, and the simulation asks for a second one.
    const s = parseScenario(
      tinyScenario({
        close: '17:00',
        services: dayServices(),
        staff: [
          { id: 'ann', skills: { A: 1 }, shifts: [['09:00', '17:00']] },
          { id: 'bob', skills: { B: 1 }, shifts: [['09:00', '17:00']] },
        ],
      }),
    );
    const none = staffingWhatIf(s, 3, { breakMin: 0 });
    const lunch = staffingWhatIf(s, 3, { breakMin: 60 });
    expect(none).toMatchObject({ breakMin: 0, breakStarts: [] });
    expect(lunch).toMatchObject({ breakMin: 60, breakStarts: ['11:30', '12:30', '13:30'] });
    expect(none.specialists.mix['B']).toBe(1);
    expect(lunch.specialists.mix['B']).toBe(2);
    expect(lunch.specialists.meetsTarget).toBe(true);
    expect(lunch.specialists.trials.some((t) => t.mix['B'] === 1 && !t.pass)).toBe(true);
  });
});

/** Accounts (A) busy all day, loans (B) a few an hour: one loans officer keeps up on a full day. */
function dayServices() {
  return [
    { code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [10, 10, 10, 10, 10, 10, 10, 10] },
    { code: 'B', targetMin: 20, meanServiceMin: 15, sdServiceMin: 5, arrivalsPerHour: [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5] },
  ];
}

describe('random scenarios', () => {
  it('are valid, reproducible and varied', () => {
    expect(randomScenario(3)).toEqual(randomScenario(3));
    const names = new Set([1, 2, 3, 4].map((s) => JSON.stringify(randomScenario(s).services)));
    expect(names.size).toBe(4);
  });

  it('keep someone skilled for every service on duty until closing', () => {
    // Seed 25 had nobody for C after 13:00 before the generator covered it: every policy left
    // those customers uncalled, which says nothing about routing.
    for (let seed = 1; seed <= 300; seed++) {
      const s = randomScenario(seed);
      const close = parseClock(s.close);
      for (const sv of s.services) {
        const last = Math.max(...s.staff.filter((st) => (st.skills[sv.code] ?? 0) > 0).flatMap((st) => st.shifts.map(([, to]) => parseClock(to))));
        expect(last, `seed ${seed} service ${sv.code}`).toBeGreaterThanOrEqual(close);
      }
    }
  });

  it('can be checked against the routing goal', () => {
    const s = randomScenario(1);
    const g = checkGoal(s, compare(s, { days: 1 }).report);
    expect(typeof g.pass).toBe('boolean');
    expect(g.pass).toBe(g.p90 && g.withinTarget && g.noStarvation && g.punctuality);
  });
});
