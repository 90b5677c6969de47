import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountScreen } from './account.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const me = (mustChangePassword: boolean) => ({ userId: 'u-fei', username: 'fei', displayName: 'Fei', role: 'staff', branchId: 'b1', staffId: 's-fei', mustChangePassword });

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('AccountScreen', () => {
  it('changes a temporary password: checked in the browser, sent once right, fields cleared', async () => {
    const sent = fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me(true) }), 'POST /api/v1/auth/password': () => json(200, { data: me(false) }) });
    const a = new AccountScreen();
    await a.start();
    expect(a.me?.mustChangePassword).toBe(true);
    a.set('current', 'abcd-efgh-jkmn');
    a.set('next', 'short');
    expect(await a.submit()).toBe(false);
    expect(a.errors).toEqual({ next: 'account.invalid.too-short' });
    a.set('next', 'my own secret');
    expect(a.errors).toEqual({ repeat: 'account.invalid.mismatch' });
    a.set('repeat', 'my own secret');
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    expect(await a.submit()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'abcd-efgh-jkmn', newPassword: 'my own secret' } });
    expect(a).toMatchObject({ done: true, wasTemporary: true, fields: { current: '', next: '', repeat: '' } });
    expect(a.me?.mustChangePassword).toBe(false);
  });

  it('marks a wrong current password and a weak new one on their fields', async () => {
    let answer = json(403, { error: { code: 'WRONG_PASSWORD', message: 'no' } });
    fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me(false) }), 'POST /api/v1/auth/password': () => answer });
    const a = new AccountScreen();
    await a.start();
    for (const [f, v] of [['current', 'guess-guess'], ['next', 'my own secret'], ['repeat', 'my own secret']] as const) a.set(f, v);
    expect(await a.submit()).toBe(false);
    expect(a.error).toBe('WRONG_PASSWORD');
    expect(a.errors).toEqual({ current: 'account.invalid.wrong' });
    answer = json(422, { error: { code: 'WEAK_PASSWORD', message: 'weak', details: { reason: 'demo-password', min: 10 } } });
    expect(await a.submit()).toBe(false);
    expect(a.errors).toEqual({ next: 'account.invalid.demo-password' });
  });

  it('sends an ended session to the sign-in', async () => {
    fakeApi({ 'GET /api/v1/auth/me': () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'old' } }) });
    await new AccountScreen().start();
    expect(goto).toHaveBeenCalledWith('/staff/login?expired=1', { replaceState: true });
  });
});
