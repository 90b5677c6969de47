/**
 * The satisfaction survey after a visit, against the real system (PostgreSQL, Redis): offered on
 * the ticket's token once staff complete the visit, answered once, closed a week later, and never
 * offered for a missed or cancelled ticket. The clock is the test's, so a week can pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_OPEN_MS } from '@tellerline/contracts';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

const clock = { t: Date.now(), now: () => clock.t };
let sys: TestSystem;
let alice: HttpClient;
let aliceStaffId: string;
let kiosk: HttpClient;
const customer = () => new HttpClient(sys.url);

beforeAll(async () => {
  sys = await startTestSystem({}, { clock });
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  alice = new HttpClient(sys.url);
  aliceStaffId = (await alice.login('alice')).staffId;
  expect((await staff('sign-on', { counterId: sys.counter('1') })).status).toBe(200);
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
});
afterAll(async () => {
  await sys?.close();
});

const staff = (type: string, extra: Record<string, unknown> = {}) => alice.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type, ...extra });
const surveyPath = (token: string) => `/api/v1/tickets/${token}/survey`;

async function issue(): Promise<{ ticketId: string; token: string }> {
  const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ticketId: r.body.data.ticketId, token: r.body.data.token };
}

/** Called by alice (the only waiting ticket, so call-next takes it). */
async function call(ticketId: string): Promise<void> {
  const r = await staff('call-next');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data.called.ticketId).toBe(ticketId);
}

async function served(): Promise<{ ticketId: string; token: string }> {
  const t = await issue();
  await call(t.ticketId);
  expect((await staff('start', { ticketId: t.ticketId })).status).toBe(200);
  expect((await staff('complete', { ticketId: t.ticketId })).status).toBe(200);
  return t;
}

async function stateOf(token: string): Promise<string> {
  const r = await customer().req('GET', surveyPath(token));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.state;
}

function refused(res: { status: number; body: { error?: { code: string; message: string } } }, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.code).toBe(code);
  expect(res.body.error?.message).toMatch(/\S/);
}

describe('the survey after a visit', () => {
  let visit: { ticketId: string; token: string };

  it('is not offered while the visit goes on, opens once staff complete it, and takes one answer', async () => {
    visit = await issue();
    const phone = customer();
    expect(await stateOf(visit.token)).toBe('not-yet');
    refused(await phone.req('POST', surveyPath(visit.token), { rating: 5, language: 'zh' }), 409, 'SURVEY_NOT_OPEN');
    await call(visit.ticketId);
    expect(await stateOf(visit.token)).toBe('not-yet');
    expect((await staff('start', { ticketId: visit.ticketId })).status).toBe(200);
    refused(await phone.req('POST', surveyPath(visit.token), { rating: 5, language: 'zh' }), 409, 'SURVEY_NOT_OPEN');
    expect((await staff('complete', { ticketId: visit.ticketId })).status).toBe(200);
    expect(await stateOf(visit.token)).toBe('open');

    const before = clock.now();
    const res = await phone.req('POST', surveyPath(visit.token), { rating: 4, comment: '  柜员很耐心，谢谢 ', language: 'zh' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toEqual({ rating: 4, comment: '柜员很耐心，谢谢', at: before });

    const again = await customer().req('GET', surveyPath(visit.token));
    expect(again.body.data).toEqual({ state: 'answered', answer: { rating: 4, comment: '柜员很耐心，谢谢', at: before } });
    // What the KPI reports read: the visit's branch, service and the staff member who served it.
    expect(await sys.system.parts.db.surveys.findByTicket(visit.ticketId)).toMatchObject({
      branchId: sys.branchId,
      serviceId: sys.service('A'),
      staffId: aliceStaffId,
      rating: 4,
      language: 'zh',
    });
  });

  it('answers a retry of the same answer (a lost response) with the stored one, and refuses a different one', async () => {
    const stored = (await customer().req('GET', surveyPath(visit.token))).body.data.answer;
    clock.t += 60_000;
    const retry = await customer().req('POST', surveyPath(visit.token), { rating: 4, comment: '柜员很耐心，谢谢', language: 'zh' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.data).toEqual(stored);
    refused(await customer().req('POST', surveyPath(visit.token), { rating: 1, comment: '柜员很耐心，谢谢', language: 'zh' }), 409, 'SURVEY_ALREADY_ANSWERED');
    refused(await customer().req('POST', surveyPath(visit.token), { rating: 4, language: 'zh' }), 409, 'SURVEY_ALREADY_ANSWERED');
    expect((await customer().req('GET', surveyPath(visit.token))).body.data.answer).toEqual(stored);
  });

  it('two different answers sent at once: one is stored, the other refused', async () => {
    const t = await served();
    const answers = await Promise.all([2, 5].map((rating) => customer().req('POST', surveyPath(t.token), { rating, language: 'en' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const kept = answers.find((a) => a.status === 201)!.body.data;
    expect((await customer().req('GET', surveyPath(t.token))).body.data).toEqual({ state: 'answered', answer: kept });
  });

  it('refuses bad answers with VALIDATION_FAILED and stores nothing', async () => {
    const t = await served();
    const bad: unknown[] = [
      { rating: 0, language: 'en' },
      { rating: 6, language: 'en' },
      { rating: 2.5, language: 'en' },
      { rating: '5', language: 'en' },
      { language: 'en' },
      { rating: 3, comment: 'line one\nline two', language: 'en' },
      { rating: 3, comment: 'bell\u0007', language: 'en' },
      { rating: 3, comment: 'nul\u0000', language: 'en' },
      { rating: 3, language: 'fr' },
      { rating: 3 },
      { rating: 3, language: 'en', staffId: 'someone' },
      'five',
    ];
    for (const body of bad) refused(await customer().req('POST', surveyPath(t.token), body), 400, 'VALIDATION_FAILED');
    refused(await customer().req('POST', surveyPath(t.token), { rating: 3, comment: 'x'.repeat(501), language: 'en' }), 400, 'TEXT_TOO_LONG');
    expect(await stateOf(t.token)).toBe('open');
    // The limits themselves are accepted: 500 characters, and 5.
    const longest = await customer().req('POST', surveyPath(t.token), { rating: 5, comment: '好'.repeat(500), language: 'en' });
    expect(longest.status, JSON.stringify(longest.body)).toBe(201);
    expect(longest.body.data.comment).toHaveLength(500);
  });

  it('is never offered for a missed or cancelled ticket', async () => {
    const missed = await issue();
    await call(missed.ticketId);
    expect((await staff('no-show', { ticketId: missed.ticketId })).status).toBe(200);
    expect(await stateOf(missed.token)).toBe('closed');
    refused(await customer().req('POST', surveyPath(missed.token), { rating: 3, language: 'en' }), 409, 'SURVEY_NOT_OPEN');

    const cancelled = await issue();
    expect((await customer().req('POST', `/api/v1/tickets/${cancelled.token}/cancel`)).status).toBe(200);
    expect(await stateOf(cancelled.token)).toBe('closed');
    refused(await customer().req('POST', surveyPath(cancelled.token), { rating: 3, language: 'en' }), 409, 'SURVEY_NOT_OPEN');
  });

  it('an unknown token is 404 NOT_FOUND, as on the ticket routes; a malformed one is 400', async () => {
    const unknown = 'no-such-ticket-token-0123456789';
    refused(await customer().req('GET', surveyPath(unknown)), 404, 'NOT_FOUND');
    refused(await customer().req('POST', surveyPath(unknown), { rating: 5, language: 'en' }), 404, 'NOT_FOUND');
    refused(await customer().req('GET', surveyPath('short')), 400, 'VALIDATION_FAILED');
  });

  it('closes 7 days after the visit ended; an answer given in time stays readable', async () => {
    const late = await served();
    const doneAt = (await sys.system.parts.db.surveys.ticketByToken(late.token))!.doneAt!;
    clock.t = doneAt + SURVEY_OPEN_MS;
    expect(await stateOf(late.token)).toBe('open');
    clock.t = doneAt + SURVEY_OPEN_MS + 1;
    expect(await stateOf(late.token)).toBe('closed');
    refused(await customer().req('POST', surveyPath(late.token), { rating: 5, language: 'en' }), 409, 'SURVEY_CLOSED');
    expect(await stateOf(late.token)).toBe('closed');
    // The first visit was answered a week and more ago: still shown as answered, and a retry still gets it.
    expect(await stateOf(visit.token)).toBe('answered');
    expect((await customer().req('POST', surveyPath(visit.token), { rating: 4, comment: '柜员很耐心，谢谢', language: 'zh' })).status).toBe(200);
  });
});
