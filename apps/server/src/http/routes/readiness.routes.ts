import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AllBranchesReadiness, ApiError, BranchParams, BranchReadiness } from '@tellerline/contracts';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import type { Readiness } from '../../usecases/branch-readiness.js';
import { requireStaff, requireStaffAt } from '../middleware/auth.js';

export interface ReadinessRouteDeps {
  sessions: SessionStore;
  readiness: Readiness;
}

/** Rollout readiness (read-only): a manager reads their branch's, an admin any branch's and every branch in service. */
export function readinessRoutes(deps: ReadinessRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);
  const admins = requireStaff(deps.sessions, ['admin']);

  router.get('/branches/:branchId/readiness', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.readiness.branch(branchId) };
  });
  router.get('/readiness', admins, async (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.readiness.all() };
  });
  return router;
}

/** The readiness endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerReadinessPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const signedIn = { 401: refused('UNAUTHENTICATED / SESSION_EXPIRED') };
  const about = 'Items: opening hours, address, services (target, skilled colleague, rostered cover), counters, kiosk and lobby screen, manager account, first passwords, booking, notice providers; each ok / warning / missing with a zh and en sentence and the screen that fixes it. `ready`: nothing missing.';
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/readiness',
    description: `Whether a branch is ready to go live. ${about}`,
    request: { params: BranchParams },
    responses: {
      200: { description: 'The check (manager of the branch, admin)', content: { 'application/json': { schema: z.object({ data: BranchReadiness }) } } },
      400: refused('VALIDATION_FAILED (a malformed branch id)'),
      ...signedIn,
      403: refused('FORBIDDEN (not a manager or admin, or not their branch)'),
      404: refused('BRANCH_UNKNOWN'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/readiness',
    description: `Every branch in service, pilot branches first, each with its counts and items. ${about}`,
    responses: {
      200: { description: 'The checks (admin)', content: { 'application/json': { schema: z.object({ data: AllBranchesReadiness }) } } },
      ...signedIn,
      403: refused('FORBIDDEN (not an admin)'),
    },
  });
}
