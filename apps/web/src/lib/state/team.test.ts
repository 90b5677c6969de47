import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemberWithPassword, TeamMember } from '@tellerline/contracts';
import { TeamManager } from './team.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const me = (role: string, branchId: string | null = 'b1') => ({ userId: 'u-mei', username: 'mei', displayName: 'Mei', role, branchId, staffId: null, mustChangePassword: false });
const service = (id: string, code: string) => ({ id, code, name: { zh: code, en: code }, targetMin: 10 });
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', services: [service('sa', 'A'), service('sb', 'B')], counters: [] };
const member = (over: Partial<TeamMember>): TeamMember => ({ userId: 'u-alice', username: 'alice', displayName: 'Alice', role: 'staff', active: true, mustChangePassword: false, canServe: true, staffId: 's-alice', skills: { sa: 1 }, signedOn: false, counterLabel: null, holding: null, ...over });
const alice = member({});
const bob = member({ userId: 'u-bob', username: 'bob', displayName: 'Bob', skills: { sb: 0.5 } });
const mei = member({ userId: 'u-mei', username: 'mei', displayName: 'Mei', role: 'manager', canServe: false, staffId: null, skills: {} });

const managerRoutes = {
  'GET /api/v1/auth/me': () => json(200, { data: me('manager') }),
  'GET /api/v1/branches/b1': () => json(200, { data: branch }),
  'GET /api/v1/branches/b1/team': () => json(200, { data: [mei, bob, alice] }),
};

async function opened(routes: Record<string, () => Response> = {}) {
  const sent = fakeApi({ ...managerRoutes, ...routes });
  const t = new TeamManager();
  await t.start();
  return { t, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('TeamManager', () => {
  it("loads a manager's branch and team; the skills grid's columns are those who can serve", async () => {
    const { t } = await opened();
    expect(t.load).toBe('ready');
    expect(t.members.map((m) => m.username)).toEqual(['alice', 'bob', 'mei']);
    expect(t.servers.map((m) => m.username)).toEqual(['alice', 'bob']);
    expect(t.roles).toEqual(['staff']);
  });

  it('keeps tellers out without asking for the team; a temporary password goes to the account page', async () => {
    const sent = fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const t = new TeamManager();
    await t.start();
    expect(t.load).toBe('forbidden');
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/me']);

    fakeApi({ ...managerRoutes, 'GET /api/v1/branches/b1/team': () => json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'x' } }) });
    await new TeamManager().start();
    expect(goto).toHaveBeenCalledWith('/staff/account', { replaceState: true });
  });

  it('adds a member: checks in the browser first, then shows the temporary password once', async () => {
    const made: MemberWithPassword = { member: member({ userId: 'u-fei', username: 'fei', displayName: 'Fei', mustChangePassword: true, skills: { sb: 0.8 } }), temporaryPassword: 'abcd-efgh-jkmn' };
    const { t, sent } = await opened({ 'POST /api/v1/branches/b1/team': () => json(201, { data: made }) });
    t.openCreate();
    expect(t.form?.skills).toEqual({ sa: '', sb: '' });
    expect(await t.submitForm()).toBe(false);
    expect(t.formErrors).toEqual({ username: 'team.invalid.usernameMissing', displayName: 'team.invalid.displayNameMissing' });
    expect(t.error).toBe('VALIDATION_FAILED');
    t.setUsername('Fei');
    expect(t.formErrors.username).toBe('team.invalid.usernameFormat');
    t.setUsername('fei');
    t.setDisplayName(' Fei ');
    t.form!.skills.sb = '0.8';
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    expect(await t.submitForm()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'POST', path: '/api/v1/branches/b1/team', body: { username: 'fei', displayName: 'Fei', role: 'staff', skills: { sb: 0.8 } } });
    expect(t.form).toBeNull();
    expect(t.issued).toEqual({ ...made, kind: 'created' });
    expect(t.notice).toEqual({ key: 'created', name: 'Fei' });
    expect(t.members.map((m) => m.username)).toContain('fei');
    t.closeIssued();
    expect(t.issued).toBeNull();
  });

  it('a taken username is marked on its field', async () => {
    const { t } = await opened({ 'POST /api/v1/branches/b1/team': () => json(409, { error: { code: 'USERNAME_TAKEN', message: 'taken' } }) });
    t.openCreate();
    t.setUsername('alice');
    t.setDisplayName('Another Alice');
    expect(await t.submitForm()).toBe(false);
    expect(t.error).toBe('USERNAME_TAKEN');
    expect(t.formErrors.username).toBe('team.error.USERNAME_TAKEN');
    expect(t.form).not.toBeNull();
  });

  it('edits skills and name, sending the skills chosen with those the dialog showed (a role only when it changed)', async () => {
    const saved = member({ displayName: 'Alice Wu', skills: { sa: 1, sb: 0.3 } });
    const { t, sent } = await opened({ 'PATCH /api/v1/branches/b1/team/u-alice': () => json(200, { data: saved }) });
    t.openEdit(alice);
    expect(t.form).toMatchObject({ mode: 'edit', userId: 'u-alice', skills: { sa: '1', sb: '' } });
    t.setDisplayName('Alice Wu');
    t.form!.skills.sb = '0.3';
    expect(await t.submitForm()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PATCH', path: '/api/v1/branches/b1/team/u-alice', body: { displayName: 'Alice Wu', skills: { sa: 1, sb: 0.3 }, expected: { displayName: 'Alice', skills: { sa: 1 } } } });
    expect(t.members.find((m) => m.userId === 'u-alice')?.displayName).toBe('Alice Wu');
    expect(t.notice).toEqual({ key: 'updated', name: 'Alice Wu' });
  });

  it('deactivating someone with a customer says so with the details, and shows the team as it is now', async () => {
    const { t, sent } = await opened({ 'POST /api/v1/branches/b1/team/u-alice/deactivate': () => json(409, { error: { code: 'MEMBER_SERVING', message: 'busy', details: { ticketNumber: 'A001', counterLabel: '1' } } }) });
    expect(await t.deactivate(alice)).toBe(false);
    expect(t.error).toBe('MEMBER_SERVING');
    expect(t.errorDetails).toEqual({ ticketNumber: 'A001', counterLabel: '1' });
    await vi.waitFor(() => expect(sent.filter((s) => s.path === '/api/v1/branches/b1/team')).toHaveLength(2));
  });

  it('deactivates, reactivates and resets, each said in the live region', async () => {
    const off = member({ active: false });
    const { t } = await opened({
      'POST /api/v1/branches/b1/team/u-alice/deactivate': () => json(200, { data: off }),
      'POST /api/v1/branches/b1/team/u-alice/reactivate': () => json(200, { data: alice }),
      'POST /api/v1/branches/b1/team/u-alice/reset-password': () => json(200, { data: { member: { ...alice, mustChangePassword: true }, temporaryPassword: 'wxyz-2345-6789' } }),
    });
    expect(await t.deactivate(alice)).toBe(true);
    expect(t.members.at(-1)).toMatchObject({ userId: 'u-alice', active: false });
    expect(t.notice).toEqual({ key: 'deactivated', name: 'Alice' });
    expect(await t.reactivate(off)).toBe(true);
    expect(t.notice?.key).toBe('reactivated');
    expect(await t.resetPassword(alice)).toBe(true);
    expect(t.issued).toMatchObject({ kind: 'reset', temporaryPassword: 'wxyz-2345-6789' });
    expect(t.members.find((m) => m.userId === 'u-alice')?.mustChangePassword).toBe(true);
  });

  it('an admin may give the manager role', async () => {
    const { t } = await opened({ 'GET /api/v1/auth/me': () => json(200, { data: me('admin', null) }), 'GET /api/v1/branches': () => json(200, { data: [{ id: 'b1', name: branch.name }] }) });
    expect(t.load).toBe('ready');
    expect(t.roles).toEqual(['staff', 'manager']);
  });
});

describe('unsaved changes in the member dialog', () => {
  it('a dialog changed is unsaved; one only opened, or closed, is not', async () => {
    const { t } = await opened();
    expect(t.formChanged).toBe(false);
    t.openEdit(alice);
    expect(t.formChanged).toBe(false);
    t.setDisplayName('Alice Wang');
    expect(t.formChanged).toBe(true);
    t.closeForm();
    expect(t.formChanged).toBe(false);
  });
});
