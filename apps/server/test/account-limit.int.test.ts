/**
 * Sign-in guesses at one account from many addresses: after 10 failures (counted until 15
 * minutes pass without one) the account waits a minute before it takes a sign-in again, and each
 * further failure doubles the wait, up to 15 minutes; never a permanent lock. Unknown usernames
 * are treated the same, so the answers say nothing about which accounts exist. Real API on
 * Redis and PostgreSQL, on a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

const clock = { t: Date.parse('2026-03-02T08:00:00+08:00'), now: () => clock.t };
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock });
});
afterAll(async () => {
  await sys?.close();
});

let ipSeq = 0;
/** Each try from an address of its own (the per-address limit is another test's). */
const login = (username: string, password: string) =>
  new HttpClient(sys.url).req('POST', '/api/v1/auth/login', { username, password }, { 'x-forwarded-for': `198.18.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}` });
const throttled = async (username: string) => (await sys.system.parts.db.audit.list(sys.branchId, 1000)).filter((e) => e.action === 'login-throttled' && (e.details as { username?: string }).username === username);
const minutes = (m: number) => void (clock.t += m * 60_000);

/** A browser: keeps the cookies it is given (all of them, not only the session's), from an address of its own. */
function browser() {
  const jar = new Map<string, string>();
  const address = `198.19.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const setCookies: string[] = [];
  return {
    jar,
    setCookies,
    async login(username: string, password: string, from = address) {
      const res = await fetch(`${sys.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}) },
        body: JSON.stringify({ username, password }),
      });
      for (const c of res.headers.getSetCookie()) {
        setCookies.push(c);
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string } } };
    },
  };
}
/** Sign-ins audited as from a browser the account signed in from before. */
const knownDeviceLogins = async () => (await sys.system.parts.db.audit.list(sys.branchId, 1000)).filter((e) => e.action === 'login' && (e.details as { knownDevice?: boolean } | null)?.knownDevice === true);

describe('sign-in guesses at one account', () => {
  it('after 10 failures from many addresses, refuses even the right password with 429 and Retry-After, audited once', async () => {
    for (let i = 0; i < 10; i++) expect((await login('bob', `guess-${i}`)).status).toBe(401);
    const refused = await login('bob', 'demo1234');
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await throttled('bob')).map((e) => e.details)).toEqual([{ username: 'bob', waitSec: 60 }]);
    // The wait over, the right password signs in, and that forgets the failures.
    minutes(1);
    expect((await login('bob', 'demo1234')).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('bob', `again-${i}`)).status).toBe(401);
    expect((await login('bob', 'demo1234')).status).toBe(200);
  });

  it('doubles the wait with each further failure up to 15 minutes, and forgets it all after 15 quiet minutes', async () => {
    for (let i = 0; i < 9; i++) expect((await login('dana', `guess-${i}`)).status).toBe(401);
    const waits = [];
    for (let round = 0; round < 6; round++) {
      expect((await login('dana', `wrong-${round}`)).status).toBe(401);
      const r = await login('dana', 'demo1234');
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      waits.push(wait);
      clock.t += wait * 1000;
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900]);
    // Newest first, as the audit log lists them.
    expect((await throttled('dana')).map((e) => (e.details as { waitSec: number }).waitSec)).toEqual([...waits].reverse());
    // A quarter of an hour without a failure: a wrong guess is just a wrong guess again.
    minutes(16);
    expect((await login('dana', 'still-wrong')).status).toBe(401);
    expect((await login('dana', 'demo1234')).status).toBe(200);
  });

  it("lets a throttled account in from the browser it signed in from before, and keeps strangers waiting", async () => {
    const tellersPc = browser();
    expect((await tellersPc.login('alice', 'demo1234')).status).toBe(200);
    // The device cookie: signed, HttpOnly, SameSite=Strict, for 90 days.
    const device = tellersPc.setCookies.find((c) => c.startsWith('tl_dev='))!;
    expect(device).toMatch(/httponly/i);
    expect(device).toMatch(/samesite=strict/i);
    const expires = Date.parse(/expires=([^;]+)/i.exec(device)![1]!);
    expect(expires - Date.now()).toBeGreaterThan(89 * 24 * 3_600_000);
    expect(tellersPc.jar.get('tl_dev')).not.toContain('alice');

    // Someone guesses at the account from elsewhere: it waits, the right password refused too.
    for (let i = 0; i < 10; i++) expect((await login('alice', `guess-${i}`)).status).toBe(401);
    expect((await login('alice', 'demo1234')).status).toBe(429);
    const stranger = browser();
    expect((await stranger.login('alice', 'demo1234')).status).toBe(429);

    // From the teller's own browser, the right password signs in, audited as from a known browser.
    const before = (await knownDeviceLogins()).length;
    expect((await tellersPc.login('alice', 'demo1234')).status).toBe(200);
    expect((await knownDeviceLogins()).length).toBe(before + 1);
    // A stranger is still kept waiting: the teller's sign-in did not end the account's wait.
    const after = await login('alice', 'demo1234');
    expect([after.status, after.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    // A cookie altered to name the account (or copied from another account's entry) is no pass.
    const forged = browser();
    forged.jar.set('tl_dev', tellersPc.jar.get('tl_dev')!.replace(/^[^.]+/, Buffer.from('bob').toString('base64url')));
    expect((await forged.login('bob', 'demo1234')).status).toBe(200); // bob is not throttled: a forged entry is only a stranger's
    forged.jar.set('tl_dev', `${Buffer.from('alice').toString('base64url')}.${'n'.repeat(24)}.${'m'.repeat(43)}`);
    expect((await forged.login('alice', 'demo1234')).status).toBe(429);
    minutes(16);
  });

  it("holds a known browser to its own wait (a stolen device cookie cannot guess freely) and to the per-address limit", async () => {
    const pc = browser();
    expect((await pc.login('manager', 'demo1234')).status).toBe(200);
    // Ten wrong passwords with this browser's cookie, from as many addresses: this browser now waits too.
    for (let i = 0; i < 10; i++) expect((await pc.login('manager', `guess-${i}`, `203.0.113.${i + 1}`)).status).toBe(401);
    const held = await pc.login('manager', 'demo1234');
    expect([held.status, held.retryAfter]).toEqual([429, '60']);
    minutes(1);
    expect((await pc.login('manager', 'demo1234')).status).toBe(200);
    // The per-address limit still counts a known browser's tries.
    const same = '203.0.113.200';
    for (let i = 0; i < 5; i++) expect((await pc.login('manager', `again-${i}`, same)).status).toBe(401);
    expect((await pc.login('manager', 'demo1234', same)).status).toBe(429);
    minutes(16);
  });

  it('answers an unknown username exactly like a known one: the same 401, then the same 429', async () => {
    const known = [];
    const unknown = [];
    for (let i = 0; i < 10; i++) {
      known.push(await login('chen', `guess-${i}`));
      unknown.push(await login('nobody-by-this-name', `guess-${i}`));
    }
    expect(unknown.map((r) => [r.status, r.body])).toEqual(known.map((r) => [r.status, r.body]));
    const [k, u] = [await login('chen', 'demo1234'), await login('nobody-by-this-name', 'x')];
    expect([u.status, u.body, u.headers.get('retry-after')]).toEqual([k.status, k.body, k.headers.get('retry-after')]);
    expect(k.status).toBe(429);
  });
});
