/**
 * The audit log's person search against the real system (PostgreSQL, Redis, Koa): suggestions for
 * part of a name or username, in any case and in Chinese, names that start with it first, never
 * more than the limit however many match, scoped as the log itself (a manager: their branch's
 * people and the admins; an admin: everyone), one person by id, and a validated query. A manager
 * knows admins by name only: never by the username they sign in with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPerson } from '@tellerline/contracts';
import type { AuditEntryView } from '@tellerline/contracts';
import { hashPassword } from '../src/auth/passwords.js';
import { addBranchWithManager, HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
let manager: HttpClient;
let admin: HttpClient;
let north: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sys = await startTestSystem();
  north = await addBranchWithManager(sys, { code: 'north', zh: '北区支行', en: 'North Branch' }, 'north-manager');
  const team = sys.system.parts.db.team;
  const add = async (username: string, displayName: string, branchId: string) => {
    ids[username] = (await team.create({ username, displayName, branchId, role: 'staff', passwordHash: 'not-a-login', mustChangePassword: true, skills: null })).id;
  };
  // A large branch: thirty tellers called Wang, and a few others.
  for (let i = 1; i <= 30; i++) await add(`teller${String(i).padStart(2, '0')}`, `Wang Teller ${String(i).padStart(2, '0')}`, sys.branchId);
  await add('wang.fang', '王芳', sys.branchId);
  await add('li_na', 'Li Na', sys.branchId);
  await add('ann.wangsa', 'Ann Wangsa', sys.branchId);
  await add('north.wang', 'Wang North', north);
  // A second admin who can sign in, with a username unlike their name.
  ids['ops.root'] = (
    await team.create({ username: 'ops.root', displayName: 'Zhou Head Office', branchId: null, role: 'admin', passwordHash: await hashPassword('demo1234'), mustChangePassword: false, skills: null })
  ).id;
  manager = new HttpClient(sys.url);
  admin = new HttpClient(sys.url);
  await Promise.all([manager.login('manager'), admin.login('admin')]);
});
afterAll(async () => {
  await sys?.close();
});

const branchPeople = (query: string, by = manager) => by.req('GET', `/api/v1/branches/${sys.branchId}/audit/people${query}`);
const admin_ = (query: string) => admin.req('GET', `/api/v1/audit/people${query}`);
const names = (r: { body: { data: AuditPerson[] } }) => r.body.data.map((p) => p.username);

describe("the audit log's person search", () => {
  it('suggests at most the limit, names that start with what was typed first, in any case', async () => {
    const r = await branchPeople('?q=WANG');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.data).toHaveLength(10);
    // Display names or usernames starting with "wang" come before "Ann Wangsa", which only contains it.
    const starts = (p: AuditPerson) => /^wang/i.test(p.username ?? '') || /^wang/i.test(p.displayName);
    expect((r.body.data as AuditPerson[]).every(starts)).toBe(true);
    expect(names(await branchPeople('?q=wang&limit=25')).at(-1)).not.toBe('ann.wangsa');
    const more = await branchPeople('?q=wang&limit=25');
    expect(more.body.data).toHaveLength(25);
    expect(names(more)).not.toContain('ann.wangsa');
    expect(names(await branchPeople('?q=wangsa'))).toEqual(['ann.wangsa']);
  });

  it('finds Chinese names, and takes % and _ as plain characters', async () => {
    expect((await branchPeople(`?q=${encodeURIComponent('王')}`)).body.data).toMatchObject([{ username: 'wang.fang', displayName: '王芳', active: true, role: 'staff' }]);
    expect(names(await branchPeople('?q=_'))).toEqual(['li_na']);
    expect(names(await branchPeople(`?q=${encodeURIComponent('%')}`))).toEqual([]);
  });

  it("is scoped like the log: a manager finds their branch's people and the admins, an admin everyone", async () => {
    const r = await branchPeople('?q=north');
    expect(names(r)).toEqual([]);
    // The admins, by name (their usernames are not the branch's business: see below).
    expect((await branchPeople('?q=admin')).body.data.map((p: AuditPerson) => [p.displayName, p.role])).toEqual([['Admin', 'admin']]);
    expect(names(await admin.req('GET', '/api/v1/audit/people?q=north'))).toEqual(expect.arrayContaining(['north.wang', 'north-manager']));
    // One person by id (the filter read back from an address), only within the scope.
    expect(names(await branchPeople(`?id=${ids['li_na']}`))).toEqual(['li_na']);
    expect(names(await branchPeople(`?id=${ids['north.wang']}`))).toEqual([]);
    expect(names(await admin.req('GET', `/api/v1/audit/people?id=${ids['north.wang']}`))).toEqual(['north.wang']);
    // Another branch's manager may not search this one.
    const northManager = new HttpClient(sys.url);
    await northManager.login('north-manager');
    expect((await branchPeople('?q=wang', northManager)).status).toBe(403);
    expect((await northManager.req('GET', `/api/v1/branches/${north}/audit/people?q=wang`)).body.data.map((p: AuditPerson) => p.username)).toEqual(['north.wang']);
  });

  it('refuses a query it does not understand, with a stable code', async () => {
    for (const query of ['?limit=26', '?limit=0', '?q=', `?q=${'x'.repeat(61)}`, '?id=not an id', `?q=a&id=${ids['li_na']}`, '?name=wang']) {
      const r = await branchPeople(query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code, query).toBe('VALIDATION_FAILED');
    }
  });

  it('without a search, suggests the first people by name, never everyone', async () => {
    const r = await admin.req('GET', '/api/v1/audit/people');
    expect(r.body.data).toHaveLength(10);
    expect(JSON.stringify(r.body)).not.toMatch(/password|not-a-login/i);
  });
});

describe("admins' sign-in names", () => {
  it('a manager finds an admin by name, not by username, and is not told the username; an admin is', async () => {
    expect(names(await branchPeople('?q=ops'))).toEqual([]);
    const byName = await branchPeople('?q=zhou');
    expect(byName.body.data).toEqual([expect.objectContaining({ id: ids['ops.root'], displayName: 'Zhou Head Office', role: 'admin', username: null })]);
    expect(names(await branchPeople(`?id=${ids['ops.root']}`))).toEqual([null]);
    // The manager's own people keep their usernames.
    expect(names(await branchPeople('?q=li_'))).toEqual(['li_na']);
    expect(names(await admin.req('GET', '/api/v1/audit/people?q=ops'))).toEqual(['ops.root']);
    expect(names(await admin.req('GET', `/api/v1/branches/${sys.branchId}/audit/people?q=zhou`))).toEqual(['ops.root']);
  });

  it("a manager's search finds and orders as if admins had no username: neither the results nor their order tell one", async () => {
    // A colleague the manager may find by "root", named after the admin alphabetically.
    ids['zz.rt'] = (await sys.system.parts.db.team.create({ username: 'zz.rt', displayName: 'Zz Root Teller', branchId: sys.branchId, role: 'staff', passwordHash: 'not-a-login', mustChangePassword: true, skills: null })).id;
    // "root" is only in the admin's username: the one suggestion is the colleague, whatever the limit.
    expect(names(await branchPeople('?q=root&limit=1'))).toEqual(['zz.rt']);
    // "o" is in the admin's name but does not start it: the admin is not ranked with the names
    // that start with "o" (as their username does), so the order does not spell it out either.
    const byO = (await branchPeople('?q=o&limit=25')).body.data as AuditPerson[];
    const admin = byO.findIndex((p) => p.id === ids['ops.root']);
    expect(admin).toBeGreaterThanOrEqual(0);
    expect(byO.slice(admin + 1).some((p) => /^o/i.test(p.displayName) || /^o/i.test(p.username ?? ''))).toBe(false);
    expect(byO.slice(0, admin).every((p) => /^o/i.test(p.displayName) || /^o/i.test(p.username ?? '') || p.displayName.localeCompare('Zhou Head Office', 'en') <= 0)).toBe(true);
    // An admin still finds them by username.
    expect(names(await admin_('?q=root&limit=1'))).toEqual(['ops.root']);
  });

  it("the branch's log and its CSV name the admin who acted there without their username, for a manager only", async () => {
    const ops = new HttpClient(sys.url);
    await ops.login('ops.root');
    // An admin's export of the branch's log is itself an entry of that branch.
    const exported = await ops.req('GET', `/api/v1/branches/${sys.branchId}/audit?format=csv&lang=en`);
    expect(exported.status).toBe(200);
    const byOps = (r: { body: { data: AuditEntryView[] } }) => r.body.data.filter((e) => e.userId === ids['ops.root']);
    const seenByManager = byOps(await manager.req('GET', `/api/v1/branches/${sys.branchId}/audit?action=export-audit`));
    expect(seenByManager.length).toBeGreaterThan(0);
    for (const e of seenByManager) expect(e).toMatchObject({ displayName: 'Zhou Head Office', role: 'admin', username: null });
    expect(byOps(await admin.req('GET', `/api/v1/branches/${sys.branchId}/audit?action=export-audit`))[0]).toMatchObject({ username: 'ops.root' });
    const csv = await manager.req('GET', `/api/v1/branches/${sys.branchId}/audit?format=csv&lang=en&userId=${ids['ops.root']}`);
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text).toContain('Zhou Head Office');
    expect(text).not.toContain('ops.root');
    const adminsCsv = await admin.req('GET', `/api/v1/branches/${sys.branchId}/audit?format=csv&lang=en&userId=${ids['ops.root']}`);
    expect(String(adminsCsv.body)).toContain('ops.root');
  });
});
