/**
 * Refused attempts by signed-in staff and paired devices are audited (`access-denied`), once per
 * person, method and route in a window, under the branch the request named: through the real
 * API on PostgreSQL and Redis, read back from the audit log as a manager reads it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '@tellerline/contracts';
import { managerAndTeller } from './booking-support.js';
import { addBranchWithManager, HttpClient } from './support.js';

const { at, branchPath } = managerAndTeller();
let north: string;
let admin: HttpClient;

async function denied(client: HttpClient, branchId: string): Promise<AuditEntryView[]> {
  const r = await client.req('GET', `/api/v1/branches/${branchId}/audit?action=access-denied`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as AuditEntryView[];
}

beforeAll(async () => {
  north = await addBranchWithManager(at.sys, { code: 'north', zh: '北区支行', en: 'North Branch' }, 'north-manager');
  admin = new HttpClient(at.sys.url);
  await admin.login('admin');
});

describe('refused attempts in the audit log', () => {
  it("a teller opening the manager's audit log is recorded once per window, however often they try", async () => {
    for (let i = 0; i < 4; i++) expect((await at.alice.req('GET', branchPath('/audit'))).status).toBe(403);
    const aliceId = (await at.alice.req('GET', '/api/v1/auth/me')).body.data.userId as string;
    const found = (await denied(at.manager, at.sys.branchId)).filter((e) => e.userId === aliceId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ action: 'access-denied', role: 'staff', branchId: at.sys.branchId, details: { method: 'GET', route: '/api/v1/branches/:branchId/audit', code: 'FORBIDDEN' } });
  });

  it("another branch's manager reaching into this branch is recorded where this branch's manager sees it", async () => {
    const intruder = new HttpClient(at.sys.url);
    await intruder.login('north-manager');
    expect((await intruder.req('GET', branchPath('/team'))).status).toBe(403);
    const found = (await denied(at.manager, at.sys.branchId)).filter((e) => e.role === 'manager');
    expect(found).toHaveLength(1);
    expect(found[0]!.details).toMatchObject({ route: '/api/v1/branches/:branchId/team', code: 'FORBIDDEN' });
    // Not under the intruder's own branch.
    expect(await denied(admin, north)).toEqual([]);
  });

  it('a lobby screen trying to issue a ticket is recorded with the device', async () => {
    const screen = new HttpClient(at.sys.url, { authorization: `Bearer ${at.sys.signageToken}` });
    const r = await screen.req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    expect(r.status).toBe(403);
    const found = (await denied(at.manager, at.sys.branchId)).filter((e) => (e.details as { deviceKind?: string }).deviceKind === 'signage');
    expect(found).toHaveLength(1);
    expect(found[0]!.details).toMatchObject({ method: 'POST', route: '/api/v1/branches/:branchId/tickets', code: 'FORBIDDEN' });
    // Under the device, as its other entries: the log's who and role columns name the screen, not "—".
    const device = (found[0]!.details as { deviceId: string }).deviceId;
    expect(found[0]).toMatchObject({ userId: null, role: `device:${device}`, deviceName: expect.any(String) });
    expect(found[0]!.deviceName).not.toBe('');
    // One recorded before refusals were under the device's role names the device all the same.
    await at.sys.system.parts.db.audit.append({ userId: null, role: null, action: 'access-denied', branchId: at.sys.branchId, ticketId: null, ip: null, userAgent: null, details: { method: 'GET', route: '/api/v1/devices/me', code: 'FORBIDDEN', deviceId: device, deviceKind: 'signage' } });
    const old = (await denied(at.manager, at.sys.branchId)).find((e) => e.role === null);
    expect(old).toMatchObject({ userId: null, deviceName: found[0]!.deviceName });
  });

  it('anonymous refusals are answered as before and leave no entry', async () => {
    const before = (await denied(at.manager, at.sys.branchId)).length;
    expect((await new HttpClient(at.sys.url).req('GET', branchPath('/audit'))).status).toBe(401);
    expect(await denied(at.manager, at.sys.branchId)).toHaveLength(before);
  });
  // Last: it leaves an entry under north, which the test above expects empty.
  it('the same route tried on another branch first is still recorded under each branch named', async () => {
    const aliceId = (await at.alice.req('GET', '/api/v1/auth/me')).body.data.userId as string;
    expect((await at.alice.req('GET', `/api/v1/branches/${north}/team`)).status).toBe(403);
    expect((await at.alice.req('GET', branchPath('/team'))).status).toBe(403);
    const teamRoute = (e: AuditEntryView) => e.userId === aliceId && (e.details as { route?: string }).route === '/api/v1/branches/:branchId/team';
    expect((await denied(admin, north)).filter(teamRoute)).toHaveLength(1);
    expect((await denied(at.manager, at.sys.branchId)).filter(teamRoute)).toHaveLength(1);
  });

});
