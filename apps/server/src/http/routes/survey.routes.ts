import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ApiError, SurveyAnswer, SurveyAnswerBody, SurveyState, TokenParams } from '@tellerline/contracts';
import { parse } from '../../errors.js';
import type { Survey } from '../../usecases/survey.js';
import { readJson } from '../middleware/json-body.js';

export interface SurveyRouteDeps {
  survey: Survey;
  bodyLimitBytes: number;
}

/**
 * The satisfaction survey on the phone page. Public: the ticket's unguessable token is the only
 * key, as for GET /tickets/:token (which these routes follow in every other respect too).
 */
export function surveyRoutes(deps: SurveyRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  router.get('/tickets/:token/survey', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const state = await deps.survey.state(token);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: state };
  });

  router.post('/tickets/:token/survey', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const body = parse(SurveyAnswerBody, await readJson(ctx, deps.bodyLimitBytes));
    const { created, answer } = await deps.survey.answer(token, body);
    ctx.status = created ? 201 : 200;
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: answer };
  });

  return router;
}

/** The survey endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerSurveyPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const common = { 400: refused('VALIDATION_FAILED'), 403: refused('ORIGIN_NOT_ALLOWED'), 404: refused('NOT_FOUND (no ticket has this token)') };
  r.registerPath({
    method: 'get',
    path: '/api/v1/tickets/{token}/survey',
    description:
      "The visit's satisfaction survey: `not-yet` until the ticket is done, `open` for 7 days after, `answered` (with the answer) once answered, `closed` after those 7 days or when the ticket ended without service (no-show, cancelled).",
    request: { params: TokenParams },
    responses: { 200: ok(SurveyState, 'The survey for this visit'), ...common },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/tickets/{token}/survey',
    description:
      'Answers the survey once: rating 1-5 (an integer), an optional comment of up to 500 characters without control characters, and the language the customer answered in. The same answer again (a retry after a lost response) gets 200 with the stored answer; a different one is refused.',
    request: { params: TokenParams, body: { content: { 'application/json': { schema: SurveyAnswerBody } } } },
    responses: {
      201: ok(SurveyAnswer, 'Answered'),
      200: ok(SurveyAnswer, 'Answered before with the same answer: the stored one'),
      ...common,
      409: refused('SURVEY_NOT_OPEN (the ticket is not done: waiting, called, serving, no-show, cancelled) / SURVEY_CLOSED (more than 7 days after the visit) / SURVEY_ALREADY_ANSWERED (a different answer was given before)'),
    },
  });
}
