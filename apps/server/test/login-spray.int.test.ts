/**
 * Password spraying: one address tries one password at many usernames. Each username's own
 * limits never see more than a try or two, so sign-ins are also counted per address across
 * usernames (20 a minute, 100 an hour), refused like the other sign-in limits (429 RATE_LIMITED
 * with Retry-After). Failed sign-ins at usernames that do not exist are audited once per address
 * and window, and the count when the limit trips, so made-up names cannot flood the audit log; a
 * known account keeps one entry per failure. Real API on Redis and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await sys?.close();
});

const login = (from: string, username: string, password = 'demo1234') => new HttpClient(sys.url).req('POST', '/api/v1/auth/login', { username, password }, { 'x-forwarded-for': from });
/** Entries of no branch (unknown usernames, address limits) and of the demo branch, newest first. */
const audit = async (action: string) => {
  const { db } = sys.system.parts;
  const none = (await db.audit.search({ branchId: null, action: action as never }, { limit: 500 })).items;
  const branch = (await db.audit.list(sys.branchId, 500)).filter((e) => e.action === action);
  return [...none, ...branch];
};
const fromAddress = (ip: string) => (e: { ip: string | null }) => e.ip === ip;
/** The `action` entries from `ip` once there are at least `n` (a failed sign-in's answer does not wait on its entry). */
const entriesFrom = (action: string, ip: string, n: number) =>
  waitFor(`${n} ${action} entries from ${ip}`, async () => {
    const found = (await audit(action)).filter(fromAddress(ip));
    return found.length >= n && found;
  });

describe('one address, many usernames', () => {
  it('refuses the 21st sign-in in a minute, with Retry-After, while another address still signs in', async () => {
    const sprayer = '203.0.113.21';
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push((await login(sprayer, `spray${i}`)).status);
    expect(answers).toEqual(Array(20).fill(401));
    const refused = await login(sprayer, 'spray20');
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    // Until the minute that began with the first try ends (a Redis window: real seconds).
    const wait = refused.body.error?.details?.retryAfterSec as number;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(wait));
    // Even a real account with its right password: the address waits.
    expect((await login(sprayer, 'bob')).status).toBe(429);
    expect((await login('203.0.113.22', 'bob')).status).toBe(200);

    // The usernames that do not exist left one entry, and the trip one with their count.
    const failed = await entriesFrom('login-failed', sprayer, 1);
    expect(failed.map((e) => e.details)).toEqual([{ username: 'spray0', unknownUsername: true, windowSec: 3600 }]);
    const tripped = (await audit('login-throttled')).filter(fromAddress(sprayer));
    expect(tripped.map((e) => e.details)).toEqual([{ perAddress: true, attempts: 20, unknownUsernames: 20, waitSec: wait }]);
  });

  it('counts an IPv6 caller by its /64', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`2001:db8:5:6::${(i + 1).toString(16)}`, `v6spray${i}`)).status).toBe(401);
    expect((await login('2001:db8:5:6:aaaa:bbbb:cccc:dddd', 'v6spray20')).status).toBe(429);
    expect((await login('2001:db8:5:7::1', 'v6spray20')).status).toBe(401);
  });

  it('keeps one entry per failure at a known account, and does not count sign-ins that succeed', async () => {
    const desk = '203.0.113.30';
    for (let i = 0; i < 3; i++) expect((await login(desk, 'alice', `wrong-${i}`)).status).toBe(401);
    expect((await entriesFrom('login-failed', desk, 3)).map((e) => e.details)).toEqual(Array(3).fill({ username: 'alice' }));
    // A branch office signing in all at once behind one address: successes give their try back.
    for (let i = 0; i < 25; i++) expect((await login(desk, i % 2 ? 'alice' : 'bob')).status).toBe(200);
  });
});
