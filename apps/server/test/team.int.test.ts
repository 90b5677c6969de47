/**
 * Staff accounts managed from the product, against the real system (Redis, PostgreSQL, Koa,
 * Socket.IO): who may change whom, what is refused and how, a temporary password that works once
 * and then only for changing it, skills that change whom call-next gives a customer to at once,
 * deactivation that ends sessions and sockets (and waits for a customer in hand), resets, the
 * administrators, and an audit trail without secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberWithPassword, TeamMember } from '@tellerline/contracts';
import { addBranchWithManager, HttpClient, openSocket, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

const MAX_ATTEMPTS = 3;
let sys: TestSystem;
let manager: HttpClient;
let admin: HttpClient;
let alice: HttpClient;
let northManager: HttpClient;
let north: string;
const sockets: ClientSocket[] = [];
/** Every temporary password handed out: none may turn up in the audit log. */
const secrets: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  north = await addBranchWithManager(sys, { code: 'north', zh: '北区支行', en: 'North Branch' }, 'north-manager');
  [manager, admin, alice, northManager] = [client(), client(), client(), client()];
  await Promise.all([manager.login('manager'), admin.login('admin'), alice.login('alice'), northManager.login('north-manager')]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

const client = () => new HttpClient(sys.url);
const team = (p = '', branchId = sys.branchId) => `/api/v1/branches/${branchId}/team${p}`;
const members = async (by = manager): Promise<TeamMember[]> => (await by.req('GET', team())).body.data;
const memberNamed = async (username: string, by = manager) => (await members(by)).find((m) => m.username === username)!;
const command = (c: HttpClient, body: Record<string, unknown>) => c.req('POST', `/api/v1/branches/${sys.branchId}/commands`, body);
const issue = async (code: string) => {
  const r = await new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` }).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service(code) });
  expect(r.status).toBe(201);
  return { ticketId: r.body.data.ticketId as string, number: r.body.data.view.number as string };
};
const liveStaff = async (staffId: string) => (await sys.system.parts.store.load(sys.branchId))!.staff[staffId];
const rostered = async (staffId: string) => (await sys.system.parts.db.directory.config(sys.branchId))!.staff.some((s) => s.id === staffId);
const audit = async () => sys.system.parts.db.audit.list(sys.branchId, 200);
const created = (r: { status: number; body: { data: MemberWithPassword } }) => {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  secrets.push(r.body.data.temporaryPassword);
  return r.body.data;
};
const expectRefused = (r: { status: number; body: { error?: { code: string } } }, status: number, code: string, where = '') => {
  expect(r.status, `${where} ${JSON.stringify(r.body)}`).toBe(status);
  expect(r.body.error!.code, where).toBe(code);
};

describe('the team list', () => {
  it('shows the branch team with skills by service and who is signed on now, never a password', async () => {
    expect((await command(alice, { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
    const res = await manager.req('GET', team());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = res.body.data as TeamMember[];
    expect(list.map((m) => m.username)).toEqual(['alice', 'bob', 'chen', 'dana', 'manager']);
    expect(list.find((m) => m.username === 'alice')).toEqual({
      userId: expect.any(String),
      username: 'alice',
      displayName: 'Alice',
      role: 'staff',
      active: true,
      mustChangePassword: false,
      canServe: true,
      staffId: expect.any(String),
      skills: { [sys.service('A')]: 1, [sys.service('B')]: 0.5 },
      signedOn: true,
      counterLabel: '1',
      holding: null,
    });
    expect(list.find((m) => m.username === 'bob')).toMatchObject({ signedOn: false, counterLabel: null });
    expect(list.find((m) => m.username === 'manager')).toMatchObject({ role: 'manager', canServe: false, skills: {} });
    expect(JSON.stringify(res.body)).not.toMatch(/password(Hash)?"\s*:\s*"|argon/i);
    // An admin sees the same; the administrators are listed apart.
    expect((await members(admin)).map((m) => m.username)).toEqual(list.map((m) => m.username));
    expect(((await admin.req('GET', '/api/v1/admins')).body.data as TeamMember[]).map((m) => m.username)).toEqual(['admin']);
  });
});

describe('who may change whom', () => {
  it('refuses anyone but the branch manager and admins, managers acting on managers or admins, and role changes by managers', async () => {
    const anon = client();
    const mei = await memberNamed('manager');
    const adminId = ((await admin.req('GET', '/api/v1/auth/me')).body.data as { userId: string }).userId;
    const aliceId = (await memberNamed('alice')).userId;
    const otherManager = created(await admin.req('POST', team(), { username: 'lin', displayName: 'Lin Manager', role: 'manager' }));
    const cases: [HttpClient, string, string, unknown, number, string][] = [
      [anon, 'GET', team(), undefined, 401, 'UNAUTHENTICATED'],
      [alice, 'GET', team(), undefined, 403, 'FORBIDDEN'],
      [alice, 'POST', team(), { username: 'sneaky', displayName: 'S' }, 403, 'FORBIDDEN'],
      [alice, 'POST', team(`/${aliceId}/reset-password`), undefined, 403, 'FORBIDDEN'],
      [northManager, 'GET', team(), undefined, 403, 'FORBIDDEN'],
      [northManager, 'POST', team(`/${aliceId}/deactivate`), undefined, 403, 'FORBIDDEN'],
      [manager, 'GET', team('', north), undefined, 403, 'FORBIDDEN'],
      [manager, 'POST', team(), { username: 'boss', displayName: 'Boss', role: 'manager' }, 403, 'FORBIDDEN'],
      [manager, 'PATCH', team(`/${otherManager.member.userId}`), { displayName: 'Renamed' }, 403, 'FORBIDDEN'],
      [manager, 'POST', team(`/${otherManager.member.userId}/deactivate`), undefined, 403, 'FORBIDDEN'],
      [manager, 'POST', team(`/${otherManager.member.userId}/reset-password`), undefined, 403, 'FORBIDDEN'],
      [manager, 'PATCH', team(`/${mei.userId}`), { displayName: 'Me' }, 403, 'FORBIDDEN'],
      [manager, 'POST', team(`/${mei.userId}/deactivate`), undefined, 403, 'FORBIDDEN'],
      [manager, 'PATCH', team(`/${aliceId}`), { role: 'manager' }, 403, 'FORBIDDEN'],
      // An admin is no member of a branch, and another branch's member is not found here.
      [manager, 'POST', team(`/${adminId}/deactivate`), undefined, 404, 'NOT_FOUND'],
      [admin, 'PATCH', team(`/${aliceId}`, north), { displayName: 'x' }, 404, 'NOT_FOUND'],
      [manager, 'GET', '/api/v1/admins', undefined, 403, 'FORBIDDEN'],
      [manager, 'POST', '/api/v1/admins', { username: 'root2', displayName: 'Root' }, 403, 'FORBIDDEN'],
      // Nobody deactivates, demotes or resets themselves.
      [admin, 'POST', `/api/v1/admins/${adminId}/deactivate`, undefined, 403, 'OWN_ACCOUNT'],
      [admin, 'POST', `/api/v1/admins/${adminId}/reset-password`, undefined, 403, 'OWN_ACCOUNT'],
    ];
    for (const [who, method, path, body, status, code] of cases) expectRefused(await who.req(method, path, body), status, code, `${method} ${path}`);
    // Nothing changed.
    expect(await memberNamed('alice')).toMatchObject({ role: 'staff', active: true });
    expect(await memberNamed('lin', admin)).toMatchObject({ displayName: 'Lin Manager', active: true });
    expect((await audit()).filter((e) => e.action !== 'create-staff' && /staff|password/.test(e.action))).toEqual([]);
  });

  it('a manager of the branch may change its staff; an admin its managers too', async () => {
    const aliceId = (await memberNamed('alice')).userId;
    expect((await manager.req('PATCH', team(`/${aliceId}`), { displayName: 'Alice Wu' })).body.data).toMatchObject({ displayName: 'Alice Wu' });
    const lin = await memberNamed('lin');
    expect((await admin.req('PATCH', team(`/${lin.userId}`), { displayName: 'Lin' })).body.data).toMatchObject({ displayName: 'Lin' });
    expect((await northManager.req('GET', team('', north))).status).toBe(200);
  });
});

describe('validation', () => {
  it('refuses malformed bodies, unknown services, a taken username and unknown accounts with their codes, never a 500', async () => {
    for (const bad of [
      { username: 'Fei', displayName: 'F' },
      { username: 'fe', displayName: 'F' },
      { username: 'fei wang', displayName: 'F' },
      { username: 'fei', displayName: '' },
      { username: 'fei', displayName: 'F\u0000' },
      { username: 'fei', displayName: 'F', role: 'admin' },
      { username: 'fei', displayName: 'F', skills: { [sys.service('A')]: 0 } },
      { username: 'fei', displayName: 'F', skills: { [sys.service('A')]: 1.5 } },
      { username: 'fei', displayName: 'F', skills: { [sys.service('A')]: 'high' } },
      { username: 'fei', displayName: 'F', password: 'chosen-by-me' },
      [],
    ]) {
      expectRefused(await manager.req('POST', team(), bad), 400, 'VALIDATION_FAILED', JSON.stringify(bad));
    }
    expectRefused(await manager.req('POST', team(), { username: 'fei', displayName: 'x'.repeat(61) }), 400, 'TEXT_TOO_LONG');
    expectRefused(await manager.req('POST', team(), '{"username":'), 400, 'VALIDATION_FAILED');
    expectRefused(await manager.req('POST', team(), { username: 'fei', displayName: 'F', skills: { 'no-such-service': 1 } }), 422, 'UNKNOWN_SERVICE');
    expectRefused(await manager.req('POST', team(), { username: 'alice', displayName: 'Another Alice' }), 409, 'USERNAME_TAKEN');
    expectRefused(await manager.req('POST', team(), { username: 'admin', displayName: 'Not the admin' }), 409, 'USERNAME_TAKEN');
    const aliceId = (await memberNamed('alice')).userId;
    expectRefused(await manager.req('PATCH', team(`/${aliceId}`), {}), 400, 'VALIDATION_FAILED');
    expectRefused(await manager.req('PATCH', team(`/${aliceId}`), { skills: { [sys.service('A')]: 0.05 } }), 400, 'VALIDATION_FAILED');
    expectRefused(await manager.req('PATCH', team(`/${aliceId}`), { skills: { 'no-such-service': 1 } }), 422, 'UNKNOWN_SERVICE');
    expectRefused(await manager.req('PATCH', team('/no-such-user'), { displayName: 'x' }), 404, 'NOT_FOUND');
    expectRefused(await manager.req('POST', team('/bad.id/deactivate')), 400, 'VALIDATION_FAILED');
    expectRefused(await admin.req('GET', team('', '00000000-0000-4000-8000-000000000000')), 404, 'BRANCH_UNKNOWN');
    expectRefused(await admin.req('POST', team('', '00000000-0000-4000-8000-000000000000'), { username: 'ghost', displayName: 'G' }), 404, 'BRANCH_UNKNOWN');
    expect(await sys.system.parts.db.users.findByUsername('fei')).toBeNull();
  });
});

describe('a new teller and their temporary password', () => {
  let fei: MemberWithPassword;
  let feiClient: HttpClient;

  it('is created with skills and a temporary password shown once, and audited without it', async () => {
    feiClient = client();
    fei = created(await manager.req('POST', team(), { username: 'fei', displayName: 'Fei 飞', skills: { [sys.service('D')]: 0.9 } }));
    expect(fei.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(fei.member).toMatchObject({ username: 'fei', displayName: 'Fei 飞', role: 'staff', active: true, mustChangePassword: true, canServe: true, skills: { [sys.service('D')]: 0.9 }, signedOn: false });
    // On the live roster at once: the queue knows the new teller and their skill.
    const staffId = (await sys.system.parts.db.users.findByUsername('fei'))!.staffId!;
    expect((await liveStaff(staffId))?.skills).toEqual({ [sys.service('D')]: 0.9 });
    expect(await rostered(staffId)).toBe(true);
    const entry = (await audit()).find((e) => e.action === 'create-staff' && e.details?.username === 'fei');
    expect(entry).toMatchObject({ role: 'manager', details: { userId: fei.member.userId, role: 'staff', displayName: 'Fei 飞', skills: { [sys.service('D')]: 0.9 } } });
    // Never listed again.
    expect(JSON.stringify((await manager.req('GET', team())).body)).not.toContain(fei.temporaryPassword);
  });

  it('signs in with it, and can then only see who they are, change the password or sign out', async () => {
    const me = await feiClient.login('fei', fei.temporaryPassword);
    expect(me).toMatchObject({ username: 'fei', mustChangePassword: true });
    expect((await feiClient.req('GET', '/api/v1/auth/me')).body.data.mustChangePassword).toBe(true);
    expectRefused(await feiClient.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectRefused(await command(feiClient, { type: 'sign-on', counterId: sys.counter('3') }), 403, 'PASSWORD_CHANGE_REQUIRED');
    const refused = await openSocket(sys.url, { cookie: feiClient.cookie! }).then(
      (s) => (s.close(), null),
      (err: { data?: { code?: string } }) => err.data?.code,
    );
    expect(refused).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses a wrong current password and weak new ones, each with its reason', async () => {
    const change = (currentPassword: string, newPassword: string) => feiClient.req('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    expectRefused(await change('not-it-at-all', 'a-good-new-one-1'), 403, 'WRONG_PASSWORD');
    for (const [pw, reason] of [
      ['short-1', 'too-short'],
      ['          ', 'too-short'],
      ['aaaaaaaaaa', 'too-simple'],
      [fei.temporaryPassword, 'same-as-current'],
    ] as const) {
      const r = await change(fei.temporaryPassword, pw);
      expectRefused(r, 422, 'WEAK_PASSWORD', pw);
      expect(r.body.error.details).toEqual({ reason, min: 10 });
    }
    expectRefused(await feiClient.req('POST', '/api/v1/auth/password', { currentPassword: fei.temporaryPassword }), 400, 'VALIDATION_FAILED');
    expect((await feiClient.req('GET', '/api/v1/auth/me')).body.data.mustChangePassword).toBe(true);
  });

  it('changing it ends their other sessions, keeps this one, and lets them work; the temporary one is dead', async () => {
    const otherTab = client();
    await otherTab.login('fei', fei.temporaryPassword);
    const res = await feiClient.req('POST', '/api/v1/auth/password', { currentPassword: fei.temporaryPassword, newPassword: 'my-own-secret-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ username: 'fei', mustChangePassword: false });
    expectRefused(await otherTab.req('GET', '/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
    expect((await feiClient.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`)).status).toBe(200);
    expect((await command(feiClient, { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    const socket = await openSocket(sys.url, { cookie: feiClient.cookie! });
    sockets.push(socket);
    expectRefused(await client().req('POST', '/api/v1/auth/login', { username: 'fei', password: fei.temporaryPassword }), 401, 'INVALID_CREDENTIALS');
    await client().login('fei', 'my-own-secret-1');
    expect(await memberNamed('fei')).toMatchObject({ mustChangePassword: false, signedOn: true, counterLabel: '3' });
    const entry = (await audit()).find((e) => e.action === 'change-password');
    expect(entry).toMatchObject({ userId: fei.member.userId, details: { otherSessionsEnded: 1 } });
    expect((await command(feiClient, { type: 'sign-off' })).status).toBe(200);
    socket.close();
  });

  it('tries at the current password are limited like sign-ins (429 with Retry-After)', async () => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) expectRefused(await feiClient.req('POST', '/api/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: 'another-one-22' }), 403, 'WRONG_PASSWORD');
    const limited = await feiClient.req('POST', '/api/v1/auth/password', { currentPassword: 'my-own-secret-1', newPassword: 'another-one-22' });
    expectRefused(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await audit()).filter((e) => e.action === 'change-password-failed' && e.userId === fei.member.userId).length).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
  });
});

describe('skills', () => {
  it('a change reaches the queue at once: call-next now gives the customer to the newly skilled teller, who stays signed on', async () => {
    const aliceMember = await memberNamed('alice');
    const staffId = (await sys.system.parts.db.users.findByUsername('alice'))!.staffId!;
    expect((await liveStaff(staffId))?.status).toBe('available');
    const loans = await issue('C');
    expectRefused(await command(alice, { type: 'call-next' }), 409, 'NO_TICKET_WAITING');
    const skills = { ...aliceMember.skills, [sys.service('C')]: 0.8 };
    const res = await manager.req('PATCH', team(`/${aliceMember.userId}`), { skills });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ skills, signedOn: true, counterLabel: '1' });
    expect(await liveStaff(staffId)).toMatchObject({ status: 'available', skills });
    const call = await command(alice, { type: 'call-next' });
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    expect(call.body.data.called).toMatchObject({ ticketId: loans.ticketId, number: loans.number });
    expect((await audit()).find((e) => e.action === 'update-staff' && e.details?.userId === aliceMember.userId && e.details?.skills)).toMatchObject({ details: { username: 'alice', skills } });
    expect((await command(alice, { type: 'start', ticketId: loans.ticketId })).status).toBe(200);
    expect((await command(alice, { type: 'complete', ticketId: loans.ticketId })).status).toBe(200);
  });

  it('taking a skill away stops those calls; skills of services the branch no longer offers are kept', async () => {
    const aliceMember = await memberNamed('alice');
    const res = await manager.req('PATCH', team(`/${aliceMember.userId}`), { skills: { [sys.service('A')]: 1 } });
    expect(res.body.data.skills).toEqual({ [sys.service('A')]: 1 });
    await issue('C');
    expectRefused(await command(alice, { type: 'call-next' }), 409, 'NO_TICKET_WAITING');
  });
});

describe('deactivating', () => {
  let dana: HttpClient;
  let danaId: string;
  let danaStaff: string;

  beforeAll(async () => {
    dana = client();
    await dana.login('dana');
    danaId = (await memberNamed('dana')).userId;
    danaStaff = (await sys.system.parts.db.users.findByUsername('dana'))!.staffId!;
  });

  it('is refused with MEMBER_SERVING while they hold a customer, saying what to do; nothing changes', async () => {
    expect((await command(dana, { type: 'sign-on', counterId: sys.counter('2') })).status).toBe(200);
    const wealth = await issue('D');
    const call = await command(dana, { type: 'call-next' });
    expect(call.body.data.called.ticketId).toBe(wealth.ticketId);
    const res = await manager.req('POST', team(`/${danaId}/deactivate`));
    expectRefused(res, 409, 'MEMBER_SERVING');
    expect(res.body.error.message).toMatch(/finish or transfer/);
    expect(res.body.error.details).toEqual({ ticketNumber: wealth.number, counterLabel: '2' });
    expect(await memberNamed('dana')).toMatchObject({ active: true, signedOn: true, holding: wealth.number });
    expect(await rostered(danaStaff)).toBe(true);
    expect((await liveStaff(danaStaff))?.ticketId).toBe(wealth.ticketId);
    expect((await dana.req('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await command(dana, { type: 'start', ticketId: wealth.ticketId })).status).toBe(200);
    expect((await command(dana, { type: 'complete', ticketId: wealth.ticketId })).status).toBe(200);
  });

  it('once free: signed off, off the roster in PostgreSQL and the queue alike, sessions and live socket ended, no sign-in', async () => {
    const socket = await openSocket(sys.url, { cookie: dana.cookie! });
    sockets.push(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const res = await manager.req('POST', team(`/${danaId}/deactivate`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ active: false, signedOn: false });
    expect(await closed).toBe('io server disconnect');
    // Their open page is told why (not "your session expired"): by the API and on reconnecting.
    expectRefused(await dana.req('GET', '/api/v1/auth/me'), 401, 'ACCOUNT_DEACTIVATED');
    const again = await openSocket(sys.url, { cookie: dana.cookie! }).then(
      (s) => (sockets.push(s), null),
      (err: Error & { data?: { code?: string } }) => err.data?.code,
    );
    expect(again).toBe('ACCOUNT_DEACTIVATED');
    expectRefused(await client().req('POST', '/api/v1/auth/login', { username: 'dana', password: 'demo1234' }), 401, 'INVALID_CREDENTIALS');
    expect(await liveStaff(danaStaff)).toBeUndefined();
    expect(await rostered(danaStaff)).toBe(false);
    const entries = await audit();
    expect(entries.filter((e) => e.action === 'deactivate-staff')).toHaveLength(1);
    expect(entries.find((e) => e.action === 'deactivate-staff')).toMatchObject({ role: 'manager', details: { userId: danaId, username: 'dana' } });
    expect(entries.find((e) => e.action === 'sign-off' && e.details?.staffId === danaStaff && e.role === 'manager')).toBeDefined();
    // Again: nothing more to do, not audited twice.
    expect((await manager.req('POST', team(`/${danaId}/deactivate`))).status).toBe(200);
    expect((await audit()).filter((e) => e.action === 'deactivate-staff')).toHaveLength(1);
  });

  it('reactivating lets them sign in again, back on the roster, signed off', async () => {
    const res = await manager.req('POST', team(`/${danaId}/reactivate`));
    expect(res.body.data).toMatchObject({ active: true, signedOn: false });
    expect(await rostered(danaStaff)).toBe(true);
    expect(await liveStaff(danaStaff)).toMatchObject({ status: 'offline' });
    await client().login('dana');
    expect((await audit()).find((e) => e.action === 'reactivate-staff')).toMatchObject({ details: { userId: danaId, username: 'dana' } });
  });
});

describe('resetting a password', () => {
  it('ends their sessions, signs them off, stops the old password, and gives a temporary one that must be changed', async () => {
    const bob = client();
    await bob.login('bob');
    expect((await command(bob, { type: 'sign-on', counterId: sys.counter('4') })).status).toBe(200);
    const bobId = (await memberNamed('bob')).userId;
    const bobStaff = (await sys.system.parts.db.users.findByUsername('bob'))!.staffId!;
    const res = await manager.req('POST', team(`/${bobId}/reset-password`));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reset = res.body.data as MemberWithPassword;
    secrets.push(reset.temporaryPassword);
    expect(reset.member).toMatchObject({ username: 'bob', mustChangePassword: true });
    expectRefused(await bob.req('GET', '/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
    // Nobody is at that panel any more: the counter is not counted as staffed.
    expect(await liveStaff(bobStaff)).toMatchObject({ status: 'offline' });
    expectRefused(await client().req('POST', '/api/v1/auth/login', { username: 'bob', password: 'demo1234' }), 401, 'INVALID_CREDENTIALS');
    const again = client();
    expect(await again.login('bob', reset.temporaryPassword)).toMatchObject({ mustChangePassword: true });
    expectRefused(await again.req('GET', `/api/v1/branches/${sys.branchId}/staff-queue`), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await audit()).find((e) => e.action === 'reset-password')).toMatchObject({ role: 'manager', details: { userId: bobId, username: 'bob' } });
  });
});

describe('roles and administrators', () => {
  it('a promotion or demotion by an admin holds from the next request, without signing anyone out', async () => {
    const feiId = (await memberNamed('fei')).userId;
    const feiClient = client();
    await feiClient.login('fei', 'my-own-secret-1');
    expectRefused(await feiClient.req('GET', `/api/v1/branches/${sys.branchId}/devices`), 403, 'FORBIDDEN');
    expect((await admin.req('PATCH', team(`/${feiId}`), { role: 'manager' })).body.data.role).toBe('manager');
    expect((await feiClient.req('GET', `/api/v1/branches/${sys.branchId}/devices`)).status).toBe(200);
    expect((await admin.req('PATCH', team(`/${feiId}`), { role: 'staff' })).body.data.role).toBe('staff');
    expectRefused(await feiClient.req('GET', `/api/v1/branches/${sys.branchId}/devices`), 403, 'FORBIDDEN');
    expect((await audit()).find((e) => e.action === 'update-staff' && e.details?.role === 'manager')).toMatchObject({ role: 'admin', details: { userId: feiId } });
  });

  it('an admin adds an administrator, who must change the temporary password, and deactivates them', async () => {
    const root = created(await admin.req('POST', '/api/v1/admins', { username: 'root2', displayName: 'Second admin' }));
    expect(root.member).toMatchObject({ role: 'admin', canServe: false, mustChangePassword: true });
    expectRefused(await admin.req('POST', '/api/v1/admins', { username: 'root2', displayName: 'Again' }), 409, 'USERNAME_TAKEN');
    const rootClient = client();
    expect(await rootClient.login('root2', root.temporaryPassword)).toMatchObject({ role: 'admin', branchId: null, mustChangePassword: true });
    expectRefused(await rootClient.req('GET', '/api/v1/admins'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await admin.req('POST', `/api/v1/admins/${root.member.userId}/deactivate`)).body.data.active).toBe(false);
    expectRefused(await rootClient.req('GET', '/api/v1/auth/me'), 401, 'ACCOUNT_DEACTIVATED');
    const entries = await sys.system.parts.db.audit.list(null as unknown as string, 50);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create-staff', 'deactivate-staff']));
  });

  it('no audit entry and no answer but the creating one carries a temporary password or a hash', async () => {
    const all = JSON.stringify([...(await audit()), ...(await sys.system.parts.db.audit.list(null as unknown as string, 200))]);
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toMatch(/\$argon2/);
    expect(all).not.toContain('my-own-secret-1');
  });
});
