import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceView, PairedDevice } from '@tellerline/contracts';
import { DeviceManager } from './devices.svelte.js';
import { fakeApi, json } from '$lib/testing/fake-api.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const me = (role: string, branchId: string | null = 'b1') => ({ userId: 'u1', username: 'mei', displayName: 'Mei', role, branchId, staffId: null });
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', services: [], counters: [] };
const kiosk: DeviceView = { id: 'k1', kind: 'kiosk', name: 'Demo kiosk', lastSeenAt: null, revoked: false, createdAt: 1 };
const screen: DeviceView = { id: 's1', kind: 'signage', name: 'Hall', lastSeenAt: 5, revoked: false, createdAt: 2 };

const managerRoutes = {
  'GET /api/v1/auth/me': () => json(200, { data: me('manager') }),
  'GET /api/v1/branches/b1': () => json(200, { data: branch }),
  'GET /api/v1/branches/b1/devices': () => json(200, { data: [screen, kiosk] }),
};

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('DeviceManager', () => {
  it("loads a manager's branch and its screens, kiosks first", async () => {
    fakeApi(managerRoutes);
    const m = new DeviceManager();
    await m.start('other');
    expect(m.load).toBe('ready');
    expect(m.branch?.id).toBe('b1');
    expect(m.devices.map((d) => d.id)).toEqual(['k1', 's1']);
  });

  it('lets an admin choose the branch', async () => {
    const sent = fakeApi({ ...managerRoutes, 'GET /api/v1/auth/me': () => json(200, { data: me('admin', null) }), 'GET /api/v1/branches': () => json(200, { data: [{ id: 'b0', name: branch.name }, { id: 'b1', name: branch.name }] }) });
    const m = new DeviceManager();
    await m.start('b1');
    expect(m.load).toBe('ready');
    expect(m.branches.map((b) => b.id)).toEqual(['b0', 'b1']);
    expect(sent.map((s) => s.path)).toContain('/api/v1/branches/b1/devices');
  });

  it('keeps staff out without asking for the devices, and sends an expired session to sign in again', async () => {
    const sent = fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const m = new DeviceManager();
    await m.start();
    expect(m.load).toBe('forbidden');
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/me']);

    fakeApi({ 'GET /api/v1/auth/me': () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'old' } }) });
    await new DeviceManager().start();
    expect(goto).toHaveBeenCalledWith('/staff/login?expired=1', { replaceState: true });
  });

  it('a FORBIDDEN list (another branch) says managers only', async () => {
    fakeApi({ ...managerRoutes, 'GET /api/v1/branches/b1/devices': () => json(403, { error: { code: 'FORBIDDEN', message: 'no' } }) });
    const m = new DeviceManager();
    await m.start();
    expect(m.load).toBe('forbidden');
  });

  it('checks the name in the browser first, sending nothing', async () => {
    const sent = fakeApi(managerRoutes);
    const m = new DeviceManager();
    await m.start();
    m.setName('   ');
    expect(m.nameError).toBeNull(); // not scolded while typing before the first try
    expect(await m.pair()).toBe(false);
    expect(m.error).toBe('VALIDATION_FAILED');
    expect(m.nameError).toBe('devices.invalid.nameMissing');
    m.setName('x'.repeat(61));
    expect(m.nameError).toBe('devices.invalid.nameLong');
    m.setName('Door kiosk');
    expect(m.nameError).toBeNull();
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('pairs a screen, trimming the name, and holds the link until closed', async () => {
    const paired: PairedDevice = { device: { ...kiosk, id: 'k2', name: 'Door kiosk', createdAt: 9 }, token: 't'.repeat(43), pairPath: `/kiosk?device=${'t'.repeat(43)}` };
    const sent = fakeApi({ ...managerRoutes, 'POST /api/v1/branches/b1/devices': () => json(201, { data: paired }) });
    const m = new DeviceManager();
    await m.start();
    m.setName('  Door kiosk ');
    expect(await m.pair()).toBe(true);
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: { kind: 'kiosk', name: 'Door kiosk' } });
    expect(m.link).toEqual(paired);
    expect(m.linkFrom).toBe('paired');
    expect(m.notice).toEqual({ key: 'paired', name: 'Door kiosk' });
    expect(m.name).toBe('');
    expect(m.devices.map((d) => d.id)).toEqual(['k1', 'k2', 's1']);
    m.closeLink();
    expect(m.link).toBeNull();
  });

  it('unpairs (dropping a link shown for it) and re-pairs', async () => {
    const rePaired: PairedDevice = { device: kiosk, token: 'n'.repeat(43), pairPath: `/kiosk?device=${'n'.repeat(43)}` };
    fakeApi({
      ...managerRoutes,
      'POST /api/v1/branches/b1/devices/k1/re-pair': () => json(200, { data: rePaired }),
      'POST /api/v1/branches/b1/devices/k1/revoke': () => json(200, { data: { ...kiosk, revoked: true } }),
    });
    const m = new DeviceManager();
    await m.start();
    expect(await m.rePair(kiosk)).toBe(true);
    expect(m.linkFrom).toBe('rePaired');
    expect(m.link?.token).toBe('n'.repeat(43));
    expect(await m.revoke(kiosk)).toBe(true);
    expect(m.link).toBeNull();
    expect(m.notice).toEqual({ key: 'revoked', name: 'Demo kiosk' });
    expect(m.devices.map((d) => [d.id, d.revoked])).toEqual([
      ['s1', false],
      ['k1', true],
    ]);
  });

  it('a device gone meanwhile: says so and reads the list again', async () => {
    const sent = fakeApi(managerRoutes);
    const m = new DeviceManager();
    await m.start();
    expect(await m.revoke({ ...kiosk, id: 'gone' })).toBe(false);
    expect(m.error).toBe('NOT_FOUND');
    await vi.waitFor(() => expect(sent.filter((s) => s.path === '/api/v1/branches/b1/devices')).toHaveLength(2));
  });
});
