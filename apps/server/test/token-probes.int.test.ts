/**
 * Guessing tokens from one address: the ticket page, the manage and consent links and the
 * ticket socket's handshake share a count of unknown tokens per caller address; past it, that
 * address is refused RATE_LIMITED (429 with Retry-After over HTTP, the code in the socket's
 * connect_error) before anything is looked up, while other addresses, and their valid tokens,
 * are served. Behind a trusted proxy, so each test is its own address. Real Redis and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_MISSES_PER_WINDOW, TOKEN_MISS_WINDOW_SEC } from '../src/auth/token-probe-limiter.js';
import { handshakeFrom, HttpClient, kioskTicket, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await sys?.close();
});

const randomToken = () => randomBytes(18).toString('base64url');
const from = (ip: string) => new HttpClient(sys.url, { 'x-forwarded-for': ip });

const handshake = (ip: string, ticketToken: string) => handshakeFrom(sys.url, ip, { ticketToken });

describe('unknown-token lookups per address', () => {
  it('refuses an address with 429 and Retry-After after its misses, on every token route, valid tokens included; another address is served', async () => {
    const { token } = await kioskTicket(sys, 'A');
    const guesser = from('198.51.100.40');
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) expect((await guesser.req('GET', `/api/v1/tickets/${randomToken()}`)).status).toBe(404);

    const refused = await guesser.req('GET', `/api/v1/tickets/${randomToken()}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(TOKEN_MISS_WINDOW_SEC);
    // Manage and consent links, and a ticket's sub-pages, are refused the same way.
    for (const path of [`/api/v1/appointments/${randomToken()}`, `/api/v1/consent-confirmations/${randomToken()}`, `/api/v1/tickets/${randomToken()}/survey`]) {
      expect((await guesser.req('GET', path)).status, path).toBe(429);
    }
    // The lookup is the only way to tell a valid token from a guess: the address gets none.
    expect((await guesser.req('GET', `/api/v1/tickets/${token}`)).status).toBe(429);
    // Everyone else, on the same route at the same time, is served.
    const customer = await from('198.51.100.41').req('GET', `/api/v1/tickets/${token}`);
    expect(customer.status).toBe(200);
    expect(customer.body.data.status).toBe('waiting');
  });

  it('counts valid tokens not at all: a lobby of phones behind one address keeps loading its tickets', async () => {
    const { token } = await kioskTicket(sys, 'A');
    const lobby = from('198.51.100.50');
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW * 2; i++) expect((await lobby.req('GET', `/api/v1/tickets/${token}`)).status).toBe(200);
  });

  it('refuses ticket-socket handshakes with RATE_LIMITED once the address is over, counting them with the HTTP misses; a valid ticket from elsewhere connects', async () => {
    const { token } = await kioskTicket(sys, 'A');
    const ip = '198.51.100.60';
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW - 1; i++) expect((await from(ip).req('GET', `/api/v1/tickets/${randomToken()}`)).status).toBe(404);
    // The last miss the window allows, over the socket this time.
    expect(await handshake(ip, randomToken())).toMatchObject({ code: 'NOT_FOUND' });
    const refused = await handshake(ip, randomToken());
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: expect.any(Number) } });
    expect(await handshake(ip, token)).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await from(ip).req('GET', `/api/v1/tickets/${randomToken()}`)).status).toBe(429);
    expect(await handshake('198.51.100.61', token)).toBe('connected');
  });
});
