/**
 * Two people editing the same branch or team member from screens opened at the same time, through
 * the real API (PostgreSQL, Redis): an edit changes only the fields sent, so a name-only edit
 * leaves a colleague's pilot flag, hours and skills as they saved them; an edit based on a stale
 * read (`expected` no longer stored) is refused with STALE_BRANCH / STALE_MEMBER and what is stored
 * now, and nothing of the colleague's save is lost; of two saves racing on the same read, one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem, TeamMember } from '@tellerline/contracts';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
let admin: HttpClient;
let otherAdmin: HttpClient;
let manager: HttpClient;

const WEEKDAY = [{ open: '09:00', close: '17:00' }];
const HOURS = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [], sun: [] };
const SATURDAY = [{ open: '10:00', close: '14:00' }];
const LONDON = { code: 'ldn', name: { zh: '伦敦支行', en: 'London Branch' }, timezone: 'Europe/London', openingHours: HOURS, pilot: true };

const branchPath = (b: BranchListItem, rest = '') => `/api/v1/branches/${b.id}${rest}`;
const stored = async (b: BranchListItem) => (await sys.system.parts.db.setupStore.setup(b.id))!.branch;
const team = (p = '') => `/api/v1/branches/${sys.branchId}/team${p}`;
const memberNamed = async (username: string): Promise<TeamMember> => ((await manager.req('GET', team())).body.data as TeamMember[]).find((m) => m.username === username)!;
const expectStale = (r: { status: number; body: { error?: { code: string; message: string; details?: { current?: unknown } } } }, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  expect(r.body.error!.code).toBe(code);
  return r.body.error!.details!.current;
};

beforeAll(async () => {
  sys = await startTestSystem();
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  [admin, otherAdmin, manager] = [new HttpClient(sys.url), new HttpClient(sys.url), new HttpClient(sys.url)];
  await Promise.all([admin.login('admin'), otherAdmin.login('admin'), manager.login('manager')]);
});

afterAll(async () => {
  await sys?.close();
});

/** A fresh London branch (each test its own, so they do not depend on one another). */
async function london(code: string): Promise<BranchListItem> {
  const r = await admin.req('POST', '/api/v1/branches', { ...LONDON, code });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data;
}

describe('branches edited by two admins', () => {
  it("a name-only edit from a dialog opened before a colleague's save keeps the colleague's pilot flag and Saturday hours", async () => {
    const opened = await london('ldn-a');
    const colleague = await otherAdmin.req('PATCH', branchPath(opened), { pilot: false, openingHours: { ...HOURS, sat: SATURDAY }, expected: { pilot: true, openingHours: HOURS } });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(200);
    const mine = await admin.req('PATCH', branchPath(opened), { name: { ...LONDON.name, en: 'London City' }, expected: { name: opened.name } });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(await stored(opened)).toMatchObject({ name: { zh: '伦敦支行', en: 'London City' }, pilot: false, openingHours: { sat: SATURDAY } });
    // The audit names the one field this edit changed.
    const updates = (await sys.system.parts.db.audit.list(opened.id, 50)).filter((e) => e.action === 'update-branch');
    expect(Object.keys((updates[0]!.details as { changes: object }).changes)).toEqual(['name']);
  });

  it("a change to a field a colleague saved meanwhile is refused with what is stored now; the colleague's value stays", async () => {
    const opened = await london('ldn-b');
    expect((await otherAdmin.req('PATCH', branchPath(opened), { name: { zh: '伦敦支行', en: 'London Central' }, expected: { name: opened.name } })).status).toBe(200);
    const mine = await admin.req('PATCH', branchPath(opened), { name: { zh: '伦敦支行', en: 'London City' }, pilot: false, expected: { name: opened.name, pilot: true } });
    expect(expectStale(mine, 'STALE_BRANCH')).toMatchObject({ id: opened.id, name: { en: 'London Central' }, pilot: true });
    expect(await stored(opened)).toMatchObject({ name: { en: 'London Central' }, pilot: true });
    // Saved again on what is stored now, it goes through.
    const again = await admin.req('PATCH', branchPath(opened), { name: { zh: '伦敦支行', en: 'London City' }, expected: { name: { zh: '伦敦支行', en: 'London Central' } } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it("the manager's hours from a stale read are refused; without `expected` (API clients) only the hours are written", async () => {
    const opened = await london('ldn-c');
    expect((await otherAdmin.req('PATCH', branchPath(opened), { openingHours: { ...HOURS, sat: SATURDAY }, expected: { openingHours: HOURS } })).status).toBe(200);
    const sunday = { ...HOURS, sun: SATURDAY };
    const stale = await admin.req('PUT', branchPath(opened, '/opening-hours'), { openingHours: sunday, expected: { openingHours: HOURS } });
    expect(expectStale(stale, 'STALE_BRANCH')).toMatchObject({ openingHours: { sat: SATURDAY } });
    expect((await stored(opened)).openingHours).toMatchObject({ sat: SATURDAY, sun: [] });
    const blind = await admin.req('PUT', branchPath(opened, '/opening-hours'), { openingHours: sunday });
    expect(blind.status).toBe(200);
    expect(await stored(opened)).toMatchObject({ openingHours: { sat: [], sun: SATURDAY }, pilot: true, name: LONDON.name });
  });

  it('of two saves racing on the same read, one is stored and the other refused', async () => {
    const opened = await london('ldn-d');
    const [a, b] = await Promise.all([
      admin.req('PATCH', branchPath(opened), { pilot: false, expected: { pilot: true } }),
      otherAdmin.req('PATCH', branchPath(opened), { pilot: false, name: { zh: '伦敦', en: 'London' }, expected: { pilot: true, name: LONDON.name } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('STALE_BRANCH');
    const now = await stored(opened);
    expect(now.name).toEqual(a.status === 200 ? LONDON.name : { zh: '伦敦', en: 'London' });
  });

  it('an address is saved (trimmed, an empty language as none), audited, public in the list and the booking info; one from a stale read is refused', async () => {
    const opened = await london('ldn-f');
    expect(opened.address).toEqual({ zh: null, en: null });
    const address = { zh: '伦敦银行街 1 号', en: '1 Bank Street, London EC2' };
    const set = await admin.req('PATCH', branchPath(opened), { address: { zh: ` ${address.zh} `, en: address.en }, expected: { address: opened.address } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.data.address).toEqual(address);
    const changes = (await sys.system.parts.db.audit.list(opened.id, 50)).find((e) => e.action === 'update-branch')!.details as { changes: Record<string, unknown> };
    expect(changes.changes).toEqual({ address: { from: { zh: null, en: null }, to: address } });
    expect(((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).find((b) => b.id === opened.id)!.address).toEqual(address);
    expect((await admin.req('GET', branchPath(opened, '/booking'))).body.data.address).toEqual(address);

    // A colleague's dialog read before that save: its address change is refused, the saved one stays.
    const stale = await otherAdmin.req('PATCH', branchPath(opened), { address: { zh: '伦敦银行街 2 号', en: '' }, expected: { address: opened.address } });
    expect(expectStale(stale, 'STALE_BRANCH')).toMatchObject({ address });
    expect((await stored(opened)).address).toEqual(address);
    const cleared = await otherAdmin.req('PATCH', branchPath(opened), { address: { zh: '伦敦银行街 2 号', en: '' }, expected: { address } });
    expect(cleared.body.data.address).toEqual({ zh: '伦敦银行街 2 号', en: null });

    const long = await admin.req('PATCH', branchPath(opened), { address: { zh: '路'.repeat(201), en: null } });
    expect(long.status).toBe(400);
  });

  it('refuses an `expected` that is not a branch field', async () => {
    const opened = await london('ldn-e');
    const r = await admin.req('PATCH', branchPath(opened), { pilot: false, expected: { code: 'ldn-e' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a team member edited by two people', () => {
  it("a name-only edit keeps the skill a colleague just added; a skills edit changes only the skills touched", async () => {
    const opened = await memberNamed('alice');
    const C = sys.service('C');
    expect(opened.skills[C]).toBeUndefined();
    const colleague = await admin.req('PATCH', team(`/${opened.userId}`), { skills: { ...opened.skills, [C]: 0.6 }, expected: { skills: opened.skills } });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(200);
    const renamed = await manager.req('PATCH', team(`/${opened.userId}`), { displayName: 'Alice Wang', expected: { displayName: opened.displayName } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.data).toMatchObject({ displayName: 'Alice Wang', skills: { ...opened.skills, [C]: 0.6 } });
    // From the same stale dialog: a new service B skill is added, C (which it never showed) stays.
    const B = sys.service('B');
    const withB = await manager.req('PATCH', team(`/${opened.userId}`), { skills: { ...opened.skills, [B]: 0.5 }, expected: { skills: opened.skills } });
    expect(withB.status, JSON.stringify(withB.body)).toBe(200);
    expect((await memberNamed('alice')).skills).toEqual({ ...opened.skills, [B]: 0.5, [C]: 0.6 });
    const staffId = (await sys.system.parts.db.users.findByUsername('alice'))!.staffId!;
    expect((await sys.system.parts.store.load(sys.branchId))!.staff[staffId]!.skills).toMatchObject({ [B]: 0.5, [C]: 0.6 });
    // The audit says which skills are now in force, the colleague's C among them.
    const audited = (await sys.system.parts.db.audit.list(sys.branchId, 50)).find((e) => e.action === 'update-staff' && (e.details as { skills?: Record<string, number> }).skills?.[B] === 0.5);
    expect(audited?.details).toMatchObject({ skills: { [B]: 0.5, [C]: 0.6 } });
  });

  it("changing a skill or the name a colleague changed meanwhile is refused with what is stored now; nothing is lost", async () => {
    const opened = await memberNamed('alice');
    const C = sys.service('C');
    expect((await admin.req('PATCH', team(`/${opened.userId}`), { displayName: 'Alice W.', skills: { ...opened.skills, [C]: 0.9 }, expected: { displayName: opened.displayName, skills: opened.skills } })).status).toBe(200);
    const skill = await manager.req('PATCH', team(`/${opened.userId}`), { skills: { ...opened.skills, [C]: 0.2 }, expected: { skills: opened.skills } });
    expect(expectStale(skill, 'STALE_MEMBER')).toMatchObject({ userId: opened.userId, displayName: 'Alice W.', skills: { [C]: 0.9 } });
    const name = await manager.req('PATCH', team(`/${opened.userId}`), { displayName: 'Alice', expected: { displayName: opened.displayName } });
    expectStale(name, 'STALE_MEMBER');
    expect(await memberNamed('alice')).toMatchObject({ displayName: 'Alice W.', skills: { [C]: 0.9 } });
  });
});
