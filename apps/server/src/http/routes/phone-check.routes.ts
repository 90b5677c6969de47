import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { ApiError, PHONE_CODE_MAX_TRIES, PHONE_CODE_RESEND_SEC, PhoneCheckBody, PhoneCheckStarted } from '@tellerline/contracts';
import { parse } from '../../errors.js';
import type { Booking } from '../../usecases/booking.js';
import { readJson } from '../middleware/json-body.js';

export interface PhoneCheckRouteDeps {
  booking: Pick<Booking, 'phoneChecks'>;
  bodyLimitBytes: number;
}

/**
 * The booking page's "send code" (public). Thin: parse, ask the use case, present. The caller's
 * address is Koa's `ctx.ip` (the X-Forwarded-For entry TRUST_PROXY_HOPS from the right), so the
 * per-address limit cannot be fed a forged address.
 */
export function phoneCheckRoutes(deps: PhoneCheckRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  router.post('/phone-checks', async (ctx: Context) => {
    const input = parse(PhoneCheckBody, await readJson(ctx, deps.bodyLimitBytes));
    ctx.set('cache-control', 'no-store');
    ctx.status = 201;
    ctx.body = { data: await deps.booking.phoneChecks.start(input, ctx.ip) };
  });
  return router;
}

/** The route in the OpenAPI document (called by http/openapi.ts). */
export function registerPhoneCheckPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/phone-checks',
    description: `Texts a six-digit code to \`phone\` (in \`lang\`) for a booking at a branch whose booking settings confirm phone numbers (BookingInfo.phoneCheck \`required\`). Send the answer's \`checkId\` with the code as \`phoneCheck\` in POST /appointments. The code lasts 10 minutes, takes ${PHONE_CODE_MAX_TRIES} wrong tries and books once. A new code for the same number after ${PHONE_CODE_RESEND_SEC} s at the soonest; at most 3 per number in 10 minutes and 10 a day, and 10 per caller address an hour (429 RATE_LIMITED with Retry-After). The answer is the same whether or not the number is known here.`,
    request: { body: { content: { 'application/json': { schema: PhoneCheckBody } } } },
    responses: {
      201: { description: 'The code is on its way', content: { 'application/json': { schema: z.object({ data: PhoneCheckStarted }) } } },
      400: refused('VALIDATION_FAILED'),
      404: refused('BRANCH_UNKNOWN'),
      422: refused('PHONE_CHECK_UNAVAILABLE (no SMS set up here, or the branch does not confirm numbers: book with an e-mail address)'),
      429: {
        ...refused('RATE_LIMITED'),
        headers: { 'Retry-After': { description: 'Seconds until another code may be asked for', schema: { type: 'integer' as const, minimum: 1 } } },
      },
      503: refused('NOTICE_NOT_SENT (the text could not be sent just now; ask again)'),
    },
  });
}
