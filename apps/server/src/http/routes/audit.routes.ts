import { Readable } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AllAuditQuery, ApiError, AuditEntryView, AuditPeopleQuery, AuditPerson, AuditQuery, BranchParams, knownAuditDetails } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AuditLook, AuditReview, AuditScope, AuditViewer } from '../../usecases/audit-review.js';
import { actorOf, requireStaff, requireStaffAt, type StaffState } from '../middleware/auth.js';

/** The signed-in reader (every route here is behind requireStaff). */
const viewerOf = (ctx: Context): AuditViewer => ({ role: (ctx.state.staff as StaffState).session.role });

export interface AuditRouteDeps {
  sessions: SessionStore;
  audit: AuditLog;
  auditReview: AuditReview;
}

/**
 * The audit log, read-only: a branch's entries for its manager (and admins), every entry for
 * admins, including those of no branch. Reading is not audited; `?format=csv` downloads every
 * matching entry and is audited as `export-audit` (the log leaves the system). No route edits or
 * deletes an entry.
 */
export function auditRoutes(deps: AuditRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);
  const admins = requireStaff(deps.sessions, ['admin']);

  const answer = async (ctx: Context, scope: AuditScope, q: AuditLook) => {
    ctx.set('cache-control', 'no-store');
    if (q.format !== 'csv') {
      ctx.body = { data: await deps.auditReview.page(scope, q, viewerOf(ctx)) };
      return;
    }
    const { filename, lines } = await deps.auditReview.csv(scope, q, q.lang ?? 'zh', viewerOf(ctx));
    // The filters, not the entries: what left the system can be found again from them.
    const filters = { from: q.from, to: q.to, action: q.action, userId: q.userId, number: q.ticketNumber };
    const scopeName = scope.branchId === undefined ? 'all' : scope.branchId === null ? 'none' : 'branch';
    await deps.audit.append({
      ...actorOf(ctx),
      action: 'export-audit',
      branchId: scope.branchId ?? null,
      ticketId: q.ticketId ?? null,
      details: knownAuditDetails({ scope: scopeName, ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Partial<typeof filters>) }),
    });
    ctx.set('content-disposition', `attachment; filename="${filename}"`);
    ctx.type = 'text/csv; charset=utf-8';
    const body = Readable.from(lines);
    // Past the first page the answer has started: a failure cuts the file off, and only the log says so.
    body.on('error', (err) => (ctx.state.log as Logger | undefined)?.error({ err }, 'audit export cut off'));
    ctx.body = body;
  };

  router.get('/branches/:branchId/audit', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const q = parse(AuditQuery, ctx.query);
    requireStaffAt(ctx, branchId);
    await answer(ctx, { branchId }, q);
  });

  router.get('/branches/:branchId/audit/people', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const q = parse(AuditPeopleQuery, ctx.query);
    requireStaffAt(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.auditReview.people({ branchId }, q, viewerOf(ctx)) };
  });

  router.get('/audit', admins, async (ctx) => {
    const { branchId, branch, ...q } = parse(AllAuditQuery, ctx.query);
    await answer(ctx, { branchId: branchId ?? (branch === 'none' ? null : undefined) }, q);
  });

  router.get('/audit/people', admins, async (ctx) => {
    const q = parse(AuditPeopleQuery, ctx.query);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.auditReview.people({ branchId: undefined }, q, viewerOf(ctx)) };
  });

  return router;
}

/** The audit endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerAuditPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const csv = { 'text/csv': { schema: z.string().describe('UTF-8 with a byte order mark; CRLF line ends; every matching entry, then a row naming the filters') } };
  const errors = (who: string) => ({
    400: refused('VALIDATION_FAILED (an unknown action, a bad date, from after to, a bad cursor)'),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    403: refused(`FORBIDDEN (${who})`),
  });
  const list = (description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: z.array(AuditEntryView) }) }, ...csv } });
  const people = (description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: z.array(AuditPerson) }) } } });
  const paging = 'Newest first; the next page is `before` = the last id of this one (entries appended meanwhile never shift it). `format=csv` downloads every match instead (audited as export-audit).';
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/audit',
    description: `The branch's audit log (its manager, admins). ${paging}`,
    request: { params: BranchParams, query: AuditQuery },
    responses: { 200: list('Entries with who acted by name, the ticket number and the time zone'), ...errors('not a manager or admin, or not their branch'), 404: refused('BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/audit/people',
    description: "Whom the audit log's \"who\" filter suggests for what was typed (`q`), or one person (`id`): among the branch's users and the admins, deactivated ones too; names starting with `q` first, at most `limit`.",
    request: { params: BranchParams, query: AuditPeopleQuery },
    responses: { 200: people('People by name'), ...errors('not a manager or admin, or not their branch'), 404: refused('BRANCH_UNKNOWN') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/audit',
    description: `Every branch's audit log and the entries of no branch (admins); \`branchId\` narrows to one branch, \`branch=none\` to those of no branch. ${paging}`,
    request: { query: AllAuditQuery },
    responses: { 200: list('Entries with who acted by name, the ticket number and the time zone'), ...errors('not an admin'), 404: refused('BRANCH_UNKNOWN (branchId)') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/audit/people',
    description: 'Whom the "who" filter suggests among every user (admins): those whose name or username contains `q`, or one person (`id`); names starting with `q` first, at most `limit`.',
    request: { query: AuditPeopleQuery },
    responses: { 200: people('People by name'), ...errors('not an admin') },
  });
}
