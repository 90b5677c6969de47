import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';

/**
 * API answers (JSON, metrics, the OpenAPI document) are never rendered as a page: they may load
 * nothing and be framed by nobody.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The built screens' policy. Scripts: our own files and the one inline start-up script each
 * SvelteKit page carries, allowed by its hash (`pageCsp`), so an injected script cannot run.
 * Styles may be inline: Svelte writes style attributes and transitions' style elements, and a
 * style cannot run code. Sockets, the push service worker and the manifest are same-origin.
 * Nobody may frame a screen (clickjacking of the staff panel), except the lobby screen by the
 * signage players the operator names (`SIGNAGE_FRAME_ANCESTORS`): it shows numbers and counters
 * only and takes no input, so framing it cannot trick anyone into an action.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * The page policy for one HTML file: its inline scripts' SHA-256 hashes join `'self'`; framed by
 * nobody, or only by `frameAncestors` (origins) when given.
 */
export function pageCsp(html: string, frameAncestors: readonly string[] = []): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  const framing = `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`;
  return [PAGE_DIRECTIVES[0], `script-src 'self'${hashes.map((h) => ` ${h}`).join('')}`, ...PAGE_DIRECTIVES.slice(1), framing].join('; ');
}

/**
 * Headers on every answer: no framing, no sniffing, no referrer, the API's policy (the static
 * screens set their page policy over it), and on an https installation Strict-Transport-Security,
 * so a browser that has been there once never tries plain http again (without includeSubDomains:
 * the bank's other hosts are not ours to decide for).
 */
export function securityHeaders(opts: { https: boolean }): Middleware {
  return async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    ctx.set('x-frame-options', 'DENY');
    ctx.set('content-security-policy', API_CSP);
    if (opts.https) ctx.set('strict-transport-security', 'max-age=31536000');
    await next();
  };
}
