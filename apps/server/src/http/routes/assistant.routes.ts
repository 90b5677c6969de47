import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, AssistantAnswer, AssistantBody, BranchParams } from '@tellerline/contracts';
import { parse } from '../../errors.js';
import type { Assistant } from '../../usecases/assistant/assistant.js';
import { readJson } from '../middleware/json-body.js';

export interface AssistantRouteDeps {
  assistant: Assistant;
  bodyLimitBytes: number;
}

/** The help assistant (public, anonymous, rate-limited per caller IP). Thin: parse, call, present. */
export function assistantRoutes(deps: AssistantRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  router.post('/branches/:branchId/assistant', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const body = parse(AssistantBody, await readJson(ctx, deps.bodyLimitBytes));
    // Waits change by the minute: no cache may keep an answer.
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.assistant.ask(branchId, body, ctx.ip) };
  });

  return router;
}

/** The assistant's endpoint in the OpenAPI document (called by http/openapi.ts). */
export function registerAssistantPaths(r: OpenAPIRegistry): void {
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/assistant',
    description:
      "Answers a customer's question about the branch (opening hours and closures, documents per service, current waits, booking, changing a booking, check-in, being late for a booking, how long a service takes, priority tickets, a missed call, notices, staff) in Chinese or English, by rules over the branch's own data. Hours are told for the day the question names (今天/明天, 下周三, \"next Wednesday\", 1月1日, \"25 Dec\", 元旦, Christmas); a day that cannot be told (春节, \"3/4\") is said to be so, with the closures entered. `branchId` is the branch's id or its code. `intent` names the topic understood (`fallback`: not understood; `suggestions` then lists the topics). No personal data. Limited per caller IP (429 RATE_LIMITED with Retry-After).",
    request: { params: BranchParams, body: { content: { 'application/json': { schema: AssistantBody } } } },
    responses: {
      200: { description: 'The answer', content: { 'application/json': { schema: z.object({ data: AssistantAnswer }) } } },
      400: refused('VALIDATION_FAILED (question empty, over 300 characters or with control characters; language not zh/en)'),
      403: refused('ORIGIN_NOT_ALLOWED'),
      404: refused('BRANCH_UNKNOWN'),
      429: {
        ...refused('RATE_LIMITED'),
        headers: { 'Retry-After': { description: 'Seconds until the limit allows another question', schema: { type: 'integer' as const, minimum: 1 } } },
      },
    },
  });
}
