import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { ApiError, CONTACT_CODE_MAX_TRIES, CONTACT_CODE_RESEND_SEC, ContactCheckStarted, EmailCheckBody, PhoneCheckBody } from '@tellerline/contracts';
import { parse } from '../../errors.js';
import type { Booking } from '../../usecases/booking.js';
import type { ContactCheckRequest } from '../../usecases/contact-checks.js';
import { readJson } from '../middleware/json-body.js';

export interface ContactCheckRouteDeps {
  booking: Pick<Booking, 'phoneChecks' | 'emailChecks'>;
  bodyLimitBytes: number;
}

/**
 * The booking page's "send code" (public), for a phone number and for an e-mail address. Thin:
 * parse, ask the channel's use case, present. The caller's address is Koa's `ctx.ip` (the
 * X-Forwarded-For entry TRUST_PROXY_HOPS from the right), so the per-address limit cannot be fed
 * a forged address.
 */
export function contactCheckRoutes(deps: ContactCheckRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const started = async (ctx: Context, checks: Booking['phoneChecks'], request: ContactCheckRequest) => {
    ctx.set('cache-control', 'no-store');
    ctx.status = 201;
    ctx.body = { data: await checks.start(request, ctx.ip) };
  };
  router.post('/phone-checks', async (ctx: Context) => {
    const { branchId, phone, lang } = parse(PhoneCheckBody, await readJson(ctx, deps.bodyLimitBytes));
    await started(ctx, deps.booking.phoneChecks, { branchId, to: phone, lang });
  });
  router.post('/email-checks', async (ctx: Context) => {
    const { branchId, email, lang } = parse(EmailCheckBody, await readJson(ctx, deps.bodyLimitBytes));
    await started(ctx, deps.booking.emailChecks, { branchId, to: email, lang });
  });
  return router;
}

/** The routes in the OpenAPI document (called by http/openapi.ts). */
export function registerContactCheckPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const limits = `The code lasts 10 minutes, takes ${CONTACT_CODE_MAX_TRIES} wrong tries and books once. A new code for the same address after ${CONTACT_CODE_RESEND_SEC} s at the soonest; at most 3 per address in 10 minutes and 10 a day, and 10 per caller address an hour (429 RATE_LIMITED with Retry-After). The answer is the same whether or not the address is known here.`;
  const responses = (unavailable: string, notSent: string) => ({
    201: { description: 'The code is on its way', content: { 'application/json': { schema: z.object({ data: ContactCheckStarted }) } } },
    400: refused('VALIDATION_FAILED'),
    404: refused('BRANCH_UNKNOWN'),
    422: refused(unavailable),
    429: {
      ...refused('RATE_LIMITED'),
      headers: { 'Retry-After': { description: 'Seconds until another code may be asked for', schema: { type: 'integer' as const, minimum: 1 } } },
    },
    503: refused(notSent),
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/phone-checks',
    description: `Texts a six-digit code to \`phone\` (in \`lang\`) for a booking or a remote-queue join at a branch whose booking settings confirm phone numbers (BookingInfo.phoneCheck \`required\`). Send the answer's \`checkId\` with the code as \`phoneCheck\` in POST /appointments or POST /branches/{branchId}/remote-tickets. ${limits}`,
    request: { body: { content: { 'application/json': { schema: PhoneCheckBody } } } },
    responses: responses('PHONE_CHECK_UNAVAILABLE (no SMS set up here, or the branch does not confirm numbers: book with an e-mail address)', 'NOTICE_NOT_SENT (the text could not be sent just now; ask again)'),
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/email-checks',
    description: `E-mails a six-digit code to \`email\` (in \`lang\`, at once, not queued) for a booking or a remote-queue join at a branch whose booking settings confirm e-mail addresses (BookingInfo.emailCheck \`required\`). Send the answer's \`checkId\` with the code as \`emailCheck\` in POST /appointments or POST /branches/{branchId}/remote-tickets. ${limits}`,
    request: { body: { content: { 'application/json': { schema: EmailCheckBody } } } },
    responses: responses('EMAIL_CHECK_UNAVAILABLE (no e-mail set up here, or the branch does not confirm addresses: book with a phone number)', 'NOTICE_NOT_SENT (the e-mail could not be sent just now; ask again)'),
  });
}
