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
    const { view, appointment } = await deps.historyConsent.change(manageToken, body, ctx.ip);
    // A consent asked of the profile's own contact changed nothing yet: audited as asked for. A
    // link already on its way (nothing sent now) changed nothing and sent nothing: not audited,
    // so repeating the request cannot flood the log either.
    if (!view.confirmationPending) {
      const action = view.confirmationSent ? 'request-history-consent' : body.keep ? 'give-history-consent' : 'withdraw-history-consent';
      await audit(ctx, action, appointment);
    }
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
    await audit(ctx, 'confirm-history-consent', appointment);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: view };
  });

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
      '`keep: true` gives the consent, with the needs ticked (stepFree, hearing, reading, interpreter; booleans only), replacing earlier ones; `keep: false` withdraws it and clears the needs. Staff then see no earlier visits. Giving is at once only when this booking made the profile; otherwise nothing changes and a one-time link goes to the phone or e-mail on the profile (`confirmationSent: true`), or, when one went there less than 10 minutes ago or the profile had its 3 links today, none is sent now and the answer says one is on its way (`confirmationPending: true`; a new link replaces the open one, so at most one is open; 429 RATE_LIMITED with Retry-After when this IP asked for 10 links today; 422 CHANNEL_UNAVAILABLE when the profile has none; 503 NOTICE_NOT_SENT when sending failed just now, e.g. the SMS gateway is down: nothing is kept, asking again in a few minutes sends a new link). Withdrawing is always at once. Audited as a customer action (booking code only).',
    request: { params: ManageTokenParams, body: { content: { 'application/json': { schema: HistoryConsentBody } } } },
    responses: { 200: ok(HistoryConsentView, 'The consent and needs now'), ...common, 422: refused('CHANNEL_UNAVAILABLE (the profile has no phone or e-mail)'), 429: refused('RATE_LIMITED (this address asked for too many confirmation links today)'), 503: refused('NOTICE_NOT_SENT (the link could not be sent just now; try again later)') },
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
    description: 'What confirming the link (sent to the profile\'s own phone or e-mail) would keep: the branch asking and the needs asked for.',
    request: { params: ConsentConfirmationParams },
    responses: { 200: ok(ConsentConfirmationView, 'The consent asked for'), ...link },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/consent-confirmations/{token}/confirm',
    description: 'Gives the consent with exactly the needs asked for; the link then is used (single use). Audited as a customer action (booking code only).',
    request: { params: ConsentConfirmationParams },
    responses: { 200: ok(ConsentConfirmedView, 'The consent now kept'), ...link },
  });
}
