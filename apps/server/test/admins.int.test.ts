/**
 * The administrators, as the administrators screen manages them, against the real system (Redis,
 * PostgreSQL, Koa): the list with each one's last sign-in from the audit log, a new administrator
 * with a temporary password, a reset, deactivation and reactivation; nobody deactivates themselves,
 * and the last active administrator stays active even when two deactivate each other at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminMember, MemberWithPassword } from '@tellerline/contracts';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
let admin: HttpClient;
let adminId: string;

beforeAll(async () => {
  sys = await startTestSystem();
  admin = new HttpClient(sys.url);
  adminId = (await admin.login('admin')).userId;
});
afterAll(async () => {
  await sys?.close();
});

const client = () => new HttpClient(sys.url);
const admins = async (by = admin): Promise<AdminMember[]> => {
  const r = await by.req('GET', '/api/v1/admins');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
};
const named = async (username: string) => (await admins()).find((a) => a.username === username)!;
const headOfficeAudit = () => sys.system.parts.db.audit.list(null as unknown as string, 200);
const expectRefused = (r: { status: number; body: { error?: { code: string; message: string } } }, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error!.code).toBe(code);
  expect(r.body.error!.message.length).toBeGreaterThan(10);
};

/** A new administrator who has chosen their own password and is signed in. */
async function newAdmin(username: string, displayName: string): Promise<{ id: string; c: HttpClient; temporary: string }> {
  const r = await admin.req('POST', '/api/v1/admins', { username, displayName });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const made = r.body.data as MemberWithPassword;
  const c = client();
  await c.login(username, made.temporaryPassword);
  expect((await c.req('POST', '/api/v1/auth/password', { currentPassword: made.temporaryPassword, newPassword: `${username}-own-pass-1` })).status).toBe(200);
  return { id: made.member.userId, c, temporary: made.temporaryPassword };
}

describe('the administrators list', () => {
  it('shows every administrator with their last sign-in, null for one who never signed in', async () => {
    const before = Date.now();
    const second = client();
    await second.login('admin');
    const list = await admins();
    expect(list.map((a) => a.username)).toEqual(['admin']);
    expect(list[0]).toMatchObject({ role: 'admin', active: true, canServe: false });
    expect(list[0]!.lastSignInAt).toBeGreaterThanOrEqual(before - 1000);

    const made = await admin.req('POST', '/api/v1/admins', { username: 'never.in', displayName: 'Never In' });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    expect(await named('never.in')).toMatchObject({ lastSignInAt: null, mustChangePassword: true, active: true });
  });

  it('is for administrators only', async () => {
    const manager = client();
    await manager.login('manager');
    expectRefused(await manager.req('GET', '/api/v1/admins'), 403, 'FORBIDDEN');
    expectRefused(await client().req('GET', '/api/v1/admins'), 401, 'UNAUTHENTICATED');
  });
});

describe('deactivating administrators', () => {
  it('refuses deactivating oneself, with a stable code', async () => {
    expectRefused(await admin.req('POST', `/api/v1/admins/${adminId}/deactivate`), 403, 'OWN_ACCOUNT');
    expect((await named('admin')).active).toBe(true);
  });

  it('deactivates and reactivates another administrator, audited, their sessions ended', async () => {
    const ops = await newAdmin('ops.lead', 'Ops Lead');
    const off = await admin.req('POST', `/api/v1/admins/${ops.id}/deactivate`);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.data.active).toBe(false);
    // Told why, so their sign-in page can say the account was deactivated.
    expectRefused(await ops.c.req('GET', '/api/v1/auth/me'), 401, 'ACCOUNT_DEACTIVATED');
    expect((await admin.req('POST', `/api/v1/admins/${ops.id}/reactivate`)).body.data.active).toBe(true);
    const reset = await admin.req('POST', `/api/v1/admins/${ops.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.data.member.mustChangePassword).toBe(true);
    const entries = (await headOfficeAudit()).filter((e) => e.details?.userId === ops.id);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create-staff', 'deactivate-staff', 'reactivate-staff', 'reset-password']));
    expect(JSON.stringify(entries)).not.toContain(reset.body.data.temporaryPassword);
  });

  it('keeps the last active administrator: of two deactivating each other at once, one stays', async () => {
    // Everyone but `admin` and one new administrator deactivated: two active ones left.
    for (const a of await admins()) if (a.username !== 'admin' && a.active) expect((await admin.req('POST', `/api/v1/admins/${a.userId}/deactivate`)).status).toBe(200);
    const other = await newAdmin('night.admin', 'Night Admin');
    const [aOnB, bOnA] = await Promise.all([admin.req('POST', `/api/v1/admins/${other.id}/deactivate`), other.c.req('POST', `/api/v1/admins/${adminId}/deactivate`)]);
    const answers = [aOnB, bOnA];
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    // The other one was refused: by the rule, or (when the first finished before it was read) because its account was deactivated.
    const refused = answers.find((r) => r.status !== 200)!;
    expect(['LAST_ACTIVE_ADMIN', 'ACCOUNT_DEACTIVATED']).toContain(refused.body.error.code);
    const active = (await sys.system.parts.db.team.listAdmins()).filter((a) => a.active);
    expect(active).toHaveLength(1);
  });

  it('refuses with LAST_ACTIVE_ADMIN when no other administrator would stay active', async () => {
    // Whoever won the race above is the only active one. Over HTTP that one could only name
    // themselves (OWN_ACCOUNT first); the rule itself holds in the store, in one transaction.
    const stores = sys.system.parts.db.team;
    const alone = (await stores.listAdmins()).filter((a) => a.active);
    expect(alone).toHaveLength(1);
    expect(await stores.deactivateAdmin(alone[0]!.id)).toBeNull();
    expect((await stores.find(alone[0]!.id))!.active).toBe(true);
  });
});
