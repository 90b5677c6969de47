import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhoneSurvey } from './phone-survey.svelte.js';
import { NOT_YET_RETRY_MS } from './phone-survey-logic.js';
import { fakeFetch, inTurn, json, type Answer } from '$lib/testing/fake-api.js';

const TOKEN = 'tok'.repeat(8);
const PATH = `/api/v1/tickets/${TOKEN}/survey`;
const refusal = (status: number, code: string) => json(status, { error: { code, message: code } });
const answer = { rating: 4, comment: '很好 谢谢', at: 1_700_000_000_000 };

/** The server: answers GET and POST in turn from the lists given (then the network is down); records what was sent. */
const server = (gets: Answer[], posts: Answer[] = []) => fakeFetch((method) => inTurn(method === 'GET' ? gets : posts));

afterEach(() => vi.unstubAllGlobals());

const noWait = vi.fn(async () => undefined);

describe('PhoneSurvey', () => {
  it('asks again while the server has not caught up with the "done" the socket brought, then opens', async () => {
    const sent = server([() => json(200, { data: { state: 'not-yet' } }), () => json(200, { data: { state: 'not-yet' } }), () => json(200, { data: { state: 'open' } })]);
    const waits: number[] = [];
    const survey = new PhoneSurvey(TOKEN, () => 'zh', async (ms) => void waits.push(ms));
    await survey.start();
    expect(survey.state).toBe('open');
    expect(survey.load).toBe('ready');
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([`GET ${PATH}`, `GET ${PATH}`, `GET ${PATH}`]);
    expect(waits).toEqual(NOT_YET_RETRY_MS.slice(0, 2));
  });

  it('stops asking after the last pause, and when the panel goes away', async () => {
    server(Array.from({ length: 20 }, () => () => json(200, { data: { state: 'not-yet' } })));
    const survey = new PhoneSurvey(TOKEN, () => 'zh', noWait);
    await survey.start();
    expect(survey.state).toBe('not-yet');
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(NOT_YET_RETRY_MS.length + 1);

    const sent = server(Array.from({ length: 20 }, () => () => json(200, { data: { state: 'not-yet' } })));
    const gone: PhoneSurvey = new PhoneSurvey(TOKEN, () => 'zh', async (): Promise<void> => gone.stop());
    await gone.start();
    expect(sent).toHaveLength(1);
  });

  it('sends the rating, the tidied comment and the page language, then shows the answer', async () => {
    const sent = server([() => json(200, { data: { state: 'open' } })], [() => json(201, { data: answer })]);
    let lang: 'zh' | 'en' = 'zh';
    const survey = new PhoneSurvey(TOKEN, () => lang, noWait);
    await survey.start();
    survey.rating = 4;
    survey.comment = ' 很好\n谢谢 ';
    lang = 'en';
    await survey.submit();
    expect(sent.at(-1)).toEqual({ method: 'POST', path: PATH, body: { rating: 4, comment: '很好 谢谢', language: 'en' } });
    expect(survey.state).toBe('answered');
    expect(survey.answer).toEqual(answer);
    expect(survey.justAnswered).toBe(true);
    expect(survey.error).toBeNull();
  });

  it('refuses to send without a rating or with a comment the server would refuse, and says why', async () => {
    const sent = server([() => json(200, { data: { state: 'open' } })]);
    const survey = new PhoneSurvey(TOKEN, () => 'zh', noWait);
    await survey.start();
    await survey.submit();
    expect(survey.error).toBe('phone.survey.error.noRating');
    survey.rating = 3;
    survey.comment = 'x'.repeat(501);
    await survey.submit();
    expect(survey.error).toBe('phone.survey.error.comment.too-long');
    survey.comment = 'bell\u0007';
    await survey.submit();
    expect(survey.error).toBe('phone.survey.error.comment.characters');
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('keeps the answer on a network failure so the same answer can be sent again', async () => {
    const sent = server([() => json(200, { data: { state: 'open' } })], []);
    const survey = new PhoneSurvey(TOKEN, () => 'zh', noWait);
    await survey.start();
    survey.rating = 5;
    await survey.submit();
    expect(survey.error).toBe('phone.survey.error.network');
    expect(survey.state).toBe('open');
    expect(survey.rating).toBe(5);
    expect(survey.sending).toBe(false);
    server([], [() => json(200, { data: { ...answer, rating: 5, comment: '' } })]);
    await survey.submit();
    expect(survey.state).toBe('answered');
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('answered meanwhile (another tab) or closed: shows what the server has, and why', async () => {
    server([() => json(200, { data: { state: 'open' } }), () => json(200, { data: { state: 'answered', answer } })], [() => refusal(409, 'SURVEY_ALREADY_ANSWERED')]);
    const survey = new PhoneSurvey(TOKEN, () => 'zh', noWait);
    await survey.start();
    survey.rating = 1;
    await survey.submit();
    expect(survey.state).toBe('answered');
    expect(survey.answer).toEqual(answer);
    expect(survey.justAnswered).toBe(false);
    expect(survey.error).toBe('error.SURVEY_ALREADY_ANSWERED');

    server([() => json(200, { data: { state: 'open' } }), () => json(200, { data: { state: 'closed' } })], [() => refusal(409, 'SURVEY_CLOSED')]);
    const late = new PhoneSurvey(TOKEN, () => 'en', noWait);
    await late.start();
    late.rating = 2;
    await late.submit();
    expect(late.state).toBe('closed');
  });

  it('a page that cannot read the survey says so and can try again', async () => {
    server([() => refusal(500, 'INTERNAL'), () => json(200, { data: { state: 'answered', answer } })]);
    const survey = new PhoneSurvey(TOKEN, () => 'zh', noWait);
    await survey.start();
    expect(survey.load).toBe('error');
    expect(survey.error).toBe('error.generic');
    await survey.start();
    expect(survey.load).toBe('ready');
    expect(survey.state).toBe('answered');
    expect(survey.error).toBeNull();
  });
});
