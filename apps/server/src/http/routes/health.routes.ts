import Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { Logger } from '../../logger.js';

export interface HealthDeps {
  /** Each check throws when its dependency is not usable. */
  checks: Record<string, () => Promise<void>>;
  registry: Registry;
  openapi: object;
  /** Refreshes gauges that are read from elsewhere (queue lengths) just before a scrape. */
  beforeScrape?: () => Promise<void>;
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
