import Router from '@koa/router';
import type Koa from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, ConsentConfirmationParams, ConsentConfirmationView, ConsentConfirmedView, HistoryConsentBody, HistoryConsentView, ManageTokenParams } from '@tellerline/contracts';
import type { AuditEntry, AuditLog } from '../../auth/ports.js';
import { parse } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { HistoryConsent } from '../../usecases/history-consent.js';
import type { ConsentRequests } from '../../usecases/history-consent-requests.js';
import { readJson } from '../middleware/json-body.js';

export interface HistoryConsentRouteDeps {
  historyConsent: HistoryConsent;
  /** The one-time links a joined profile's own contact opens to confirm a consent. */
  consentRequests: ConsentRequests;
  audit: AuditLog;
  bodyLimitBytes: number;
}

/**
 * The consent to keep a visit history, on the manage page, and the confirmation link a profile's
 * own contact opens. Public: the manage token (or the link's token) is the only key. Changes are
 * audited as the customer's, with the booking code and what was chosen, never the needs (they say
 * something about a person).
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
    const { view, asked, appointment } = await deps.historyConsent.change(manageToken, body, ctx.ip);
    // A consent asked of the profile's own contact changed nothing yet: audited as asked for
    // (whether a link then went out is the notice job's log), though answered as one given.
    await audit(ctx, changeAction(body.keep, asked), appointment);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: view };
  });

  // The confirmation link (the web app's /consent/<token>): public, the token is the only key.
  router.get('/consent-confirmations/:token', async (ctx) => {
    const { token } = parse(ConsentConfirmationParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.consentRequests.view(token) };
  });

  router.post('/consent-confirmations/:token/confirm', async (ctx) => {
    const { token } = parse(ConsentConfirmationParams, ctx.params);
    const { view, appointment } = await deps.consentRequests.confirm(token);
    // The customer's own act (the link reached only their phone or e-mail); the needs stay out.
    await audit(ctx, view.kept ? 'confirm-history-consent' : 'confirm-history-withdrawal', appointment);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: view };
  });

  function changeAction(keep: boolean, asked: boolean): AuditEntry['action'] {
    if (asked) return keep ? 'request-history-consent' : 'request-history-withdrawal';
    return keep ? 'give-history-consent' : 'withdraw-history-consent';
  }

  /** Like the other manage-page actions: the answer does not wait on (or fail with) the audit log. */
  async function audit(ctx: Koa.Context, action: AuditEntry['action'], appointment: { branchId: string; code: string }): Promise<void> {
    await deps.audit
      .append({ userId: null, role: 'customer', ip: ctx.ip, userAgent: ctx.get('user-agent') || null, action, branchId: appointment.branchId, ticketId: null, details: { code: appointment.code } })
      .catch((err: unknown) => (ctx.state.log as Logger | undefined)?.error({ err, action, branchId: appointment.branchId }, 'audit append failed'));
  }

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
    description: "Whether the booking's customer profile keeps a visit history (the customer's opt-in), and whether it holds needs for visits (`needsStored`). The needs themselves are never read back here: a booking joins a profile on name and phone alone. Only the booking that made the profile, or one whose own confirmation link the profile's contact confirmed, sees this; any other booking of the profile (it may be someone else's who knows the name and phone) reads its own choice back (`kept` when it asked to keep a history, `needsStored` when it ticked needs), exactly what a booking that made a profile with that choice reads, so the view tells nothing of whether the contact already had a profile.",
    request: { params: ManageTokenParams },
    responses: { 200: ok(HistoryConsentView, 'The consent and needs'), ...common },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/appointments/{manageToken}/history',
    description:
      "`keep: true` gives the consent, with the needs ticked (stepFree, hearing, reading, interpreter; booleans only), replacing earlier ones; `keep: false` withdraws it and clears the needs. Staff then see no earlier visits. Giving and withdrawing are at once only when this booking made the profile; otherwise only this booking's own choice changes (a link it asked for earlier is void once it withdraws) and a one-time link is sent, in the background, to the phone or e-mail on the profile (to withdraw: only while the profile keeps a history; at most one link every 10 minutes and 3 a day per profile, 10 a day per asking IP; a newer link replaces the open one). The answer (status, fields and values) is the same in both cases, and the same whether or not a link could be sent, so it never tells whether the contact already had a profile. Audited as a customer action (booking code only).",
    request: { params: ManageTokenParams, body: { content: { 'application/json': { schema: HistoryConsentBody } } } },
    responses: { 200: ok(HistoryConsentView, 'The consent and needs as chosen'), ...common },
  });
  const link = {
    400: refused('VALIDATION_FAILED'),
    403: refused('ORIGIN_NOT_ALLOWED'),
    404: refused('CONSENT_CONFIRMATION_NOT_FOUND'),
    410: refused('CONSENT_CONFIRMATION_USED (confirmed already) or CONSENT_CONFIRMATION_EXPIRED (older than 7 days)'),
  };
  r.registerPath({
    method: 'get',
    path: '/api/v1/consent-confirmations/{token}',
    description: 'What confirming the link (sent to the profile\'s own phone or e-mail) would do: the branch asking, and keep the history with the needs asked for (`keep: true`) or stop keeping it and clear the needs (`keep: false`).',
    request: { params: ConsentConfirmationParams },
    responses: { 200: ok(ConsentConfirmationView, 'The consent asked for'), ...link },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/consent-confirmations/{token}/confirm',
    description: 'Gives the consent with exactly the needs asked for, or withdraws it and clears the needs; the link then is used (single use). Audited as a customer action (booking code only).',
    request: { params: ConsentConfirmationParams },
    responses: { 200: ok(ConsentConfirmedView, 'The consent now kept, or withdrawn'), ...link },
  });
}
