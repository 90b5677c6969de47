import type { SimReport } from './compare.js';
import { evidenceOf, type Evidence } from './confidence.js';
import { tallyGoals, type GoalResult } from './goal.js';
import type { Metrics } from './metrics.js';
import type { Scenario } from './scenario.js';
import type { StaffingReport } from './staffing.js';
import type { BookingReport, BookingRules } from './booking-whatif.js';

/** Plain-text tables for the terminal. */

const COLUMNS: [string, (m: Metrics) => string][] = [
  ['within target', (m) => pct(m.servedWithinTarget)],
  ['mean wait', (m) => min(m.meanWaitMin)],
  ['p90 wait', (m) => min(m.p90WaitMin)],
  ['max wait', (m) => min(m.maxWaitMin)],
  ['appt on time', (m) => (m.apptPunctuality === null ? '-' : pct(m.apptPunctuality))],
  ['utilisation', (m) => pct(m.utilisation)],
  ['ETA MAE', (m) => (m.etaMaeMin === null ? '-' : min(m.etaMaeMin))],
  ['ETA in range', (m) => (m.etaRangeCoverage === null ? '-' : pct(m.etaRangeCoverage))],
  ['customers', (m) => String(m.customers)],
  ['left', (m) => String(m.abandoned)],
  ['unserved', (m) => String(m.unserved)],
];

export function formatComparison(report: SimReport, scenario: Scenario): string {
  const lines: string[] = [];
  lines.push(`Scenario ${report.scenario} (seed ${report.seed}, ${report.days} day${report.days === 1 ? '' : 's'})`);
  const header = ['policy', ...COLUMNS.map(([h]) => h)];
  const rows = Object.entries(report.policies).map(([p, m]) => [p, ...COLUMNS.map(([, f]) => f(m!))]);
  lines.push(table(header, rows));
  lines.push(worstServiceLine(report));
  const versus = versusLines(report);
  if (versus.length > 0) lines.push(...versus);
  for (const sv of scenario.services) {
    lines.push('');
    lines.push(`${sv.code}${sv.name ? ` ${sv.name}` : ''} (target ${sv.targetMin} min, mean service ${sv.meanServiceMin} min)`);
    const svRows = Object.entries(report.policies).map(([p, m]) => [p, ...COLUMNS.map(([, f]) => f(m!.perService[sv.code]!))]);
    lines.push(table(header, svRows));
  }
  return lines.join('\n');
}

/**
 * "tellerline vs fifo: p90 +4.4 min (95%: -0.2 to +6.9, within noise); within target -5.4 points
 * (-7.2 to -3.5, worse)", one line per baseline (see SimReport.versus); none without intervals.
 */
export function versusLines(report: SimReport): string[] {
  return Object.entries(report.versus ?? {}).map(([b, v]) => {
    const p90 = `p90 ${signed(v.p90WaitMin.diff)} min (95%: ${signed(v.p90WaitMin.lo)} to ${signed(v.p90WaitMin.hi)}, ${word(evidenceOf(v.p90WaitMin, 'lower'))})`;
    const pts = (x: number) => signed(x * 100);
    const w = v.servedWithinTarget;
    const within = `within target ${pts(w.diff)} points (${pts(w.lo)} to ${pts(w.hi)}, ${word(evidenceOf(w, 'higher'))})`;
    return `tellerline vs ${b} over ${report.days} days: ${p90}; ${within}`;
  });
}

function signed(x: number): string {
  const r = x.toFixed(1);
  return x > 0 && r !== '0.0' ? `+${r}` : r === '-0.0' ? '0.0' : r;
}

function word(e: Evidence): string {
  return e === 'unclear' ? 'within noise' : e;
}

/** "served worst: fifo C 53.0%, ..." (see PolicyReport.worstService). */
export function worstServiceLine(report: SimReport): string {
  const parts = Object.entries(report.policies).map(([p, m]) => `${p} ${m!.worstService ? `${m!.worstService.code} ${pct(m!.worstService.servedWithinTarget)}` : '-'}`);
  return `service served worst (share within target): ${parts.join(', ')}`;
}

export function formatGoals(results: GoalResult[]): string {
  const yes = (b: boolean) => (b ? 'yes' : 'NO');
  const rows = results.map((g) => [g.scenario, yes(g.p90), yes(g.withinTarget), yes(g.noStarvation), yes(g.punctuality), g.pass ? 'PASS' : 'fail']);
  const pass = results.filter((g) => g.pass).length;
  const lines = [table(['scenario', 'p90 best', 'within best', 'no starvation', 'appts >= 95%', 'goal'], rows)];
  for (const g of results) if (!g.pass) lines.push(`  ${g.scenario}: ${g.failures.join('; ')}`);
  lines.push(`${pass}/${results.length} scenarios meet every part of the goal`);
  const t = tallyGoals(results);
  lines.push(`parts met: p90 ${t.p90}, within target ${t.withinTarget}, no starvation ${t.noStarvation}, punctuality ${t.punctuality} (of ${t.count})`);
  const judged = results.filter((g) => g.evidence).length;
  if (judged > 0) {
    const c = t.clear;
    lines.push(
      `beyond the noise of the days (95%, ${judged} scenario${judged === 1 ? '' : 's'}): p90 better than both baselines in ${c.p90.better}, worse than one in ${c.p90.worse}; within target better in ${c.withinTarget.better}, worse in ${c.withinTarget.worse}; punctuality above the goal in ${c.punctuality.better}, below it in ${c.punctuality.worse}; the rest within noise`,
    );
  }
  return lines.join('\n');
}

export function formatStaffing(r: StaffingReport): string {
  const lines: string[] = [];
  lines.push(`Staffing what-if for ${r.scenario}: goal ${pct(r.serviceLevel)} of customers called within target (${r.days} simulated days each)`);
  lines.push('');
  lines.push('Erlang C, specialists needed per opening hour (offered load in Erlangs):');
  const hours = r.erlang[0]?.hours.map((h) => h.from) ?? [];
  lines.push(
    table(
      ['service', 'target', 'mean svc', ...hours, 'peak'],
      r.erlang.map((e) => [e.code, `${e.targetMin}m`, `${e.meanServiceMin}m`, ...e.hours.map((h) => `${h.servers} (${h.erlangs.toFixed(1)})`), String(e.peak)]),
    ),
  );
  const mix = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} x${v}`).join(', ');
  lines.push('');
  lines.push(`Erlang C mix (peak hour): ${mix(r.erlangMix)} = ${sum(r.erlangMix)} staff`);
  for (const [label, res] of [['Specialists', r.specialists], ['Cross-trained (all skills 1.0)', r.generalists]] as const) {
    lines.push('');
    lines.push(`${label}: ${mix(res.mix)} = ${res.total} staff, ${res.meetsTarget ? 'meets' : 'does NOT meet'} every target in simulation`);
    lines.push(`  tried: ${res.trials.map((t) => `${mix(t.mix)} ${t.pass ? 'ok' : 'short'}`).join(' -> ')}`);
    lines.push(`  within target: ${Object.entries(res.perService).map(([c, m]) => `${c} ${pct(m.servedWithinTarget)}`).join(', ')}`);
  }
  lines.push('');
  lines.push(
    `Current roster (${r.current.staff} staff, with breaks): ${r.current.meetsTarget ? 'meets' : 'does not meet'} every target; within target ${Object.entries(r.current.perService)
      .map(([c, m]) => `${c} ${pct(m.servedWithinTarget)}`)
      .join(', ')}`,
  );
  lines.push(
    r.breakMin > 0
      ? `Each simulated staff member takes a ${r.breakMin}-min break, starting in turn at ${r.breakStarts.join(', ')}: the mixes include the relief.`
      : 'Full-day shifts without breaks (--break 0, or a roster without breaks): add relief for breaks on top of these mixes.',
  );
  return lines.join('\n');
}

export function formatBooking(r: BookingReport): string {
  const lines: string[] = [];
  lines.push(
    `Booking what-if for ${r.scenario}: booking rules that call ${pct(r.punctualityGoal)} of appointments within 5 min of their time (Tellerline policy, ${r.days} simulated days each)`,
  );
  if (r.services.length === 0) {
    lines.push('No service takes appointments.');
    return lines.join('\n');
  }
  const on = (x: number | null) => (x === null ? '-' : pct(x));
  lines.push('');
  lines.push(
    table(
      ['#', ...r.services.map((c) => `${c} rules`), 'requests', 'moved', 'refused', 'appt on time', ...r.services.map((c) => `${c} on time`), 'late', 'late check-in', 'within target', 'p90'],
      r.trials.map((t, i) => [
        String(i + 1),
        ...r.services.map((c) => rulesText(t.rules[c] ?? null)),
        String(t.requests.requested),
        String(t.requests.moved),
        String(t.requests.refused),
        on(t.apptPunctuality),
        ...r.services.map((c) => on(t.perService[c] ?? null)),
        String(t.late.count),
        String(t.late.checkedInAfterSlot),
        pct(t.servedWithinTarget),
        t.p90WaitMin.toFixed(1),
      ]),
    ),
  );
  lines.push('');
  const rec = r.recommended;
  const best = rec === undefined ? undefined : r.trials[rec];
  if (rec === undefined || !best) {
    const last = r.trials[r.trials.length - 1]!;
    lines.push(
      `No rules tried reach the goal. Of the ${last.late.count} late appointments in the last trial, ${last.late.checkedInAfterSlot} checked in after their booked time.`,
    );
  } else if (rec === 0) lines.push('The scenario as it is reaches the goal.');
  else {
    const json = r.services.flatMap((c) => {
      const x = best.rules[c];
      return x ? [`${c}: "booking": {"bufferAfterMin": ${x.bufferAfterMin}, "walkInShare": ${x.walkInShare}}`] : [];
    });
    lines.push(`Recommended (trial ${rec + 1}): ${json.join('; ')}.`);
  }
  lines.push('moved: booked at another slot than wished that day; refused: no free slot that day (they do not come in the simulation).');
  return lines.join('\n');
}

/** "34% walk-in, buffer 5m" (zero parts left out); "as is" for the scenario's own rules. */
function rulesText(x: BookingRules | null): string {
  if (!x) return 'as is';
  const parts: string[] = [];
  if (x.walkInShare > 0) parts.push(`${Math.round(x.walkInShare * 100)}% walk-in`);
  if (x.bufferAfterMin > 0) parts.push(`buffer ${x.bufferAfterMin}m`);
  return parts.length > 0 ? parts.join(', ') : 'no rules';
}

/** Left-aligned first column, right-aligned others. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function min(x: number): string {
  return x.toFixed(1);
}

function sum(m: Record<string, number>): number {
  return Object.values(m).reduce((a, b) => a + b, 0);
}
