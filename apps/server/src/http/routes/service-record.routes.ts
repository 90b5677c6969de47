import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, MyServiceRecordView, SaveServiceRecordBody, ServiceRecordView, ServiceReportView, TicketParams } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import type { ServiceRecords } from '../../usecases/service-records.js';
import { readJson } from '../middleware/json-body.js';
import { actorOf, requireStaff, requireStaffAt } from '../middleware/auth.js';

export interface ServiceRecordRouteDeps {
  sessions: SessionStore;
  audit: AuditLog;
  serviceRecords: ServiceRecords;
  bodyLimitBytes: number;
}

/**
 * Staff notes and outcome of a visit, and its service report. Staff of the branch (and admins)
 * only; saving is audited with the outcome and the notes' length, never the notes themselves.
 */
export function serviceRecordRoutes(deps: ServiceRecordRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1/branches' });

  /** The panel reloaded mid-visit (or amending after completing) shows what was already saved. */
  router.get('/:branchId/tickets/:ticketId/record', requireStaff(deps.sessions), async (ctx) => {
    const { branchId, ticketId } = parse(TicketParams, ctx.params);
    const session = requireStaffAt(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.serviceRecords.mine(session.staffId, branchId, ticketId) };
  });

  router.put('/:branchId/tickets/:ticketId/record', requireStaff(deps.sessions), async (ctx) => {
    const { branchId, ticketId } = parse(TicketParams, ctx.params);
    const session = requireStaffAt(ctx, branchId);
    const body = parse(SaveServiceRecordBody, await readJson(ctx, deps.bodyLimitBytes));
    const record = await deps.serviceRecords.save(session.staffId, branchId, ticketId, body);
    await deps.audit.append({ ...actorOf(ctx), action: 'service-record-saved', branchId, ticketId, details: { outcome: body.outcome, notesLength: body.notes.length } });
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: record };
  });

  router.get('/:branchId/tickets/:ticketId/report', requireStaff(deps.sessions), async (ctx) => {
    const { branchId, ticketId } = parse(TicketParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const report = await deps.serviceRecords.report(branchId, ticketId);
    await deps.audit.append({ ...actorOf(ctx), action: 'view-service-report', branchId, ticketId, details: {} });
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: report };
  });

  return router;
}

/** The service record endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerServiceRecordPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const staff = {
    400: refused('VALIDATION_FAILED'),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    404: refused('UNKNOWN_TICKET (no such ticket in this branch)'),
  };
  r.registerPath({
    method: 'put',
    path: '/api/v1/branches/{branchId}/tickets/{ticketId}/record',
    description:
      "Saves the caller's own record of a visit (notes up to 2000 characters, newlines and tabs allowed; outcome). Only the staff member holding the ticket, or who completed it earlier the same business day, may write. Audited without the notes.",
    request: { params: TicketParams, body: { content: { 'application/json': { schema: SaveServiceRecordBody } } } },
    responses: {
      200: ok(ServiceRecordView, 'Saved'),
      ...staff,
      403: refused('RECORD_NOT_YOURS (not holding or not the one who served it today) / FORBIDDEN (not your branch) / ORIGIN_NOT_ALLOWED'),
      413: refused('PAYLOAD_TOO_LARGE'),
    },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/tickets/{ticketId}/record',
    description: "The caller's own record of a visit (`record`, null when none yet) and, once the visit has ended, how (`visit.status`: done, cancelled, no-show; null while the customer is at the desk); readable by whoever may write it. Not audited: the report is.",
    request: { params: TicketParams },
    responses: { 200: ok(MyServiceRecordView, 'Your record, and how the visit ended'), ...staff, 403: refused('RECORD_NOT_YOURS / FORBIDDEN (not your branch)') },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/branches/{branchId}/tickets/{ticketId}/report',
    description: "A visit's service report: the number on the ticket and the one it has now, leg by leg (each transfer starts a leg) who called the customer at which counter under which service, when, how the leg ended and that staff member's record; minutes waited to the first call (as the KPI reports count it), waited again after transfers, and served. Staff of the branch and admins; audited.",
    request: { params: TicketParams },
    responses: { 200: ok(ServiceReportView, 'The service report'), ...staff, 403: refused('FORBIDDEN (not your branch)') },
  });
}
