import { formatClock } from './clock.js';
import type { SimReport } from './compare.js';
import { versusLines, worstServiceLine } from './format-table.js';
import { checkGoal } from './goal.js';
import { quantile, mean, waitMin, type Metrics } from './metrics.js';
import { openingHours, type Scenario } from './scenario.js';
import type { PolicyRun } from './simulate.js';
import { esc, lineChartSvg } from './svg-chart.js';

const COLORS: Record<string, string> = { fifo: '#8a8a8a', 'fixed-order': '#d9822b', tellerline: '#1f6fd9' };
const BUCKET_MIN = 30;

/**
 * A self-contained HTML report: the comparison table, then per service the mean and p90 wait by
 * time of arrival (30-minute buckets, pooled over the simulated days), one line per policy, with
 * the service's target. Charts are inline SVG drawn here; the page loads nothing.
 */
export function renderReport(scenario: Scenario, report: SimReport, runs: PolicyRun[]): string {
  const { openMin, closeMin } = openingHours(scenario);
  const buckets: number[] = [];
  for (let t = openMin; t < closeMin; t += BUCKET_MIN) buckets.push(t);
  const xTicks = buckets.filter((t) => (t - openMin) % 60 === 0).concat([closeMin]);

  const sections = scenario.services.map((sv) => {
    const byPolicy = runs.map((run) => {
      const tickets = run.days.flatMap((d) => d.tickets).filter((t) => t.service === sv.code);
      const inBucket = buckets.map((b) => tickets.filter((t) => t.joinedAt >= b && t.joinedAt < b + BUCKET_MIN).map(waitMin));
      return { run, inBucket };
    });
    const chart = (title: string, stat: (ws: number[]) => number) =>
      lineChartSvg({
        title,
        xMin: openMin,
        xMax: closeMin,
        xTicks,
        xLabel: formatClock,
        yLabel: 'wait (min)',
        series: byPolicy.map(({ run, inBucket }) => ({
          name: run.policy,
          color: COLORS[run.policy] ?? '#333',
          points: inBucket.map((ws, i) => [buckets[i]! + BUCKET_MIN / 2, ws.length ? stat(ws) : null] as [number, number | null]),
        })),
        marks: [{ y: sv.targetMin, label: `target ${sv.targetMin} min` }],
      });
    return `<section><h2>${esc(sv.code)}${sv.name ? ` ${esc(sv.name)}` : ''}</h2>
<p>Target ${sv.targetMin} min; mean service ${sv.meanServiceMin} min (sd ${sv.sdServiceMin}). Waits by time of arrival.</p>
<div class="charts">${chart(`${sv.code}: mean wait`, mean)}${chart(`${sv.code}: p90 wait`, (ws) => quantile(ws, 0.9))}</div>
${metricsTable(report, (m) => m.perService[sv.code]!)}
</section>`;
  });

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tellerline simulation: ${esc(scenario.name)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
</style></head><body>
<h1>Routing simulation: ${esc(scenario.name)}</h1>
${scenario.description ? `<p>${esc(scenario.description)}</p>` : ''}
<p>Seed ${report.seed}, ${report.days} simulated day${report.days === 1 ? '' : 's'}, ${scenario.open}-${scenario.close},
${scenario.staff.length} staff. Every policy sees the same customers. Wait = first call &minus; check-in; for an appointment
that kept its slot, first call &minus; max(check-in, booked time). Appointments on time = called within 5 minutes of that.</p>
<h2>All services</h2>
${metricsTable(report, (m) => m)}
<p>${esc(worstServiceLine(report))}</p>
${versusLines(report)
  .map((l) => `<p>${esc(l)}</p>`)
  .join('\n')}
${goalSection(scenario, report)}
${sections.join('\n')}
</body></html>
`;
}

/** The routing goal's verdict (as under the terminal table), when all three policies ran. */
function goalSection(scenario: Scenario, report: SimReport): string {
  const { tellerline, fifo } = report.policies;
  if (!tellerline || !fifo || !report.policies['fixed-order']) return '';
  const g = checkGoal(scenario, report);
  const yes = (b: boolean) => (b ? 'yes' : '<strong>no</strong>');
  return `<h2>Routing goal: ${g.pass ? 'met' : 'not met'}</h2>
<table class="goal"><thead><tr><th>p90 below both baselines</th><th>within target above both</th><th>no starved service</th><th>appointments on time &ge; 95%</th></tr></thead>
<tbody><tr><td>${yes(g.p90)}</td><td>${yes(g.withinTarget)}</td><td>${yes(g.noStarvation)}</td><td>${yes(g.punctuality)}</td></tr></tbody></table>
${g.failures.length ? `<ul>${g.failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}`;
}

function metricsTable(report: SimReport, pick: (m: NonNullable<SimReport['policies']['tellerline']>) => Metrics): string {
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  const num = (x: number | null) => (x === null ? '-' : x.toFixed(1));
  const rows = Object.entries(report.policies).map(([p, full]) => {
    const m = pick(full!);
    return `<tr><td><span class="swatch" style="background:${COLORS[p] ?? '#333'}"></span>${esc(p)}</td><td>${pct(m.servedWithinTarget)}</td><td>${num(m.meanWaitMin)}</td><td>${num(m.p90WaitMin)}</td><td>${num(m.maxWaitMin)}</td><td>${pct(m.apptPunctuality)}</td><td>${pct(m.utilisation)}</td><td>${num(m.etaMaeMin)}</td><td>${pct(m.etaRangeCoverage)}</td><td>${m.customers}</td><td>${m.abandoned}</td><td>${m.unserved}</td></tr>`;
  });
  return `<table><thead><tr><th>policy</th><th>within target</th><th>mean wait</th><th>p90 wait</th><th>max wait</th><th>appts on time</th><th>utilisation</th><th>ETA MAE</th><th>ETA in range</th><th>customers</th><th>left</th><th>unserved</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
