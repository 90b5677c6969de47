import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Middleware } from 'koa';
import { AppError } from '../../errors.js';
import { pageCsp } from '../security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export interface StaticApp {
  /** URL prefix ('' for the root app). */
  base: string;
  /** Build folder of a SvelteKit adapter-static app. */
  dir: string;
  /** Origins allowed to frame this app's pages (none: nobody). */
  frameAncestors?: readonly string[];
}

/** A path's percent-decoding; a broken one (`%ZZ`, a cut UTF-8 sequence) is the client's error, not ours. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The address is not valid (broken percent-encoding).');
  }
}

/** Encodings the build writes next to each file (adapter-static `precompress`), best first. */
const ENCODINGS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * The encodings an Accept-Encoding header allows: listed with a q above 0, or covered by `*`.
 * Our own parse (a few lines) rather than a runtime compression dependency.
 */
export function acceptedEncodings(header: string): Set<string> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const star = q.get('*');
  return new Set(ENCODINGS.map((e) => e.encoding).filter((e) => (q.get(e) ?? star ?? 0) > 0));
}

/**
 * The precompressed copy of `file` to send instead (br before gzip), if the client takes it and
 * the build wrote it. Never for a range request: ranges count bytes of the plain file. `varies`:
 * a sibling exists, so the answer depends on Accept-Encoding.
 */
async function compressedSibling(file: string, acceptEncoding: string, isRange: boolean): Promise<{ varies: boolean; chosen?: { file: string; encoding: string; size: number } }> {
  if (isRange) return { varies: false };
  const accepted = acceptedEncodings(acceptEncoding);
  let varies = false;
  for (const { encoding, suffix } of ENCODINGS) {
    let size: number;
    try {
      const info = await stat(file + suffix);
      if (!info.isFile()) continue;
      size = info.size;
    } catch {
      continue; // this build did not compress this file (too small, or not a text type)
    }
    varies = true;
    if (accepted.has(encoding)) return { varies, chosen: { file: file + suffix, encoding, size } };
  }
  return { varies };
}

/**
 * Serves the built screens (apps/web at /, signage at /signage) from the same origin as the API:
 * hashed assets under _app/immutable are cached for a year, everything else revalidates, and
 * unknown paths fall back to the app's index.html (client-side routing). API, socket and ops
 * paths never reach here.
 */
export function staticApps(apps: StaticApp[]): Middleware {
  // Hashes of a page's inline scripts, read again only when the file changes (a rebuild).
  const policies = new Map<string, { mtimeMs: number; csp: string }>();
  async function policyFor(html: string, frameAncestors: readonly string[]): Promise<string> {
    const { mtimeMs } = await stat(html);
    const known = policies.get(html);
    if (known?.mtimeMs === mtimeMs) return known.csp;
    const csp = pageCsp(await readFile(html, 'utf8'), frameAncestors);
    policies.set(html, { mtimeMs, csp });
    return csp;
  }
  const present = apps.filter((a) => existsSync(join(a.dir, 'index.html'))).sort((a, b) => b.base.length - a.base.length);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || /^\/(api|socket\.io|healthz|readyz|metrics)(\/|$)/.test(ctx.path)) return next();
    const app = present.find((a) => ctx.path === a.base || ctx.path.startsWith(`${a.base}/`));
    if (!app) return next();
    const rel = decodedPath(ctx.path.slice(app.base.length)) || '/';
    const file = normalize(join(app.dir, rel));
    if (!file.startsWith(app.dir + sep) && file !== app.dir) return next();
    let target = join(app.dir, 'index.html');
    try {
      if ((await stat(file)).isFile()) target = file;
    } catch {
      // not a file: client-side route, serve the shell
    }
    ctx.type = TYPES[extname(target)] ?? 'application/octet-stream';
    // Every file of a screen (its pages, and the push service worker's script) gets the page policy.
    const frameAncestors = app.frameAncestors ?? [];
    ctx.set('content-security-policy', await policyFor(extname(target) === '.html' ? target : join(app.dir, 'index.html'), frameAncestors));
    // X-Frame-Options cannot name origins; browsers that know frame-ancestors let it decide.
    if (frameAncestors.length > 0) ctx.remove('x-frame-options');
    ctx.set('cache-control', target.includes(`${sep}immutable${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    // A file with a compressed sibling answers by Accept-Encoding, so caches must key on it too.
    const { varies, chosen } = await compressedSibling(target, ctx.get('accept-encoding'), ctx.get('range') !== '');
    if (varies) ctx.vary('accept-encoding');
    if (chosen) {
      ctx.set('content-encoding', chosen.encoding);
      ctx.body = createReadStream(chosen.file);
      ctx.length = chosen.size;
      return;
    }
    ctx.body = createReadStream(target);
  };
}
