import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyScenario } from './fixtures.js';

const pkg = join(import.meta.dirname, '..');
const KEYS = ['servedWithinTarget', 'meanWaitMin', 'p90WaitMin', 'maxWaitMin', 'apptPunctuality', 'utilisation', 'etaMaeMin', 'etaRangeCoverage', 'perService'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the CLI as a user would (npx tsx); the runs below go in parallel. Each may take a minute
 * on a loaded 2-core machine (fourteen node processes at once): a run killed by the timeout
 * reports status null, which the assertions would read as a failure of the CLI itself.
 */
function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/cli.ts', ...args], { cwd: pkg, timeout: 170_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tellerline-sim-'));
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(tinyScenario()));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...tinyScenario(), close: '08:00' }));
  const out = join(dir, 'out', 'report.html');
  let json: Run, table: Run, invalid: Run, booking: Run, shipped: Run, badShare: Run, closed: Run, impatient: Run, badPatience: Run, staffing: Run, strayBreak: Run, random: Run, early: Run, badEarly: Run;
  beforeAll(async () => {
    [json, table, invalid, booking, shipped, badShare, closed, impatient, badPatience, staffing, strayBreak, random, early, badEarly] = await Promise.all([
      cli(['--scenario', file, '--days', '1', '--json', '--out', out]),
      cli(['--scenario', file, '--days', '1', '--policies', 'fifo,tellerline']),
      cli(['--scenario', bad, '--json']),
      cli(['--scenario', file, '--days', '1', '--booking', '--json']),
      cli(['--days', '1', '--json']),
      cli(['--random', '1', '--walk-in-share', '1.5']),
      cli(['--scenario', file, '--days', '1', '--walk-in-share', '1', '--booking', '--json']),
      cli(['--scenario', file, '--days', '1', '--patience', '3', '--json', '--out', join(dir, 'impatient.html')]),
      cli(['--random', '1', '--patience', '0']),
      cli(['--scenario', file, '--days', '1', '--staffing', '--break', '20', '--json']),
      cli(['--random', '1', '--break', '30']),
      cli(['--random', '3', '--from', '5', '--days', '5', '--json']),
      cli(['--scenario', file, '--days', '1', '--arrive-early', '10', '--json', '--out', join(dir, 'early.html')]),
      cli(['--random', '1', '--arrive-early', '61']),
    ]);
    // Fourteen tsx processes at once: on a 2-core machine busy with other suites this has taken
    // over 30 s, though nothing here asserts anything about time.
  }, 180_000);

  it('--json prints one parseable object with the required keys and writes the HTML report', () => {
    const r = json;
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report.scenario).toBe('tiny');
    expect(Object.keys(report.policies)).toEqual(['fifo', 'fixed-order', 'tellerline']);
    for (const p of Object.values(report.policies) as Record<string, unknown>[]) {
      for (const k of KEYS) expect(p, k).toHaveProperty(k);
      expect(Object.keys(p['perService'] as object)).toEqual(['A', 'B']);
      for (const s of Object.values(p['perService'] as Record<string, unknown>)) for (const k of KEYS.slice(0, -1)) expect(s).toHaveProperty(k);
      expect(p['servedWithinTarget']).toBeGreaterThanOrEqual(0);
      expect(p['servedWithinTarget']).toBeLessThanOrEqual(1);
    }
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('writes the report beside the scenario by default and prints a table', () => {
    const r = table;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^policy +within target/m);
    expect(existsSync(join(dir, 'tiny.report.html'))).toBe(true);
  });

  it('--booking --json prints the booking what-if', () => {
    const r = booking;
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.trim());
    expect(report.scenario).toBe('tiny');
    expect(report.services).toEqual(['A', 'B']);
    expect(report.trials.length).toBeGreaterThan(0);
    expect(report.trials[0].rules).toEqual({ A: null, B: null });
  });

  it('without --scenario runs the three shipped scenarios, one JSON line each', () => {
    const r = shipped;
    expect(r.status, r.stderr).toBe(0);
    const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(reports.map((x) => x.scenario)).toEqual(['appointments-heavy', 'busy-city', 'small-branch']);
    for (const x of reports) expect(Object.keys(x.policies)).toEqual(['fifo', 'fixed-order', 'tellerline']);
  });

  it('--walk-in-share applies to the scenario: keeping every skilled colleague for walk-ins sells no slot', () => {
    expect(closed.status, closed.stderr).toBe(0);
    const first = JSON.parse(closed.stdout.trim()).trials[0];
    expect(first.requests.requested).toBeGreaterThan(0);
    expect(first.requests.refused).toBe(first.requests.requested);
  });

  it('--patience makes customers leave after waiting about that long, and says how many left', () => {
    expect(impatient.status, impatient.stderr).toBe(0);
    const report = JSON.parse(impatient.stdout.trim());
    for (const p of ['fifo', 'fixed-order', 'tellerline']) expect(report.policies[p].abandoned).toBeGreaterThan(0);
    expect(JSON.parse(json.stdout.trim()).policies.tellerline.abandoned).toBe(0);
    expect(badPatience.status).toBe(2);
    expect(badPatience.stderr).toContain('--patience must be minutes');
  });

  it('--arrive-early runs the same customers with booked ones checking in earlier, and rejects a shift over an hour', () => {
    expect(early.status, early.stderr).toBe(0);
    const shifted = JSON.parse(early.stdout.trim());
    const plain = JSON.parse(json.stdout.trim());
    // Same people: the count is the same; their check-in times are not, so the day plays out otherwise.
    expect(shifted.policies.tellerline.customers).toBe(plain.policies.tellerline.customers);
    expect(shifted.policies).not.toEqual(plain.policies);
    expect(badEarly.status).toBe(2);
    expect(badEarly.stderr).toContain('--arrive-early must be minutes from 0 to 60');
  });

  it('--staffing --break simulates the mixes with that break, and --break alone is a usage error', () => {
    expect(staffing.status, staffing.stderr).toBe(0);
    const r = JSON.parse(staffing.stdout.trim());
    // The tiny branch is open two hours: one break in the middle of it.
    expect(r).toMatchObject({ breakMin: 20, breakStarts: ['09:50'] });
    expect(r.specialists.meetsTarget).toBe(true);
    expect(strayBreak.status).toBe(2);
    expect(strayBreak.stderr).toContain('--break goes with --staffing');
  });

  it('--random --json counts the branches meeting the goal and each part of it, and where Tellerline is fairest', () => {
    expect(random.status, random.stderr).toBe(0);
    const r = JSON.parse(random.stdout.trim());
    expect(r.results.map((x: { goal: { scenario: string } }) => x.goal.scenario)).toEqual(['random-5', 'random-6', 'random-7']);
    const count = (k: string) => r.results.filter((x: { goal: Record<string, boolean> }) => x.goal[k]).length;
    expect(r.parts).toMatchObject({ count: 3, pass: count('pass'), p90: count('p90'), withinTarget: count('withinTarget'), noStarvation: count('noStarvation'), punctuality: count('punctuality') });
    // Five days give each branch its intervals: the parts read against the noise.
    const clear = (part: string, e: string) => r.results.filter((x: { goal: { evidence: Record<string, string> } }) => x.goal.evidence[part] === e).length;
    expect(r.parts.clear).toEqual({
      p90: { better: clear('p90', 'better'), worse: clear('p90', 'worse') },
      withinTarget: { better: clear('withinTarget', 'better'), worse: clear('withinTarget', 'worse') },
      punctuality: { better: clear('punctuality', 'better'), worse: clear('punctuality', 'worse') },
    });
    for (const x of r.results) expect(Object.keys(x.report.versus)).toEqual(['fifo', 'fixed-order']);
    expect(r.passed).toBe(r.parts.pass);
    const worst = (x: { report: { policies: Record<string, { worstService: { servedWithinTarget: number } | null }> } }, p: string) => x.report.policies[p]!.worstService?.servedWithinTarget ?? 1;
    const fairest = r.results.filter((x: Parameters<typeof worst>[0]) => {
      const tl = worst(x, 'tellerline');
      const others = [worst(x, 'fifo'), worst(x, 'fixed-order')];
      return others.every((o) => tl > o) || (tl === 1 && others.every((o) => o === 1));
    }).length;
    expect(r.fairest).toBe(fairest);
  });

  it('exits 2 and says what a walk-in share is when it is not one', () => {
    expect(badShare.status).toBe(2);
    expect(badShare.stdout).toBe('');
    expect(badShare.stderr).toContain('--walk-in-share must be a share from 0 to 1');
  });

  it('exits 2 with the validation errors for a bad scenario', () => {
    const r = invalid;
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('close: close (08:00) must be after open (09:00)');
  });
});
