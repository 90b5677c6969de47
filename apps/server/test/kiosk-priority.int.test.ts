/**
 * A kiosk's device token (or the public remote queue) issues normal tickets only: priority goes
 * before everyone waiting, and only staff give it, at the Lobby card. Every issue's audit row
 * names the class, and one kiosk issues at most KIOSK_ISSUES_PER_MIN tickets a minute, so a
 * stolen token cannot flood a queue. Real API on PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

let sys: TestSystem;
let kiosk: HttpClient;
beforeAll(async () => {
  sys = await startTestSystem();
  await waitFor('the business day to open', async () => Boolean((await sys.system.parts.store.load(sys.branchId))?.openDay));
  kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
});
afterAll(async () => {
  await sys?.close();
});

const tickets = () => `/api/v1/branches/${sys.branchId}/tickets`;
const waiting = async () => Object.values((await sys.system.parts.store.load(sys.branchId))!.tickets).filter((t) => t.status === 'waiting');
const issueAudits = async () => (await sys.system.parts.db.audit.list(sys.branchId, 500)).filter((e) => e.action === 'issue');

describe('ticket classes', () => {
  it('refuses a kiosk asking for priority or vip with 403 PRIORITY_NOT_ALLOWED, issuing nothing', async () => {
    const before = (await waiting()).length;
    for (const priority of ['vip', 'priority']) {
      const r = await kiosk.req('POST', tickets(), { serviceId: sys.service('A'), priority, requestId: `vip-try-${priority}` });
      expect([r.status, r.body.error?.code], priority).toEqual([403, 'PRIORITY_NOT_ALLOWED']);
      expect(r.body.error.message).toMatch(/lobby staff/);
    }
    expect(await waiting()).toHaveLength(before);
  });

  it('refuses the remote queue asking for vip with 403 PRIORITY_NOT_ALLOWED', async () => {
    const before = (await waiting()).length;
    const r = await new HttpClient(sys.url).req('POST', `/api/v1/branches/${sys.branchId}/remote-tickets`, { serviceId: sys.service('A'), priority: 'vip' });
    expect([r.status, r.body.error?.code]).toEqual([403, 'PRIORITY_NOT_ALLOWED']);
    expect(await waiting()).toHaveLength(before);
  });

  it("records the class in every issue's audit row: normal from the kiosk, the staff member's choice from the Lobby card", async () => {
    const r = await kiosk.req('POST', tickets(), { serviceId: sys.service('A'), priority: 'normal' });
    expect(r.status).toBe(201);
    const manager = new HttpClient(sys.url);
    await manager.login('manager');
    const lobby = await manager.req('POST', `/api/v1/branches/${sys.branchId}/commands`, { type: 'issue-ticket', serviceId: sys.service('A'), priority: 'vip', reason: 'Elderly customer' });
    expect(lobby.status, JSON.stringify(lobby.body)).toBe(200);
    const rows = await waitFor('both audit rows', async () => {
      const all = await issueAudits();
      const kioskRow = all.find((e) => e.ticketId === r.body.data.ticketId);
      const lobbyRow = all.find((e) => e.role === 'manager');
      return kioskRow && lobbyRow ? { kioskRow, lobbyRow } : null;
    });
    expect(rows.kioskRow.details).toMatchObject({ priority: 'normal', kind: 'walk-in' });
    expect(rows.lobbyRow.details).toMatchObject({ priority: 'vip' });
  });
});

describe('per-kiosk issue cap', () => {
  it('issues 30 tickets a minute from one kiosk, then 429 RATE_LIMITED with Retry-After; a retry of an answered request is still answered', async () => {
    // The earlier tests of this file issued one kiosk ticket (within this minute, most likely):
    // count what is left of the cap by issuing until refused, at most the cap plus one.
    const first = await kiosk.req('POST', tickets(), { serviceId: sys.service('A'), requestId: 'cap-first-request' });
    expect(first.status).toBe(201);
    let refused;
    let issued = 1;
    for (let i = 0; i < 31; i++) {
      const r = await kiosk.req('POST', tickets(), { serviceId: sys.service('A') });
      if (r.status !== 201) {
        refused = r;
        break;
      }
      issued++;
    }
    expect(issued).toBeLessThanOrEqual(30);
    expect(issued).toBeGreaterThanOrEqual(28);
    expect([refused?.status, refused?.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused!.headers.get('retry-after')).toBe('60');
    // The kiosk lost the first answer and asks again: the same ticket, not a refusal.
    const again = await kiosk.req('POST', tickets(), { serviceId: sys.service('A'), requestId: 'cap-first-request' });
    expect([again.status, again.body.data?.ticketId]).toEqual([200, first.body.data.ticketId]);
  });
});
