/**
 * npm run simulate [--days N] [--json]          (the three shipped scenarios, one after another)
 * npm run simulate -- --scenario scenarios/small-branch.json [--days N] [--json] [--out report.html]
 * npm run simulate -- --scenario f.json --staffing [--break MIN] [--days N] [--json]
 * npm run simulate -- --scenario f.json --booking [--days N] [--json]
 * npm run simulate -- --random 20 [--from 1] [--days N] [--booking] [--json]
 * npm run simulate -- --punctuality-bound [--scenario f.json | --random 20 [--from 1]] [--booking] [--days N] [--json]
 * --walk-in-share 0.25 (with any of them): every service that takes appointments keeps that share
 * of its skilled staff for walk-ins.
 * --patience 40 (with any of them): customers give up after a log-normal patience of that mean.
 * --arrive-early 3 (with any of them): booked customers check in that many minutes earlier on average.
 *
 * The only file with I/O: reads the scenario, prints, writes the HTML report.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bookingWhatIf, recommendedCalendar, withWalkInShare } from './booking-whatif.js';
import { compare } from './compare.js';
import { formatBooking, formatComparison, formatGoals, formatStaffing } from './format-table.js';
import { checkGoal, fairestWorstService, tallyGoals, type GoalResult } from './goal.js';
import { POLICY_NAMES, type PolicyName } from './policies.js';
import { formatPunctualityBound, punctualityBound } from './punctuality-bound.js';
import { randomScenario } from './random-scenario.js';
import { renderReport } from './report-html.js';
import { arrivingEarlier, parseScenarioText, ScenarioError, type Scenario } from './scenario.js';
import { staffingWhatIf } from './staffing.js';

const USAGE = `usage:
  npm run simulate [-- --days N] [--json] [--staffing | --booking]   (each shipped scenario in scenarios/; --json: one line each)
  npm run simulate -- --scenario <file.json> [--days N] [--json] [--out <report.html>] [--policies fifo,fixed-order,tellerline]
  npm run simulate -- --scenario <file.json> --staffing [--break <minutes>] [--days N] [--json]
  (--break: each simulated staff member's break, staggered; default the roster's own, 0 for none)
  npm run simulate -- --scenario <file.json> --booking [--days N] [--json]
  npm run simulate -- --random <count> [--from <first seed>] [--days N] [--booking] [--json]
  (--random --booking: each branch on the booking rules its --booking what-if recommends)
  npm run simulate -- --punctuality-bound [--scenario <file.json> | --random <count> [--from <seed>]] [--booking] [--days N] [--json]
  (experiment: appointment punctuality of a clairvoyant caller beside Tellerline's; without
  --scenario or --random the shipped scenarios; --booking: on the recommended booking rules)
  --walk-in-share <0..1>, with any of these: every service that takes appointments keeps that
  share of its skilled staff for walk-ins (the booking rule), instead of the scenario's own
  --patience <minutes>, with any of these: customers leave when kept waiting longer than a
  patience drawn log-normal with that mean (sd half of it), instead of the scenario's own
  --arrive-early <minutes>, with any of these: booked customers check in that many minutes
  earlier on average than the scenario says (what reminders asking them to come early are worth)
(use "npm run -s simulate" when piping --json: npm prints a banner otherwise)`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string', short: 's' },
        days: { type: 'string', short: 'd' },
        json: { type: 'boolean' },
        out: { type: 'string', short: 'o' },
        staffing: { type: 'boolean' },
        break: { type: 'string' },
        booking: { type: 'boolean' },
        random: { type: 'string' },
        from: { type: 'string' },
        policies: { type: 'string' },
        'walk-in-share': { type: 'string' },
        patience: { type: 'string' },
        'arrive-early': { type: 'string' },
        'punctuality-bound': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const days = positiveInt(args.days, 'days', 5);
  if (args.break !== undefined && !args.staffing) throw new UsageError('--break goes with --staffing (the breaks of the staff mixes it simulates)');
  const share = args['walk-in-share'] === undefined ? undefined : shareOf(args['walk-in-share']);
  const patience = args.patience === undefined ? undefined : patienceOf(args.patience);
  const early = args['arrive-early'] === undefined ? undefined : earlyOf(args['arrive-early']);
  const ruled = (s: Scenario) => {
    const shared = share === undefined ? s : withWalkInShare(s, share);
    const patient = patience === undefined ? shared : { ...shared, abandonment: { patienceMeanMin: patience } };
    return early === undefined ? patient : arrivingEarlier(patient, early);
  };

  if (args['punctuality-bound']) {
    if (args.staffing || args.out || args.policies) throw new UsageError('--punctuality-bound goes with --scenario or --random, --booking, --days and --json only');
    const scenarios: (() => Scenario)[] = [];
    if (args.random !== undefined) {
      const count = positiveInt(args.random, 'random', 20);
      const from = positiveInt(args.from, 'from', 1);
      for (let seed = from; seed < from + count; seed++) scenarios.push(() => randomScenario(seed));
    } else {
      const files = args.scenario ? [resolve(args.scenario)] : shippedFiles();
      for (const file of files) scenarios.push(() => parseScenarioText(readText(file), file));
    }
    const rows = [];
    for (const load of scenarios) {
      const drawn = ruled(load());
      const scenario = args.booking ? recommendedCalendar(drawn, bookingWhatIf(drawn, days)) : drawn;
      const row = punctualityBound(scenario, days);
      rows.push(row);
      if (args.json) process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    if (!args.json) process.stdout.write(`${formatPunctualityBound(rows)}\n`);
    return 0;
  }

  if (args.random !== undefined) {
    const count = positiveInt(args.random, 'random', 20);
    const from = positiveInt(args.from, 'from', 1);
    const results = [];
    for (let seed = from; seed < from + count; seed++) {
      const drawn = ruled(randomScenario(seed));
      const scenario = args.booking ? recommendedCalendar(drawn, bookingWhatIf(drawn, days)) : drawn;
      const { report } = compare(scenario, { days });
      results.push({ goal: checkGoal(scenario, report), report });
    }
    const tally = tallyGoals(results.map((r) => r.goal));
    const fairest = results.filter((r) => fairestWorstService(r.report)).length;
    if (args.json) process.stdout.write(`${JSON.stringify({ days, from, count, passed: tally.pass, parts: tally, fairest, results })}\n`);
    else process.stdout.write(`${formatGoals(results.map((r) => r.goal))}\nTellerline's worst-served service above both baselines': ${fairest} of ${count}\n`);
    return 0;
  }

  if (args.scenario) return runFile(resolve(args.scenario), args, days, ruled);
  if (args.out) throw new UsageError('--out needs --scenario (without it, each shipped scenario writes its report beside itself)');
  // No --scenario: the shipped scenarios, one after another (with --json, one line each).
  const files = shippedFiles();
  const goals: GoalResult[] = [];
  for (const file of files) {
    const code = runFile(file, args, days, ruled, goals);
    if (code !== 0) return code;
    if (!args.json) process.stdout.write('\n');
  }
  if (!args.json && goals.length > 1) process.stdout.write(`${formatGoals(goals)}\n`);
  return 0;
}

/** The shipped scenarios: `npm run simulate` without --scenario runs each of them. */
const SHIPPED = resolve(import.meta.dirname, '..', '..', '..', 'scenarios');

function shippedFiles(): string[] {
  return readdirSync(SHIPPED)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(SHIPPED, f));
}

type Args = { json?: boolean; out?: string; staffing?: boolean; break?: string; booking?: boolean; policies?: string };

/** One scenario file: the comparison (or a what-if), printed; its goal added to `goals` when checked. */
function runFile(file: string, args: Args, days: number, ruled: (s: Scenario) => Scenario, goals: GoalResult[] = []): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const scenario = ruled(parseScenarioText(text, file));
  if (args.staffing) {
    const r = staffingWhatIf(scenario, days, args.break === undefined ? {} : { breakMin: breakOf(args.break) });
    process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : `${formatStaffing(r)}\n`);
    return 0;
  }

  if (args.booking) {
    const r = bookingWhatIf(scenario, days);
    process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : `${formatBooking(r)}\n`);
    return 0;
  }

  const policies = args.policies ? parsePolicies(args.policies) : POLICY_NAMES;
  const { report, runs } = compare(scenario, { days, policies });
  const out = args.out ? resolve(args.out) : join(dirname(file), `${scenario.name}.report.html`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderReport(scenario, report, runs));
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.stderr.write(`report: ${out}\n`);
  } else {
    const goal = report.policies.tellerline && report.policies.fifo && report.policies['fixed-order'] ? checkGoal(scenario, report) : undefined;
    if (goal) goals.push(goal);
    process.stdout.write(`${formatComparison(report, scenario)}\n\n`);
    if (goal) process.stdout.write(`${formatGoals([goal])}\n\n`);
    process.stdout.write(`report: ${out}\n`);
  }
  return 0;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

function positiveInt(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new UsageError(`--${name} must be a whole number from 1 to 10000, got ${v}`);
  return n;
}

/** A number option within its range (`ok`), or a usage error that says what it must be. */
function numberOption(v: string, ok: (n: number) => boolean, mustBe: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${mustBe}, got ${v}`);
  return n;
}

function shareOf(v: string): number {
  return numberOption(v, (n) => n >= 0 && n <= 1, '--walk-in-share must be a share from 0 to 1 (0.25 = a quarter of the skilled staff)');
}

function breakOf(v: string): number {
  return numberOption(v, (n) => Number.isInteger(n) && n >= 0 && n <= 240, "--break must be whole minutes from 0 to 240 (each staff member's break; 0 for none)");
}

function patienceOf(v: string): number {
  return numberOption(v, (n) => n > 0 && n <= 480, '--patience must be minutes from above 0 to 480 (the mean a customer waits before leaving)');
}

function earlyOf(v: string): number {
  return numberOption(v, (n) => n >= 0 && n <= 60, '--arrive-early must be minutes from 0 to 60 (how much earlier booked customers check in on average)');
}

function parsePolicies(v: string): PolicyName[] {
  const names = v.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(POLICY_NAMES as readonly string[]).includes(n)) throw new UsageError(`unknown policy ${n} (expected ${POLICY_NAMES.join(', ')})`);
  }
  return names as PolicyName[];
}

class UsageError extends Error {}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ScenarioError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
  } else throw err;
}
