/**
 * A branch's public set-up reaches open kiosks and lobby screens at once, on every node (real
 * Redis, PostgreSQL and sockets; two nodes sharing them; a clock at Monday 2 March 2026, bank
 * hours): an admin's rename, a manager's counter rename, and the kiosk's early window
 * (`walkInEarlyMin`) saved on one node are pushed as `lobby:changed` to screens on the other,
 * whose next snapshot and walk-in hours read the new values instead of a cached copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignageSnapshot, WalkInHours } from '@tellerline/contracts';
import { managerAndTeller, MON } from './booking-support.js';
import { HttpClient, nextEvent, openSocket, type ClientSocket } from './support.js';
import { startSecondNode, type SecondNode } from './two-nodes.js';

const { clock, setTime, at, kiosk, branchPath, command } = managerAndTeller();

let other: SecondNode;
let admin: HttpClient;
let signageThere: ClientSocket;
let kioskHere: ClientSocket;
type LobbyBranch = SignageSnapshot['branch'];

const sync = async (socket: ClientSocket) => {
  const res = (await socket.timeout(3000).emitWithAck('signage:sync', { afterSeq: 0 })) as { data: SignageSnapshot };
  return res.data;
};
const hoursThere = async () => (await new HttpClient(other.url).req('GET', branchPath('/walk-in-hours'))).body.data as WalkInHours;

beforeAll(async () => {
  other = await startSecondNode(at.sys, {}, { clock });
  admin = new HttpClient(at.sys.url);
  await admin.login('admin');
  signageThere = await openSocket(other.url, { auth: { deviceToken: at.sys.signageToken } });
  kioskHere = await openSocket(at.sys.url, { auth: { deviceToken: at.sys.kioskToken } });
});

afterAll(async () => {
  signageThere?.close();
  kioskHere?.close();
  await other?.close();
});

describe('lobby screens follow set-up changes at once', () => {
  it("an admin's branch rename on one node reaches the signage on the other and the kiosk, and the next snapshot there", async () => {
    // The other node has read (and cached) the branch's profile.
    expect((await sync(signageThere)).branch.name.en).toBe('Main Branch');
    const onSignage = nextEvent<LobbyBranch>(signageThere, 'lobby:changed', (b) => b.name.en === 'Riverside Branch');
    const onKiosk = nextEvent<LobbyBranch>(kioskHere, 'lobby:changed', (b) => b.name.en === 'Riverside Branch');
    const renamed = await admin.req('PATCH', `/api/v1/branches/${at.sys.branchId}`, { name: { zh: '滨江支行', en: 'Riverside Branch' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(await onSignage).toEqual({ id: at.sys.branchId, name: { zh: '滨江支行', en: 'Riverside Branch' }, timezone: 'Asia/Shanghai' });
    expect((await onKiosk).name.zh).toBe('滨江支行');
    // Not the copy the other node cached a moment ago.
    expect((await sync(signageThere)).branch.name).toEqual({ zh: '滨江支行', en: 'Riverside Branch' });
  });

  it("a manager's counter rename shows on the lobby's current call at once", async () => {
    setTime(MON, '09:30');
    const t = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect((await command('call-next')).status).toBe(200);
    const before = await sync(signageThere);
    expect(before.calls[0]).toMatchObject({ number: t.body.data.view.number, counterLabel: '1' });

    const changed = nextEvent<LobbyBranch>(signageThere, 'lobby:changed');
    const renamed = await at.manager.req('PATCH', branchPath(`/counters/${at.sys.counter('1')}`), { label: '1 VIP' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await changed).id).toBe(at.sys.branchId);
    // The screen reads its calls again: the call names the counter as the customer now sees it.
    expect((await sync(signageThere)).calls[0]).toMatchObject({ number: t.body.data.view.number, counterLabel: '1 VIP' });
    await command('no-show', { ticketId: t.body.data.ticketId });
  });

  it("the kiosk's early window saved on one node: the kiosk is told, and the other node's walk-in hours change at once", async () => {
    setTime(MON, '08:20');
    // Default 30 min before 09:00: not yet at 08:20 (the other node caches this answer).
    expect(await hoursThere()).toMatchObject({ issuing: false, closed: 'not-yet', next: { opensAtLocal: '09:00', ticketsFromLocal: '08:30' } });
    const told = nextEvent<LobbyBranch>(kioskHere, 'lobby:changed');
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { walkInEarlyMin: 60 } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await told).id).toBe(at.sys.branchId);
    expect(await hoursThere()).toMatchObject({ issuing: true });
  });
});
