import type { Middleware } from 'koa';
import { AppError } from '../../errors.js';
import { BOOKING_WINDOW_SEC, REMOTE_JOIN_WINDOW_SEC } from '../../usecases/booking-rate-limit.js';

export interface WindowLimit {
  /** Lower case, as in the OpenAPI document. */
  method: string;
  /** The OpenAPI path template. */
  path: string;
  windowSec: number;
}

/**
 * Routes limited by a fixed window whose refusal does not say how much of the window is left
 * (the booking use cases only learn "refused" from their limiter port). The window's length is
 * then the honest answer: waiting that long always lets the next attempt through.
 */
export const WINDOW_LIMITS: readonly WindowLimit[] = [
  { method: 'post', path: '/api/v1/appointments', windowSec: BOOKING_WINDOW_SEC },
  { method: 'post', path: '/api/v1/branches/{branchId}/remote-tickets', windowSec: REMOTE_JOIN_WINDOW_SEC },
];

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/**
 * Adds `retryAfterSec` (which the error middleware turns into a Retry-After header) to a
 * RATE_LIMITED refusal of one of `limits` that does not carry it already. Other RATE_LIMITED
 * refusals (the notices' per-ticket caps) are no window: they get none.
 */
export function windowRetryAfter(limits: readonly WindowLimit[] = WINDOW_LIMITS): Middleware {
  const routes = limits.map((l) => ({
    method: l.method.toUpperCase(),
    path: new RegExp(`^${l.path.split(/\{[^}]+\}/).map(escape).join('[^/]+')}$`),
    windowSec: l.windowSec,
  }));
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError && err.code === 'RATE_LIMITED' && err.details?.retryAfterSec === undefined) {
        const limit = routes.find((r) => r.method === ctx.method && r.path.test(ctx.path));
        if (limit) throw new AppError(err.code, err.message, err.issues, { ...err.details, retryAfterSec: limit.windowSec });
      }
      throw err;
    }
  };
}
