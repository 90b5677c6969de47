/**
 * Behind a proxy (TRUST_PROXY=true) the caller's address is the X-Forwarded-For entry our own
 * proxies appended (TRUST_PROXY_HOPS from the right), never the leftmost one the client writes:
 * otherwise every per-IP limit is bypassed and the audit log records a forged address. And with
 * an https PUBLIC_URL, a sign-in that reached us as plain http is refused with a clear code, not
 * a 500. Real API on PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerIp } from '../src/http/client-ip.js';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let oneHop: TestSystem;
let twoHops: TestSystem;
beforeAll(async () => {
  [oneHop, twoHops] = await Promise.all([
    startTestSystem({ TRUST_PROXY: 'true', PUBLIC_URL: 'https://bank.example', ALLOWED_ORIGINS: 'https://bank.example' }),
    startTestSystem({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }),
  ]);
});
afterAll(async () => {
  await Promise.all([oneHop?.close(), twoHops?.close()]);
});

const https = { 'x-forwarded-proto': 'https' };
const wrongLogin = (sys: TestSystem, xff: string, username = 'alice') => new HttpClient(sys.url).req('POST', '/api/v1/auth/login', { username, password: 'not-the-password' }, { ...https, 'x-forwarded-for': xff });

describe('the caller address behind a proxy', () => {
  it('counts sign-in guesses by the address the proxy saw, whatever the client puts in front of it', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await wrongLogin(oneHop, `10.9.9.${i}, 198.51.100.7`)).status);
    // LOGIN_MAX_ATTEMPTS (5) per address and username: a new forged entry each time does not reset it.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another real caller is not held back.
    expect((await wrongLogin(oneHop, '10.9.9.0, 198.51.100.8')).status).toBe(401);
  });

  it('writes the address the proxy saw into the audit log, not the forged one', async () => {
    await wrongLogin(oneHop, '6.6.6.6, 198.51.100.9', 'bob');
    // The answer does not wait on the entry.
    const rows = await waitFor('the failed sign-in entry', async () => {
      const found = (await oneHop.system.parts.db.audit.list(oneHop.branchId, 500)).filter((e) => e.action === 'login-failed' && (e.details as { username?: string }).username === 'bob');
      return found.length > 0 && found;
    });
    expect(rows.map((r) => r.ip)).toEqual(['198.51.100.9']);
  });

  it('limits remote-queue joins by that address too', async () => {
    const manager = new HttpClient(oneHop.url, { ...https, 'x-forwarded-for': '198.51.100.21' });
    await manager.login('manager');
    expect((await manager.saveBookingSettings(`/api/v1/branches/${oneHop.branchId}/booking/settings`, { settings: { remoteQueue: true } })).status).toBe(200);
    const join = (i: number) => new HttpClient(oneHop.url).req('POST', `/api/v1/branches/${oneHop.branchId}/remote-tickets`, { serviceId: oneHop.service('A') }, { ...https, 'x-forwarded-for': `172.16.0.${i}, 198.51.100.20` });
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await join(i));
    expect(answers.map((a) => a.status), JSON.stringify(answers[0]!.body)).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('with TRUST_PROXY_HOPS=2 takes the entry two from the right', async () => {
    for (let i = 0; i < 5; i++) expect((await wrongLogin(twoHops, `10.0.0.${i}, 203.0.113.5, 192.168.1.1`)).status).toBe(401);
    expect((await wrongLogin(twoHops, '10.0.0.99, 203.0.113.5, 192.168.1.1')).status).toBe(429);
    const rows = await waitFor('the five failed sign-in entries', async () => {
      const found = (await twoHops.system.parts.db.audit.list(twoHops.branchId, 500)).filter((e) => e.action === 'login-failed');
      return found.length >= 5 && found;
    });
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(['203.0.113.5']));
  });

  it('gives socket handshakes the same address (callerIp)', () => {
    expect(callerIp('10.0.0.1', '6.6.6.6, 198.51.100.7', true, 1)).toBe('198.51.100.7');
    expect(callerIp('10.0.0.1', ['6.6.6.6', '203.0.113.5, 192.168.1.1'], true, 2)).toBe('203.0.113.5');
    expect(callerIp('10.0.0.1', '6.6.6.6', false, 1)).toBe('10.0.0.1');
    expect(callerIp('10.0.0.1', undefined, true, 1)).toBe('10.0.0.1');
    // Fewer entries than hops: the first one there is (the proxy's own peer wrote it).
    expect(callerIp('10.0.0.1', '198.51.100.7', true, 3)).toBe('198.51.100.7');
  });
});

describe('an https PUBLIC_URL reached over http', () => {
  it('refuses sign-in with 403 HTTPS_REQUIRED (not 500) when the request did not come through https', async () => {
    const r = await new HttpClient(oneHop.url).req('POST', '/api/v1/auth/login', { username: 'chen', password: 'demo1234' }, { 'x-forwarded-for': '198.51.100.30' });
    expect([r.status, r.body.error?.code]).toEqual([403, 'HTTPS_REQUIRED']);
    expect(r.body.error.message).toMatch(/https/);
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('signs in through the proxy (X-Forwarded-Proto: https) with a Secure cookie, and signs out', async () => {
    const client = new HttpClient(oneHop.url, { ...https, 'x-forwarded-for': '198.51.100.31' });
    const r = await client.req('POST', '/api/v1/auth/login', { username: 'chen', password: 'demo1234' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/;\s*secure/i);
    expect((await client.req('POST', '/api/v1/auth/logout', {})).status).toBe(200);
  });
});
