import type { Middleware } from 'koa';
import { statusForCode } from '@tellerline/contracts';
import { toApiError } from '../../errors.js';
import type { Logger } from '../../logger.js';

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
      // A limit that knows when it lets the caller in again says so the standard way (RFC 9110).
      const retryAfter = body.error.details?.retryAfterSec;
      if (body.error.code === 'RATE_LIMITED' && typeof retryAfter === 'number') ctx.set('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      const log = (ctx.state.log as Logger | undefined) ?? logger;
      if (internal) log.error({ err }, 'unhandled error');
      else log.info({ code: body.error.code }, 'request refused');
    }
  };
}
