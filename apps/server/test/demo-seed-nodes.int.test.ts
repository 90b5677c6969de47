/**
 * A second node started with SEED_DEMO (or the same node restarted) used to give the demo kiosk
 * and lobby screen new tokens, unpairing the screens already running on the first node. Seeding
 * now keeps existing tokens, and every node's banner prints the same working links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, openSocket, startTestSystem, type TestSystem } from './support.js';
import { startSecondNode, type SecondNode } from './two-nodes.js';

let sys: TestSystem;
let second: SecondNode;

beforeAll(async () => {
  sys = await startTestSystem();
  second = await startSecondNode(sys, { SEED_DEMO: 'true' });
});
afterAll(async () => {
  await second?.close();
  await sys?.close();
});

describe('seeding the demo on a second node', () => {
  it('keeps the demo screens paired and prints the same device links', async () => {
    const demo = second.system.parts.demo!;
    expect(demo.kioskToken).toBe(sys.kioskToken);
    expect(demo.signageToken).toBe(sys.signageToken);
    // Checked on the second node: its device cache is fresh, so a rotated token would be refused.
    const kiosk = new HttpClient(second.url, { authorization: `Bearer ${sys.kioskToken}` });
    const r = await kiosk.req('POST', `/api/v1/branches/${sys.branchId}/tickets`, { serviceId: sys.service('A') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const lobby = await openSocket(second.url, { auth: { deviceToken: sys.signageToken } });
    expect(lobby.connected).toBe(true);
    lobby.close();
  });
});
