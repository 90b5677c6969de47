import { describe, expect, it } from 'vitest';
import { checkGoal, compare, parseScenario, renderReport } from '../src/index.js';
import { tinyScenario } from './fixtures.js';

describe('the HTML report', () => {
  const scenario = parseScenario(tinyScenario());

  it("states the routing goal's verdict, each part and why a part failed, as the terminal does", () => {
    const { report, runs } = compare(scenario, { days: 2 });
    const g = checkGoal(scenario, report);
    const html = renderReport(scenario, report, runs);
    expect(html).toContain(`<h2>Routing goal: ${g.pass ? 'met' : 'not met'}</h2>`);
    const cells = [g.p90, g.withinTarget, g.noStarvation, g.punctuality].map((b) => `<td>${b ? 'yes' : '<strong>no</strong>'}</td>`).join('');
    expect(html).toContain(`<tr>${cells}</tr>`);
    for (const f of g.failures) expect(html).toContain(`<li>${f.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</li>`);
  });

  it('has no goal section when a baseline was left out (--policies)', () => {
    const { report, runs } = compare(scenario, { days: 1, policies: ['fifo', 'tellerline'] });
    expect(renderReport(scenario, report, runs)).not.toContain('Routing goal');
  });
});
