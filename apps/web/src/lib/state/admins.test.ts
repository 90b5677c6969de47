import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminMember, TeamMember } from '@tellerline/contracts';
import { AdminsScreen } from './admins.svelte.js';
import { lastSignInText } from './admins-logic.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const me = (role: string) => ({ userId: 'u-root', username: 'root', displayName: 'Root', role, branchId: null, staffId: null, mustChangePassword: false });
const admin = (over: Partial<AdminMember>): AdminMember => ({
  userId: 'u-root',
  username: 'root',
  displayName: 'Root',
  role: 'admin',
  active: true,
  mustChangePassword: false,
  canServe: false,
  staffId: null,
  skills: {},
  signedOn: false,
  counterLabel: null,
  holding: null,
  lastSignInAt: Date.UTC(2026, 10, 30, 1, 5),
  ...over,
});
const root = admin({});
const night = admin({ userId: 'u-night', username: 'night', displayName: 'Night', lastSignInAt: null });
const { lastSignInAt: _, ...nightOff } = { ...night, active: false };

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('AdminsScreen', () => {
  it('lists the administrators, active first, and keeps each last sign-in across a change', async () => {
    fakeApi({
      'GET /api/v1/auth/me': () => json(200, { data: me('admin') }),
      'GET /api/v1/admins': () => json(200, { data: [night, root] }),
      'POST /api/v1/admins/u-night/deactivate': () => json(200, { data: nightOff satisfies TeamMember }),
    });
    const s = new AdminsScreen();
    await s.start();
    expect(s.load).toBe('ready');
    expect(s.admins.map((a) => a.username)).toEqual(['night', 'root']);
    expect(s.activeCount).toBe(2);
    expect(await s.deactivate(night)).toBe(true);
    expect(s.admins.map((a) => [a.username, a.active])).toEqual([
      ['root', true],
      ['night', false],
    ]);
    expect(s.admins[0]!.lastSignInAt).toBe(root.lastSignInAt);
    expect(s.notice).toEqual({ key: 'deactivated', name: 'Night' });
  });

  it('keeps the refusal of the last active administrator as its code, and reads the list again', async () => {
    const sent = fakeApi({
      'GET /api/v1/auth/me': () => json(200, { data: me('admin') }),
      'GET /api/v1/admins': () => json(200, { data: [root, night] }),
      'POST /api/v1/admins/u-night/deactivate': () => json(409, { error: { code: 'LAST_ACTIVE_ADMIN', message: 'only one' } }),
    });
    const s = new AdminsScreen();
    await s.start();
    expect(await s.deactivate(night)).toBe(false);
    expect(s.error).toBe('LAST_ACTIVE_ADMIN');
    await vi.waitFor(() => expect(sent.filter((r) => r.path === '/api/v1/admins')).toHaveLength(2));
  });

  it('keeps managers out, and checks a new administrator in the browser first', async () => {
    fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('manager') }) });
    const s = new AdminsScreen();
    await s.start();
    expect(s.load).toBe('forbidden');
    s.load = 'ready';
    s.openCreate();
    s.setDisplayName('   ');
    expect(await s.submitForm()).toBe(false);
    expect(s.formErrors).toEqual({ username: 'team.invalid.usernameMissing', displayName: 'team.invalid.displayNameMissing' });
  });

  it('words the last sign-in in the screen language, or says never', () => {
    expect(lastSignInText(null, 'en')).toBeNull();
    expect(lastSignInText(Date.UTC(2026, 10, 30, 1, 5), 'en')).toMatch(/2026/);
    expect(lastSignInText(Date.UTC(2026, 10, 30, 1, 5), 'zh')).toMatch(/2026年11月30日/);
  });
});
