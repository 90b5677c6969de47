import { createHash, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Registry } from 'prom-client';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface HealthDeps {
  /** Each check throws when its dependency is not usable. */
  checks: Record<string, () => Promise<void>>;
  registry: Registry;
  openapi: object;
  /** Refreshes gauges that are read from elsewhere (queue lengths) just before a scrape. */
  beforeScrape?: () => Promise<void>;
  /**
   * Who may read /metrics: with a token (METRICS_TOKEN), a scraper sending it as a bearer token;
   * without one, in production, only a scraper on this host (loopback, not through a proxy);
   * otherwise (development, test) anyone.
   */
  metricsAccess: { token: string | null; loopbackOnly: boolean };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Headers any proxy on this host may forward with (nginx's X-Real-IP, RFC 7239 Forwarded, ...):
 * a request carrying one came through a proxy and is not a local scraper, whichever one the
 * proxy was configured to send.
 */
const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host'] as const;

/**
 * Metrics name branches, queue lengths and the process: not for the public. Checked on the
 * socket's own address (not X-Forwarded-For), and a request that came through a proxy on this
 * host (it carries any of `PROXY_HEADERS`) is not a local scraper.
 */
function requireMetricsAccess(ctx: Koa.Context, access: HealthDeps['metricsAccess']): void {
  if (access.token) {
    const given = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1] ?? '';
    // Compared as digests: equal lengths, and no timing hint at the token.
    if (!timingSafeEqual(digest(given), digest(access.token))) throw new AppError('UNAUTHENTICATED', 'Metrics need the bearer token (METRICS_TOKEN).');
    return;
  }
  if (access.loopbackOnly && (!LOOPBACK.test(ctx.req.socket.remoteAddress ?? '') || PROXY_HEADERS.some((h) => ctx.req.headers[h] !== undefined))) {
    throw new AppError('FORBIDDEN', 'Metrics are served to this host only; set METRICS_TOKEN to scrape from elsewhere.');
  }
}

/**
 * A check that has not answered by then counts as down. Why: while Redis is unreachable its
 * client queues commands until it reconnects, so a ping never fails, it waits; the probe must
 * still answer (503) quickly, or the load balancer's own timeout decides for us.
 */
export const READY_CHECK_TIMEOUT_MS = 1000;

function withinTimeout(check: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('check timed out')), READY_CHECK_TIMEOUT_MS);
  });
  return Promise.race([check(), late]).finally(() => clearTimeout(timer));
}

export function healthRoutes(deps: HealthDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    // All at once, each within its timeout; the keys stay in the checks' order.
    const results: Record<string, string> = Object.fromEntries(
      await Promise.all(Object.entries(deps.checks).map(([name, check]) => withinTimeout(check).then(() => [name, 'ok'], () => [name, 'down']))),
    );
    const ready = Object.values(results).every((r) => r === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not-ready', checks: results };
  });
  router.get('/metrics', async (ctx) => {
    requireMetricsAccess(ctx, deps.metricsAccess);
    if (deps.beforeScrape) {
      // A failed refresh leaves those gauges stale; the process metrics are still worth serving.
      await deps.beforeScrape().catch((err: unknown) => (ctx.state.log as Logger | undefined)?.warn({ err }, 'metrics refresh failed'));
    }
    ctx.type = deps.registry.contentType;
    ctx.body = await deps.registry.metrics();
  });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = deps.openapi;
  });
  return router;
}
