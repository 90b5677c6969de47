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

export function healthRoutes(deps: HealthDeps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results: Record<string, string> = {};
    let ready = true;
    for (const [name, check] of Object.entries(deps.checks)) {
      try {
        await check();
        results[name] = 'ok';
      } catch {
        results[name] = 'down';
        ready = false;
      }
    }
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
