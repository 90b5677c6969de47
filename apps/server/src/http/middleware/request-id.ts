import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../logger.js';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Paths whose segment after the prefix is a customer's token: the only key to their ticket page
 * (and its push, notices and survey), their booking, or a consent confirmation link. Logs are
 * read by more people than the customer, so the token is cut. Case-insensitive, as the router
 * matches. Device tokens travel in the Authorization header or the `?device=` query, which the
 * log never holds (it logs the path only).
 */
const TOKEN_PATH = /^(\/api\/v1\/(?:appointments|tickets|consent-confirmations)\/|\/(?:t|a|consent)\/)([^/]+)/i;

/** The path as the request log shows it: a token keeps its first 4 characters, enough to tell two apart. */
export function redactPath(path: string): string {
  return path.replace(TOKEN_PATH, (_, prefix: string, token: string) => `${prefix}${token.slice(0, 4)}…`);
}

/** Gives every request an id (the proxy's, if sane) and a child logger carrying it. */
export function requestIdMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const id = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set('x-request-id', id);
    const log = logger.child({ reqId: id });
    ctx.state.log = log;
    const started = performance.now();
    await next();
    log.info({ method: ctx.method, path: redactPath(ctx.path), status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
