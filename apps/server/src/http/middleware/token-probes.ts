import type { Middleware } from 'koa';
import { statusForCode } from '@tellerline/contracts';
import type { TokenProbeLimiter } from '../../auth/token-probe-limiter.js';
import { toApiError } from '../../errors.js';

/**
 * The public routes whose only key is a token in the path: the ticket page (and its cancel,
 * manifest, notices, push and survey), an appointment's manage link (and its slots, reschedule,
 * cancel, calendar file, check-in and history consent), a consent confirmation link. `POST
 * /appointments` (a new booking) has no token and is not one of them.
 */
export const TOKEN_ROUTES = /^\/api\/v1\/(?:tickets|appointments|consent-confirmations)\/[^/]+(?:\/|$)/;

/**
 * Guards the token routes per caller address (TokenProbeLimiter): refused before the route looks
 * anything up when the address guessed too many tokens or has too many lookups running, and
 * every 404 (no such ticket, appointment or link) counted as a miss. Refusals are RATE_LIMITED
 * with Retry-After (the error middleware sets it from `retryAfterSec`).
 */
export function tokenProbeGuard(limiter: TokenProbeLimiter | undefined): Middleware {
  return async (ctx, next) => {
    if (!limiter || !TOKEN_ROUTES.test(ctx.path)) return next();
    const leave = limiter.enter(ctx.ip);
    try {
      await next();
      if (ctx.status === 404) await limiter.missed(ctx.ip);
    } catch (err) {
      if (statusForCode(toApiError(err).body.error.code) === 404) await limiter.missed(ctx.ip);
      throw err;
    } finally {
      leave();
    }
  };
}
