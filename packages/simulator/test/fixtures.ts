import type { ScenarioInput } from '../src/index.js';

/** A two-hour branch: accounts (A) and loans (B), three staff, one with a break. */
export function tinyScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'tiny',
    seed: 7,
    open: '09:00',
    close: '11:00',
    services: [
      { code: 'A', targetMin: 10, meanServiceMin: 5, sdServiceMin: 2, arrivalsPerHour: [14, 18], appointmentsPerHour: [1, 1] },
      { code: 'B', targetMin: 20, meanServiceMin: 15, sdServiceMin: 5, arrivalsPerHour: [2, 3], appointmentsPerHour: [1, 2] },
    ],
    staff: [
      { id: 'ann', skills: { A: 1 }, shifts: [['09:00', '11:00']] },
      { id: 'bob', skills: { B: 1, A: 0.5 }, shifts: [['09:00', '09:45'], ['10:15', '11:00']] },
      { id: 'cat', skills: { A: 0.8, B: 0.9 }, shifts: [['09:00', '11:00']] },
    ],
    appointments: { noShowRate: 0.1, latenessSdMin: 4 },
    priorityShare: 0.1,
    ...overrides,
  };
}
