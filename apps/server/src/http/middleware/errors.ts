import type { Middleware } from 'koa';
import { statusForCode } from '@tellerline/contracts';
import { toApiError } from '../../errors.js';
import type { Logger } from '../../logger.js';

const RETRY_AFTER_CODES = new Set(['RATE_LIMITED', 'TEMPORARILY_UNAVAILABLE']);

/** The one place HTTP errors are shaped: stable code, human message, no internals. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'NOT_FOUND', message: `No route for ${ctx.method} ${ctx.path}` } };
      } else if (ctx.status === 405) {
        ctx.body = { error: { code: 'METHOD_NOT_ALLOWED', message: `${ctx.method} is not allowed on ${ctx.path}; use ${ctx.response.get('allow')}` } };
      }
    } catch (err) {
      const { body, internal } = toApiError(err);
      ctx.status = statusForCode(body.error.code);
      ctx.body = body;
      // A limit that knows when it lets the caller in again, or a store coming back, says so the
      // standard way (RFC 9110).
      const retryAfter = body.error.details?.retryAfterSec;
      if (RETRY_AFTER_CODES.has(body.error.code) && typeof retryAfter === 'number') ctx.set('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      const log = (ctx.state.log as Logger | undefined) ?? logger;
      if (internal) log.error({ err }, 'unhandled error');
      else if (body.error.code === 'TEMPORARILY_UNAVAILABLE') log.warn({ err: { type: (err as Error).name, message: (err as Error).message } }, 'store away: request refused');
      else log.info({ code: body.error.code }, 'request refused');
    }
  };
}
