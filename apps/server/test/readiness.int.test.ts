/**
 * Rollout readiness over the demo branch, the real system: what it reports, that a change shows
 * up at once (unpairing the kiosk, deactivating the only colleague with a skill), and who may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllBranchesReadiness, BranchReadiness, DeviceView, ReadinessCheck, TeamMember } from '@tellerline/contracts';
import { addBranchWithManager, HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
let manager: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  sys = await startTestSystem();
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  admin = new HttpClient(sys.url);
  await admin.login('admin');
});

afterAll(async () => {
  await sys?.close();
});

const path = () => `/api/v1/branches/${sys.branchId}/readiness`;
async function readiness(client = manager): Promise<BranchReadiness> {
  const res = await client.req('GET', path());
  expect(res.status).toBe(200);
  return res.body.data;
}
const status = (r: BranchReadiness) => Object.fromEntries(r.items.map((i) => [i.check, i.status])) as Record<ReadinessCheck, string>;

const item = (r: BranchReadiness, check: ReadinessCheck) => r.items.find((i) => i.check === check)!;

describe('branch readiness', () => {
  it('reports the demo branch item by item, in zh and en, each with the screen that fixes it', async () => {
    const r = await readiness();
    expect(r.branch).toMatchObject({ id: sys.branchId, code: 'demo', pilot: true, active: true });
    expect(r.ready).toBe(true);
    // The demo's screens were paired but never opened, and its notices only go to the log.
    expect(status(r)).toEqual({
      'opening-hours': 'ok',
      address: 'ok',
      services: 'ok',
      'service-targets': 'ok',
      'service-staff': 'ok',
      'service-cover': 'ok',
      counters: 'ok',
      kiosk: 'warning',
      signage: 'warning',
      manager: 'ok',
      'first-passwords': 'ok',
      'booking-services': 'ok',
      'notice-providers': 'warning',
    });
    expect(r.counts).toEqual({ ok: 10, warning: 3, missing: 0 });
    expect(item(r, 'kiosk')).toMatchObject({ fix: '/staff/devices', lastSeenAt: null, text: { zh: expect.stringContaining('取号机'), en: expect.stringContaining('kiosk') } });
    expect(item(r, 'notice-providers').text.en).toContain('logging provider');
  });

  it('shows a change at once: a kiosk that connects, then is unpaired; the only colleague with a skill leaving; a reset password', async () => {
    const seen = await new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` }).req('GET', '/api/v1/devices/me');
    expect(seen.status).toBe(200);
    // The device's last-seen time is written after the answer (compose-db.ts): wait for it.
    const connected = await waitFor('the kiosk to be seen', async () => {
      const kiosk = item(await readiness(), 'kiosk');
      return kiosk.status === 'ok' && kiosk;
    });
    expect(connected.lastSeenAt).toEqual(expect.any(Number));

    const devices = (await manager.req('GET', `/api/v1/branches/${sys.branchId}/devices`)).body.data as DeviceView[];
    const kiosk = devices.find((d) => d.kind === 'kiosk')!;
    expect((await manager.req('POST', `/api/v1/branches/${sys.branchId}/devices/${kiosk.id}/revoke`)).status).toBe(200);
    const unpaired = await readiness();
    expect(item(unpaired, 'kiosk').status).toBe('missing');
    expect(unpaired.ready).toBe(false);

    // Chen is the only one with service C's skill.
    const team = (await manager.req('GET', `/api/v1/branches/${sys.branchId}/team`)).body.data as TeamMember[];
    const chen = team.find((m) => m.username === 'chen')!;
    expect((await manager.req('POST', `/api/v1/branches/${sys.branchId}/team/${chen.userId}/deactivate`)).status).toBe(200);
    const alice = team.find((m) => m.username === 'alice')!;
    expect((await manager.req('POST', `/api/v1/branches/${sys.branchId}/team/${alice.userId}/reset-password`)).status).toBe(200);
    const r = await readiness();
    expect(status(r)).toMatchObject({ 'service-staff': 'missing', 'service-cover': 'missing', 'first-passwords': 'warning' });
    expect(item(r, 'service-staff').text.en).toMatch(/\(C\)/);
    expect(item(r, 'service-staff').text.en).not.toMatch(/\(D\)/);
    expect(item(r, 'first-passwords').text.en).toContain('Alice');
    expect(r.counts.missing).toBe(3);
  });

  it('lists every branch in service for admins, pilot branches first, with counts', async () => {
    const other = await addBranchWithManager(sys, { code: 'zz9', zh: '测试支行', en: 'Test Sub-branch' }, 'readiness-other');
    const res = await admin.req('GET', '/api/v1/readiness');
    expect(res.status).toBe(200);
    const all = res.body.data as AllBranchesReadiness;
    expect(all.branches.map((b) => b.branch.id)).toEqual([sys.branchId, other]);
    const fresh = all.branches[1]!;
    expect(fresh.ready).toBe(false);
    expect(status(fresh)).toMatchObject({ 'opening-hours': 'missing', address: 'missing', services: 'missing', counters: 'missing', kiosk: 'missing', signage: 'missing', manager: 'ok' });
    expect(fresh.counts.missing).toBe(fresh.items.filter((i) => i.status === 'missing').length);
    // An admin reads any one branch too.
    expect((await readiness(admin)).branch.id).toBe(sys.branchId);
  });

  it('refuses tellers, managers of another branch and anyone but admins for the overview; an unknown branch is 404', async () => {
    const teller = new HttpClient(sys.url);
    await teller.login('bob');
    const tellerRes = await teller.req('GET', path());
    expect([tellerRes.status, tellerRes.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const otherManager = new HttpClient(sys.url);
    await otherManager.login('readiness-other');
    const foreign = await otherManager.req('GET', path());
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const overview = await manager.req('GET', '/api/v1/readiness');
    expect([overview.status, overview.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await new HttpClient(sys.url).req('GET', path())).status).toBe(401);
    const ghost = await admin.req('GET', '/api/v1/branches/00000000-0000-4000-8000-000000000000/readiness');
    expect([ghost.status, ghost.body.error.code]).toEqual([404, 'BRANCH_UNKNOWN']);
    const bad = await admin.req('GET', '/api/v1/branches/not%20an%20id/readiness');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
