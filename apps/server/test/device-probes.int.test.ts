/**
 * Guessing device tokens from one address: the kiosk and lobby-screen Bearer header and the
 * device socket's handshake share a count of unknown device tokens per caller address, apart from
 * the ticket links' count; past it, that address is refused RATE_LIMITED (429 with Retry-After
 * over HTTP, the code in the socket's connect_error) before any lookup. A paired kiosk behind the
 * same address keeps issuing tickets before the limit, and after it too once this node has seen
 * its token valid; a kiosk this node has not seen yet waits for the window, like everyone there.
 * Behind a trusted proxy, so each test is its own address. Real Redis and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairedDevice } from '@tellerline/contracts';
import { TOKEN_MISSES_PER_WINDOW, TOKEN_MISS_WINDOW_SEC } from '../src/auth/token-probe-limiter.js';
import { handshakeFrom, HttpClient, kioskTicket, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await sys?.close();
});

const randomToken = () => randomBytes(32).toString('base64url');
const device = (ip: string, token: string) => new HttpClient(sys.url, { 'x-forwarded-for': ip, authorization: `Bearer ${token}` });
const me = (ip: string, token: string) => device(ip, token).req('GET', '/api/v1/devices/me');
const issue = (ip: string, token: string) => device(ip, token).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });

const handshake = (ip: string, deviceToken: string) => handshakeFrom(sys.url, ip, { deviceToken });

/** A kiosk paired just now by the demo branch's manager: its token is new to the node. */
async function pairKiosk(name: string): Promise<string> {
  const manager = new HttpClient(sys.url);
  await manager.login('manager');
  const res = await manager.req('POST', `/api/v1/branches/${sys.branchId}/devices`, { kind: 'kiosk', name });
  expect(res.status).toBe(201);
  return (res.body.data as PairedDevice).token;
}

describe('unknown device tokens per address', () => {
  it('refuses an address with 429 and Retry-After after its misses; the paired kiosk there keeps issuing tickets before and after', async () => {
    const ip = '198.51.100.70';
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) {
      expect((await me(ip, randomToken())).status).toBe(401);
      // Halfway, the branch's kiosk on the same network issues a ticket as usual.
      if (i === TOKEN_MISSES_PER_WINDOW / 2) expect((await issue(ip, sys.kioskToken)).status).toBe(201);
    }
    const refused = await me(ip, randomToken());
    expect(refused.status).toBe(429);
    // The cause lets the kiosk word it (zh/en) apart from its own issue cap.
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { cause: 'unknown-device-tokens' } });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(TOKEN_MISS_WINDOW_SEC);
    // Every route that takes a device token, the public branch list included.
    expect((await issue(ip, randomToken())).status).toBe(429);
    expect((await device(ip, randomToken()).req('GET', '/api/v1/branches')).status).toBe(429);
    // The kiosk this node has seen valid is told from a guess without a lookup: it is not held back.
    expect((await issue(ip, sys.kioskToken)).status).toBe(201);
    expect(await handshake(ip, sys.kioskToken)).toBe('connected');
    // Another address guessing once is answered as usual.
    expect((await me('198.51.100.71', randomToken())).status).toBe(401);
  });

  it('refuses a kiosk this node has not seen yet behind a refused address until it is seen from elsewhere', async () => {
    const ip = '198.51.100.80';
    const fresh = await pairKiosk('Kiosk by the window 窗边取号机');
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) expect((await me(ip, randomToken())).status).toBe(401);
    // The documented trade-off: only the lookup could tell this token from a guess.
    const refused = await issue(ip, fresh);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect((await issue('198.51.100.81', fresh)).status).toBe(201);
    expect((await issue(ip, fresh)).status).toBe(201);
  });

  it('refuses device-socket handshakes with RATE_LIMITED once the address is over, counting them with the HTTP misses', async () => {
    const ip = '198.51.100.90';
    // The branch's lobby screen there, connected before the guessing starts.
    expect(await handshake(ip, sys.signageToken)).toBe('connected');
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW - 1; i++) expect((await me(ip, randomToken())).status).toBe(401);
    // The last miss the window allows, over the socket this time.
    expect(await handshake(ip, randomToken())).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await handshake(ip, randomToken())).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSec: expect.any(Number), cause: 'unknown-device-tokens' } });
    expect((await me(ip, randomToken())).status).toBe(429);
    // The lobby screen reconnecting there is known to this node: it connects; a screen elsewhere too.
    expect(await handshake(ip, sys.signageToken)).toBe('connected');
    expect(await handshake('198.51.100.91', sys.signageToken)).toBe('connected');
  });

  it('answers a burst of guesses sent together from memory past 32 in flight; the known kiosk there issues meanwhile', async () => {
    const ip = '198.51.100.110';
    expect((await issue(ip, sys.kioskToken)).status).toBe(201);
    const burst = Promise.all(Array.from({ length: 300 }, () => me(ip, randomToken())));
    const ticket = await issue(ip, sys.kioskToken);
    const answers = await burst;
    expect(ticket.status).toBe(201);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401, 429]));
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(TOKEN_MISSES_PER_WINDOW + 32);
  });

  it('keeps device tokens and ticket links on budgets of their own', async () => {
    const { token } = await kioskTicket(sys, 'A');
    const ip = '198.51.100.100';
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) expect((await me(ip, randomToken())).status).toBe(401);
    expect((await me(ip, randomToken())).status).toBe(429);
    // A phone on the same network still opens its ticket page, and a wrong link is still a 404.
    const phone = new HttpClient(sys.url, { 'x-forwarded-for': ip });
    expect((await phone.req('GET', `/api/v1/tickets/${token}`)).status).toBe(200);
    expect((await phone.req('GET', `/api/v1/tickets/${randomToken()}`)).status).toBe(404);

    // And the other way round: expired links opened in a lobby do not refuse its screens.
    const lobby = '198.51.100.101';
    for (let i = 0; i < TOKEN_MISSES_PER_WINDOW; i++) expect((await new HttpClient(sys.url, { 'x-forwarded-for': lobby }).req('GET', `/api/v1/tickets/${randomToken()}`)).status).toBe(404);
    expect((await me(lobby, randomToken())).status).toBe(401);
  });
});
