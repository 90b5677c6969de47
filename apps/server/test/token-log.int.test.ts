/**
 * No customer's token reaches the log in full: ticket pages (and their push, notices, survey),
 * bookings' manage links, consent confirmation links, in the API and in the web app's pages, and
 * the kiosk's device token (header or `?device=` query). The whole system runs with its log going
 * to memory; every line is searched for each token. Real API on PostgreSQL and Redis.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactPath } from '../src/http/middleware/request-id.js';
import { HttpClient, kioskTicket, startTestSystem, type TestSystem } from './support.js';

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({}, {}, pino({ level: 'info' }, memory));
});
afterAll(async () => {
  await sys?.close();
});

describe('tokens in the request log', () => {
  it('logs no ticket, booking, consent or device token in full, whichever path carries it', async () => {
    const anyone = new HttpClient(sys.url);
    const ticket = await kioskTicket(sys, 'A');
    // Made-up tokens of the right shape for the paths whose real ones take a booking to make.
    const manage = 'mAnAgEtOkEn0123456789abcdefABCDEF';
    const consent = 'cOnSeNtToKeN0123456789abcdefABCDEFGHIJKLMNO';
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/v1/tickets/${ticket.token}`],
      ['GET', `/API/V1/TICKETS/${ticket.token}`],
      ['GET', `/api/v1/tickets/${ticket.token}/notify`],
      ['POST', `/api/v1/tickets/${ticket.token}/push`, {}],
      ['GET', `/api/v1/tickets/${ticket.token}/survey`],
      ['GET', `/api/v1/appointments/${manage}`],
      ['GET', `/api/v1/appointments/${manage}/history`],
      ['GET', `/api/v1/appointments/${manage}/ics`],
      ['GET', `/api/v1/consent-confirmations/${consent}`],
      ['POST', `/api/v1/consent-confirmations/${consent}/confirm`],
      ['GET', `/t/${ticket.token}`],
      ['GET', `/a/${manage}`],
      ['GET', `/consent/${consent}?lang=en`],
      ['GET', `/kiosk?device=${sys.kioskToken}`],
      ['GET', `/signage/?device=${sys.signageToken}`],
    ];
    for (const [method, path, body] of paths) await anyone.req(method, path, body);
    await new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` }).req('GET', '/api/v1/devices/me');
    await new Promise((r) => setTimeout(r, 100));
    const log = lines.join('');
    // Every request was logged (so the search below searched something).
    expect(log).toContain('/api/v1/consent-confirmations/cOnS…/confirm');
    expect(log).toContain('/consent/cOnS…');
    for (const token of [ticket.token, manage, consent, sys.kioskToken, sys.signageToken]) expect(log, token).not.toContain(token);
  });

  it('cuts a token to its first 4 characters and leaves other paths alone', () => {
    const token = 'kQ2v9xJd0T7hPzL1mN8bR4sW6yC3fA5e';
    expect(redactPath(`/api/v1/consent-confirmations/${token}/confirm`)).toBe('/api/v1/consent-confirmations/kQ2v…/confirm');
    expect(redactPath(`/consent/${token}`)).toBe('/consent/kQ2v…');
    expect(redactPath(`/api/v1/tickets/${token}/survey`)).toBe('/api/v1/tickets/kQ2v…/survey');
    for (const path of ['/api/v1/appointments', '/api/v1/branches/b1/tickets/t1/record', '/consent', '/kiosk']) expect(redactPath(path)).toBe(path);
  });
});
