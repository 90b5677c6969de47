/**
 * Managers pair and unpair their branch's kiosks and lobby screens: a lost kiosk stops issuing
 * tickets at once and its open connection closes; every change is audited. The real system.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView, PairedDevice } from '@tellerline/contracts';
import { HttpClient, openSocket, startTestSystem, waitFor, type ClientSocket, type TestSystem } from './support.js';

let sys: TestSystem;
let manager: HttpClient;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  manager = new HttpClient(sys.url);
  await manager.login('manager');
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await sys?.close();
});

const devicesPath = () => `/api/v1/branches/${sys.branchId}/devices`;
const issueWith = (token: string) =>
  new HttpClient(sys.url, { authorization: `Bearer ${token}` }).req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });

describe('paired devices', () => {
  let paired: PairedDevice;

  it('lists the branch screens, pairs a new kiosk whose token issues tickets, and audits it', async () => {
    const list = await manager.req('GET', devicesPath());
    expect(list.status).toBe(200);
    expect((list.body.data as DeviceView[]).map((d) => d.kind).sort()).toEqual(['kiosk', 'signage']);
    expect(JSON.stringify(list.body)).not.toMatch(/token/i);

    const res = await manager.req('POST', devicesPath(), { kind: 'kiosk', name: 'Kiosk by the door 门口取号机' });
    expect(res.status).toBe(201);
    paired = res.body.data;
    expect(paired.device).toMatchObject({ kind: 'kiosk', name: 'Kiosk by the door 门口取号机', revoked: false });
    expect(paired.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(paired.pairPath).toBe(`/kiosk?device=${paired.token}`);
    expect((await issueWith(paired.token)).status).toBe(201);
    const audit = await sys.system.parts.db.audit.list(sys.branchId, 50);
    const entry = audit.find((e) => e.action === 'device-paired');
    expect(entry?.details).toMatchObject({ deviceId: paired.device.id, kind: 'kiosk' });
    expect(JSON.stringify(audit)).not.toContain(paired.token);
  });

  it('refuses staff who are not managers, bad input, and devices of another branch', async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.req('GET', devicesPath())).body.error.code).toBe('FORBIDDEN');
    expect((await alice.req('POST', devicesPath(), { kind: 'kiosk', name: 'x' })).status).toBe(403);
    expect((await new HttpClient(sys.url).req('GET', devicesPath())).status).toBe(401);
    for (const bad of [{ kind: 'printer', name: 'x' }, { kind: 'kiosk', name: '' }, { kind: 'kiosk', name: 'x', extra: 1 }]) {
      const r = await manager.req('POST', devicesPath(), bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    const long = await manager.req('POST', devicesPath(), { kind: 'kiosk', name: 'x'.repeat(61) });
    expect([long.status, long.body.error.code, long.body.error.details]).toEqual([400, 'TEXT_TOO_LONG', { field: 'name', max: 60 }]);
    const missing = await manager.req('POST', `${devicesPath()}/no-such-device/revoke`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    // An admin may name any branch: one that does not exist is a 404, not a database error.
    const admin = new HttpClient(sys.url);
    await admin.login('admin');
    const ghost = '00000000-0000-4000-8000-000000000000';
    for (const r of [await admin.req('GET', `/api/v1/branches/${ghost}/devices`), await admin.req('POST', `/api/v1/branches/${ghost}/devices`, { kind: 'kiosk', name: 'ghost' })]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('BRANCH_UNKNOWN');
    }
  });

  it('revoking a kiosk stops its token at once and closes its open connection', async () => {
    const socket = await openSocket(sys.url, { auth: { deviceToken: paired.token } });
    sockets.push(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const res = await manager.req('POST', `${devicesPath()}/${paired.device.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: paired.device.id, revoked: true });
    expect(await closed).toBe('io server disconnect');
    const refused = await issueWith(paired.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    await expect(openSocket(sys.url, { auth: { deviceToken: paired.token } })).rejects.toThrow();
    const listed = (await manager.req('GET', devicesPath())).body.data as DeviceView[];
    const revoked = listed.find((d) => d.id === paired.device.id)!;
    expect(revoked.revoked).toBe(true);
    // Unpairing again changes nothing and is not audited again; the refused token does not
    // count as the screen being seen.
    expect((await manager.req('POST', `${devicesPath()}/${paired.device.id}/revoke`)).status).toBe(200);
    const audit = await sys.system.parts.db.audit.list(sys.branchId, 50);
    expect(audit.filter((e) => e.action === 'device-revoked')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    expect((await issueWith(paired.token)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    const after = ((await manager.req('GET', devicesPath())).body.data as DeviceView[]).find((d) => d.id === paired.device.id)!;
    expect(after.lastSeenAt).toBe(revoked.lastSeenAt);
  });

  it('re-pairing gives a new token: the old one stays refused, the new one works, and both are audited', async () => {
    const res = await manager.req('POST', `${devicesPath()}/${paired.device.id}/re-pair`);
    expect(res.status).toBe(200);
    const again: PairedDevice = res.body.data;
    expect(again.device).toMatchObject({ id: paired.device.id, revoked: false });
    expect(again.token).not.toBe(paired.token);
    expect((await issueWith(paired.token)).status).toBe(401);
    expect((await issueWith(again.token)).status).toBe(201);
    await waitFor('audit entries', async () => {
      const actions = (await sys.system.parts.db.audit.list(sys.branchId, 50)).map((e) => e.action);
      return actions.includes('device-revoked') && actions.includes('device-re-paired');
    });
  });
});
