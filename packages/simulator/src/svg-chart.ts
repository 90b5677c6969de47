/**
 * A tiny line chart as inline SVG: no libraries, no network. Gaps (null values) break a line.
 */
export interface Series {
  name: string;
  color: string;
  /** [x, y]; y null = no data there. */
  points: [number, number | null][];
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xMin: number;
  xMax: number;
  /** Label for an x value (e.g. minutes of day -> "09:00"). */
  xLabel: (x: number) => string;
  xTicks: number[];
  yLabel: string;
  series: Series[];
  /** Horizontal reference lines (a target). */
  marks?: { y: number; label: string }[];
  width?: number;
  height?: number;
}

export function lineChartSvg(c: LineChart): string {
  const width = c.width ?? 560;
  const height = c.height ?? 260;
  const m = { top: 28, right: 16, bottom: 36, left: 46 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const ys = c.series.flatMap((s) => s.points.map(([, y]) => y ?? 0)).concat((c.marks ?? []).map((k) => k.y));
  const yMax = niceCeil(Math.max(1, ...ys) * 1.05);
  const sx = (x: number) => m.left + ((x - c.xMin) / Math.max(1e-9, c.xMax - c.xMin)) * w;
  const sy = (y: number) => m.top + h - (y / yMax) * h;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(c.title)}">`);
  out.push(`<text x="${m.left}" y="16" font-size="13" font-weight="600">${esc(c.title)}</text>`);
  for (const t of yTicks(yMax)) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${f(sy(t) + 4)}" font-size="10" text-anchor="end" fill="#555">${t}</text>`);
  }
  for (const x of c.xTicks) {
    out.push(`<line x1="${f(sx(x))}" x2="${f(sx(x))}" y1="${m.top + h}" y2="${m.top + h + 4}" stroke="#888"/>`);
    out.push(`<text x="${f(sx(x))}" y="${m.top + h + 16}" font-size="10" text-anchor="middle" fill="#555">${esc(c.xLabel(x))}</text>`);
  }
  out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#888"/>`);
  out.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + h}" stroke="#888"/>`);
  out.push(`<text x="12" y="${f(m.top + h / 2)}" font-size="10" fill="#555" transform="rotate(-90 12 ${f(m.top + h / 2)})" text-anchor="middle">${esc(c.yLabel)}</text>`);
  for (const k of c.marks ?? []) {
    out.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${f(sy(k.y))}" y2="${f(sy(k.y))}" stroke="#c00" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${m.left + w - 2}" y="${f(sy(k.y) - 3)}" font-size="10" text-anchor="end" fill="#c00">${esc(k.label)}</text>`);
  }
  for (const s of c.series) {
    for (const run of runs(s.points)) {
      const d = run.map(([x, y], i) => `${i ? 'L' : 'M'}${f(sx(x))},${f(sy(y))}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
      for (const [x, y] of run) out.push(`<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="2.2" fill="${s.color}"><title>${esc(`${s.name} ${c.xLabel(x)}: ${y.toFixed(1)}`)}</title></circle>`);
    }
  }
  // Legend along the bottom.
  let lx = m.left;
  for (const s of c.series) {
    out.push(`<line x1="${lx}" x2="${lx + 16}" y1="${height - 7}" y2="${height - 7}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    out.push(`<text x="${lx + 20}" y="${height - 3}" font-size="10">${esc(s.name)}</text>`);
    lx += 28 + s.name.length * 6;
  }
  out.push('</svg>');
  return out.join('');
}

/** Consecutive non-null points. */
function runs(points: [number, number | null][]): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (const [x, y] of points) {
    if (y === null || !Number.isFinite(y)) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push([x, y]);
  }
  if (cur.length) out.push(cur);
  return out;
}

function niceCeil(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= x) return k * p;
  return 10 * p;
}

function yTicks(max: number): number[] {
  const step = niceCeil(max / 5);
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}

function f(x: number): string {
  return x.toFixed(1);
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
