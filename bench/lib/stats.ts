/** Percentiles, tables and result files shared by the benches. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

export function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(2);
  return { n: s.length, p50: r(pct(s, 50)), p95: r(pct(s, 95)), p99: r(pct(s, 99)), max: r(s.at(-1) ?? NaN) };
}

/** The 1-minute load average, as printed beside every figure (2 cores: above 2 the machine is busy). */
export function load1(): number {
  return +loadavg()[0]!.toFixed(2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Writes bench/results/<name>.json. */
export function saveResult(name: string, result: unknown): void {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), JSON.stringify(result, null, 2) + '\n');
}

export function log(msg: string): void {
  const t = new Date().toISOString().slice(11, 19);
  console.error(`[${t} load ${load1()}] ${msg}`);
}
