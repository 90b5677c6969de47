/**
 * Authentication, sessions, roles, audit and origin checks against the real system (Redis,
 * PostgreSQL, Koa, Socket.IO), as a browser, a kiosk and a lobby screen would meet them.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../src/auth/sessions.js';
import { BACKGROUND_REQUEST_HEADER } from '@tellerline/contracts';
import { SESSION_COOKIE } from '../src/http/cookies.js';
import { HttpClient, openSocket, PG_URL, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

const MAX_ATTEMPTS = 3;

let sys: TestSystem;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  await dayOpened(sys);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

/** The start-up catch-up close opens the business day asynchronously; wait so it cannot cancel our tickets. */
async function dayOpened(s: TestSystem, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await s.system.parts.store.load(s.branchId))?.openDay) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the business day was never opened');
}

const login = (c: HttpClient, username: string, password = 'demo1234') => c.req('POST', '/api/v1/auth/login', { username, password });
const sessionId = (c: HttpClient) => c.cookie!.slice(`${SESSION_COOKIE}=`.length);
const sessionKey = (sid: string) => `${sys.system.parts.config.redisPrefix}sess:${createHash('sha256').update(sid).digest('base64url')}`;
const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;

async function issue(serviceCode: string): Promise<{ ticketId: string; token: string }> {
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service(serviceCode) });
  expect(r.status).toBe(201);
  return { ticketId: r.body.data.ticketId, token: r.body.data.token };
}

describe('sign-in', () => {
  it('refuses a wrong password and an unknown user with the same 401 INVALID_CREDENTIALS', async () => {
    const c = new HttpClient(sys.url);
    const wrong = await login(c, 'alice', 'not-the-password');
    const unknown = await login(c, 'nobody-here', 'demo1234');
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(r.headers.getSetCookie()).toEqual([]);
    }
    // Same message too: the answer must not tell which usernames exist.
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(c.cookie).toBeUndefined();
  });

  it('rate-limits guessing per (ip, username) with 429 RATE_LIMITED, without locking out a colleague', async () => {
    const c = new HttpClient(sys.url);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const r = await login(c, 'bob', `guess-${i}`);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const limited = await login(c, 'bob', 'guess-x');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    // It says when to come back: the seconds left of the window (RFC 9110 Retry-After).
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    expect(Number(retryAfter)).toBeLessThanOrEqual(sys.system.parts.config.loginWindowSec);
    expect(limited.body.error.details).toEqual({ retryAfterSec: Number(retryAfter) });
    // Even the right password is refused while the window lasts (the username differs only in case).
    const right = await login(c, 'BOB', 'demo1234');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');
    expect(c.cookie).toBeUndefined();

    // Another user at the same desk (same IP) is not locked.
    const chen = new HttpClient(sys.url);
    const ok = await login(chen, 'chen');
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ username: 'chen', role: 'staff' });
  });

  it("audits a failed sign-in under the account's branch, so its managers see it; the answer does not tell", async () => {
    const strip = (r: Awaited<ReturnType<typeof login>>) => ({
      status: r.status,
      body: r.body,
      headers: [...r.headers.keys()].filter((h) => h !== 'date' && h !== 'x-request-id').sort(),
      contentLength: r.headers.get('content-length'),
    });
    const known = await login(new HttpClient(sys.url), 'manager', 'not-the-password');
    const unknown = await login(new HttpClient(sys.url), 'no-such-manager', 'not-the-password');
    expect(strip(known)).toEqual(strip(unknown));
    expect(known.status).toBe(401);

    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    // The answer does not wait on the entry (its timing would tell whether one was written).
    const failed = await waitFor('the failed sign-in entry', async () => {
      const r = await manager.req('GET', path('/audit?limit=200'));
      expect(r.status).toBe(200);
      const rows = (r.body.data as { action: string; branchId: string; details: { username?: string } }[]).filter((e) => e.action === 'login-failed');
      return rows.some((e) => e.details.username === 'manager') && rows;
    });
    expect(failed.every((e) => e.branchId === sys.branchId)).toBe(true);
    // A username nobody has belongs to no branch: it stays out of every branch's log.
    expect(failed.map((e) => e.details.username)).not.toContain('no-such-manager');
  });

  it('resets the attempt counter after a successful sign-in', async () => {
    const c = new HttpClient(sys.url);
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) expect((await login(c, 'dana', 'wrong')).status).toBe(401);
    expect((await login(c, 'dana')).status).toBe(200);
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) expect((await login(new HttpClient(sys.url), 'dana', 'wrong')).status).toBe(401);
    expect((await login(new HttpClient(sys.url), 'dana')).status).toBe(200);
  });

  it('stores passwords as Argon2id hashes', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const schema = sys.system.parts.config.databaseSchema!;
      const { rows } = await client.query<{ username: string; password_hash: string }>(`select username, password_hash from "${schema}".users`);
      expect(rows.map((r) => r.username).sort()).toEqual(['admin', 'alice', 'bob', 'chen', 'dana', 'manager']);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        expect(r.password_hash).not.toContain('demo1234');
      }
      // Salted: the same password never yields the same hash.
      expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
    } finally {
      await client.end();
    }
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie holding a 256-bit id', async () => {
    const c = new HttpClient(sys.url);
    const r = await login(c, 'alice');
    expect(r.status).toBe(200);
    const cookies = r.headers.getSetCookie().filter((s) => s.startsWith(`${SESSION_COOKIE}=`));
    expect(cookies).toHaveLength(1);
    const attrs = cookies[0]!.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/');
    expect(sessionId(c)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Redis holds only the id's hash.
    const redis = sys.system.parts.redis;
    expect(await redis.exists(sessionKey(sessionId(c)))).toBe(1);
    expect(await redis.exists(`${sys.system.parts.config.redisPrefix}sess:${sessionId(c)}`)).toBe(0);
    expect((await c.req('GET', '/api/v1/auth/me')).body.data).toMatchObject({ username: 'alice', role: 'staff' });
  });

  it('rotates the session id at sign-in; the old cookie stops working', async () => {
    const c = new HttpClient(sys.url);
    await c.login('alice');
    const first = c.cookie!;
    await c.login('alice'); // the browser still sends the first cookie
    const second = c.cookie!;
    expect(second).not.toBe(first);

    const old = await c.req('GET', '/api/v1/auth/me', undefined, { cookie: first });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('SESSION_EXPIRED');
    expect((await c.req('GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('logout invalidates the session server-side and clears the cookie', async () => {
    const c = new HttpClient(sys.url);
    await c.login('chen'); // not bob: the rate-limit test above keeps bob locked for the window
    const sid = c.cookie!;
    const out = await c.req('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((s) => /^tl_sid=;/.test(s))).toBe(true);
    expect(await sys.system.parts.redis.exists(sessionKey(sid.slice(`${SESSION_COOKIE}=`.length)))).toBe(0);

    const replay = await c.req('GET', '/api/v1/auth/me', undefined, { cookie: sid });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SESSION_EXPIRED');
    // A second logout with the stale cookie is refused, not an error.
    expect((await c.req('POST', '/api/v1/auth/logout', undefined, { cookie: sid })).status).toBe(401);
  });

  it('expires after the idle timeout: the Redis key carries the idle TTL and use slides it', async () => {
    const idleSec = sys.system.parts.config.sessionIdleMin * 60;
    const c = new HttpClient(sys.url);
    await c.login('alice');
    const key = sessionKey(sessionId(c));
    const redis = sys.system.parts.redis;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(idleSec - 5);
    expect(ttl).toBeLessThanOrEqual(idleSec);

    // Use slides the window back to the full idle time.
    await redis.expire(key, 100);
    expect((await c.req('GET', '/api/v1/auth/me')).status).toBe(200);
    expect(await redis.ttl(key)).toBeGreaterThan(idleSec - 5);

    // Let it go idle (the TTL shortened to 200 ms here) and it is gone.
    await redis.pExpire(key, 200);
    const deadline = Date.now() + 5000;
    while ((await redis.exists(key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const r = await c.req('GET', '/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('background requests (the panel refreshing itself) do not slide the idle window; user requests do', async () => {
    const idleSec = sys.system.parts.config.sessionIdleMin * 60;
    const c = new HttpClient(sys.url);
    await c.login('alice');
    const key = sessionKey(sessionId(c));
    const redis = sys.system.parts.redis;
    await redis.expire(key, 100);
    const background = { [BACKGROUND_REQUEST_HEADER]: '1' };
    // The panel's once-a-minute appointments refresh, its snapshot and /me: answered, not activity.
    const list = await c.req('GET', path('/appointments'), undefined, background);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect((await c.req('GET', path('/staff-queue'), undefined, background)).status).toBe(200);
    expect((await c.req('GET', '/api/v1/auth/me', undefined, background)).status).toBe(200);
    expect(await redis.ttl(key)).toBeLessThanOrEqual(100);
    // A person's request slides it.
    expect((await c.req('GET', path('/appointments'))).status).toBe(200);
    expect(await redis.ttl(key)).toBeGreaterThan(idleSec - 5);
    // Marked or not, an ended session is refused alike.
    await redis.del(key);
    const r = await c.req('GET', path('/appointments'), undefined, background);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('enforces the absolute timeout however recently the session was used', async () => {
    const absoluteMs = 60 * 60_000;
    const { redis, config } = sys.system.parts;
    const store = new SessionStore(redis, config.redisPrefix, 60, absoluteMs);
    const t0 = Date.now();
    const sid = await store.create({ userId: 'u-test', role: 'staff', branchId: sys.branchId, staffId: null }, t0);
    expect(await store.touch(sid, t0 + absoluteMs)).toMatchObject({ userId: 'u-test', createdAt: t0 });
    expect(await store.touch(sid, t0 + absoluteMs + 1)).toBeNull();
    // Expired for good: the key was deleted, so even an "earlier" clock cannot revive it.
    expect(await redis.exists(sessionKey(sid))).toBe(0);
    expect(await store.touch(sid, t0)).toBeNull();
    // Malformed ids never reach Redis.
    expect(await store.touch('not-a-session-id', t0)).toBeNull();

    // Reading without sliding (background traffic) enforces it too.
    const sid2 = await store.create({ userId: 'u-test', role: 'staff', branchId: sys.branchId, staffId: null }, t0);
    expect(await store.peek(sid2, t0 + absoluteMs)).toMatchObject({ userId: 'u-test' });
    expect(await store.peek(sid2, t0 + absoluteMs + 1)).toBeNull();
    expect(await redis.exists(sessionKey(sid2))).toBe(0);
  });

  it('rejects a forged cookie as SESSION_EXPIRED and no cookie as UNAUTHENTICATED', async () => {
    const none = await new HttpClient(sys.url).req('GET', '/api/v1/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const forged = await new HttpClient(sys.url).req('GET', '/api/v1/auth/me', undefined, { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('SESSION_EXPIRED');
  });
});

describe('signing out leaves the counter', () => {
  const state = async () => (await sys.system.parts.store.load(sys.branchId))!;
  const cmd = (c: HttpClient, body: Record<string, unknown>) => c.req('POST', path('/commands'), body);

  it('a free staff member is signed off: the counter is free and nobody counts on them', async () => {
    const chen = new HttpClient(sys.url);
    const me = await chen.login('chen');
    expect((await cmd(chen, { type: 'sign-on', counterId: sys.counter('4') })).status).toBe(200);
    expect((await state()).staff[me.staffId]).toMatchObject({ status: 'available', counterId: sys.counter('4') });

    const out = await chen.req('POST', '/api/v1/auth/logout');
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect((await state()).staff[me.staffId]?.status).toBe('offline');
    // Counter 4 can be taken at once (no COUNTER_TAKEN from a ghost).
    const dana = new HttpClient(sys.url);
    await dana.login('dana');
    expect((await cmd(dana, { type: 'sign-on', counterId: sys.counter('4') })).status).toBe(200);
    expect((await cmd(dana, { type: 'sign-off' })).status).toBe(200);
    // Audited as chen's own sign-off, then the sign-out.
    const audit = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.userId === me.userId);
    expect(audit.map((e) => e.action).slice(0, 2)).toEqual(['logout', 'sign-off']);
  });

  it('holding a customer, sign-out is refused (STAFF_BUSY, naming the ticket) and the session stays', async () => {
    const { ticketId } = await issue('D');
    const dana = new HttpClient(sys.url);
    const me = await dana.login('dana');
    expect((await cmd(dana, { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    const call = await cmd(dana, { type: 'call-next' });
    expect(call.body.data.called.ticketId).toBe(ticketId);

    const refused = await dana.req('POST', '/api/v1/auth/logout');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'STAFF_BUSY', details: { ticketNumber: call.body.data.called.number, ticketStatus: 'called' } });
    expect((await dana.req('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await state()).staff[me.staffId]).toMatchObject({ status: 'serving', ticketId });

    // Saying what to do with the customer: a called one is marked a no-show, then the counter is left.
    const out = await dana.req('POST', '/api/v1/auth/logout', { finishHeld: true });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    const after = await state();
    expect(after.tickets[ticketId]).toBeUndefined();
    expect(after.staff[me.staffId]?.status).toBe('offline');
    expect((await dana.req('GET', '/api/v1/auth/me')).status).toBe(401);
    const audit = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.userId === me.userId);
    expect(audit.slice(0, 3).map((e) => [e.action, e.ticketId])).toEqual([
      ['logout', null],
      ['sign-off', null],
      ['no-show', ticketId],
    ]);
    // A colleague takes counter 3 straight away.
    const chen = new HttpClient(sys.url);
    await chen.login('chen');
    expect((await cmd(chen, { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
  });

  it('a customer being served is completed when the staff member signs out with finishHeld', async () => {
    const { ticketId } = await issue('C');
    const chen = new HttpClient(sys.url);
    const me = await chen.login('chen');
    expect((await cmd(chen, { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    expect((await cmd(chen, { type: 'call-next' })).body.data.called.ticketId).toBe(ticketId);
    expect((await cmd(chen, { type: 'start', ticketId })).status).toBe(200);
    const seqBefore = (await state()).seq;
    expect((await chen.req('POST', '/api/v1/auth/logout', { finishHeld: true })).status).toBe(200);
    const events = await sys.system.parts.store.readEvents(sys.branchId, seqBefore);
    expect(events.map((e) => e.type)).toEqual(['ticket-completed', 'staff-signed-off']);
    expect((await state()).staff[me.staffId]?.status).toBe('offline');
    // A body the route does not know is refused, not ignored.
    const again = new HttpClient(sys.url);
    await again.login('chen');
    expect((await again.req('POST', '/api/v1/auth/logout', { force: true })).body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe("a ticket's customer profile", () => {
  it('is for the staff member holding the ticket only: FORBIDDEN for a waiting ticket or a colleague\'s, and not audited then', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A'), contact: { phone: '+86 138 0013 4321', consent: true } });
    expect(issued.status).toBe(201);
    const ticketId = issued.body.data.ticketId as string;
    const profile = `/tickets/${ticketId}/profile`;
    const dana = new HttpClient(sys.url);
    const danaMe = await dana.login('dana');
    const alice = new HttpClient(sys.url);
    const aliceMe = await alice.login('alice');
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const auditBefore = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.action === 'view-profile').length;

    // Waiting: nobody's customer yet, not even for an offline colleague without the skill, or a manager.
    for (const c of [dana, alice, manager]) {
      const r = await c.req('GET', path(profile));
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect(JSON.stringify(r.body)).not.toContain('4321');
    }
    // Alice (still at counter 1 from the tests above) calls it: hers to see, dana's still not.
    const alreadyOn = (await sys.system.parts.store.load(sys.branchId))!.staff[aliceMe.staffId]?.status !== 'offline';
    if (!alreadyOn) expect((await alice.req('POST', path('/commands'), { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
    const call = await alice.req('POST', path('/commands'), { type: 'call-ticket', ticketId, reason: 'profile test' });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    expect((await dana.req('GET', path(profile))).body.error.code).toBe('FORBIDDEN');
    const mine = await alice.req('GET', path(profile));
    expect(mine.status).toBe(200);
    expect(mine.body.data.customer.phoneMasked).toMatch(/4321$/);
    const views = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.action === 'view-profile');
    expect(views.length).toBe(auditBefore + 1);
    expect(views[0]).toMatchObject({ userId: aliceMe.userId, ticketId });
    expect(views.some((e) => e.userId === danaMe.userId)).toBe(false);

    // Dana cannot cancel alice's called customer either; alice can.
    const cancel = await dana.req('POST', path('/commands'), { type: 'cancel', ticketId });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('TICKET_NOT_YOURS');
    expect((await alice.req('POST', path('/commands'), { type: 'cancel', ticketId })).status).toBe(200);
  });
});

describe('roles and audit', () => {
  it('lets managers read the audit log and refuses staff with 403 FORBIDDEN', async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    const refused = await alice.req('GET', path('/audit'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const ok = await manager.req('GET', path('/audit'));
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body.data)).toBe(true);

    const anonymous = await new HttpClient(sys.url).req('GET', path('/audit'));
    expect(anonymous.status).toBe(401);
  });

  it('audits every staff action with who, from where and which ticket', async () => {
    const { ticketId } = await issue('A');
    const alice = new HttpClient(sys.url, { 'user-agent': 'audit-test-agent' });
    const me = await alice.login('alice');
    expect((await alice.req('POST', path('/commands'), { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
    const call = await alice.req('POST', path('/commands'), { type: 'call-next' });
    expect(call.status).toBe(200);
    expect(call.body.data.called.ticketId).toBe(ticketId);

    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const r = await manager.req('GET', path('/audit?limit=200'));
    expect(r.status).toBe(200);
    const entries = r.body.data as { action: string; userId: string | null; ip: string | null; ticketId: string | null; userAgent: string | null; branchId: string; role: string }[];
    const mine = entries.filter((e) => e.userId === me.userId);
    const signOn = mine.find((e) => e.action === 'sign-on');
    const callNext = mine.find((e) => e.action === 'call-next');
    expect(signOn).toMatchObject({ userId: me.userId, role: 'staff', branchId: sys.branchId, userAgent: 'audit-test-agent' });
    expect(signOn!.ip).toMatch(/127\.0\.0\.1/);
    expect(callNext).toMatchObject({ userId: me.userId, role: 'staff', branchId: sys.branchId, ticketId });
    expect(callNext!.ip).toMatch(/127\.0\.0\.1/);
    // Newest first: the call came after the sign-on.
    expect(entries.indexOf(callNext!)).toBeLessThan(entries.indexOf(signOn!));
    // Sign-ins are audited too.
    expect(entries.some((e) => e.action === 'login' && e.userId === me.userId)).toBe(true);

    // Leave the counter clean for later tests.
    expect((await alice.req('POST', path('/commands'), { type: 'cancel', ticketId })).status).toBe(200);
  });
});

describe('cross-origin requests', () => {
  it('refuses a state-changing request from another origin with 403 ORIGIN_NOT_ALLOWED and changes nothing', async () => {
    const { ticketId } = await issue('B');
    const dana = new HttpClient(sys.url);
    await dana.login('dana');
    const before = (await sys.system.parts.store.load(sys.branchId))!;
    const auditBefore = await sys.system.parts.db.audit.list(sys.branchId, 200);

    const evil = { origin: 'http://evil.test' };
    const cmd = await dana.req('POST', path('/commands'), { type: 'cancel', ticketId }, evil);
    expect(cmd.status).toBe(403);
    expect(cmd.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    const out = await dana.req('POST', '/api/v1/auth/logout', undefined, evil);
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    const signIn = await new HttpClient(sys.url).req('POST', '/api/v1/auth/login', { username: 'alice', password: 'demo1234' }, evil);
    expect(signIn.status).toBe(403);
    expect(signIn.headers.getSetCookie()).toEqual([]);
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issued = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') }, evil);
    expect(issued.status).toBe(403);

    const after = (await sys.system.parts.store.load(sys.branchId))!;
    expect(after.seq).toBe(before.seq);
    expect(after.tickets[ticketId]?.status).toBe('waiting');
    expect((await sys.system.parts.db.audit.list(sys.branchId, 200)).length).toBe(auditBefore.length);
    // The session survived the refused logout.
    expect((await dana.req('GET', '/api/v1/auth/me')).status).toBe(200);

    // The same request from our own origin goes through.
    const ours = await dana.req('POST', path('/commands'), { type: 'cancel', ticketId }, { origin: 'http://allowed.test' });
    expect(ours.status).toBe(200);
  });
});

describe('socket handshake', () => {
  const codeOf = (err: unknown) => (err as { data?: { code?: string } }).data?.code;

  it('refuses a socket without credentials', async () => {
    const err = await openSocket(sys.url).then((s) => (sockets.push(s), null), (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(codeOf(err)).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown device token', async () => {
    const err = await openSocket(sys.url, { auth: { deviceToken: 'x'.repeat(43) } }).then((s) => (sockets.push(s), null), (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(codeOf(err)).toBe('UNAUTHENTICATED');
  });

  it('refuses a browser on another origin even with a valid token or session', async () => {
    const err = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken }, origin: 'http://evil.test' }).then((s) => (sockets.push(s), null), (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(codeOf(err)).toBe('ORIGIN_NOT_ALLOWED');

    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    const err2 = await openSocket(sys.url, { cookie: alice.cookie!, origin: 'http://evil.test' }).then((s) => (sockets.push(s), null), (e: unknown) => e);
    expect(codeOf(err2)).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('accepts the same credentials from our origin (control)', async () => {
    const signage = await openSocket(sys.url, { auth: { deviceToken: sys.signageToken }, origin: 'http://allowed.test' });
    sockets.push(signage);
    expect(signage.connected).toBe(true);
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    const staff = await openSocket(sys.url, { cookie: alice.cookie!, origin: 'http://allowed.test' });
    sockets.push(staff);
    expect(staff.connected).toBe(true);
  });
});

describe('device tokens', () => {
  it('a kiosk token cannot read the staff queue', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const r = await kiosk.req('GET', path('/staff-queue'));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
    const cmd = await kiosk.req('POST', path('/commands'), { type: 'call-next' });
    expect(cmd.status).toBe(401);
  });

  it('a signage token cannot issue tickets', async () => {
    const before = (await sys.system.parts.store.load(sys.branchId))!.seq;
    const signage = new HttpClient(sys.url, { authorization: `Bearer ${sys.signageToken}` });
    const r = await signage.req('POST', path('/tickets'), { serviceId: sys.service('A') });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    // ...but may read its own branch's signage.
    expect((await signage.req('GET', path('/signage'))).status).toBe(200);
    const bogus = new HttpClient(sys.url, { authorization: `Bearer ${'y'.repeat(43)}` });
    expect((await bogus.req('POST', path('/tickets'), { serviceId: sys.service('A') })).status).toBe(401);
    expect((await sys.system.parts.store.load(sys.branchId))!.seq).toBe(before);
  });
});
