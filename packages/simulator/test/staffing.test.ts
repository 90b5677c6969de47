import { describe, expect, it } from 'vitest';
import { checkGoal, compare, parseScenario, randomScenario, staffingWhatIf } from '../src/index.js';
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
