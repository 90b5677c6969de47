import { describe, expect, it } from 'vitest';
import { scenarioFile } from './simulation-scenario.js';

describe('the downloaded scenario file', () => {
  const view = { fromDay: '2026-02-03', toDay: '2026-03-02', weekday: 'mon' as const, days: 4, scenario: { name: 'branch-mon', seed: 1 } };

  it('is the scenario alone, as the simulator reads it, named after branch, weekday and day', () => {
    const f = scenarioFile('main', view);
    expect(f.name).toBe('main-mon-2026-03-02.scenario.json');
    expect(JSON.parse(f.text)).toEqual(view.scenario);
  });

  it('keeps only safe characters of the branch code in the name', () => {
    expect(scenarioFile('../x y', view).name).toBe('xy-mon-2026-03-02.scenario.json');
    expect(scenarioFile('中文', view).name).toBe('branch-mon-2026-03-02.scenario.json');
  });
});
