import Router from '@koa/router';
import type { Registry } from 'prom-client';

export interface HealthDeps {
  /** Each check throws when its dependency is not usable. */
  checks: Record<string, () => Promise<void>>;
  registry: Registry;
  openapi: object;
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
    ctx.type = deps.registry.contentType;
    ctx.body = await deps.registry.metrics();
  });
  router.get('/api/v1/openapi.json', (ctx) => {
    ctx.body = deps.openapi;
  });
  return router;
}
