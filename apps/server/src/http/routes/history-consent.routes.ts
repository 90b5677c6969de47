import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, HistoryConsentBody, HistoryConsentView, ManageTokenParams } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import { parse } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { HistoryConsent } from '../../usecases/history-consent.js';
import { readJson } from '../middleware/json-body.js';

export interface HistoryConsentRouteDeps {
  historyConsent: HistoryConsent;
  audit: AuditLog;
  bodyLimitBytes: number;
}

/**
 * The consent to keep a visit history, on the manage page. Public: the appointment's manage token
 * is the only key, as for moving and cancelling it. Changes are audited as the customer's, with
 * the booking code and what was chosen, never the needs (they say something about a person).
 */
export function historyConsentRoutes(deps: HistoryConsentRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  router.get('/appointments/:manageToken/history', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.historyConsent.view(manageToken) };
  });

  router.put('/appointments/:manageToken/history', async (ctx) => {
    const { manageToken } = parse(ManageTokenParams, ctx.params);
    const body = parse(HistoryConsentBody, await readJson(ctx, deps.bodyLimitBytes));
    const { view, appointment } = await deps.historyConsent.change(manageToken, body);
    const action = body.keep ? 'give-history-consent' : 'withdraw-history-consent';
    // Like the other manage-page actions: the answer does not wait on (or fail with) the audit log.
    await deps.audit
      .append({ userId: null, role: 'customer', ip: ctx.ip, userAgent: ctx.get('user-agent') || null, action, branchId: appointment.branchId, ticketId: null, details: { code: appointment.code } })
      .catch((err: unknown) => (ctx.state.log as Logger | undefined)?.error({ err, action, branchId: appointment.branchId }, 'audit append failed'));
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: view };
  });

  return router;
}

/** The consent endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerHistoryConsentPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const common = { 400: refused('VALIDATION_FAILED'), 403: refused('ORIGIN_NOT_ALLOWED'), 404: refused('APPOINTMENT_NOT_FOUND (no appointment has this manage token, or it has no profile)') };
  r.registerPath({
    method: 'get',
    path: '/api/v1/appointments/{manageToken}/history',
    description: "Whether the booking's customer profile keeps a visit history (the customer's opt-in), and whether it holds needs for visits (`needsStored`). The needs themselves are never read back here: a booking joins a profile on name and phone alone.",
    request: { params: ManageTokenParams },
    responses: { 200: ok(HistoryConsentView, 'The consent and needs'), ...common },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/appointments/{manageToken}/history',
    description:
      '`keep: true` gives the consent, with the needs ticked (stepFree, hearing, reading, interpreter; booleans only), replacing earlier ones; `keep: false` withdraws it and clears the needs. Staff then see no earlier visits. Audited as a customer action (booking code only).',
    request: { params: ManageTokenParams, body: { content: { 'application/json': { schema: HistoryConsentBody } } } },
    responses: { 200: ok(HistoryConsentView, 'The consent and needs now'), ...common },
  });
}
