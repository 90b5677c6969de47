import Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AllBranchesKpiReport, ApiError, BranchKpiReport, BranchParams, KPI_DEFAULT_DAYS, KPI_MAX_DAYS, KpiComments, KpiQuery } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import { allBranchesKpiCsv, branchKpiCsv } from '../../usecases/kpi-csv.js';
import type { Kpis } from '../../usecases/kpis.js';
import { actorOf, requireStaff, requireStaffAt } from '../middleware/auth.js';

export interface KpiRouteDeps {
  sessions: SessionStore;
  audit: AuditLog;
  kpis: Kpis;
}

/**
 * KPI reports: a manager reads their branch's, an admin any branch's and every branch side by
 * side. JSON by default; `?format=csv` or a `.csv` path downloads a spreadsheet (audited as
 * `export-kpis`: the file leaves the system).
 */
export function kpiRoutes(deps: KpiRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);
  const admins = requireStaff(deps.sessions, ['admin']);

  const asCsv = async (ctx: Context, branchId: string | null, filename: string, body: string, range: { fromDay: string; toDay: string }) => {
    await deps.audit.append({ ...actorOf(ctx), action: 'export-kpis', branchId, ticketId: null, details: { scope: branchId ? 'branch' : 'all', from: range.fromDay, to: range.toDay } });
    ctx.set('content-disposition', `attachment; filename="${filename}-${range.fromDay}-${range.toDay}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = body;
  };

  const branchReport = (csvPath: boolean) => async (ctx: Context) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const q = parse(KpiQuery, ctx.query);
    const report = await deps.kpis.branch(branchId, q);
    ctx.set('cache-control', 'no-store');
    if (csvPath || q.format === 'csv') {
      // The file holds every comment of the period, not only the latest the screen lists first.
      const { comments } = await deps.kpis.comments(branchId, { ...q, from: report.fromDay, to: report.toDay });
      return asCsv(ctx, branchId, `kpis-${report.branch.code}`, branchKpiCsv({ ...report, comments }, q.lang ?? 'zh'), report);
    }
    ctx.body = { data: report };
  };
  const allReport = (csvPath: boolean) => async (ctx: Context) => {
    const q = parse(KpiQuery, ctx.query);
    const report = await deps.kpis.all(q);
    ctx.set('cache-control', 'no-store');
    if (csvPath || q.format === 'csv') return asCsv(ctx, null, 'kpis-all-branches', allBranchesKpiCsv(report, q.lang ?? 'zh'), report);
    ctx.body = { data: report };
  };

  router.get('/branches/:branchId/kpis.csv', managers, branchReport(true));
  router.get('/branches/:branchId/kpis', managers, branchReport(false));
  router.get('/branches/:branchId/kpis/comments', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const data = await deps.kpis.comments(branchId, parse(KpiQuery, ctx.query));
    ctx.set('cache-control', 'no-store');
    ctx.body = { data };
  });
  router.get('/kpis.csv', admins, allReport(true));
  router.get('/kpis', admins, allReport(false));
  return router;
}

/** The KPI endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerKpiPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const csv = { 'text/csv': { schema: z.string().describe('UTF-8 with a byte order mark; CRLF line ends') } };
  const errors = (who: string) => ({
    400: refused(`VALIDATION_FAILED (a bad date, from after to, more than ${KPI_MAX_DAYS} days)`),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    403: refused(`FORBIDDEN (${who})`),
  });
  const branch = {
    request: { params: BranchParams, query: KpiQuery },
    responses: {
      200: { description: 'The report (manager of the branch, admin)', content: { 'application/json': { schema: z.object({ data: BranchKpiReport }) }, ...csv } },
      ...errors('not a manager or admin, or not their branch'),
      404: refused('BRANCH_UNKNOWN'),
    },
  };
  const all = {
    request: { query: KpiQuery },
    responses: {
      200: { description: 'Every branch, pilot branches first (admin)', content: { 'application/json': { schema: z.object({ data: AllBranchesKpiReport }) }, ...csv } },
      ...errors('not an admin'),
    },
  };
  const about = `Business days in the branch time zone, both included (default: the last ${KPI_DEFAULT_DAYS}, today included). \`format=csv\` downloads it (audited).`;
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/kpis', description: `A branch's KPIs in total, per service, day and staff member, per hour of the week (branch clock), with the latest survey comments. ${about}`, ...branch });
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/kpis.csv', description: 'The same as CSV (audited), with every survey comment of the period.', ...branch });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/kpis/comments',
    description: `Every survey comment of a branch's period, newest first (the report lists the latest only). Business days in the branch time zone, both included (default: the last ${KPI_DEFAULT_DAYS}).`,
    request: { params: BranchParams, query: KpiQuery },
    responses: { ...branch.responses, 200: { description: 'The comments (manager of the branch, admin)', content: { 'application/json': { schema: z.object({ data: KpiComments }) } } } },
  });
  r.registerPath({ method: 'get', path: '/api/v1/kpis', description: `Every branch's KPI totals, and pilot vs other branches. ${about}`, ...all });
  r.registerPath({ method: 'get', path: '/api/v1/kpis.csv', description: 'The same as CSV (audited).', ...all });
}
